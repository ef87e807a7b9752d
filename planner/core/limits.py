"""How large a request body each route accepts, decided before anything reads the body.

Most forms are small, so the application's MAX_CONTENT_LENGTH is small. Routes that take less
(logins, parents' answers) or more (the two uploads) say so with `body_limit`; a hook that runs
before the CSRF check (the first reader of a posted form) sets the limit on the request, so an
oversize body is refused with 413 from its Content-Length, before it is read or parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request

F = TypeVar("F", bound=Callable[..., object])
Limit = str | Callable[[], int]  # a configuration key, or a function of the configuration

# Logins, password links and parents' answers: a few short fields.
SMALL_FORM = "SMALL_FORM_MAX_BYTES"
# What a browser adds to an uploaded file: the other fields and the multipart framing. An
# upload just over its own limit gets the form's own message, not a bare 413.
UPLOAD_SLACK_BYTES = 64 * 1024


def body_limit(limit: Limit) -> Callable[[F], F]:
    """The view accepts bodies up to this many bytes instead of the application's default."""

    def decorator(view: F) -> F:
        view.body_limit = limit  # type: ignore[attr-defined]
        return view

    return decorator


def apply_body_limit() -> None:
    """Before any reader of the body: the limit of the route being requested."""
    view = current_app.view_functions.get(request.endpoint or "")
    limit: Limit | None = getattr(view, "body_limit", None)
    if limit is None:
        return
    request.max_content_length = (
        int(current_app.config[limit]) if isinstance(limit, str) else limit()
    )
