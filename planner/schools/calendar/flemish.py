"""Flemish school holidays: the `holidays` package, with the rules of 17 April 1991 as a
cross-check and fallback."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from planner.schools.calendar.model import (
    CalendarEvent,
    EventKind,
    Range,
    SchoolYear,
    SourceStatus,
    Status,
    days_from,
)

BE_VACATION_KEYS: tuple[str, ...] = (
    "herfstvakantie",
    "kerstvakantie",
    "krokusvakantie",
    "paasvakantie",
    "zomervakantie",
)


# Flemish years are computed, not shipped; this is how far ahead the interface offers them.
BE_FIRST_YEARS = range(2025, 2035)


BE_VACATION_NAMES: dict[str, LazyString] = {
    "herfstvakantie": _l("Autumn holiday"),
    "kerstvakantie": _l("Christmas holiday"),
    "krokusvakantie": _l("Carnival holiday"),
    "paasvakantie": _l("Easter holiday"),
    "vrijdag-na-hemelvaart": _l("Friday after Ascension Day"),
    "zomervakantie": _l("Summer holiday"),
}


# Names in the Flemish school category of `holidays` (language="nl") mapped to our keys. The
# category also lists public holidays (Wapenstilstand, Hemelvaart, ...): those come from the
# public calendar instead.
_PACKAGE_SCHOOL_KEYS: dict[str, str] = {
    "Herfstvakantie": "herfstvakantie",
    "Kerstvakantie": "kerstvakantie",
    "Krokusvakantie": "krokusvakantie",
    "Paasvakantie": "paasvakantie",
    "Zomervakantie": "zomervakantie",
    "Vrijdag na O. L. H. Hemelvaart": "vrijdag-na-hemelvaart",
}


# --- Flemish school holidays --------------------------------------------------------------


def flemish_holidays_by_rule(year: SchoolYear) -> dict[str, Range]:
    """Flemish school holidays from the rules of 17 April 1991, plus the Friday after Ascension."""
    first = year.first_year
    easter = easter_sunday(first + 1)
    friday_after_ascension = easter + timedelta(days=40)
    return {
        "herfstvakantie": days_from(_autumn_break_start(first), 7),
        "kerstvakantie": days_from(_christmas_break_start(first), 14),
        "krokusvakantie": days_from(easter - timedelta(days=48), 7),
        "paasvakantie": _easter_break(easter),
        "vrijdag-na-hemelvaart": (friday_after_ascension, friday_after_ascension),
        "zomervakantie": (date(first + 1, 7, 1), date(first + 1, 8, 31)),
    }


def flemish_holidays_from_package(year: SchoolYear) -> dict[str, Range]:
    """Flemish school holidays from `holidays`; empty when the package has none or splits one."""
    first = year.first_year
    listed = holidays.BE(
        subdiv="Flemish", categories=("school",), years=(first, first + 1), language="nl"
    )
    window_start, window_end = year.start("BE"), date(first + 1, 8, 31)
    days: dict[str, list[date]] = {}
    for day in sorted(listed):
        if window_start <= day <= window_end:
            for name in listed.get_list(day):
                if name in _PACKAGE_SCHOOL_KEYS:
                    days.setdefault(_PACKAGE_SCHOOL_KEYS[name], []).append(day)
    ranges = {key: (found[0], found[-1]) for key, found in days.items()}
    if any((end - start).days + 1 != len(days[key]) for key, (start, end) in ranges.items()):
        return {}
    return ranges


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_shift) // 433
    month = (h + weekday_shift - 7 * m + 90) // 25
    day = (h + weekday_shift - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


def _autumn_break_start(first_year: int) -> date:
    """Monday of the week of 1 November; 2 November when the 1st is a Sunday."""
    all_saints = date(first_year, 11, 1)
    if all_saints.weekday() == 6:
        return all_saints + timedelta(days=1)
    return all_saints - timedelta(days=all_saints.weekday())


def _christmas_break_start(first_year: int) -> date:
    """Monday of the week of Christmas; the Monday after when Christmas falls in a weekend."""
    christmas = date(first_year, 12, 25)
    if christmas.weekday() >= 5:
        return christmas + timedelta(days=7 - christmas.weekday())
    return christmas - timedelta(days=christmas.weekday())


def _easter_break(easter: date) -> Range:
    """Two weeks from the 1st Monday of April, with the 1991 exceptions around Easter."""
    if easter.month == 3:
        start = easter + timedelta(days=1)
    elif easter > date(easter.year, 4, 15):
        start = easter - timedelta(days=13)
    else:
        april_first = date(easter.year, 4, 1)
        start = april_first + timedelta(days=(7 - april_first.weekday()) % 7)
    start, end = days_from(start, 14)
    easter_monday = easter + timedelta(days=1)
    # Easter Monday right after the two weeks is free too (2025 and 2028).
    return start, easter_monday if easter_monday == end + timedelta(days=1) else end


def flemish_school_holiday_events(year: SchoolYear) -> list[CalendarEvent]:
    """Flemish school holidays from the package, or from the rules when the package lacks them."""
    by_rule = flemish_holidays_by_rule(year)
    from_package = flemish_holidays_from_package(year)
    if from_package.keys() == by_rule.keys():
        return [_flemish_event(key, dates, derived=False) for key, dates in from_package.items()]
    return [_flemish_event(key, dates, derived=True) for key, dates in by_rule.items()]


def _flemish_event(key: str, dates: Range, *, derived: bool) -> CalendarEvent:
    """One Flemish school holiday as a calendar event."""
    status: Status
    source_status: SourceStatus
    note: str | None
    if derived:
        status, source_status = "derived", "derived"
        note = "Computed from the Flemish rules of 17 April 1991; no published list was available."
    elif key == "vrijdag-na-hemelvaart":
        status, source_status = "confirmed", "single-source"
        note = "Most Flemish schools are closed; some call it a bridge day or optional day off."
    else:
        status, source_status, note = "confirmed", "confirmed", None
    return CalendarEvent(
        kind=EventKind.SCHOOL_HOLIDAY,
        key=key,
        name=BE_VACATION_NAMES[key],
        start=dates[0],
        end=dates[1],
        status=status,
        source_status=source_status,
        note=note,
    )
