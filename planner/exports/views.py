"""Downloads (decks, workbooks, calendars), the school's slide template and calendar links."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner import clock
from planner.accounts.models import Role
from planner.accounts.permissions import (
    coordinator_required,
    own,
    roles_required,
    staff_required,
    visible_school_id,
)
from planner.catalogue import operations as catalogue
from planner.catalogue import pictures
from planner.core.limits import UPLOAD_SLACK_BYTES, body_limit
from planner.evenings.models import ParentEvening
from planner.exports import documents, operations
from planner.exports.deck import Deck
from planner.exports.documents import ExportFile
from planner.exports.forms import FeedForm, TemplateForm
from planner.exports.models import CalendarFeed
from planner.exports.pptx import MAX_TEMPLATE_BYTES, TemplateError, template_layouts
from planner.extensions import db
from planner.i18n import current_locale
from planner.plans.models import PlanEntry
from planner.schools import operations as schools
from planner.schools.models import School, SchoolClass
from planner.web.item_page import wanted_country
from planner.web.messages import describe
from planner.web.pages import saved
from planner.web.year import selected_year

bp = Blueprint("exports", __name__)

DECK_KINDS = documents.DECK_KINDS


def _download(export: ExportFile) -> Response:
    response = Response(export.data, content_type=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# --- decks -----------------------------------------------------------------------------------


@bp.get("/catalogus/<slug>/dia.pptx")
def lesson_slides(slug: str) -> Response:
    """The slides of a lesson or parent-evening module, as shown in the preview."""
    item = catalogue.get_item(slug, visible_school_id())
    if item is None or item.kind not in DECK_KINDS:
        abort(404)
    school = current_user.school if current_user.is_authenticated else None
    return _download(documents.item_deck_file(item, current_locale(), wanted_country(), school))


def _planned_lesson(entry_id: int) -> PlanEntry:
    """A planned lesson of the user's school that has a deck, or 404."""
    entry = db.session.get(PlanEntry, entry_id)
    if entry is None or entry.plan.school_id != current_user.school_id:
        abort(404)
    if entry.item is None or entry.item.kind not in DECK_KINDS:
        abort(404)
    return entry


def _title_slide_of(entry: PlanEntry) -> dict[str, object]:
    """What a planned lesson's title slide says: the class, the day and its teachers."""
    school_class = entry.plan.school_class
    teachers = [teacher.name for teacher in school_class.teachers] if school_class else []
    return {
        "class_name": school_class.name if school_class else None,
        "day": entry.day,
        "teacher": ", ".join(teachers) or current_user.name,
    }


@bp.get("/jaarplan/regel/<int:entry_id>/dia.pptx")
@staff_required
def entry_slides(entry_id: int) -> Response:
    """A planned lesson's deck with the class, the date and the teacher on its title slide."""
    entry = _planned_lesson(entry_id)
    export = documents.item_deck_file(
        entry.item,
        current_locale(),
        current_user.school.country,
        current_user.school,
        **_title_slide_of(entry),
    )
    return _download(export)


@bp.get("/ouderavonden/<int:evening_id>/presentatie.pptx")
@staff_required
def evening_slides(evening_id: int) -> Response:
    """The parent evening's slides: programme, modules, agreements, help lines, questions."""
    evening = own(ParentEvening, evening_id)
    return _download(documents.evening_deck_file(evening))


# --- present mode ----------------------------------------------------------------------------


def _present(deck: Deck, back: str, download: str) -> str:
    """A deck full-screen in the browser: the same description as the download."""
    has_pictures = any(slide.picture or any(slide.bullet_pictures) for slide in deck.slides)
    return render_template(
        "exports/present.html",
        deck=deck,
        deck_lang=deck.locale.replace("_", "-"),
        back_url=back,
        download_url=download,
        notes_view=request.args.get("weergave") == "notities",
        credit=pictures.CREDIT if has_pictures else None,
    )


