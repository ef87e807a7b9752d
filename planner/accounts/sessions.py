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

from sqlalchemy import delete, select

from planner.accounts.models import User, UserSession, hash_token
from planner.extensions import db


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
