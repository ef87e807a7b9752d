"""Plan pages: the school's classes, a class plan with its edits, the school overview."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner import clock
from planner.accounts.permissions import can_edit_class, coordinator_required, own, staff_required
from planner.catalogue import operations as catalogue
from planner.catalogue.vocab import competences_for
from planner.core.redirects import safe_next
from planner.core.routing import parse_id
from planner.evenings.operations import evenings_for_class, evenings_of
from planner.extensions import db
from planner.i18n import current_locale
from planner.plans import coverage, labels, operations
from planner.plans.forms import (
    AddForm,
    BookingForm,
    MoveForm,
    ReplaceForm,
    SettingsForm,
    StatusForm,
)
from planner.plans.generator import required_themes
from planner.plans.models import BookingStatus, EntryStatus, Plan, PlanEntry
from planner.schools import operations as schools
from planner.schools.calendar import EventKind
from planner.schools.models import SchoolClass
from planner.web.messages import describe
from planner.web.pages import form_page, saved
from planner.web.printables import render_printable
from planner.web.year import selected_year

bp = Blueprint("plans", __name__, url_prefix="/jaarplan")


@bp.app_context_processor
def plan_words() -> dict[str, object]:
    """Templates can say why an entry is there and name statuses and gaps."""
    return {
        "reason_label": labels.reason_label,
        "status_label": labels.status_label,
        "booking_label": labels.booking_label,
        "entry_title": labels.entry_title,
        "gap_label": labels.gap_label,
        "theme_label": labels.theme_label,
        "competence_label": labels.competence_label,
    }


@bp.app_template_global()
def options_without(options: Markup, slug: str | None) -> Markup:
    """A list of <option>s (rendered once per page) with one item's option disabled: an entry
    cannot be replaced by the item it already is."""
    if not slug:
        return options
    option = f'<option value="{escape(slug)}">'
    return Markup(str(options).replace(option, option[:-1] + " disabled>", 1))


def _editable_class(class_id: int) -> SchoolClass:
    school_class = own(SchoolClass, class_id)
    if not can_edit_class(current_user, school_class):
        abort(403)
    return school_class


def _editable_entry(entry_id: int) -> PlanEntry:
    entry = db.session.get(PlanEntry, entry_id)
    if entry is None or entry.plan.school_id != current_user.school_id:
        abort(404)
    plan = entry.plan
    if plan.class_id is None:
        if not current_user.is_coordinator:
            abort(403)
    elif not can_edit_class(current_user, plan.school_class):
        abort(403)
    return entry


def _back(entry_or_plan: PlanEntry | Plan) -> Response:
    plan = entry_or_plan.plan if isinstance(entry_or_plan, PlanEntry) else entry_or_plan
    if plan.class_id is None:
        return redirect(url_for("plans.overview"), code=303)
    anchor = f"#entry-{entry_or_plan.id}" if isinstance(entry_or_plan, PlanEntry) else ""
    return redirect(url_for("plans.class_plan", class_id=plan.class_id) + anchor, code=303)


@bp.get("/")
@staff_required
def index() -> str:
    """Every class with its plan's progress; generate for one class or all at once."""
    school = current_user.school
    year = selected_year()
    plans = {plan.class_id: plan for plan in operations.plans_of_school(school, year)}
    rows = [
        (
            c,
            plans.get(c.id),
            operations.progress(plans.get(c.id), clock.today()),
            can_edit_class(current_user, c),
        )
        for c in schools.active_classes(school)
    ]
    return render_template("plans/index.html", rows=rows, year=year)


@bp.post("/genereren")
@coordinator_required
def generate_all() -> Response:
    """Generate the plans of every class and the whole-school plan."""
    back = redirect(url_for("plans.index"), code=303)
    try:
        plans = operations.generate_school(current_user.school, selected_year(), clock.today())
        db.session.commit()
    except CONCURRENT_CHANGE:  # a colleague generated at the same moment
        return _refuse(_someone_else(), back)
    flash(_("Plans generated for %(n)s classes.", n=len(plans)), "success")
    return back


