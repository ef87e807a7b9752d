"""Configuration: defaults, overridden by environment variables and then by test config."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# Templates, message catalogues and the curated catalogue: the top-level folders of a checkout,
# which the package reaches through its symlinks planner/templates, planner/locales and
# planner/lessons; an installed wheel holds them as package data at the same place.
PACKAGE_ROOT = Path(__file__).parent
TEMPLATES = PACKAGE_ROOT / "templates"
LOCALES = PACKAGE_ROOT / "locales"
CURATED_CATALOGUE = PACKAGE_ROOT / "lessons"


def from_environment(instance_path: str) -> dict[str, object]:
    """Settings for a running app; PLANNER_* environment variables override the defaults."""
    database_url = os.environ.get(
        "PLANNER_DATABASE_URL", f"sqlite:///{Path(instance_path) / 'planner.sqlite3'}"
    )
    return {
        "SECRET_KEY": os.environ.get("PLANNER_SECRET_KEY") or _instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CATALOGUE_PATH": os.environ.get("PLANNER_CATALOGUE_PATH", str(CURATED_CATALOGUE)),
        # Rasterised pictures (planner/catalogue/pictures.py); shared by all workers.
        "PICTURE_CACHE_DIR": os.environ.get(
            "PLANNER_PICTURE_CACHE_DIR", str(Path(instance_path) / "picture-cache")
        ),
        "SESSION_COOKIE_SECURE": os.environ.get("PLANNER_SECURE_COOKIES", "") == "1",
        # Behind one reverse proxy: trust its X-Forwarded-For/-Proto/-Host headers.
        "BEHIND_PROXY": os.environ.get("PLANNER_BEHIND_PROXY", "") == "1",
        **_numbers_from_environment(),
        **_smtp_from_environment(),
    }


# Settings that are a whole number, by environment variable (PLANNER_<name>).
NUMBER_SETTINGS = (
    "SESSION_IDLE_MINUTES",
    "CHANGE_LOG_DAYS",
    "UNDO_DAYS",
    "PARENT_QUESTION_DAYS",
)


def _numbers_from_environment() -> dict[str, int]:
    numbers = {}
    for name in NUMBER_SETTINGS:
        raw = os.environ.get(f"PLANNER_{name}", "").strip()
        if raw:
            if not raw.isdigit() or int(raw) < 1:
                raise ValueError(f"PLANNER_{name} must be a whole number above 0, not {raw!r}")
            numbers[name] = int(raw)
    return numbers


def _smtp_from_environment() -> dict[str, object]:
    """The mail server from PLANNER_SMTP_*; without a host no e-mail is sent."""
    host = os.environ.get("PLANNER_SMTP_HOST", "").strip()
    if not host:
        return {}
    security = os.environ.get("PLANNER_SMTP_SECURITY", "starttls").strip().lower()
    if security not in ("starttls", "ssl", "none"):
        raise ValueError(f"PLANNER_SMTP_SECURITY must be starttls, ssl or none, not {security!r}")
    default_port = {"starttls": "587", "ssl": "465", "none": "25"}[security]
    return {
        "SMTP_HOST": host,
        "SMTP_PORT": int(os.environ.get("PLANNER_SMTP_PORT", default_port)),
        "SMTP_SECURITY": security,
        "SMTP_USERNAME": os.environ.get("PLANNER_SMTP_USERNAME") or None,
        "SMTP_PASSWORD": os.environ.get("PLANNER_SMTP_PASSWORD") or None,
        "SMTP_SENDER": os.environ.get("PLANNER_SMTP_SENDER") or f"planner@{host}",
    }


DEFAULTS: dict[str, object] = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "BABEL_DEFAULT_LOCALE": "nl",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
    "BABEL_TRANSLATION_DIRECTORIES": str(LOCALES),
    "CATALOGUE_PAGE_SIZE": 24,
    # Every form; the uploads (content files, the slide template) and the small public forms
    # (logins, password links, parents' answers) set their own limit (planner/core/limits.py).
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "SMALL_FORM_MAX_BYTES": 32 * 1024,
    # Signed in: a school day without activity, then the session ends.
    "SESSION_IDLE_MINUTES": 9 * 60,
    # Retention (planner/core/retention.py): the change log, undo steps, parents' questions.
    "CHANGE_LOG_DAYS": 365,
    "UNDO_DAYS": 90,
    "PARENT_QUESTION_DAYS": 30,
    # E-mail (planner/mail.py): off until SMTP_HOST is set.
    "SMTP_HOST": None,
    "SMTP_TIMEOUT_SECONDS": 10,
    # A school's own content files (planner/catalogue/upload.py): one upload, and its zip.
    "CONTENT_UPLOAD_MAX_BYTES": 2 * 1024 * 1024,
    "CONTENT_UPLOAD_MAX_FILE_BYTES": 1024 * 1024,
    "CONTENT_UPLOAD_MAX_FILES": 200,
    "CONTENT_UPLOAD_MAX_UNPACKED_BYTES": 8 * 1024 * 1024,
    "CONTENT_UPLOAD_MAX_RATIO": 100,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
}


def _instance_secret(instance_path: str) -> str:
    """A secret key kept in the instance folder, so sessions survive a restart."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