@bp.get("/catalogus/<slug>/presenteren")
@staff_required
def present_item(slug: str) -> str:
    """A lesson's or module's slides full-screen, as the school's country sees them."""
    item = catalogue.get_item(slug, current_user.school_id)
    if item is None or item.kind not in DECK_KINDS:
        abort(404)
    deck = documents.item_deck(item, current_locale(), current_user.school.country)
    return _present(
        deck,
        url_for("catalogue.detail", slug=slug),
        url_for("exports.lesson_slides", slug=slug),
    )


@bp.get("/jaarplan/regel/<int:entry_id>/presenteren")
@staff_required
def present_entry(entry_id: int) -> str:
    """A planned lesson full-screen, with the class, the date and the teacher."""
    entry = _planned_lesson(entry_id)
    school_class = entry.plan.school_class
    deck = documents.item_deck(
        entry.item, current_locale(), current_user.school.country, **_title_slide_of(entry)
    )
    back = (
        url_for("plans.class_plan", class_id=school_class.id)
        if school_class is not None
        else url_for("catalogue.detail", slug=entry.item.slug)
    )
    return _present(deck, back, url_for("exports.entry_slides", entry_id=entry_id))


@bp.get("/ouderavonden/<int:evening_id>/presenteren")
@staff_required
def present_evening(evening_id: int) -> str:
    """The parent evening's slides full-screen, in the school's language."""
    evening = own(ParentEvening, evening_id)
    return _present(
        documents.evening_deck_for(evening),
        url_for("evenings.programme", evening_id=evening_id),
        url_for("exports.evening_slides", evening_id=evening_id),
    )


# --- workbooks and calendars ------------------------------------------------------------------


@bp.get("/jaarplan/klas/<int:class_id>/plan.xlsx")
@staff_required
def class_workbook(class_id: int) -> Response:
    """A class plan as a spreadsheet: one row per activity, print-ready."""
    school_class = own(SchoolClass, class_id)
    return _download(documents.class_plan_file(school_class, selected_year(), current_locale()))


@bp.get("/jaarplan/overzicht/school.xlsx")
@staff_required
def school_workbook() -> Response:
    """The school workbook: overview, a sheet per class, coverage, guest sessions."""
    export = documents.school_workbook_file(current_user.school, selected_year(), current_locale())
    return _download(export)


@bp.get("/jaarplan/klas/<int:class_id>/plan.ics")
@staff_required
def class_calendar(class_id: int) -> Response:
    """A class plan as a calendar file for Outlook, Google Calendar and the like."""
    school_class = own(SchoolClass, class_id)
    export = documents.calendar_file(
        school_class.school, selected_year(), current_locale(), school_class
    )
    return _download(export)


@bp.get("/jaarplan/school.ics")
@staff_required
def school_calendar() -> Response:
    """Every class's plan and the whole-school moments as one calendar file."""
    export = documents.calendar_file(current_user.school, selected_year(), current_locale())
    return _download(export)


# --- calendar subscriptions -------------------------------------------------------------------


def _feed_choices(school: School) -> list[tuple[str, str]]:
    return [("school", _("The whole school"))] + [
        (str(school_class.id), school_class.name) for school_class in schools.active_classes(school)
    ]


def _feeds_page(form: FeedForm, new_url: str | None = None, status: int = 200):
    school = current_user.school
    mine_only = None if current_user.is_coordinator else current_user
    feeds = operations.feeds_of(school, mine_only)
    return render_template(
        "exports/feeds.html",
        form=form,
        feeds=feeds,
        new_url=new_url,
        can_create=current_user.role != Role.VIEWER,
    ), status


@bp.get("/jaarplan/agenda-abonnementen")
@staff_required
def feeds() -> tuple[str, int]:
    """Calendar links to subscribe to in Outlook or Google Calendar, and revoking them."""
    form = FeedForm()
    form.calendar.choices = _feed_choices(current_user.school)
    return _feeds_page(form)


