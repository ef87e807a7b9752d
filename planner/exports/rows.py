"""Plans as plain rows for the file renderers, put into words in the document's language.

Everything here runs inside `force_locale(locale)` and needs an app context (the labels come
from the message catalogues); what it returns is plain data that the renderers in
planner.exports.workbook and planner.exports.ics write without a database or a request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from planner import grades as grade_map
from planner.catalogue.vocab import KIND_LABELS, Kind, Theme
from planner.evenings.models import ParentEvening
from planner.evenings.operations import evening_for_entry, evenings_for_class, evenings_of
from planner.exports.ics import CalendarItem, IcsOptions
from planner.exports.workbook import (
    ClassPlan,
    GuestRow,
    PlanRow,
    WorkbookLabels,
    WorkbookOptions,
)
from planner.extensions import db
from planner.plans import operations
from planner.plans.coverage import theme_counts
from planner.plans.labels import (
    booking_label,
    entry_title,
    reason_label,
    status_label,
    theme_label,
)
from planner.plans.models import Plan, PlanEntry
from planner.schools import operations as schools
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass

DATE_FORMATS = {"nl": "dd-mm-yyyy", "nl_BE": "dd/mm/yyyy", "en": "d mmm yyyy"}


def _ordered(plan: Plan | None, extra_entries: Iterable[PlanEntry]) -> list[PlanEntry]:
    entries = [*(plan.entries if plan else ()), *extra_entries]
    return sorted(entries, key=lambda e: (e.day, e.start_time is not None, e.start_time, e.id))


def plan_rows(
    plan: Plan | None, locale: str, extra_entries: Iterable[PlanEntry] = ()
) -> list[PlanRow]:
    """A plan's entries (and e.g. the whole-school entries of its class) as rows, by date."""
    with force_locale(locale):
        return [_row(entry) for entry in _ordered(plan, extra_entries)]


def _row(entry: PlanEntry) -> PlanRow:
    item = entry.item
    return PlanRow(
        day=entry.day,
        week=entry.day.isocalendar().week,
        weekday=format_date(entry.day, "EEEE"),
        activity=entry_title(entry),
        kind=str(KIND_LABELS[Kind(item.kind)]) if item else _("Own activity"),
        themes=", ".join(theme_label(theme) for theme in item.data["themes"]) if item else "",
        duration=item.duration_minutes if item else None,
        status=status_label(entry.status),
        note=" · ".join(filter(None, (_proposal_note(entry), entry.note))),
    )


def _proposal_note(entry: PlanEntry) -> str:
    """Says so when an entry is only the planner's suggestion, not a booking."""
    if entry.booking and entry.booking != "confirmed":
        return booking_label(entry.booking)
    return ""


def workbook_options(locale: str, title: str = "") -> WorkbookOptions:
    """Dates written the way the document's language writes them."""
    return WorkbookOptions(
        date_format=DATE_FORMATS.get(locale, DATE_FORMATS["nl"]), title=title, language=locale
    )


def workbook_labels(locale: str, country: str) -> WorkbookLabels:
    """The words of the workbook's headers and sheet names, in the document's language; the
    grades named as the school's country names them."""
    with force_locale(locale):
        return WorkbookLabels(
            date=_("Date"),
            week=_("Week"),
            weekday=_("Weekday"),
            activity=_("Activity"),
            kind=_("Kind"),
            themes=_("Themes"),
            duration=f"{_('Duration')} (min)",
            status=_("Status"),
            note=_("Note"),
            statuses=tuple(status_label(s) for s in ("planned", "done", "skipped")),
            class_=_("Class"),
            overview=_("School overview"),
            coverage=_("Coverage: grades and themes"),
            coverage_note=_(
                "Number of planned activities per theme. A highlighted cell is a core theme "
                "for that age that no plan covers yet."
            ),
            grade=_("Grade"),
            guest_sessions=_("Guest sessions"),
            guest_session=_("Guest session"),
            provider=_("Provider"),
            booking=_("Booking"),
            theme_names=tuple((theme.value, theme_label(theme.value)) for theme in Theme),
            grade_names={g: grade_map.grade_label([g], locale, country) for g in grade_map.GRADES},
        )


def class_plan(
    school_class: SchoolClass, plan: Plan | None, locale: str, extra_entries: Iterable[PlanEntry]
) -> ClassPlan:
    """One class for the school workbook."""
    entries = list(plan.entries) if plan else []
    with force_locale(locale):
        guests = tuple(
            GuestRow(
                day=entry.day,
                class_name=school_class.name,
                activity=entry_title(entry),
                provider=entry.item.provider or entry.item.title.nl,
                booking=booking_label(entry.booking),
            )
            for entry in entries
            if entry.item is not None and entry.item.kind == "guest_session"
        )
    return ClassPlan(
        name=school_class.name,
        grades=tuple(school_class.grades),
        rows=tuple(plan_rows(plan, locale, extra_entries)),
        theme_counts=dict(theme_counts(plan)),
        guests=guests,
    )