def _year_strip(year, school, entries):
    """Months, holiday bands and entry dots as positions along the school year (percent)."""
    start, end = year.start(school.country), year.end(school.country)
    span = (end - start).days or 1

    def at(day: date) -> float:
        return round(100 * max(0, min(span, (day - start).days)) / span, 2)

    events = schools.calendar_events(school.country, school.region, year, school.locale)
    bands = [
        {
            "left": at(e.start),
            "width": max(0.4, at(e.end) - at(e.start)),
            "name": str(e.name),
            "kind": e.kind.value,
        }
        for e in events
        if e.kind != EventKind.PUBLIC_HOLIDAY and e.end >= start and e.start <= end
    ]
    months = []
    day = date(start.year, start.month, 1)
    while day <= end:
        months.append({"left": at(max(day, start)), "day": day})
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    dots = [{"left": at(e.day), "entry": e} for e in entries]
    return {"bands": bands, "months": months, "dots": dots}


@bp.get("/klas/<int:class_id>")
@staff_required
def class_plan(class_id: int) -> str:
    """A class's plan: the year strip, the entries with why they are there, and coverage."""
    school_class = own(SchoolClass, class_id)
    return render_template("plans/class.html", **_class_context(school_class))


def _class_context(school_class: SchoolClass) -> dict[str, object]:
    school = current_user.school
    year = selected_year()
    plan = operations.get_plan(school_class, year)
    school_entries = operations.school_entries_for(
        school_class, operations.get_school_plan(school, year)
    )
    entries = list(plan.entries) if plan else []
    today = clock.today()
    themes = operations.theme_coverage(plan)
    competences = {
        name: count
        for name, count in operations.competence_coverage(plan).items()
        if name in competences_for(school.country, [name])
    }
    return {
        "school_class": school_class,
        "year": year,
        "plan": plan,
        "school_entries": school_entries,
        "strip": _year_strip(year, school, entries),
        "progress": operations.progress(plan, today),
        "today": today,
        "is_overdue": operations.is_overdue,
        "themes": themes,
        "required": required_themes(school_class.grades),
        "missing": operations.missing_themes(school_class, plan),
        "competences": competences,
        "editable": can_edit_class(current_user, school_class),
        "last_change": operations.last_change(plan) if plan else None,
        "add_form": AddForm(),
        "met_before": operations.met_before(school_class, year),
        "year_start": year.start(school.country),
        "year_end": year.end(school.country),
        "plannable": operations.plannable_choices(school_class, current_locale()),
        "evenings": evenings_for_class(school_class, year),
    }


@bp.get("/klas/<int:class_id>/afdrukken")
@staff_required
def class_plan_print(class_id: int) -> str:
    """The class plan on paper."""
    school_class = own(SchoolClass, class_id)
    return render_template("plans/class_print.html", **_class_context(school_class))


@bp.get("/regel/<int:entry_id>/afdrukken/<int:number>")
@staff_required
def entry_printable(entry_id: int, number: int) -> str:
    """A planned lesson's printable page, with the class and the day in its header."""
    entry = db.session.get(PlanEntry, entry_id)
    if entry is None or entry.plan.school_id != current_user.school_id or entry.item is None:
        abort(404)
    plan = entry.plan
    if plan.class_id is None:
        back, class_name = url_for("plans.overview"), None
    else:
        back = url_for("plans.class_plan", class_id=plan.class_id) + f"#entry-{entry.id}"
        class_name = plan.school_class.name
    return render_printable(
        entry.item,
        number,
        current_user.school.country,
        back_url=back,
        class_name=class_name,
        day=entry.day,
    )


