"""Who may do what: roles, own classes, and never another school's data."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

from planner.accounts.models import Role, User
from planner.extensions import db
from planner.schools.models import SchoolClass

F = TypeVar("F", bound=Callable[..., object])
M = TypeVar("M")


def roles_required(*roles: Role) -> Callable[[F], F]:
    """The view needs a logged-in user with one of these roles (403 otherwise)."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: object, **kwargs: object) -> object:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


coordinator_required = roles_required(Role.COORDINATOR)
staff_required = roles_required(Role.COORDINATOR, Role.TEACHER, Role.VIEWER)


def visible_school_id() -> int | None:
    """Whose own catalogue items the visitor may see besides the curated ones (None: nobody's)."""
    return current_user.school_id if current_user.is_authenticated else None


def school_country() -> str | None:
    """The country of the visitor's school: what the catalogue shows them by default."""
    return current_user.school.country if current_user.is_authenticated else None


def own(model: type[M], object_id: int) -> M:
    """An object of the current user's school by id; 404 for anything else, even if it exists."""
    found = db.session.get(model, object_id)
    if found is None or getattr(found, "school_id", None) != current_user.school_id:
        abort(404)
    return found


def can_edit_class(user: User, school_class: SchoolClass) -> bool:
    """Coordinators edit every class of their school; teachers only their own classes."""
    if user.school_id != school_class.school_id:
        return False
    if user.role == Role.COORDINATOR:
        return True
    return user.role == Role.TEACHER and any(t.id == user.id for t in school_class.teachers)
