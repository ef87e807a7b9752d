"""What accounts do: create staff, check passwords, invite colleagues."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from planner.accounts.models import Invitation, LoginAttempt, Role, User
from planner.clock import utcnow
from planner.extensions import db
from planner.schools.models import School

INVITATION_DAYS = 7
MIN_PASSWORD_LENGTH = 10


# Failed sign-ins counted per account and per client address within a sliding window; the
# counts live in the database, so every worker of a deployment sees the same numbers.
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_CLIENT = 20


class InvitationInvalidError(ValueError):
    """An invitation link that is unknown, used or expired."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def email_taken(email: str) -> bool:
    return find_user(email) is not None


def create_user(school: School, *, email: str, name: str, password: str, role: Role) -> User:
    """A staff account in a school; flushes, never commits."""
    user = User(school=school, email=normalize_email(email), name=name.strip(), role=role.value)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same answer either way)."""
    user = find_user(email)
    if user is None:
        # Spend the same time as a real check, so timing does not tell which e-mails exist.
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.active or not user.check_password(password):
        return None
    return user


def _keyed(value: str) -> str:
    """A keyed hash: the table shows neither the addresses typed nor where people were."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def login_wait_minutes(email: str, client: str) -> int:
    """Minutes until this account may be tried again from this client; 0 when it may now."""
    since = utcnow() - LOGIN_WINDOW
    recent = select(LoginAttempt.at).where(LoginAttempt.at >= since)
    limits = (
        (LoginAttempt.email_hash == _keyed(normalize_email(email)), LOGIN_FAILURES_PER_ACCOUNT),
        (LoginAttempt.client == _keyed(client), LOGIN_FAILURES_PER_CLIENT),
    )
    wait = 0.0
    for condition, limit in limits:
        times = db.session.scalars(
            recent.where(condition).order_by(LoginAttempt.at.desc()).limit(limit)
        ).all()
        if len(times) >= limit:
            # Blocked until the oldest of the last `limit` failures leaves the window.
            free_at = times[-1] + LOGIN_WINDOW
            wait = max(wait, (free_at - utcnow()).total_seconds() / 60)
    return math.ceil(wait) if wait > 0 else 0


def record_failed_login(email: str, client: str) -> None:
    """Count a failed sign-in, and forget failures that left the window."""
    now = utcnow()
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - LOGIN_WINDOW))
    db.session.add(
        LoginAttempt(email_hash=_keyed(normalize_email(email)), client=_keyed(client), at=now)
    )


def clear_failed_logins(email: str) -> None:
    """A successful sign-in wipes the slate for that account."""
    db.session.execute(
        delete(LoginAttempt).where(LoginAttempt.email_hash == _keyed(normalize_email(email)))
    )


def load_user(user_id: str) -> User | None:
    """The user behind a session id "<id>:<session token>"; None after a password change."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def change_password(user: User, new_password: str) -> None:
    user.set_password(new_password)
    db.session.flush()


def colleagues(school: School) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.school_id == school.id).order_by(User.name))
    )


def teachers_of(school: School) -> list[User]:
    """Staff who can be a class's teacher: coordinators and teachers."""
    return [u for u in colleagues(school) if u.role in (Role.COORDINATOR, Role.TEACHER)]


def invite(school: School, email: str, role: Role, invited_by: User) -> tuple[Invitation, str]:
    """A one-time invitation; returns it and the token for the link (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        school_id=school.id,
        email=normalize_email(email),
        role=role.value,
        token_hash=Invitation.hash_token(token),
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
        created_by_id=invited_by.id,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def open_invitations(school: School) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.school_id == school.id,
                Invitation.used_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at)
        )
    )


def find_invitation(token: str) -> Invitation:
    """The open invitation for a token; raises InvitationInvalidError otherwise."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == Invitation.hash_token(token))
    )
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        raise InvitationInvalidError(token)
    return invitation


def accept_invitation(token: str, *, name: str, password: str) -> User:
    """Turn an invitation into an account; the link cannot be used again."""
    invitation = find_invitation(token)
    school = db.session.get(School, invitation.school_id)
    assert school is not None
    user = create_user(
        school, email=invitation.email, name=name, password=password, role=Role(invitation.role)
    )
    invitation.used_at = utcnow()
    db.session.flush()
    return user


def revoke_invitation(invitation: Invitation) -> None:
    invitation.expires_at = utcnow()
    db.session.flush()


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))
