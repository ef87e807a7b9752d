"""Downloads: lesson and parent-evening decks (.pptx), plans (.xlsx) and calendars (.ics)."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_babel import force_locale
from flask_login import current_user

from planner.accounts.permissions import own, staff_required
from planner.catalogue import operations as catalogue
from planner.catalogue.content import parse_slides
from planner.catalogue.views import deck_for
from planner.evenings.models import ParentEvening
from planner.evenings.operations import block_title, timed_programme
from planner.exports import rows
from planner.exports.deck import Deck, DeckOptions, EveningDeckInput, evening_deck
from planner.exports.ics import render_calendar
from planner.exports.pptx import render_deck
from planner.exports.workbook import class_plan_sheet, render_workbook, school_workbook_sheets
from planner.extensions import db
from planner.i18n import current_locale
from planner.plans import operations as plans
from planner.policy.models import AgreementAudience
from planner.policy.operations import AUDIENCE_LABELS, agreements_of
from planner.schools.models import School, SchoolClass
from planner.schools.views import selected_year

bp = Blueprint("exports", __name__)

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-") or "plan"


@bp.get("/catalogus/<slug>/dia.pptx")
def lesson_slides(slug: str) -> Response:
    """The slides of a lesson or parent-evening module, as shown in the preview."""
    item = catalogue.get_item(slug)
    if item is None or item.kind not in ("lesson", "parent_module"):
        abort(404)
    deck = deck_for(item)
    return _download(render_deck(deck), PPTX, f"{item.slug}.pptx")


@bp.get("/jaarplan/klas/<int:class_id>/plan.xlsx")
@staff_required
def class_workbook(class_id: int) -> Response:
    """A class plan as a spreadsheet: one row per activity, print-ready."""
    school_class = own(SchoolClass, class_id)
    year = selected_year()
    locale = current_locale()
    plan = plans.get_plan(school_class, year)
    extra = plans.school_entries_for(school_class, plans.get_school_plan(school_class.school, year))
    sheet = class_plan_sheet(
        school_class.name, rows.plan_rows(plan, locale, extra), rows.workbook_labels(locale)
    )
    title = f"{school_class.school.name} · {school_class.name} · {year.label}"
    data = render_workbook([sheet], rows.workbook_options(locale, title))
    return _download(data, XLSX, f"jaarplan-{_safe(school_class.name)}-{year.label}.xlsx")


@bp.get("/jaarplan/overzicht/school.xlsx")
@staff_required
def school_workbook() -> Response:
    """The school workbook: overview, a sheet per class, coverage, guest sessions."""
    school = current_user.school
    year = selected_year()
    locale = current_locale()
    sheets = school_workbook_sheets(
        rows.school_class_plans(school, year, locale), rows.workbook_labels(locale)
    )
    data = render_workbook(sheets, rows.workbook_options(locale, f"{school.name} · {year.label}"))
    return _download(data, XLSX, f"jaarplan-{_safe(school.name)}-{year.label}.xlsx")


@bp.get("/jaarplan/klas/<int:class_id>/plan.ics")
@staff_required
def class_calendar(class_id: int) -> Response:
    """A class plan as a calendar file for Outlook, Google Calendar and the like."""
    school_class = own(SchoolClass, class_id)
    year = selected_year()
    locale = current_locale()
    items = rows.class_calendar_items(school_class, year, locale)
    data = render_calendar(items, rows.calendar_options(school_class.school, locale, school_class))
    return _download(data, ICS, f"jaarplan-{_safe(school_class.name)}-{year.label}.ics")


@bp.get("/jaarplan/school.ics")
@staff_required
def school_calendar() -> Response:
    """Every class's plan and the whole-school moments as one calendar file."""
    school = current_user.school
    year = selected_year()
    locale = current_locale()
    data = render_calendar(
        rows.school_calendar_items(school, year, locale), rows.calendar_options(school, locale)
    )
    return _download(data, ICS, f"jaarplan-{_safe(school.name)}-{year.label}.ics")


def evening_deck_for(evening: ParentEvening, locale: str) -> Deck:
    """The deck of a parent evening, in the given language."""
    school = db.session.get(School, evening.school_id)
    agreements = agreements_of(school)
    with force_locale(locale):
        shown = [
            (str(AUDIENCE_LABELS[audience]), tuple(agreements[audience].lines))
            for audience in (AgreementAudience.PARENTS, AgreementAudience.PHONE)
        ]
    data = EveningDeckInput(
        title=evening.title,
        subtitle_lines=(school.name, f"{evening.day:%d-%m-%Y} · {evening.place}"),
        programme=tuple(
            (f"{t.start:%H:%M}", block_title(t.block, locale)) for t in timed_programme(evening)
        ),
        modules=tuple(
            (block_title(block, locale), tuple(parse_slides(block.item.body)))
            for block in evening.blocks
            if block.item is not None
        ),
        agreements=tuple(shown),
        helplines=catalogue.helplines_for(school.country, 0, 99, "parents"),
    )
    return evening_deck(data, DeckOptions(locale=locale, country=school.country))


@bp.get("/ouderavonden/<int:evening_id>/presentatie.pptx")
@staff_required
def evening_slides(evening_id: int) -> Response:
    """The parent evening's slides: programme, modules, agreements, help lines, questions."""
    evening = own(ParentEvening, evening_id)
    deck = evening_deck_for(evening, current_locale())
    return _download(render_deck(deck), PPTX, f"{_safe(evening.title)}.pptx")
