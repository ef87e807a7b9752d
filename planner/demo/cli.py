"""`flask demo`: create the two demo schools; running it again changes nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from planner import clock
from planner.accounts import operations as accounts
from planner.accounts.models import Role
from planner.demo.policy import seed_policy
from planner.demo.year import seed_year
from planner.extensions import db
from planner.schools import operations
from planner.schools.calendar import MissingCalendarError
from planner.schools.models import SchoolClass
from planner.web.messages import describe


@dataclass(frozen=True)
class DemoSchool:
    name: str
    country: str
    region: str
    locale: str
    domain: str
    classes: tuple[tuple[str, tuple[int, ...], int], ...]
    teacher_class: str


DEMO_SCHOOLS = (
    DemoSchool(
        "De Regenboog",
        "NL",
        "midden",
        "nl",
        "deregenboog.example",
        (
            ("Groep 1/2", (1, 2), 26),
            ("Groep 3", (3,), 24),
            ("Groep 4", (4,), 25),
            ("Groep 5", (5,), 27),
            ("Groep 6", (6,), 26),
            ("Groep 7/8", (7, 8), 28),
        ),
        "Groep 7/8",
    ),
    DemoSchool(
        "De Vlinder",
        "BE",
        "vlaanderen",
        "nl_BE",
        "devlinder.example",
        (
            ("K3", (2,), 18),
            ("1ste leerjaar", (3,), 20),
            ("2de leerjaar", (4,), 21),
            ("3de leerjaar", (5,), 19),
            ("4de leerjaar", (6,), 22),
            ("5de leerjaar", (7,), 20),
            ("6de leerjaar", (8,), 21),
        ),
        "5de leerjaar",
    ),
)


@click.command("demo")
@with_appcontext
@click.option("--password", help="Password for every demo account (default: a random one).")
def demo_command(password: str | None) -> None:
    """Create two complete demo schools; running it again changes nothing."""
    password = password or secrets.token_urlsafe(9)
    today = clock.today()
    created = False
    notes: list[str] = []
    for demo in DEMO_SCHOOLS:
        if operations.find_school(demo.name) is None:
            note = _create_demo_school(demo, password, today)
            if note:
                notes.append(f"{demo.name}: {note}")
            created = True
    db.session.commit()
    click.echo("Demo schools:" if created else "The demo schools already exist; nothing changed.")
    for demo in DEMO_SCHOOLS:
        click.echo(f"  {demo.name}: coordinator@{demo.domain} and leerkracht@{demo.domain}")
    for note in notes:
        click.echo(note)
    if created:
        click.echo(f"Password for these accounts: {password}")
    else:
        click.echo("Their passwords were not changed.")
    click.echo("Log in at /inloggen.")


def _create_demo_school(demo: DemoSchool, password: str, today) -> str | None:
    """A school with staff, classes and policy; its year plans, ticked off up to today, a
    booked guest lesson and a parent evening ahead, when its calendar is known. Returns a
    note for the console when the calendar is not."""
    school = operations.create_school(demo.name, demo.country, demo.region, demo.locale)
    coordinator = accounts.create_user(
        school,
        email=f"coordinator@{demo.domain}",
        name="Coördinator " + demo.name,
        password=password,
        role=Role.COORDINATOR,
    )
    teacher = accounts.create_user(
        school,
        email=f"leerkracht@{demo.domain}",
        name="Leerkracht " + demo.name,
        password=password,
        role=Role.TEACHER,
    )
    for name, grades, head_count in demo.classes:
        teachers = [teacher] if name == demo.teacher_class else [coordinator]
        operations.save_class(
            school,
            SchoolClass(),
            name=name,
            grades=grades,
            head_count=head_count,
            teachers=teachers,
        )
    seed_policy(school, today)
    try:
        seed_year(school, teacher, today)
    except MissingCalendarError as error:
        with force_locale("en"):
            return describe(error) + " No plans or parent evening were made."
    return None
