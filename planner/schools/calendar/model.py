"""The school-year model: years, calendar events, and whether a day is a school day.

The one answer to "is this a school day?" (`day_off`) lives here; every page, export and the
generator use it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal, get_args

from flask_babel import LazyString

from planner.errors import DomainError

Country = Literal["NL", "BE"]
Status = Literal["confirmed", "derived"]
SourceStatus = Literal["confirmed", "single-source", "derived"]
NlVacationStatus = Literal["confirmed", "single-source"]
Range = tuple[date, date]


REGIONS: dict[str, tuple[str, ...]] = {
    "NL": ("noord", "midden", "zuid"),
    "BE": ("vlaanderen",),
}
LANGUAGES: tuple[str, ...] = ("nl", "nl_BE", "en")


_LABEL = re.compile(r"([12][0-9]{3})-([12][0-9]{3})")


class CalendarDataError(ValueError):
    """Calendar data that is missing, malformed or implausible; the message names the source."""


class MissingCalendarError(CalendarDataError, DomainError):
    """No school holidays are known for a school year: a user picked a year we cannot plan."""

    status = 404

    def __init__(self, year: SchoolYear, searched: str) -> None:
        DomainError.__init__(self, "calendar.unknown", year=year.label)
        self.args = (f"No Dutch school holidays for {year}; looked in {searched}.",)
        self.year = year

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, order=True)
class SchoolYear:
    """A school year such as 2026-2027, named by its two calendar years."""

    label: str

    def __post_init__(self) -> None:
        match = _LABEL.fullmatch(self.label) if isinstance(self.label, str) else None
        if match is None:
            raise ValueError(
                f"School year {self.label!r} is not of the form YYYY-YYYY, e.g. 2026-2027."
            )
        first, second = int(match[1]), int(match[2])
        if second != first + 1:
            raise ValueError(
                f"School year {self.label!r}: the second year must be the first plus one, "
                f"e.g. {first}-{first + 1}."
            )

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls, text: str) -> SchoolYear:
        """Read a label such as '2026-2027', ignoring surrounding whitespace."""
        if not isinstance(text, str):
            raise ValueError(f"School year must be text such as 2026-2027, not {text!r}.")
        return cls(text.strip())

    @classmethod
    def starting_in(cls, first_year: int) -> SchoolYear:
        """The school year that starts in the given calendar year."""
        return cls(f"{first_year}-{first_year + 1}")

    @classmethod
    def containing(cls, day: date, country: Country) -> SchoolYear:
        """The school year of a day; Flemish July and August count towards the coming year."""
        first_month = 8 if checked_country(country) == "NL" else 7
        return cls.starting_in(day.year if day.month >= first_month else day.year - 1)

    @property
    def first_year(self) -> int:
        """The calendar year in which the school year starts."""
        return int(self.label[:4])

    def start(self, country: Country) -> date:
        """First day: 1 August in NL, 1 September in Flanders."""
        month = 8 if checked_country(country) == "NL" else 9
        return date(self.first_year, month, 1)

    def end(self, country: Country) -> date:
        """Last day: 31 July in NL, 30 June in Flanders."""
        if checked_country(country) == "NL":
            return date(self.first_year + 1, 7, 31)
        return date(self.first_year + 1, 6, 30)

    def next(self) -> SchoolYear:
        """The following school year."""
        return SchoolYear.starting_in(self.first_year + 1)

    def previous(self) -> SchoolYear:
        """The preceding school year."""
        return SchoolYear.starting_in(self.first_year - 1)


class EventKind(StrEnum):
    """What a calendar event is; only theme weeks are school days."""

    SCHOOL_HOLIDAY = "school_holiday"
    PUBLIC_HOLIDAY = "public_holiday"
    THEME_WEEK = "theme_week"


@dataclass(frozen=True)
class CalendarEvent:
    """One dated calendar entry; start and end are inclusive.

    `name` is a lazy string (translated when rendered) for school holidays and theme weeks, and
    a plain string in the requested language for public holidays. `status` is "confirmed" for
    any published date, including single-source ones; `source_status` keeps that distinction.
    """

    kind: EventKind
    key: str
    name: str | LazyString
    start: date
    end: date
    status: Status = "confirmed"
    source_status: SourceStatus = "confirmed"
    note: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Event {self.key}: end {self.end} is before start {self.start}.")
        if self.status not in get_args(Status):
            raise ValueError(f"Event {self.key}: unknown status {self.status!r}.")
        if self.source_status not in get_args(SourceStatus):
            raise ValueError(f"Event {self.key}: unknown source status {self.source_status!r}.")
        if (self.status == "derived") != (self.source_status == "derived"):
            raise ValueError(
                f"Event {self.key}: status {self.status!r} contradicts "
                f"source status {self.source_status!r}."
            )

    def covers(self, day: date) -> bool:
        """Whether the day falls within the event."""
        return self.start <= day <= self.end


_DAY_OFF_KINDS = frozenset({EventKind.SCHOOL_HOLIDAY, EventKind.PUBLIC_HOLIDAY})


def check_region(country: Country, region: str) -> None:
    """Raise ValueError unless the region belongs to the country."""
    regions = REGIONS[checked_country(country)]
    if region not in regions:
        raise ValueError(
            f"Unknown region {region!r} for {country}; expected one of {', '.join(regions)}."
        )


def checked_country(country: Country) -> Country:
    """The country itself, or ValueError when it is neither NL nor BE."""
    if country not in REGIONS:
        raise ValueError(f"Unknown country {country!r}; expected one of {', '.join(REGIONS)}.")
    return country


def school_year_or_none(text: str) -> SchoolYear | None:
    """A school year from a file name, or None for files that are not named after one."""
    try:
        return SchoolYear.parse(text)
    except ValueError:
        return None


# --- School days --------------------------------------------------------------------------


class DayOffKind(StrEnum):
    """Why a school is closed on a day."""

    WEEKEND = "weekend"
    CLOSURE = "closure"
    SCHOOL_HOLIDAY = "school_holiday"
    PUBLIC_HOLIDAY = "public_holiday"


@dataclass(frozen=True)
class DayOff:
    """A day without school and why, as data: the sentence is made where it is shown.

    `key` is the holiday's calendar key (e.g. "kerstvakantie", "feestdag-2026-12-25");
    `name` is a closure's own name as the school typed it.
    """

    day: date
    kind: DayOffKind
    country: Country
    key: str | None = None
    name: str | None = None


def day_off(
    day: date,
    country: Country,
    events: Iterable[CalendarEvent],
    closures: Mapping[date, str] | Collection[date] = (),
) -> DayOff | None:
    """Why there is no school on a day, or None on a school day. Theme weeks are school days.

    The one answer to "is this a school day?": every page, export and the generator use it.
    """
    if day.weekday() >= 5:
        return DayOff(day, DayOffKind.WEEKEND, country)
    if day in closures:
        name = closures[day] if isinstance(closures, Mapping) else None
        return DayOff(day, DayOffKind.CLOSURE, country, name=name)
    for event in events:
        if event.kind in _DAY_OFF_KINDS and event.covers(day):
            kind = (
                DayOffKind.SCHOOL_HOLIDAY
                if event.kind == EventKind.SCHOOL_HOLIDAY
                else DayOffKind.PUBLIC_HOLIDAY
            )
            return DayOff(day, kind, country, key=event.key)
    return None


def is_school_day(
    day: date,
    events: Iterable[CalendarEvent],
    closures: Mapping[date, str] | Collection[date] = (),
) -> bool:
    """False on weekends, school and public holidays and closures; theme weeks are school days."""
    return day_off(day, "NL", events, closures) is None


def school_days(
    year: SchoolYear,
    country: Country,
    events: Sequence[CalendarEvent],
    closures: Collection[date] = (),
) -> Iterator[date]:
    """The school days of a school year, in order."""
    closed = frozenset(closures)
    day, last = year.start(country), year.end(country)
    while day <= last:
        if is_school_day(day, events, closed):
            yield day
        day += timedelta(days=1)


def days_from(start: date, days: int) -> Range:
    """An inclusive range of a number of days."""
    return start, start + timedelta(days=days - 1)
