"""Sessions that end: on logout, everywhere at once, and after a school day without activity.

The signed session cookie carries the user's id and a random key; the database keeps only the
key's hash (UserSession). Logging out deletes that row, so a copy of the old cookie no longer
signs anyone in; "log out everywhere", a new password and deactivation delete every row of the
person. How long a session may stay unused is kept in the cookie as the moment it was last
used, refreshed at most once a minute.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from flask import Flask, current_app, flash, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import delete, select

from planner import clock
from planner.accounts.models import User, UserSession, hash_token
from planner.extensions import db

LAST_SEEN = "seen"  # in the session cookie: when it was last used (seconds since the epoch)
REFRESH_SECONDS = 60


def start_session(user: User, now: datetime) -> str:
    """A new session for the user; sets and returns its key (only the hash is stored)."""
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key_hash=hash_token(key), created_at=now))
    db.session.flush()
    user.session_key = key
    return key


def load_user(user_id: str) -> User | None:
    """The active user behind a cookie's "<id>:<session key>"; None once that session ended."""
    raw_id, _, key = user_id.partition(":")
    if not raw_id.isdigit() or not key:
        return None
    user = db.session.scalar(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(User.id == int(raw_id), UserSession.key_hash == hash_token(key))
    )
    if user is None or not user.active:
        return None
    user.session_key = key
    return user


def end_session(user: User) -> None:
    """End the session this request runs in."""
    db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.key_hash == hash_token(user.session_key)
        )
    )


def end_all_sessions(user: User, *, except_current: bool = False) -> int:
    """End the person's sessions on every device (but this one, if asked); returns how many."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if except_current and user.session_key:
        statement = statement.where(UserSession.key_hash != hash_token(user.session_key))
    return db.session.execute(statement).rowcount or 0


def expire_idle_session() -> None:
    """Before each request: a session unused for longer than the idle time ends; otherwise
    note that it is in use."""
    if "_user_id" not in session:
        return
    now = clock.utcnow().timestamp()
    seen = session.get(LAST_SEEN)
    idle_seconds = int(current_app.config["SESSION_IDLE_MINUTES"]) * 60
    if isinstance(seen, int | float) and now - seen > idle_seconds:
        if current_user.is_authenticated:
            end_session(current_user)
            db.session.commit()
        logout_user()
        session.pop(LAST_SEEN, None)
        flash(_("You were logged out because you had not used the planner for a while."), "info")
        return
    if not isinstance(seen, int | float) or now - seen > REFRESH_SECONDS:
        note_use(clock.utcnow())


def sign_in(user: User) -> None:
    """Log the user in with a new session (commits): its key goes into the signed cookie."""
    now = clock.utcnow()
    start_session(user, now)
    db.session.commit()
    login_user(user)
    note_use(now)


def note_use(now: datetime) -> None:
    """The session is in use now (at login: the idle time starts counting)."""
    session[LAST_SEEN] = int(now.timestamp())


def init_sessions(app: Flask) -> None:
    """Check every request's session for idleness."""
    app.before_request(expire_idle_session)
