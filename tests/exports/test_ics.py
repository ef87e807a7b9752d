"""Calendars as .ics: parsed back with icalendar and inspected event by event."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from icalendar import Calendar

from planner.exports.ics import CalendarItem, IcsOptions, render_calendar
from planner.exports.rows import (
    calendar_options,
    class_calendar_items,
    entry_uid,
    plan_calendar_items,
    school_calendar_items,
)
from planner.plans import operations
from planner.plans.models import EntryStatus
from tests.exports.conftest import YEAR, klas, plan_of

STAMP = datetime(2026, 8, 20, 9, 0)


def unescape(text: str) -> str:
    """RFC 5545 TEXT: \\, \\; \\\\ and \\n stand for , ; \\ and a new line."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def class_calendar(db, school, name: str = "Groep 7/8") -> tuple[bytes, list[CalendarItem]]:
    school_class = klas(db, school, name)
    items = list(class_calendar_items(school_class, YEAR, "nl"))
    options = calendar_options(school, "nl", school_class)
    return render_calendar(items, options), items


def test_a_class_calendar(db, school) -> None:
    data, items = class_calendar(db, school)
    calendar = parse(data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//Jaarplanner Mediawijsheid//")
    assert str(calendar["X-WR-CALNAME"]) == "De Regenboog – Groep 7/8"
    school_class = klas(db, school, "Groep 7/8")
    plan = plan_of(db, school, "Groep 7/8")
    wide = operations.school_entries_for(school_class, operations.get_school_plan(school, YEAR))
    found = events(calendar)
    assert len(found) == len(plan.entries) + len(wide) == len(items)
    first = plan.entries[0]
    event = next(e for e in found if str(e["UID"]) == entry_uid(first))
    assert str(event["SUMMARY"]) == first.item.title.nl
    assert "Groep 7/8" in str(event["DESCRIPTION"])
    assert event["CATEGORIES"].cats  # the themes
    assert str(event["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_across_exports(db, school) -> None:
    first, _items = class_calendar(db, school)
    plan = plan_of(db, school, "Groep 7/8")
    operations.move_entry(plan.entries[2], date(2026, 11, 17))
    db.session.commit()
    second, _items = class_calendar(db, school)
    uids = [str(e["UID"]) for e in events(parse(first))]
    assert uids
    assert len(set(uids)) == len(uids)
    assert {str(e["UID"]) for e in events(parse(second))} == set(uids)
    assert all(uid.startswith("plan-entry-") and uid.endswith("@jaarplanner") for uid in uids)
    moved = next(e for e in events(parse(second)) if str(e["UID"]) == entry_uid(plan.entries[-1]))
    assert int(moved["SEQUENCE"]) >= 1


def test_activities_without_a_time_are_all_day_events(db, school) -> None:
    data, _items = class_calendar(db, school)
    for event in events(parse(data)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date
        assert type(end) is date
        assert (end - start).days == 1
    assert b"DTSTART;VALUE=DATE:" in data


def test_a_timed_activity_is_in_the_schools_time_zone(db, flemish_school) -> None:
    plan = plan_of(db, flemish_school, "Groep 7/8")
    entry = plan.entries[1]
    entry.start_time = time(19, 30)
    db.session.commit()
    data, _items = class_calendar(db, flemish_school)
    calendar = parse(data)
    event = next(e for e in events(calendar) if str(e["UID"]) == entry_uid(entry))
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Brussels"
    assert start.dt.replace(tzinfo=None) == datetime.combine(entry.day, time(19, 30))
    assert start.dt.utcoffset() is not None
    assert event["DTEND"].dt > start.dt
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert b"DTSTART;TZID=Europe/Brussels:" in data
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"


def test_names_and_texts_are_escaped() -> None:
    item = CalendarItem(
        uid="plan-entry-1@jaarplanner",
        day=date(2026, 9, 22),
        start_time=None,
        duration_minutes=None,
        summary="Online; samen, veilig",
        description="Week tegen Pesten\nGroep 7/8; met ouders, ook",
        categories=("Online gedrag", "Sexting, grenzen"),
    )
    name = "De Regenboog, Groep 7/8; juf Anna\\meester Bas"
    data = render_calendar([item], IcsOptions(name=name, stamp=STAMP))
    assert b"X-WR-CALNAME:De Regenboog\\, Groep 7/8\\; juf Anna\\\\meester Bas" in data
    assert b"SUMMARY;LANGUAGE=nl:Online\\; samen\\, veilig" in data
    calendar = parse(data)
    # icalendar hands X- properties back as they are written; unescape as a client does
    assert unescape(calendar["X-WR-CALNAME"].to_ical().decode()) == name
    (event,) = events(calendar)
    assert str(event["SUMMARY"]) == "Online; samen, veilig"
    assert str(event["DESCRIPTION"]) == "Week tegen Pesten\nGroep 7/8; met ouders, ook"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Online gedrag", "Sexting, grenzen"]
    assert event["DTSTAMP"].dt == STAMP.replace(tzinfo=UTC)


def test_a_skipped_activity_is_cancelled(db, school) -> None:
    plan = plan_of(db, school, "Groep 3")
    operations.set_status(plan.entries[0], EntryStatus.SKIPPED, "Zieke juf")
    db.session.commit()
    items = plan_calendar_items(plan, "nl", class_name="Groep 3")
    (event, *_rest) = events(parse(render_calendar(items, IcsOptions("x", stamp=STAMP))))
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Zieke juf" in str(event["DESCRIPTION"])


def test_the_school_calendar_has_every_entry_once(db, school) -> None:
    items = list(school_calendar_items(school, YEAR, "nl"))
    data = render_calendar(items, calendar_options(school, "nl"))
    calendar = parse(data)
    uids = [str(e["UID"]) for e in events(calendar)]
    plans = operations.plans_of_school(school, YEAR)
    assert len(uids) == len(set(uids)) == sum(len(p.entries) for p in plans)
    assert str(calendar["X-WR-CALNAME"]) == "De Regenboog – Schooloverzicht"
    assert not list(calendar.walk("VTIMEZONE"))  # only all-day events: no zone needed
