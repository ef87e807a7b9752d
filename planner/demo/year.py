"""The demo schools' year: plans made before the year began, ticked off up to today, one booked
guest lesson and a parent evening ahead.

Everything depends on `today`, so the demo looks lived-in on any day of the year.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from planner.accounts.models import User
from planner.evenings.operations import seed_demo_evening
from planner.plans import operations as plans
from planner.plans.models import BookingStatus, EntryStatus, Plan, PlanEntry
from planner.schools.calendar import SchoolYear
from planner.schools.models import School

EVENING_WEEKS_AHEAD = 3
BOOKING_DAYS_AHEAD = 14
BOOKED_AT = time(10, 0)  # the demo provider comes at ten
TUESDAY = 1

# Notes a teacher might write when ticking an entry off, by country (the Flemish ones say
# klasgroep and juf where a Dutch teacher says groepsapp and groep).
_NOTES = {
    "NL": (
        "Goed gesprek; veel kinderen herkenden het uit de groepsapp van de klas.",
        "De afspraken hangen nu naast het bord.",
        "Kort gehouden; volgende keer meer tijd voor het rollenspel.",
    ),
    "BE": (
        "Goed gesprek; veel kinderen herkenden het uit de klasgroep.",
        "De afspraken hangen nu naast het bord.",
        "Kort gehouden; volgende keer meer tijd voor het rollenspel.",
    ),
}
_SKIP_NOTE = {
    "NL": "Niet gedaan: schoolreisje. Volgend blok inhalen.",
    "BE": "Niet gedaan: schooluitstap. Later inhalen.",
}


def seed_year(school: School, teacher: User, today: date) -> None:
    """Plans for every class, ticked off up to today; a guest lesson booked with its
    provider; a parent evening about three weeks ahead on a school day."""
    year = SchoolYear.containing(today, school.country)
    made_on = year.start(school.country) - timedelta(days=1)
    class_plans = plans.generate_school(school, year, made_on)
    school_plan = plans.get_school_plan(school, year)
    _tick_off(
        [*class_plans, *([school_plan] if school_plan else [])], school.country, teacher, today
    )
    _book_guest_lesson(school, class_plans, today)
    evening_day = plans.next_school_day(
        school, today + timedelta(weeks=EVENING_WEEKS_AHEAD), TUESDAY
    )
    if evening_day is not None:
        seed_demo_evening(school, evening_day)


def _tick_off(class_plans: list[Plan], country: str, teacher: User, today: date) -> None:
    """Entries before today are done, a few with a note, and one is skipped. The teacher's
    latest past entry is left open, so the start page shows what is not ticked off yet."""
    notes = _NOTES[country]
    skipped = False
    noted = 0
    for plan in class_plans:
        past = [entry for entry in plan.entries if entry.day < today]
        left_open = past[-1] if past and _teaches(teacher, plan) else None
        for index, entry in enumerate(past):
            if entry is left_open:
                continue
            if not skipped and index == 1:
                plans.set_status(entry, EntryStatus.SKIPPED, _SKIP_NOTE[country])
                skipped = True
            elif index == 0 and noted < len(notes):
                plans.set_status(entry, EntryStatus.DONE, notes[noted])
                noted += 1
            else:
                plans.set_status(entry, EntryStatus.DONE, None)


def _teaches(teacher: User, plan: Plan) -> bool:
    school_class = plan.school_class
    return school_class is not None and any(t.id == teacher.id for t in school_class.teachers)


def _book_guest_lesson(school: School, class_plans: list[Plan], today: date) -> None:
    """The first guest lesson still ahead is booked with its provider; when the plans hold
    none, one is added to the first class it suits, two weeks from now."""
    ahead = [
        entry
        for plan in class_plans
        for entry in plan.entries
        if entry.item is not None and entry.item.kind == "guest_session" and entry.day > today
    ]
    if ahead:
        first = min(ahead, key=lambda e: (e.day, e.id))
        plans.set_booking(first, BookingStatus.CONFIRMED, first.day, BOOKED_AT)
        return
    guest_sessions = plans.plannable_items(("guest_session",), school_id=school.id)
    day = plans.next_school_day(school, today + timedelta(days=BOOKING_DAYS_AHEAD))
    if day is None:
        return
    year = SchoolYear.containing(day, school.country)
    for plan in class_plans:
        school_class = plan.school_class
        if school_class is None:
            continue
        for item in guest_sessions:
            fits = set(school_class.grades) <= set(item.grades)
            if fits and school.country in item.data["country"]:
                target = plans.get_or_create_plan(school_class, year)
                entry: PlanEntry = plans.add_entry(target, day, item=item)
                plans.set_booking(entry, BookingStatus.CONFIRMED, day, BOOKED_AT)
                return
