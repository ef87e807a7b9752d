"""Calendars as iCalendar files: calendar items in, the bytes of an .ics feed out.

Every item keeps its UID from one export to the next, so a calendar that subscribes to the
feed replaces a moved or renamed activity instead of showing it twice. Activities without a
time are all-day events; timed ones are in the school's time zone, with its VTIMEZONE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from planner.clock import utcnow

PRODID = "-//Jaarplanner Mediawijsheid//Jaarplanner//NL"
DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class CalendarItem:
    """One event: a day, optionally a start time, and what it is."""

    uid: str
    day: date
    start_time: time | None
    duration_minutes: int | None
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()
    sequence: int = 0  # goes up with every change, so calendars take the newest version
    cancelled: bool = False
    tentative: bool = False  # a suggestion nobody booked yet
    location: str = ""


@dataclass(frozen=True)
class IcsOptions:
    """The calendar's name and time zone (Europe/Amsterdam or Europe/Brussels)."""

    name: str
    timezone: str = "Europe/Amsterdam"
    language: str = "nl"
    stamp: datetime | None = None  # when the feed was made (UTC); now if not given


def render_calendar(events: Iterable[CalendarItem], options: IcsOptions) -> bytes:
    """The events as the bytes of an iCalendar (RFC 5545) file, METHOD:PUBLISH."""
    zone = ZoneInfo(options.timezone)
    stamp = (options.stamp or utcnow()).replace(tzinfo=None)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # Text properties are escaped (\, \; \\); icalendar does that only for values it knows
    # to be text, so say so.
    calendar.add("name", vText(options.name))
    calendar.add("x-wr-calname", vText(options.name))
    calendar.add("x-wr-timezone", options.timezone)
    days: list[date] = []
    for item in events:
        calendar.add_component(_event(item, zone, stamp, options.language))
        if item.start_time is not None:
            days.append(item.day)
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return calendar.to_ical()


def _event(item: CalendarItem, zone: ZoneInfo, stamp: datetime, language: str) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp.replace(tzinfo=UTC))
    if item.start_time is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a day's activity does not block the whole day
    else:
        start = datetime.combine(item.day, item.start_time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=item.duration_minutes or DEFAULT_MINUTES))
    event.add("summary", item.summary, parameters={"language": language.replace("_", "-")})
    if item.description:
        event.add("description", item.description)
    if item.categories:
        event.add("categories", list(item.categories))
    event.add("sequence", item.sequence)
    if item.location:
        event.add("location", item.location)
    event.add(
        "status", "CANCELLED" if item.cancelled else "TENTATIVE" if item.tentative else "CONFIRMED"
    )
    return event
