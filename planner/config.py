"""Configuration: defaults, overridden by environment variables and then by test config."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def from_environment(instance_path: str) -> dict[str, object]:
    """Settings for a running app; PLANNER_* environment variables override the defaults."""
    database_url = os.environ.get(
        "PLANNER_DATABASE_URL", f"sqlite:///{Path(instance_path) / 'planner.sqlite3'}"
    )
    return {
        "SECRET_KEY": os.environ.get("PLANNER_SECRET_KEY") or _instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CATALOGUE_PATH": os.environ.get("PLANNER_CATALOGUE_PATH", str(PROJECT_ROOT / "lessons")),
        # Rasterised pictures (planner/catalogue/pictures.py); shared by all workers.
        "PICTURE_CACHE_DIR": os.environ.get(
            "PLANNER_PICTURE_CACHE_DIR", str(Path(instance_path) / "picture-cache")
        ),
        "SESSION_COOKIE_SECURE": os.environ.get("PLANNER_SECURE_COOKIES", "") == "1",
        # Behind one reverse proxy: trust its X-Forwarded-For/-Proto/-Host headers.
        "BEHIND_PROXY": os.environ.get("PLANNER_BEHIND_PROXY", "") == "1",
    }


DEFAULTS: dict[str, object] = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "BABEL_DEFAULT_LOCALE": "nl",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "locales"),
    "CATALOGUE_PAGE_SIZE": 24,
    # Large enough for a school's slide template (at most 10 MB, see exports.pptx).
    "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
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