def school_class_plans(school: School, year: SchoolYear, locale: str) -> Iterator[ClassPlan]:
    """Every active class of a school, one at a time: a board's workbook streams through this.

    Each plan leaves the session once it is in words, so memory does not grow with the
    number of classes.
    """
    school_plan = operations.get_school_plan(school, year)
    for school_class in schools.active_classes(school):
        plan = operations.get_plan(school_class, year)
        extra = operations.school_entries_for(school_class, school_plan)
        yield class_plan(school_class, plan, locale, extra)
        if plan is not None:
            db.session.expunge(plan)  # with its entries; catalogue items stay


# --- calendars --------------------------------------------------------------------------------


def entry_uid(entry: PlanEntry) -> str:
    """The same entry keeps the same UID, so a changed entry replaces its event."""
    return f"plan-entry-{entry.id}@jaarplanner"


def plan_calendar_items(
    plan: Plan | None,
    locale: str,
    extra_entries: Iterable[PlanEntry] = (),
    class_name: str | None = None,
    evenings: Sequence[ParentEvening] = (),
) -> list[CalendarItem]:
    """A plan's entries as calendar events: summary, why and for whom, themes.

    A parent-evening entry gives way to the real evening it stands for (which is in the
    calendar at its real time); suggestions nobody booked yet are marked as such (summary
    and STATUS:TENTATIVE), so no calendar shows them as certain."""
    with force_locale(locale):
        for_whom = class_name or _("For the whole school")
        return [
            _event(entry, for_whom)
            for entry in _ordered(plan, extra_entries)
            if evening_for_entry(entry, evenings) is None
        ]


def _is_suggestion(entry: PlanEntry) -> bool:
    return bool(entry.booking and entry.booking != "confirmed") or (
        entry.item is not None and entry.item.kind == "parent_evening"
    )


def _event(entry: PlanEntry, for_whom: str) -> CalendarItem:
    item = entry.item
    suggestion = _is_suggestion(entry)
    description = [reason_label(entry), for_whom]
    if suggestion:
        description.insert(0, _("Suggested by the planner: not booked or planned yet."))
    if entry.note:
        description.append(entry.note)
    title = entry_title(entry)
    return CalendarItem(
        uid=entry_uid(entry),
        day=entry.day,
        start_time=entry.start_time,
        duration_minutes=item.duration_minutes if item else None,
        summary=_("Suggested: %(title)s", title=title) if suggestion else title,
        description="\n".join(description),
        categories=tuple(theme_label(theme) for theme in item.data["themes"]) if item else (),
        sequence=entry.version or 0,
        cancelled=entry.status == "skipped",
        tentative=suggestion,
    )


def evening_uid(evening: ParentEvening) -> str:
    return f"parent-evening-{evening.id}@jaarplanner"


def evening_calendar_items(
    evenings: Iterable[ParentEvening], locale: str, country: str
) -> list[CalendarItem]:
    """The school's real parent evenings, from their start to their end time, with the place."""
    items = []
    with force_locale(locale):
        for evening in evenings:
            start = datetime.combine(evening.day, evening.start_time)
            end = datetime.combine(evening.day, evening.end_time)
            audience = (
                grade_map.grade_label(evening.grades, locale, country)
                if evening.grades
                else _("For the whole school")
            )
            items.append(
                CalendarItem(
                    uid=evening_uid(evening),
                    day=evening.day,
                    start_time=evening.start_time,
                    duration_minutes=int((end - start).total_seconds() // 60),
                    summary=evening.title,
                    description="\n".join(
                        filter(None, (_("Parent evening"), audience, evening.speaker))
                    ),
                    location=evening.place,
                    sequence=evening.version or 0,
                )
            )
    return items


def school_calendar_items(school: School, year: SchoolYear, locale: str) -> Iterator[CalendarItem]:
    """Every class's entries, the whole-school entries (once each) and the real parent
    evenings of a school year."""
    evenings = evenings_of(school, year)
    yield from evening_calendar_items(evenings, locale, school.country)
    school_plan = operations.get_school_plan(school, year)
    yield from plan_calendar_items(school_plan, locale, evenings=evenings)
    for school_class in schools.active_classes(school):
        plan = operations.get_plan(school_class, year)
        yield from plan_calendar_items(plan, locale, class_name=school_class.name)


def calendar_options(
    school: School, locale: str, school_class: SchoolClass | None = None
) -> IcsOptions:
    """The calendar's name (school and class) and the school's time zone."""
    with force_locale(locale):
        name = f"{school.name} – {school_class.name if school_class else _('School overview')}"
    return IcsOptions(name=name, timezone=school.timezone, language=locale)


def class_calendar_items(
    school_class: SchoolClass, year: SchoolYear, locale: str
) -> Sequence[CalendarItem]:
    """A class's own entries, the whole-school entries and the parent evenings that concern
    it."""
    school_plan = operations.get_school_plan(school_class.school, year)
    extra = operations.school_entries_for(school_class, school_plan)
    plan = operations.get_plan(school_class, year)
    evenings = evenings_for_class(school_class, year)
    return [
        *evening_calendar_items(evenings, locale, school_class.school.country),
        *plan_calendar_items(plan, locale, extra, class_name=school_class.name, evenings=evenings),
    ]
