"""The school's contacts for online safety: roles as each country names them.

Operations flush, never commit.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.extensions import db
from planner.policy.errors import PolicyError
from planner.policy.models import (
    Contact,
    ContactRole,
)
from planner.schools.models import School

ROLE_LABELS = {
    ContactRole.COORDINATOR: _l("Anti-bullying coordinator"),
    ContactRole.CONFIDENTIAL: _l("Confidential adviser"),
    ContactRole.POLICE: _l("Youth police officer or digital community officer"),
    ContactRole.YOUTH_WORKER: _l("Children's and youth worker"),
    ContactRole.CLB: _l("CLB contact"),
    ContactRole.OTHER: _l("Other"),
}
ROLE_LABELS_BE = {
    ContactRole.CONFIDENTIAL: _l("Confidential teacher or care coordinator"),
    ContactRole.POLICE: _l("Community police officer"),
    ContactRole.YOUTH_WORKER: _l("Youth worker"),
}


def contact_roles(country: str) -> list[ContactRole]:
    """The roles a school of this country chooses from (the CLB is Flemish)."""
    return [r for r in ContactRole if r != ContactRole.CLB or country == "BE"]


def role_label(role: str, country: str) -> str:
    contact_role = ContactRole(role)
    if country == "BE" and contact_role in ROLE_LABELS_BE:
        return str(ROLE_LABELS_BE[contact_role])
    return str(ROLE_LABELS[contact_role])


def contact_title(contact: Contact, country: str) -> str:
    """The role as the school calls it: its own label, else the standard one."""
    return contact.label or role_label(contact.role, country)


def contacts_of(school: School, *, handout_only: bool = False) -> list[Contact]:
    """The school's contacts in the order of the roles, then by name."""
    statement = select(Contact).where(Contact.school_id == school.id)
    if handout_only:
        statement = statement.where(Contact.on_handout.is_(True))
    rank = {role.value: index for index, role in enumerate(ContactRole)}
    rows = db.session.scalars(statement)
    return sorted(rows, key=lambda c: (rank[c.role], c.label or "", c.name or "", c.id))


def save_contact(
    school: School,
    contact: Contact,
    *,
    role: ContactRole,
    label: str | None,
    name: str | None,
    phone: str | None,
    email: str | None,
    note: str | None,
    on_handout: bool,
) -> Contact:
    """Fill a contact from validated data; flushes."""
    contact.school_id = school.id
    contact.role = role.value
    contact.label = _clean(label)
    contact.name = _clean(name)
    contact.phone = _clean(phone)
    contact.email = _clean(email)
    contact.note = _clean(note)
    contact.on_handout = on_handout
    if contact.role == ContactRole.OTHER and contact.label is None:
        raise PolicyError("policy.contact_role")
    if not (contact.name or contact.phone or contact.email):
        raise PolicyError("policy.contact_reachable")
    db.session.add(contact)
    db.session.flush()
    return contact


def delete_contact(contact: Contact) -> None:
    db.session.delete(contact)
    db.session.flush()


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None