@bp.post("/klas/<int:class_id>/genereren")
@staff_required
def generate_class(class_id: int) -> Response:
    """Propose (or propose again) a plan for one class; locked and done entries stay."""
    school_class = _editable_class(class_id)
    year = selected_year()
    context = operations.year_context(current_user.school, year)
    items = operations.plannable_items(school_id=school_class.school_id)
    back = redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    try:
        operations.generate_plan(school_class, context, items, clock.today())
        db.session.commit()
    except CONCURRENT_CHANGE:
        # A colleague made or changed this plan at the same moment: its entries are gone.
        return _refuse(_someone_else(), back)
    flash(_("Plan for %(name)s generated.", name=school_class.name), "success")
    return back


# A colleague's save came between our read and our write: a unique plan made twice, or
# entries changed or removed meanwhile.
CONCURRENT_CHANGE = (IntegrityError, StaleDataError)


def _someone_else() -> str:
    return _("Someone else changed this activity meanwhile. Here is the latest version.")


def _refuse(message: str, target: Response) -> Response:
    db.session.rollback()
    flash(message, "error")
    return target


@bp.post("/klas/<int:class_id>/toevoegen")
@staff_required
def add(class_id: int) -> Response:
    """Add a catalogue item or an activity of your own on a school day."""
    school_class = _editable_class(class_id)
    back = redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    form = AddForm()
    if not form.validate_on_submit():
        return _refuse(_form_errors(form), back)
    item = None
    if form.slug.data:
        item = catalogue.get_item(form.slug.data.strip(), current_user.school_id)
        if item is None:
            return _refuse(_("This item is not in the catalogue."), back)
    try:
        plan = operations.get_or_create_plan(school_class, selected_year())
        entry = operations.add_entry(plan, form.day.data, item=item, title=form.title.data)
        db.session.commit()
    except operations.PlanError as error:
        return _refuse(describe(error), back)
    except IntegrityError:  # a colleague made this class's plan at the same moment
        return _refuse(_someone_else(), back)
    flash(_("Added to the plan of %(name)s.", name=school_class.name), "success")
    return _back(entry)


@bp.post("/toevoegen")
@staff_required
def add_from_catalogue() -> Response:
    """From a catalogue page: put the item in one of your classes' plans."""
    class_id = parse_id(request.form.get("class_id", ""))
    if class_id is None:
        abort(400)
    school_class = _editable_class(class_id)
    form = AddForm()
    back = redirect(url_for("catalogue.detail", slug=form.slug.data or ""), code=303)
    item = catalogue.get_item((form.slug.data or "").strip(), current_user.school_id)
    if item is None:
        abort(404)
    if not form.validate_on_submit():
        return _refuse(_form_errors(form), back)
    try:
        plan = operations.get_or_create_plan(school_class, selected_year())
        entry = operations.add_entry(plan, form.day.data, item=item)
        db.session.commit()
    except operations.PlanError as error:
        return _refuse(describe(error), back)
    except CONCURRENT_CHANGE:
        return _refuse(_someone_else(), back)
    flash(_("Added to the plan of %(name)s.", name=school_class.name), "success")
    return _back(entry)


def add_to_plan_context(item) -> dict[str, object]:
    """What the catalogue page needs for its "add to plan" form, for a logged-in teacher."""
    if not current_user.is_authenticated or item.kind not in operations.PLANNABLE_KINDS:
        return {}
    classes = [
        c for c in schools.active_classes(current_user.school) if can_edit_class(current_user, c)
    ]
    if not classes:
        return {}
    year = selected_year()
    school = current_user.school
    start = max(year.start(school.country), clock.today())
    proposed = operations.next_school_day(school, start, school.plan_weekday)
    return {
        "plan_classes": classes,
        "proposed_day": proposed,
        "plan_year": year,
        "planned_for": operations.planned_for(item, classes, year),
    }


def _form_errors(form) -> str:
    return " ".join(
        f"{form[name].label.text}: {error}"
        for name, errors in form.errors.items()
        for error in errors
        if name in form
    ) or _("The request could not be understood.")


