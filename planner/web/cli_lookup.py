"""Turn command-line names into the school, school year and class they mean, with clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask_babel import force_locale

from planner.errors import DomainError
from planner.schools import operations as schools
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass
from planner.web.messages import describe


def school_named(name: str) -> School:
    school = schools.find_school(name)
    if school is None:
        raise click.BadParameter(f"no school named {name!r}", param_hint="--school")
    return school


def school_year(label: str) -> SchoolYear:
    try:
        return SchoolYear.parse(label)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--year") from None


def class_named(school: School, name: str) -> SchoolClass:
    for school_class in schools.active_classes(school):
        if school_class.name == name:
            return school_class
    raise click.BadParameter(f"no class named {name!r} in {school.name}", param_hint="--class")


@contextmanager
def domain_errors_as_messages(locale: str = "en") -> Iterator[None]:
    """A domain error (a year without a calendar, say) ends the command with its message in
    the command's language and exit code 1, never with a traceback."""
    try:
        yield
    except DomainError as error:
        with force_locale(locale):
            raise click.ClickException(describe(error)) from None
