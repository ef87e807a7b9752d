"""`flask catalogue check | sync | report`: content files on the command line."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from planner import clock
from planner.catalogue import pictures
from planner.catalogue.checks import catalogue_warnings
from planner.catalogue.content import ParsedItem, check_tree
from planner.catalogue.operations import CatalogueInvalidError, sync_catalogue
from planner.catalogue.vocab import Kind, Theme
from planner.extensions import db
from planner.plans.spiral import spiral_report

catalogue_cli = AppGroup("catalogue", help="Check, load and report on the content files.")

GRADE_BANDS: tuple[tuple[int, int], ...] = ((1, 2), (3, 4), (5, 6), (7, 8))


def _root(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["CATALOGUE_PATH"])


@catalogue_cli.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=True))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check_command(path: str | None, strict: bool) -> None:
    """Validate every content file; print each error as path:line: field: message, then
    the warnings (what keeps a lesson from being ready to teach)."""
    items, errors = check_tree(_root(path))
    for error in errors:
        click.echo(str(error), err=True)
    warnings = catalogue_warnings(items)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if warnings:
        click.echo(f"{len(warnings)} warning(s) in {_root(path)}", err=True)
    if errors:
        click.echo(f"{len(errors)} error(s) in {_root(path)}", err=True)
    if errors or (strict and warnings):
        sys.exit(1)
    click.echo(f"{len(items)} file(s) OK")


@catalogue_cli.command("pictures")
@click.argument("words", nargs=-1)
def pictures_command(words: tuple[str, ...]) -> None:
    """List the picture names that contain all the given (English) words."""
    found = pictures.search(" ".join(words))
    for name in found:
        click.echo(name)
    click.echo(f"{len(found)} picture(s); use them as ![Dutch description](picture:name)", err=True)


@catalogue_cli.command("sync")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False))
def sync_command(path: str | None) -> None:
    """Load the content files into the database; running it again changes nothing."""
    try:
        report = sync_catalogue(_root(path))
    except CatalogueInvalidError as invalid:
        db.session.rollback()
        for error in invalid.errors:
            click.echo(str(error), err=True)
        click.echo("Nothing was loaded: fix the errors above first.", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(
        f"created {len(report.created)}, updated {len(report.updated)}, "
        f"archived {len(report.archived)}, unchanged {report.unchanged}"
    )
    for slug in report.archived:
        click.echo(f"  archived: {slug}")


def coverage_matrix(items: list[ParsedItem]) -> dict[tuple[int, int], Counter[str]]:
    """Lessons per grade band and theme."""
    matrix: dict[tuple[int, int], Counter[str]] = {band: Counter() for band in GRADE_BANDS}
    for item in items:
        if item.content.kind != Kind.LESSON:
            continue
        grades = set(item.content.effective_grades())
        for band in GRADE_BANDS:
            if grades & set(range(band[0], band[1] + 1)):
                matrix[band].update(theme.value for theme in item.content.themes)
    return matrix


@catalogue_cli.command("report")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False))
def report_command(path: str | None) -> None:
    """Print the coverage matrix (grade band x theme) and the counts per kind and country."""
    items, errors = check_tree(_root(path))
    if errors:
        click.echo(f"{len(errors)} file(s) have errors; run `flask catalogue check`.", err=True)
    matrix = coverage_matrix(items)
    themes = [theme.value for theme in Theme]
    width = max(len(theme) for theme in themes)
    click.echo("Lessons per grade band and theme")
    click.echo(" " * width + "".join(f"  groep {a}-{b}" for a, b in GRADE_BANDS))
    for theme in themes:
        row = "".join(f"{matrix[band][theme]:>11}" for band in GRADE_BANDS)
        click.echo(f"{theme:<{width}}{row}")
    click.echo("")
    click.echo("Items per kind and country")
    kinds = Counter(item.content.kind.value for item in items)
    for kind in Kind:
        per_country = Counter(
            country.value
            for item in items
            if item.content.kind == kind
            for country in item.content.country
        )
        click.echo(
            f"{kind.value:<{width}}{kinds[kind.value]:>5}   NL {per_country['NL']:>3}   "
            f"BE {per_country['BE']:>3}"
        )
    click.echo(f"{'total':<{width}}{len(items):>5}")
    click.echo("")
    _report_spiral(items)
    if errors:
        sys.exit(1)


def _report_spiral(items: list[ParsedItem]) -> None:
    """Lessons written per year, and what the generated plans of consecutive years share."""
    report = spiral_report(items, clock.today())
    click.echo(f"Lessons per year (plans generated for {report.school_year})")
    click.echo(f"{'year':<24}{'written':>8}{'NL plan':>9}{'BE plan':>9}")
    for row in report.years:
        click.echo(f"{row.label:<24}{row.written:>8}{row.planned['NL']:>9}{row.planned['BE']:>9}")
    click.echo("Lessons shared by the plans of consecutive years (NL / BE)")
    for pair in report.consecutive:
        click.echo(f"  {pair.label:<30}{pair.shared['NL']:>4} /{pair.shared['BE']:>3}")
    click.echo("Lessons shared by a combination class's two years in a row (NL / BE)")
    for pair in report.combinations:
        click.echo(f"  {pair.label:<30}{pair.shared['NL']:>4} /{pair.shared['BE']:>3}")
