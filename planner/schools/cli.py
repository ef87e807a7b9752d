"""`flask calendar import` and `flask demo`: school data from the command line."""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from planner.accounts import operations as accounts
from planner.accounts.models import Role
from planner.evenings.operations import seed_demo_evening
from planner.extensions import db
from planner.policy.cli import seed_demo as seed_demo_policy
from planner.schools import operations
from planner.schools.calendar import CalendarDataError
from planner.schools.models import SchoolClass
from planner.schools.operations import current_school_year
from planner.schools.rijksoverheid import parse_rijksoverheid, write_data_file

calendar_cli = AppGroup("calendar", help="School-year calendars.")


@calendar_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Read a Rijksoverheid open-data JSON file with a school year's Dutch school holidays."""
    try:
        holidays = parse_rijksoverheid(file.read_bytes())
        target = write_data_file(holidays, Path(current_app.instance_path) / "holidays" / "nl")
    except CalendarDataError as error:
        click.echo(f"{file}: {error}", err=True)
        sys.exit(1)
    click.echo(f"{holidays.school_year}: {len(holidays.vacations)} holidays saved to {target}")
    for vacation in holidays.vacations:
        dates = ", ".join(
            f"{region} {start:%d-%m}..{end:%d-%m-%Y}"
            for region, (start, end) in sorted(vacation.regions.items())
        )
        click.echo(f"  {vacation.key}: {dates}")


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
    created = False
    for demo in DEMO_SCHOOLS:
        if operations.find_school(demo.name) is None:
            _create_demo_school(demo, password)
            created = True
    db.session.commit()
    click.echo("Demo schools:" if created else "The demo schools already exist; nothing changed.")
    for demo in DEMO_SCHOOLS:
        click.echo(f"  {demo.name}: coordinator@{demo.domain} and leerkracht@{demo.domain}")
    if created:
        click.echo(f"Password for these accounts: {password}")
    else:
        click.echo("Their passwords were not changed.")
    click.echo("Log in at /inloggen.")


def _create_demo_school(demo: DemoSchool, password: str) -> None:
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
    seed_demo_evening(school, current_school_year(school))
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
    seed_demo_policy(school)
