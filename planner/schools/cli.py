"""`flask calendar import` and `flask demo`: school data from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from planner.schools.calendar import CalendarDataError
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
