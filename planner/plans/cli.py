"""`flask plan generate | show`: plans on the command line, for coordinators and scripts."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from planner import clock
from planner.extensions import db
from planner.i18n import locale_for_country
from planner.plans import labels, operations
from planner.plans.models import Plan
from planner.web.cli_lookup import class_named, domain_errors_as_messages, school_named, school_year

plan_cli = AppGroup("plan", help="Generate and show yearly plans.")


@plan_cli.command("generate")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--year", "year_label", required=True, help="School year, e.g. 2026-2027.")
@click.option("--class", "class_name", help="One class; without it, every class.")
def generate_command(school_name: str, year_label: str, class_name: str | None) -> None:
    """Generate the plan of one class, or of every class and the whole school."""
    school, year = school_named(school_name), school_year(year_label)
    today = clock.today()
    with domain_errors_as_messages():
        if class_name:
            school_class = class_named(school, class_name)
            context = operations.year_context(school, year)
            items = operations.plannable_items(school_id=school.id)
            plans = [operations.generate_plan(school_class, context, items, today)]
        else:
            plans = operations.generate_school(school, year, today)
    db.session.commit()
    for plan in plans:
        gaps = ", ".join(gap["theme"] for gap in plan.gaps) or "none"
        click.echo(f"{plan.school_class.name}: {len(plan.entries)} entries, gaps: {gaps}")


@plan_cli.command("show")
@click.option("--school", "school_name", required=True, help="Name of the school.")
@click.option("--year", "year_label", required=True, help="School year, e.g. 2026-2027.")
@click.option("--class", "class_name", required=True, help="Name of the class.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show_command(school_name: str, year_label: str, class_name: str, as_json: bool) -> None:
    """Show a class plan, as text or as JSON."""
    school, year = school_named(school_name), school_year(year_label)
    school_class = class_named(school, class_name)
    plan = operations.get_plan(school_class, year)
    locale = locale_for_country(school.locale, school.country)
    with force_locale(locale):
        entries = _entries_as_data(plan, locale)
    if as_json:
        data = {"class": school_class.name, "grades": school_class.grades, "entries": entries}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(f"{school_class.name} has no plan for {year.label}.", err=True)
        sys.exit(1)
    for entry in entries:
        click.echo(f"{entry['date']}  {entry['title']}  ({entry['reason']}, {entry['status']})")


def _entries_as_data(plan: Plan | None, locale: str) -> list[dict[str, object]]:
    """Plan entries as plain data, with the reason in the school's language."""
    return [
        {
            "date": entry.day.isoformat(),
            "slug": entry.item.slug if entry.item else None,
            "title": entry.item.title.get(locale) if entry.item else entry.title,
            "kind": entry.item.kind if entry.item else "custom",
            "themes": entry.item.data["themes"] if entry.item else [],
            "reason": labels.reason_label(entry),
            "reason_code": entry.reason_code,
            "status": entry.status,
            "locked": entry.locked,
        }
        for entry in (plan.entries if plan else [])
    ]
