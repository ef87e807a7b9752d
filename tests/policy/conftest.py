"""A Dutch school with three classes and the curated catalogue, for the policy tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from planner.accounts.models import User
from planner.clock import utcnow
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class

EN = {"Accept-Language": "en"}


def this_year(country: str = "NL") -> SchoolYear:
    """The school year running today: placing things in a plan starts from today."""
    return SchoolYear.containing(utcnow().date(), country)


def user(db, school, role: str) -> User:
    return db.session.scalar(select(User).where(User.school_id == school.id, User.role == role))


def klas(db, school, name: str) -> SchoolClass:
    return db.session.scalar(
        select(SchoolClass).where(SchoolClass.school_id == school.id, SchoolClass.name == name)
    )


def with_classes(db, school, classes):
    teacher = user(db, school, "teacher")
    for name, grades, own in classes:
        save_class(
            school,
            SchoolClass(),
            name=name,
            grades=grades,
            head_count=24,
            teachers=[teacher] if own else [],
        )
    db.session.commit()
    return school


@pytest.fixture
def school(make_school, real_catalogue, db):
    """De Regenboog (NL): the teacher teaches Groep 7/8, not Groep 5 or Groep 1/2."""
    made = make_school("De Regenboog")
    return with_classes(
        db,
        made,
        (("Groep 1/2", [1, 2], False), ("Groep 5", [5], False), ("Groep 7/8", [7, 8], True)),
    )


@pytest.fixture
def flemish(make_school, real_catalogue, db):
    """De Vlinder (BE): the teacher teaches the 5de leerjaar."""
    made = make_school("De Vlinder", "BE", "vlaanderen")
    return with_classes(db, made, (("K3", [2], False), ("5de leerjaar", [7], True)))


def in_year(client, year: SchoolYear | None = None):
    client.post("/schooljaar", data={"year": (year or this_year()).label})
    return client
