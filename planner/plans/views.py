"""Plan pages: the school's classes, a class plan with its edits, the school overview."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date, ngettext
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
    return render_template(
        "plans/index.html",
        rows=rows,
        year=year,
        any_plan=any(plan.entries for plan in plans.values()),
        regenerated=current_user.is_coordinator
        and any(operations.regenerated(plan) for plan in plans.values()),
    )


@bp.get("/genereren")
@coordinator_required
def confirm_generate_all() -> str | Response:
    """Before making every plan again: what will change, and that it can be undone."""
    school = current_user.school
    plans = operations.plans_of_school(school, selected_year())
    if not any(plan.entries for plan in plans):
        return redirect(url_for("plans.index"), code=303)
    return render_template(
        "plans/confirm_generate.html",
        preview=operations.regeneration_preview(plans, clock.today()),
        action=url_for("plans.generate_all"),
        back=url_for("plans.index"),
        school_class=None,
    )


@bp.post("/genereren")
@coordinator_required
def generate_all() -> Response:
    """Generate the plans of every class and the whole-school plan; over existing plans only
    after the confirmation page."""
    school = current_user.school
    year = selected_year()
    back = redirect(url_for("plans.index"), code=303)
    existing = any(plan.entries for plan in operations.plans_of_school(school, year))
    if existing and request.form.get("confirmed") != "1":
        return redirect(url_for("plans.confirm_generate_all"), code=303)
    try:
        plans = operations.generate_school(school, year, clock.today())
        db.session.commit()
    except CONCURRENT_CHANGE:  # a colleague generated at the same moment
        return _refuse(_someone_else(), back)
    if existing:
        flash(_("The plans have been made again. Undo puts them back as they were."), "success")
    else:
        flash(
            ngettext(
                "A plan made for %(num)s class.", "Plans made for %(num)s classes.", len(plans)
            )
            + " "
            + _("Next step: plan the parent evening."),
            "success",
        )
    return back


@bp.post("/ongedaan-maken")
@coordinator_required
def undo_generate_all() -> Response:
    """Put back every plan that was made again, as it was before."""
    back = redirect(url_for("plans.index"), code=303)
    plans = operations.plans_of_school(current_user.school, selected_year())
    try:
        undone = operations.undo_generation(plans)
        db.session.commit()
        classes = sum(plan.class_id is not None for plan in undone)  # the school plan aside
    except (operations.PlanError, StaleDataError):
        return _refuse(_someone_else(), back)
    flash(
        ngettext(
            "%(num)s plan is back as it was.", "%(num)s plans are back as they were.", classes
        ),
        "success",
    )
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
    today = clock.today()
    return {
        "bands": bands,
        "months": months,
        "dots": dots,
        "today": at(today) if start <= today <= end else None,
    }


@bp.get("/klas/<int:class_id>")
@staff_required
def class_plan(class_id: int) -> str:
    """A class's plan: the year strip, the entries with why they are there, and coverage."""
    school_class = own(SchoolClass, class_id)
    context = _class_context(school_class)
    plan = context["plan"]
    anchors = {"add"} | {f"entry-{entry.id}" for entry in (plan.entries if plan else [])}
    return render_template("plans/class.html", **context, messages_at=_messages_at(anchors))


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


@bp.get("/klas/<int:class_id>/genereren")
@staff_required
def confirm_generate_class(class_id: int) -> str | Response:
    """Before making a class plan again: what will change, and that it can be undone."""
    school_class = _editable_class(class_id)
    plan = operations.get_plan(school_class, selected_year())
    if plan is None or not plan.entries:
        return redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    return render_template(
        "plans/confirm_generate.html",
        preview=operations.regeneration_preview([plan], clock.today()),
        action=url_for("plans.generate_class", class_id=class_id),
        back=url_for("plans.class_plan", class_id=class_id),
        school_class=school_class,
    )


@bp.post("/klas/<int:class_id>/genereren")
@staff_required
def generate_class(class_id: int) -> Response:
    """Propose a plan for one class; over an existing plan only after the confirmation page
    (locked, moved, done and hand-written entries stay)."""
    school_class = _editable_class(class_id)
    year = selected_year()
    existing = operations.get_plan(school_class, year)
    again = existing is not None and bool(existing.entries)
    if again and request.form.get("confirmed") != "1":
        return redirect(url_for("plans.confirm_generate_class", class_id=class_id), code=303)
    context = operations.year_context(current_user.school, year)
    items = operations.plannable_items(school_id=school_class.school_id)
    back = redirect(url_for("plans.class_plan", class_id=class_id), code=303)
    try:
        operations.generate_plan(school_class, context, items, clock.today())
        db.session.commit()
    except CONCURRENT_CHANGE:
        # A colleague made or changed this plan at the same moment: its entries are gone.
        return _refuse(_someone_else(), back)
    if again:
        flash(_("The plan has been made again. Undo puts it back as it was."), "success")
    else:
        flash(_("Plan for %(name)s generated.", name=school_class.name), "success")
    return back


