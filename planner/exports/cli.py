"""`flask export deck | evening | plan | school | ics`: the download files, for batch work.

Each command writes exactly the file the matching download button gives, in the language
asked for with --lang (default: the school's own language, or Dutch).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from planner import clock
from planner.catalogue import operations as catalogue
from planner.evenings.models import ParentEvening
from planner.exports import documents
from planner.exports.documents import DECK_KINDS, ExportFile
from planner.extensions import db
from planner.i18n import LOCALES, locale_for_country
from planner.schools.models import School
from planner.web.cli_lookup import class_named, school_named, school_year

export_cli = AppGroup("export", help="Write decks, workbooks and calendars to files.")

lang_option = click.option(
    "--lang",
    type=click.Choice(LOCALES),
    help="Language of the file: nl, nl_BE or en (default: the school's language).",
)
out_option = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The file to write.",
)


def _write(export: ExportFile, out: Path) -> None:
    if not out.parent.is_dir():
        raise click.BadParameter(f"folder {str(out.parent)!r} does not exist", param_hint="--out")
    out.write_bytes(export.data)
    click.echo(f"Wrote {out} ({len(export.data):,} bytes).")


def _locale(lang: str | None, school: School | None) -> str:
    """The language asked for, else the school's; Dutch in the school's country's variant."""
    if school is None:
        return lang or "nl"
    return locale_for_country(lang or school.locale, school.country)


@export_cli.command("deck")
@click.option("--item", "slug", required=True, help="Slug of a lesson or parent module.")
@click.option("--school", "school_name", help="Use this school's template and country.")
@click.option("--class", "class_name", help="A class of --school, for the title slide.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Date on the title slide.")
@click.option("--teacher", help="Teacher on the title slide.")
@click.option("--country", type=click.Choice(["NL", "BE"]), help="Help lines of this country.")
@lang_option
@out_option
def deck_command(
    slug: str,
    school_name: str | None,
    class_name: str | None,
    day,
    teacher: str | None,
    country: str | None,
    lang: str | None,
    out: Path,
) -> None:
    """The slide deck of a lesson or parent-evening module (.pptx)."""
    item = catalogue.get_item(slug)
    if item is None or item.kind not in DECK_KINDS:
        raise click.BadParameter(f"no lesson or parent module {slug!r}", param_hint="--item")
    school = school_named(school_name) if school_name else None
    if class_name and school is None:
        raise click.BadParameter("--class needs --school", param_hint="--class")
    school_class = class_named(school, class_name) if school and class_name else None
    locale = _locale(lang, school)
    wanted = country or (school.country if school else ("BE" if locale == "nl_BE" else "NL"))
    with force_locale(locale):
        export = documents.item_deck_file(
            item,
            locale,
            wanted,
            school,
            class_name=school_class.name if school_class else None,
            day=day.date() if day else None,
            teacher=teacher,
        )
    _write(export, out)


@export_cli.command("evening")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--id", "evening_id", type=int, help="The evening; without it, the next one.")
@lang_option
@out_option
def evening_command(school_name: str, evening_id: int | None, lang: str | None, out: Path) -> None:
    """The slides of a parent evening (.pptx)."""
    school = school_named(school_name)
    evening = _evening(school, evening_id, clock.today())
    locale = _locale(lang, school)
    with force_locale(locale):
        export = documents.evening_deck_file(evening, locale)
    _write(export, out)


def _evening(school: School, evening_id: int | None, today: date) -> ParentEvening:
    if evening_id is not None:
        evening = db.session.get(ParentEvening, evening_id)
        if evening is None or evening.school_id != school.id:
            raise click.BadParameter(
                f"no parent evening {evening_id} in {school.name}", param_hint="--id"
            )
        return evening
    upcoming = db.session.scalar(
        select(ParentEvening)
        .where(ParentEvening.school_id == school.id, ParentEvening.day >= today)
        .order_by(ParentEvening.day, ParentEvening.start_time, ParentEvening.id)
        .limit(1)
    )
    if upcoming is None:
        raise click.ClickException(
            f"{school.name} has no parent evening planned from {today:%Y-%m-%d} on; "
            "choose one with --id."
        )
    return upcoming


@export_cli.command("plan")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--year", "year_label", required=True, help="School year, e.g. 2026-2027.")
@click.option("--class", "class_name", required=True, help="Name of the class.")
@lang_option
@out_option
def plan_command(
    school_name: str, year_label: str, class_name: str, lang: str | None, out: Path
) -> None:
    """A class plan as a spreadsheet (.xlsx)."""
    school, year = school_named(school_name), school_year(year_label)
    school_class = class_named(school, class_name)
    locale = _locale(lang, school)
    with force_locale(locale):
        export = documents.class_plan_file(school_class, year, locale)
    _write(export, out)


@export_cli.command("school")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--year", "year_label", required=True, help="School year, e.g. 2026-2027.")
@lang_option
@out_option
def school_command(school_name: str, year_label: str, lang: str | None, out: Path) -> None:
    """The school workbook: overview, a sheet per class, coverage, guest sessions (.xlsx)."""
    school, year = school_named(school_name), school_year(year_label)
    locale = _locale(lang, school)
    with force_locale(locale):
        export = documents.school_workbook_file(school, year, locale)
    _write(export, out)


@export_cli.command("ics")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--year", "year_label", required=True, help="School year, e.g. 2026-2027.")
@click.option("--class", "class_name", help="One class; without it, the whole school.")
@lang_option
@out_option
def ics_command(
    school_name: str, year_label: str, class_name: str | None, lang: str | None, out: Path
) -> None:
    """A class's or the whole school's plan as a calendar (.ics)."""
    school, year = school_named(school_name), school_year(year_label)
    school_class = class_named(school, class_name) if class_name else None
    locale = _locale(lang, school)
    with force_locale(locale):
        export = documents.calendar_file(school, year, locale, school_class)
    _write(export, out)