@bp.post("/jaarplan/agenda-abonnementen")
@roles_required(Role.COORDINATOR, Role.TEACHER)
def create_feed() -> tuple[str, int]:
    """Make a new subscription link; it is shown once, on the page that answers."""
    school = current_user.school
    form = FeedForm()
    form.calendar.choices = _feed_choices(school)
    if not form.validate_on_submit():
        return _feeds_page(form, status=400)
    school_class = None
    if form.calendar.data != "school":
        school_class = own(SchoolClass, int(form.calendar.data))
    _feed, token = operations.create_feed(school, school_class, current_user, current_locale())
    db.session.commit()
    url = url_for("exports.feed", token=token, _external=True)
    return _feeds_page(form, new_url=url, status=201)


@bp.post("/jaarplan/agenda-abonnementen/<int:feed_id>/intrekken")
@roles_required(Role.COORDINATOR, Role.TEACHER)
def revoke_feed(feed_id: int) -> Response:
    """A coordinator revokes any link of the school, a teacher their own."""
    feed = own(CalendarFeed, feed_id)
    if not current_user.is_coordinator and feed.created_by_id != current_user.id:
        abort(403)
    if feed.revoked_at is None:
        operations.revoke_feed(feed)
        return saved(
            _("The link no longer works. Calendars that used it stop updating."),
            url_for("exports.feeds"),
        )


@bp.get("/agenda/<token>.ics")
def feed(token: str) -> Response:
    """The calendar behind a subscription link, always up to date. No login: the token is
    the key, so it is long, random, stored only as a hash, and revocable."""
    found = operations.find_feed(token)
    if found is None:
        abort(404)
    school = db.session.get(School, found.school_id)
    year = schools.current_school_year(school, clock.today())
    export = documents.calendar_file(school, year, found.locale, found.school_class)
    operations.note_feed_use(found)
    db.session.commit()
    response = _download(export)
    response.headers["Content-Disposition"] = f'inline; filename="{export.filename}"'
    response.headers["Cache-Control"] = "private, max-age=900"
    return response


# --- the school's slide template --------------------------------------------------------------


def _template_page(form: TemplateForm, status: int = 200) -> tuple[str, int]:
    template = operations.deck_template(current_user.school)
    layouts = template_layouts(template.data) if template else None
    return render_template(
        "exports/template.html",
        form=form,
        template=template,
        layouts=layouts,
        max_mb=MAX_TEMPLATE_BYTES // (1024 * 1024),
    ), status


@bp.get("/school/presentatiesjabloon")
@coordinator_required
def template() -> tuple[str, int]:
    """The school's own PowerPoint template for every deck the app makes."""
    return _template_page(TemplateForm())


@bp.post("/school/presentatiesjabloon")
@coordinator_required
@body_limit(lambda: MAX_TEMPLATE_BYTES + UPLOAD_SLACK_BYTES)
def upload_template() -> tuple[str, int] | Response:
    form = TemplateForm()
    if not form.validate_on_submit():
        return _template_page(form, 400)
    upload = form.template.data
    data = upload.stream.read(MAX_TEMPLATE_BYTES + 1)
    try:
        operations.save_template(current_user.school, upload.filename or "", data, current_user)
    except TemplateError as error:
        db.session.rollback()
        form.template.errors = [describe(error)]
        return _template_page(form, error.status)
    return saved(
        _("The template is saved. Every deck you download now uses it."),
        url_for("exports.template"),
    )


@bp.post("/school/presentatiesjabloon/verwijderen")
@coordinator_required
def remove_template() -> Response:
    if operations.remove_template(current_user.school):
        db.session.commit()
        flash(_("The template is removed. Decks use the app's own design again."), "success")
    return redirect(url_for("exports.template"), code=303)


@bp.get("/school/presentatiesjabloon/voorbeeld.pptx")
@coordinator_required
def template_example() -> Response:
    """A sample lesson deck in the school's template, to check how it looks."""
    school = current_user.school
    item = documents.example_lesson(school.country)
    if item is None:
        abort(404)
    export = documents.item_deck_file(
        item, current_locale(), school.country, school, class_name=None, teacher=current_user.name
    )
    return _download(ExportFile(export.data, export.mimetype, "voorbeeld-" + export.filename))


@bp.app_template_global()
def entry_has_deck(entry: PlanEntry) -> bool:
    """A planned lesson or module: the class plan links to its deck."""
    return entry.item is not None and entry.item.kind in DECK_KINDS
