"""Staff accounts and invitations. Accounts are for adults working at a school only."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import CheckConstraint, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from planner.extensions import db

if TYPE_CHECKING:
    from planner.schools.models import School


class Role(StrEnum):
    COORDINATOR = "coordinator"  # everything in the school
    TEACHER = "teacher"  # edits their own classes, reads the rest of the school
    VIEWER = "viewer"  # reads, e.g. the school leader


ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class User(db.Model):
    """A member of staff with a role in one school."""

    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    school: Mapped[School] = relationship()

    # The session this request runs in (planner/accounts/sessions.py); not stored here.
    session_key: str = ""

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    # What Flask-Login asks of a user (the web layer signs people in; the model needs no
    # import of it): a stored user is always a real, authenticated person.
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """What the signed session cookie carries: the user and the key of one session."""
        return f"{self.id}:{self.session_key}"

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        """Hash with scrypt (werkzeug's default)."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


class Invitation(db.Model):
    """A one-time link with which a coordinator invites a colleague; only its hash is stored."""

    __tablename__ = "invitation"
    __table_args__ = (CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def __repr__(self) -> str:
        return f"<Invitation {self.email} {self.role}>"

    @staticmethod
    def hash_token(token: str) -> str:
        return hash_token(token)


class UserSession(db.Model):
    """One signed-in browser. The cookie holds a random key; only its hash is stored, and
    deleting the row ends the session at once (logging out, everywhere, or deactivation)."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"<UserSession user={self.user_id} {self.created_at}>"


class PasswordReset(db.Model):
    """A one-time link to choose a new password; only its hash is stored."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    # The coordinator who made it; None when the person asked for it themselves.
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"<PasswordReset user={self.user_id} {self.expires_at}>"


def hash_token(token: str) -> str:
    """What is stored of a link's or cookie's random token."""
    return hashlib.sha256(token.encode()).hexdigest()


class LoginAttempt(db.Model):
    """A failed sign-in, kept briefly to slow down password guessing across all workers.

    The address typed and the client are stored as keyed hashes; rows older than the window
    are removed."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
