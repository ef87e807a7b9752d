"""Where a form may send the user back to."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str:
    """Only local paths, so the switch cannot be used to send people elsewhere."""
    if not target:
        return "/"
    # Browsers read a backslash as a slash ("/\\evil.example" is another site) and ignore
    # tabs and line breaks inside a URL, so none of them is allowed.
    if any(ch in target for ch in "\\\t\r\n"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