# A colleague's save came between our read and our write: a unique plan made twice, or
# entries changed or removed meanwhile.
CONCURRENT_CHANGE = (IntegrityError, StaleDataError)


def _someone_else() -> str:
    return _("Someone else changed this activity meanwhile. Here is the latest version.")


def _refuse(message: str, target: Response, at: str | None = None) -> Response:
    db.session.rollback()
    _say(message, "error", at)
    return target


def _say(message: str, kind: str, at: str | None = None) -> None:
    """Flash a message; with `at`, the class plan shows it at that place (an entry, the add
    form) instead of at the top of the page, where the teacher is looking."""
    flash(message, f"at:{at}:{kind}" if at else kind)


def _messages_at(anchors: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Flashed messages meant for a place on this page, by place (the rest stays on top)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for category, message in get_flashed_messages(with_categories=True):
        parts = category.split(":")
        if len(parts) == 3 and parts[0] == "at" and parts[1] in anchors:
            found.setdefault(parts[1], []).append((parts[2], message))
    return found


@bp.post("/klas/<int:class_id>/toevoegen")
@staff_required
def add(class_id: int) -> Response:
    """Add a catalogue item or an activity of your own on a school day."""
    school_class = _editable_class(class_id)
    back = redirect(url_for("plans.class_plan", class_id=class_id) + "#add-heading", code=303)
    form = AddForm()
    if not form.validate_on_submit():
        return _refuse(_form_errors(form), back, "add")
    item = None
    if form.slug.data:
        item = catalogue.get_item(form.slug.data.strip(), current_user.school_id)
        if item is None:
            return _refuse(_("This item is not in the catalogue."), back, "add")
    try:
        plan = operations.get_or_create_plan(school_class, selected_year())
        entry = operations.add_entry(plan, form.day.data, item=item, title=form.title.data)
        db.session.commit()
    except operations.PlanError as error:
        return _refuse(describe(error), back, "add")
    except IntegrityError:  # a colleague made this class's plan at the same moment
        return _refuse(_someone_else(), back, "add")
    _say(
        _("Added to the plan of %(name)s.", name=school_class.name), "success", f"entry-{entry.id}"
    )
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


@bp.get("/klas/<int:class_id>/doorschuiven")
@staff_required
def confirm_roll_over(class_id: int) -> str | Response:
    """Before copying a plan to next year: what happens there, and that it can be undone."""
    school_class = _editable_class(class_id)
    year = selected_year()
    target = operations.get_plan(school_class, year.next())
    return render_template(
        "plans/confirm_roll_over.html",
        school_class=school_class,
        year=year,
        replaced=len(target.entries) if target else 0,
    )


@bp.post("/klas/<int:class_id>/doorschuiven")
@staff_required
def roll_over(class_id: int) -> Response:
    """Copy the plan to the next school year, onto the new calendar (after the confirmation
    page)."""
    school_class = _editable_class(class_id)
    year = selected_year()
    if request.form.get("confirmed") != "1":
        return redirect(url_for("plans.confirm_roll_over", class_id=class_id), code=303)
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
    elsewhere = bool(request.form.get("next"))
    back = redirect(safe_next(request.form["next"]), code=303) if elsewhere else _back(entry)
    # On the class plan the message appears at the entry (the page opens there).
    at = f"entry-{entry.id}" if not elsewhere and entry.plan.class_id is not None else None
    version = request.form.get("version")
    if version is not None and version != str(entry.version):
        return _refuse(_someone_else(), back, at)
    try:
        message = change(entry)
        db.session.commit()
    except _FormRefusedError as refused:
        return _refuse(refused.message, back, at)
    except operations.PlanError as error:
        return _refuse(describe(error), back, at)
    except StaleDataError:
        return _refuse(_someone_else(), back, at)
    if message:
        _say(message, "success", at)
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
    size = operations.plan_size(operations.plans_of_school(school, selected_year()))
    return form_page("plans/settings.html", form, size=size)
