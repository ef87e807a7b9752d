"""What accounts do: create staff, check passwords, invite colleagues, manage colleagues'
accounts and password links."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from planner.accounts.models import Invitation, LoginAttempt, PasswordReset, Role, User, hash_token
from planner.accounts.sessions import end_all_sessions
from planner.clock import utcnow
from planner.errors import DomainError
from planner.extensions import db
from planner.locking import lock_row
from planner.schools.models import School

INVITATION_DAYS = 7
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
RESET_LINK_HOURS = 24
# Someone asking for reset links for another person's address fills their inbox at most so far.
RESET_LINKS_PER_HOUR = 3


# Failed sign-ins counted per account and per client address within a sliding window; the
# counts live in the database, so every worker of a deployment sees the same numbers.
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_CLIENT = 20


class InvitationInvalidError(DomainError):
    """An invitation or reset link that is unknown, used or expired."""

    status = 404

    def __init__(self) -> None:
        # Never the token: it is a secret, and errors end up in logs.
        super().__init__("account.link_invalid")


class AccountError(DomainError):
    """Something about a colleague's account that cannot be done; its code says why."""


class TooManyAttemptsError(DomainError):
    """A password typed wrong too often; `minutes` until it may be tried again."""

    status = 429


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


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


def change_password(user: User, new_password: str) -> None:
    """A new password; the person's sessions on other devices end."""
    user.set_password(new_password)
    end_all_sessions(user, except_current=True)
    db.session.flush()


def verify_password_again(user: User, password: str, client: str) -> bool:
    """Whether the signed-in person typed their own password (before a change that needs it).

    Counted as the login counts: after too many wrong tries it raises TooManyAttemptsError,
    and a wrong one is recorded (commit it, also when the form is refused)."""
    wait = login_wait_minutes(user.email, client)
    if wait:
        raise TooManyAttemptsError("account.too_many_attempts", num=wait, minutes=wait)
    if user.check_password(password):
        return True
    record_failed_login(user.email, client)
    return False


def colleagues(school: School, *, inactive: bool = False) -> list[User]:
    """The school's staff with an active account (also the deactivated ones, if asked)."""
    statement = select(User).where(User.school_id == school.id)
    if not inactive:
        statement = statement.where(User.active.is_(True))
    return list(db.session.scalars(statement.order_by(User.name)))


def teachers_of(school: School) -> list[User]:
    """Staff who can be a class's teacher: coordinators and teachers."""
    return [u for u in colleagues(school) if u.role in (Role.COORDINATOR, Role.TEACHER)]


# --- managing colleagues ------------------------------------------------------------------


def _other_active_coordinators(user: User) -> int:
    """Active coordinators of the user's school besides the user, counted under a lock on the
    school, so that two coordinators demoting each other at once cannot both succeed."""
    lock_row(School, user.school_id)
    return (
        db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(
                User.school_id == user.school_id,
                User.role == Role.COORDINATOR.value,
                User.active.is_(True),
                User.id != user.id,
            )
        )
        or 0
    )


def _keep_a_coordinator(user: User) -> None:
    if user.active and user.role == Role.COORDINATOR and _other_active_coordinators(user) == 0:
        raise AccountError("account.last_coordinator", name=user.name)


def deactivate(user: User, by: User) -> None:
    """The colleague can no longer log in, and is logged out everywhere; nothing is deleted,
    so their name stays on what they did."""
    if user.id == by.id:
        raise AccountError("account.not_yourself")
    _keep_a_coordinator(user)
    user.active = False
    end_all_sessions(user)
    _close_reset_links(user)
    db.session.flush()


def reactivate(user: User) -> None:
    """The colleague can log in again with their own password (or a reset link)."""
    user.active = True
    db.session.flush()


def change_role(user: User, role: Role) -> None:
    """A colleague's new role; the school keeps at least one active coordinator."""
    if role != Role.COORDINATOR:
        _keep_a_coordinator(user)
    user.role = role.value
    db.session.flush()


def colleague_with_email(school: School, email: str) -> User | None:
    """The school's account, active or not, with this address."""
    user = find_user(email)
    return user if user is not None and user.school_id == school.id else None


# --- password links -----------------------------------------------------------------------


def reset_link(user: User, *, made_by: User | None = None) -> str:
    """A one-time link to choose a new password; returns its token (only the hash is kept).
    Earlier open links of the person stop working."""
    if not user.active:
        raise AccountError("account.inactive", name=user.name)
    _close_reset_links(user)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=hash_token(token),
            expires_at=now + timedelta(hours=RESET_LINK_HOURS),
            created_by_id=made_by.id if made_by else None,
            created_at=now,
        )
    )
    db.session.flush()
    return token


def forgotten_password_link(email: str) -> tuple[User, str] | None:
    """For "forgot your password": a link for the active account with this address, unless
    it had several within the hour; None either way otherwise (the page says the same)."""
    user = find_user(email)
    if user is None or not user.active:
        return None
    recent = db.session.scalar(
        select(func.count())
        .select_from(PasswordReset)
        .where(
            PasswordReset.user_id == user.id,
            PasswordReset.created_at >= utcnow() - timedelta(hours=1),
        )
    )
    if (recent or 0) >= RESET_LINKS_PER_HOUR:
        return None
    return user, reset_link(user)


def find_reset(token: str) -> PasswordReset:
    """The open reset link for a token; raises InvitationInvalidError otherwise."""
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == hash_token(token))
    )
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        raise InvitationInvalidError()
    user = db.session.get(User, reset.user_id)
    if user is None or not user.active:
        raise InvitationInvalidError()
    return reset


def use_reset_link(token: str, password: str) -> User:
    """Set the new password through a link, which then stops working; every session of the
    person ends (the new one starts after this)."""
    reset = find_reset(token)
    taken = db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.id == reset.id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if taken.rowcount != 1:  # used in another tab a moment ago
        raise InvitationInvalidError()
    user = db.session.get(User, reset.user_id)
    assert user is not None
    user.set_password(password)
    end_all_sessions(user)
    clear_failed_logins(user.email)
    db.session.flush()
    return user


def _close_reset_links(user: User) -> None:
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(expires_at=utcnow())
    )


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
        raise InvitationInvalidError()
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