@bp.post("/klas/<int:class_id>/ongedaan-maken")
@staff_required
def undo(class_id: int) -> Response:
    """Undo the last change to the plan."""
    school_class = _editable_class(class_id)
    plan = operations.get_plan(school_class, selected_year())
    back = redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    if plan is None:
        return _refuse(_("There is nothing to undo."), back)
    try:
        operations.undo(plan)
        db.session.commit()
    except operations.PlanError as error:
        return _refuse(describe(error), back)
    except StaleDataError:  # a colleague undid or changed it first
        return _refuse(_someone_else(), back)
    flash(_("The last change has been undone."), "success")
    return back


@bp.post("/klas/<int:class_id>/doorschuiven")
@staff_required
def roll_over(class_id: int) -> Response:
    """Copy the plan to the next school year, onto the new calendar."""
    school_class = _editable_class(class_id)
    year = selected_year()
    back = redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    try:
        operations.roll_over(school_class, year, clock.today())
        db.session.commit()
    except operations.PlanError as error:
        return _refuse(describe(error), back)
    except CONCURRENT_CHANGE:
        return _refuse(_someone_else(), back)
    flash(_("The plan has been copied to %(year)s.", year=year.next().label), "success")
    return back


class _FormRefusedError(Exception):
    """A form on an entry that did not validate; the message says which field and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _entry_action(entry_id: int, change) -> Response:
    """Run one edit on an entry, refusing it when someone else changed the entry meanwhile."""
    entry = _editable_entry(entry_id)
    # The start page ticks entries off too, and sends the teacher back there.
    back = (
        redirect(safe_next(request.form["next"]), code=303)
        if request.form.get("next")
        else _back(entry)
    )
    version = request.form.get("version")
    if version is not None and version != str(entry.version):
        return _refuse(_someone_else(), back)
    try:
        message = change(entry)
        db.session.commit()
    except _FormRefusedError as refused:
        return _refuse(refused.message, back)
    except operations.PlanError as error:
        return _refuse(describe(error), back)
    except StaleDataError:
        return _refuse(_someone_else(), back)
    if message:
        flash(message, "success")
    return back


@bp.post("/regel/<int:entry_id>/verplaatsen")
@staff_required
def move(entry_id: int) -> Response:
    """Move an entry to another school day."""
    form = MoveForm()

    def change(entry: PlanEntry) -> str:
        if not form.validate_on_submit():
            raise _FormRefusedError(_form_errors(form))
        operations.move_entry(entry, form.day.data)
        return _("Moved to %(day)s.", day=format_date(form.day.data, format="full"))

    return _entry_action(entry_id, change)


@bp.post("/regel/<int:entry_id>/vervangen")
@staff_required
def replace(entry_id: int) -> Response:
    """Put another catalogue item in the entry's place."""
    form = ReplaceForm()

    def change(entry: PlanEntry) -> str:
        item = (
            catalogue.get_item((form.slug.data or "").strip(), current_user.school_id)
            if form.validate_on_submit()
            else None
        )
        if item is None:
            raise operations.PlanError("catalogue.item_unknown")
        operations.replace_item(entry, item)
        return _("Activity replaced.")

    return _entry_action(entry_id, change)


@bp.post("/regel/<int:entry_id>/verwijderen")
@staff_required
def remove(entry_id: int) -> Response:
    """Take an entry out of the plan (undo brings it back)."""

    def change(entry: PlanEntry) -> str:
        operations.remove_entry(entry)
        return _("Removed from the plan.")

    entry = _editable_entry(entry_id)
    plan = entry.plan
    response = _entry_action(entry_id, change)
    return _back(plan) if response.status_code == 303 else response


@bp.post("/regel/<int:entry_id>/vastzetten")
@staff_required
def lock(entry_id: int) -> Response:
    """Lock an entry so that it survives a new generation (or unlock it)."""
    locked = request.form.get("locked") == "1"

    def change(entry: PlanEntry) -> str:
        operations.set_locked(entry, locked)
        return (
            _("Locked: this activity stays when the plan is generated again.")
            if locked
            else _("Unlocked.")
        )

    return _entry_action(entry_id, change)


