"""Whole export files for one school: what the download buttons and `flask export` produce.

Every function takes the language explicitly and needs only an app context, so the pages and
the command line build exactly the same files.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from sqlalchemy import select

from planner.catalogue import operations as catalogue
from planner.catalogue import pictures, vocab
from planner.catalogue.models import CatalogueItem
from planner.catalogue.variants import variant
from planner.evenings.models import ParentEvening
from planner.evenings.operations import block_title, timed_programme
from planner.exports import rows
from planner.exports.deck import (
    Deck,
    DeckOptions,
    EveningDeckInput,
    content_locale,
    evening_deck,
    lesson_deck,
)
from planner.exports.ics import render_calendar
from planner.exports.models import DeckTemplate
from planner.exports.pptx import PptxOptions, render_deck
from planner.exports.workbook import class_plan_sheet, render_workbook, school_workbook_sheets
from planner.extensions import db
from planner.plans import operations as plans
from planner.policy.models import AgreementAudience
from planner.policy.operations import AUDIENCE_LABELS, agreements_of
from planner.schools.calendar import SchoolYear
from planner.schools.data import APP_NAME
from planner.schools.models import School, SchoolClass

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"
DECK_KINDS = (vocab.Kind.LESSON.value, vocab.Kind.PARENT_MODULE.value)


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    mimetype: str
    filename: str


def safe_name(name: str) -> str:
    """A file-name part that every system accepts."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-") or "plan"


def pptx_options(school: School | None) -> PptxOptions:
    """The school's own slide template, if it uploaded one."""
    if school is None:
        return PptxOptions(picture_dir=pictures.cache_dir())
    template = db.session.scalar(
        select(DeckTemplate.data).where(DeckTemplate.school_id == school.id)
    )
    return PptxOptions(template=template, picture_dir=pictures.cache_dir())


def deck_country(item: CatalogueItem, wanted: str) -> str:
    """The country whose help lines close the deck: the wanted one if the item is for it."""
    countries = [country.value for country in item.content.country]
    return wanted if wanted in countries else countries[0]


def item_deck(
    item: CatalogueItem,
    locale: str,
    country: str,
    *,
    class_name: str | None = None,
    day: date | None = None,
    teacher: str | None = None,
    author: str = APP_NAME,
) -> Deck:
    """The deck of a lesson (title, goals, slides, conversation, help) or of a parent module.

    A deck speaks one language, the one its content is written in (Dutch, or Flemish for a
    Flemish school): the generated slides follow it, whatever the viewer's `locale`.
    """
    del locale  # the viewer's language does not change the deck: one language per deck
    country = deck_country(item, country)
    deck_locale = content_locale(item, country)
    if item.kind == vocab.Kind.PARENT_MODULE:
        slides = variant(item, country).slides
        return Deck(item.title.get(deck_locale), slides, deck_locale, author)
    options = DeckOptions(
        locale=deck_locale, country=country, class_name=class_name, day=day, teacher=teacher
    )
    low, high = item.age_min or 0, item.age_max or catalogue.MAX_AGE
    helplines = catalogue.helplines_for(country, low, high, vocab.Audience.PUPILS)
    parent_lines = catalogue.helplines_for(country, low, high, vocab.Audience.PARENTS)
    return lesson_deck(item, helplines, options, parent_lines, author)


def file_slug(text: str) -> str:
    """A clean, lowercase file-name part: `De groepschat!` -> `de-groepschat`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "deck"


def deck_filename(title: str, day: date | None = None) -> str:
    """`de-groepschat-2026-11-24.pptx`: the deck's title, and its date where it has one."""
    return f"{file_slug(title)}-{day:%Y-%m-%d}.pptx" if day else f"{file_slug(title)}.pptx"


def example_lesson(country: str) -> CatalogueItem | None:
    """A curated lesson of the country, to show what a template looks like."""
    lessons = db.session.scalars(
        select(CatalogueItem)
        .where(
            CatalogueItem.kind == vocab.Kind.LESSON.value,
            CatalogueItem.origin == "curated",
            CatalogueItem.archived_at.is_(None),
        )
        .order_by(CatalogueItem.sort_key)
    )
    return next((item for item in lessons if deck_country(item, country) == country), None)


def item_deck_file(
    item: CatalogueItem,
    locale: str,
    country: str,
    school: School | None = None,
    **title_slide: object,
) -> ExportFile:
    """A lesson or module deck as .pptx, in the school's template when it has one."""
    author = school.name if school is not None else APP_NAME
    deck = item_deck(item, locale, country, author=author, **title_slide)  # type: ignore[arg-type]
    day = title_slide.get("day")
    filename = deck_filename(deck.title, day if isinstance(day, date) else None)
    return ExportFile(render_deck(deck, pptx_options(school)), PPTX, filename)


def evening_deck_for(evening: ParentEvening, locale: str) -> Deck:
    """The deck of a parent evening: programme, modules, agreements, help lines, questions."""
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
            (block_title(block, locale), variant(block.item, school.country).slides)
            for block in evening.blocks
            if block.item is not None
        ),
        agreements=tuple(shown),
        helplines=catalogue.helplines_for(school.country, 0, 99, "parents"),
    )
    return evening_deck(data, DeckOptions(locale=locale, country=school.country))


def evening_deck_file(evening: ParentEvening, locale: str) -> ExportFile:
    school = db.session.get(School, evening.school_id)
    deck = dataclasses.replace(evening_deck_for(evening, locale), author=school.name)
    data = render_deck(deck, pptx_options(school))
    return ExportFile(data, PPTX, deck_filename(evening.title, evening.day))


def class_plan_file(school_class: SchoolClass, year: SchoolYear, locale: str) -> ExportFile:
    """A class plan as a spreadsheet: one row per activity, print-ready."""
    plan = plans.get_plan(school_class, year)
    extra = plans.school_entries_for(school_class, plans.get_school_plan(school_class.school, year))
    sheet = class_plan_sheet(
        school_class.name,
        rows.plan_rows(plan, locale, extra),
        rows.workbook_labels(locale, school_class.school.country),
    )
    title = f"{school_class.school.name} · {school_class.name} · {year.label}"
    data = render_workbook([sheet], rows.workbook_options(locale, title))
    return ExportFile(data, XLSX, f"jaarplan-{safe_name(school_class.name)}-{year.label}.xlsx")


def school_workbook_file(school: School, year: SchoolYear, locale: str) -> ExportFile:
    """Overview, a sheet per class, coverage, parent evenings and guest sessions."""
    sheets = school_workbook_sheets(
        rows.school_class_plans(school, year, locale), rows.workbook_labels(locale, school.country)
    )
    data = render_workbook(sheets, rows.workbook_options(locale, f"{school.name} · {year.label}"))
    return ExportFile(data, XLSX, f"jaarplan-{safe_name(school.name)}-{year.label}.xlsx")


def calendar_file(
    school: School, year: SchoolYear, locale: str, school_class: SchoolClass | None = None
) -> ExportFile:
    """A class's plan, or every class and the whole-school moments, as an .ics calendar."""
    if school_class is None:
        items = list(rows.school_calendar_items(school, year, locale))
        name = school.name
    else:
        items = list(rows.class_calendar_items(school_class, year, locale))
        name = school_class.name
    data = render_calendar(items, rows.calendar_options(school, locale, school_class))
    return ExportFile(data, ICS, f"jaarplan-{safe_name(name)}-{year.label}.ics")
