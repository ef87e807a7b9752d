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
from flask_babel import gettext as _
from sqlalchemy import select

from planner import grades as grade_map
from planner.catalogue import operations as catalogue
from planner.catalogue import pictures, vocab
from planner.catalogue.markdown import Slide
from planner.catalogue.models import CatalogueItem
from planner.catalogue.variants import variant
from planner.evenings.models import ParentEvening
from planner.evenings.operations import (
    block_title,
    fits_evening,
    school_language,
    timed_programme,
)
from planner.exports import rows
from planner.exports.deck import (
    Deck,
    DeckOptions,
    EveningBlock,
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
from planner.policy.agreements import AUDIENCE_LABELS, agreements_of
from planner.policy.contacts import contact_title, contacts_of
from planner.policy.models import AgreementAudience, Contact
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


def slug_name(name: str) -> str:
    """A clean, lowercase file-name part: "Ouderavond: online opgroeien" becomes
    "ouderavond-online-opgroeien"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80].strip("-") or "presentatie"


def evening_deck_for(evening: ParentEvening, locale: str | None = None) -> Deck:
    """The deck of a parent evening, in the school's language unless another is asked for:
    title, programme, a section per block, agreements, contacts and one closing slide."""
    school = db.session.get(School, evening.school_id)
    locale = locale or school_language(school)
    agreements = agreements_of(school)
    low, high = grade_map.ages_for_grades(evening.grades or grade_map.GRADES)
    with force_locale(locale):
        shown = tuple(
            (str(AUDIENCE_LABELS[audience]), tuple(agreements[audience].lines))
            for audience in (AgreementAudience.PARENTS, AgreementAudience.PHONE)
        )
        contacts = contacts_of(school, handout_only=True)
        contact_lines = tuple(_contact_line(contact, school.country) for contact in contacts)
        school_contact = _school_contact(school, contacts)
    blocks = tuple(
        EveningBlock(
            title=block_title(timed.block, locale),
            start=f"{timed.start:%H:%M}",
            end=f"{timed.end:%H:%M}",
            minutes=timed.block.minutes,
            slides=_module_slides(evening, timed.block.item, school.country),
            summary=timed.block.item.summary.get(locale) if timed.block.item else "",
        )
        for timed in timed_programme(evening)
    )
    data = EveningDeckInput(
        title=evening.title,
        school=school.name,
        day=evening.day,
        start=f"{evening.start_time:%H:%M}",
        end=f"{evening.end_time:%H:%M}",
        place=evening.place,
        blocks=blocks,
        agreements=shown,
        contacts=contact_lines,
        school_contact=school_contact,
        helplines=catalogue.helplines_for(school.country, low, high, vocab.Audience.PARENTS.value),
    )
    return evening_deck(data, DeckOptions(locale=locale, country=school.country))


def _module_slides(
    evening: ParentEvening, item: CatalogueItem | None, country: str
) -> tuple[Slide, ...]:
    """A module's slides as the school's country sees them; none for a free block or a
    module that is not for this audience or country."""
    if item is None or not fits_evening(evening, item, country):
        return ()
    return variant(item, country).slides


def _contact_line(contact: Contact, country: str) -> str:
    reach = ", ".join(part for part in (contact.name, contact.phone, contact.email) if part)
    return (
        f"{contact_title(contact, country)}: {reach}" if reach else contact_title(contact, country)
    )


def _school_contact(school: School, contacts: list[Contact]) -> str:
    """Whom parents ask after tonight: the school's first contact that can be reached."""
    reachable = next((c for c in contacts if c.email or c.phone), None)
    if reachable is None:
        return _("Talk with the school: your child's teacher is the first to ask")
    return _(
        "%(school)s: your child's teacher, or %(contact)s",
        school=school.name,
        contact=reachable.email or reachable.phone,
    )


def evening_deck_file(evening: ParentEvening, locale: str | None = None) -> ExportFile:
    """The evening's slides as .pptx, named after the evening and its date."""
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