@bp.post("/regel/<int:entry_id>/status")
@staff_required
def status(entry_id: int) -> Response:
    """Mark an entry done or skipped, with a short note."""
    form = StatusForm()

    def change(entry: PlanEntry) -> str:
        if not form.validate_on_submit():
            raise _FormRefusedError(_form_errors(form))
        operations.set_status(entry, EntryStatus(form.status.data), form.note.data)
        return _("Saved.")

    return _entry_action(entry_id, change)


@bp.post("/regel/<int:entry_id>/boeking")
@staff_required
def booking(entry_id: int) -> Response:
    """Set the booking status of a guest session."""
    form = BookingForm()

    def change(entry: PlanEntry) -> str:
        if not form.validate_on_submit():
            raise _FormRefusedError(_form_errors(form))
        booking = BookingStatus(form.booking.data)
        operations.set_booking(entry, booking, form.day.data, form.start.data)
        if booking is BookingStatus.CONFIRMED:
            return _(
                "Booked for %(day)s at %(time)s.",
                day=format_date(entry.day, format="full"),
                time=entry.start_time.strftime("%H:%M"),
            )
        return _("Booking status saved.")

    return _entry_action(entry_id, change)


def _overview_context() -> dict[str, object]:
    school = current_user.school
    year = selected_year()
    classes = schools.active_classes(school)
    plans = {plan.class_id: plan for plan in operations.plans_of_school(school, year)}
    by_month: dict[tuple[int, int], dict[int, list[PlanEntry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for school_class in classes:
        for entry in plans.get(school_class.id).entries if plans.get(school_class.id) else []:
            by_month[(entry.day.year, entry.day.month)][school_class.id].append(entry)
    start, end = year.start(school.country), year.end(school.country)
    months = []
    day = date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return {
        "year": year,
        "classes": classes,
        "plans": plans,
        "months": months,
        "by_month": by_month,
        "coverage": coverage.school_coverage(classes, plans),
        "bookings": operations.guest_bookings(school, year),
        "school_plan": operations.get_school_plan(school, year),
        "evenings": evenings_of(school, year),
    }


@bp.get("/overzicht")
@staff_required
def overview() -> str:
    """All classes by month, the coverage of grades x themes, and guest bookings."""
    return render_template("plans/overview.html", **_overview_context())


@bp.get("/overzicht/afdrukken")
@staff_required
def overview_print() -> str:
    """The school overview on paper."""
    return render_template("plans/overview_print.html", **_overview_context())


@bp.get("/afdrukken")
@staff_required
def print_all() -> str:
    """Every class's plan on paper, each class on a page of its own."""
    school = current_user.school
    year = selected_year()
    school_plan = operations.get_school_plan(school, year)
    class_plans = [
        (
            school_class,
            operations.get_plan(school_class, year),
            operations.school_entries_for(school_class, school_plan),
        )
        for school_class in schools.active_classes(school)
    ]
    return render_template("plans/all_print.html", year=year, class_plans=class_plans)


@bp.route("/instellingen", methods=["GET", "POST"])
@coordinator_required
def settings() -> str | Response:
    """How the planner spreads the year: activities, spacing, weekday."""
    school = current_user.school
    form = SettingsForm()
    if request.method == "GET":
        form.activities.data = school.plan_activities
        form.min_weeks.data = school.plan_min_weeks
        form.weekday.data = school.plan_weekday
    if form.validate_on_submit():
        school.plan_activities = form.activities.data
        school.plan_min_weeks = form.min_weeks.data or 0
        school.plan_weekday = form.weekday.data
        return saved(
            _("Settings saved. Generate the plans again to use them."), url_for("plans.index")
        )
    return form_page("plans/settings.html", form)
