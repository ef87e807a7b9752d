"""Signing in and staying signed in: the session cookie, its idle time, Flask-Login.

The sessions themselves (rows, keys, ending them) are the accounts domain's
(planner/accounts/sessions.py); this is the request's side of them.
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, flash, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from planner import clock
from planner.accounts.models import User
from planner.accounts.sessions import end_session, start_session
from planner.extensions import db

LAST_SEEN = "seen"  # in the session cookie: when it was last used (seconds since the epoch)
REFRESH_SECONDS = 60


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
