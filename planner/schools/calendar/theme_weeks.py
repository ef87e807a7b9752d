"""National theme weeks: published dates where known, else the usual rule, marked derived."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from planner.schools.calendar.model import CalendarEvent, EventKind, Range, SchoolYear, days_from

_THEME_NAMES: dict[str, LazyString] = {
    "week-tegen-pesten": _l("Anti-Bullying Week"),
    "week-van-de-mediawijsheid": _l("Media Literacy Week"),
    "safer-internet-day": _l("Safer Internet Day"),
    "kies-kleur-tegen-pesten": _l("Kies Kleur tegen Pesten campaign"),
}


# Theme-week dates that were published (reference/facts.md §3), by key and calendar year.
_PUBLISHED_THEME_DATES: dict[tuple[str, int], Range] = {
    ("week-tegen-pesten", 2025): (date(2025, 9, 22), date(2025, 9, 26)),
    ("week-van-de-mediawijsheid", 2025): (date(2025, 11, 6), date(2025, 11, 14)),
    ("safer-internet-day", 2026): (date(2026, 2, 10), date(2026, 2, 10)),
}


# --- Theme weeks --------------------------------------------------------------------------


def nl_theme_weeks(year: SchoolYear) -> list[CalendarEvent]:
    """Week tegen Pesten, Week van de Mediawijsheid and Safer Internet Day."""
    first = year.first_year
    return [
        _week_tegen_pesten(first),
        _week_van_de_mediawijsheid(first),
        _safer_internet_day(first + 1),
    ]


def be_theme_weeks(year: SchoolYear) -> list[CalendarEvent]:
    """The Kies Kleur tegen Pesten campaign and Safer Internet Day."""
    first = year.first_year
    return [_kies_kleur_tegen_pesten(first), _safer_internet_day(first + 1)]


def _theme_event(key: str, calendar_year: int, by_rule: Range, note: str) -> CalendarEvent:
    """The published dates when known, else the rule's dates marked derived with the note."""
    published = _PUBLISHED_THEME_DATES.get((key, calendar_year))
    if published is not None:
        return CalendarEvent(
            kind=EventKind.THEME_WEEK,
            key=key,
            name=_THEME_NAMES[key],
            start=published[0],
            end=published[1],
        )
    return CalendarEvent(
        kind=EventKind.THEME_WEEK,
        key=key,
        name=_THEME_NAMES[key],
        start=by_rule[0],
        end=by_rule[1],
        status="derived",
        source_status="derived",
        note=note,
    )


def _week_tegen_pesten(calendar_year: int) -> CalendarEvent:
    """ISO week 39, Monday to Friday, unless dates were published."""
    monday = date.fromisocalendar(calendar_year, 39, 1)
    note = "No published date known; derived from ISO week 39, the week of most past years."
    fourth_monday = _nth_weekday(calendar_year, 9, 0, 4)
    if fourth_monday != monday:
        note += (
            f" Read as 'the fourth week of September' it would be {fourth_monday.isoformat()} "
            f"to {(fourth_monday + timedelta(days=4)).isoformat()}; check weektegenpesten.com."
        )
    return _theme_event("week-tegen-pesten", calendar_year, days_from(monday, 5), note)


def _week_van_de_mediawijsheid(calendar_year: int) -> CalendarEvent:
    """From the first Friday of November to the Friday after, unless dates were published."""
    friday = _nth_weekday(calendar_year, 11, 4, 1)
    note = (
        "No published date known; derived as the first Friday of November to the Friday after. "
        "Check mediawijsheid.nl."
    )
    return _theme_event("week-van-de-mediawijsheid", calendar_year, days_from(friday, 8), note)


def _safer_internet_day(calendar_year: int) -> CalendarEvent:
    """Tuesday of the second week of February, unless the date was published."""
    day = _safer_internet_day_by_rule(calendar_year)
    note = (
        "No published date known; derived as the Tuesday of the second week of February. "
        "Check better-internet-for-kids.europa.eu."
    )
    return _theme_event("safer-internet-day", calendar_year, (day, day), note)


def _safer_internet_day_by_rule(calendar_year: int) -> date:
    """Week 1 is the first Monday-to-Sunday week with at least four February days."""
    earliest = date(calendar_year, 1, 29)
    week_one = earliest + timedelta(days=(7 - earliest.weekday()) % 7)
    return week_one + timedelta(days=8)


def _kies_kleur_tegen_pesten(calendar_year: int) -> CalendarEvent:
    """The second full school week of September; no dates published since September 2024."""
    first_monday = _nth_weekday(calendar_year, 9, 0, 1)
    note = (
        "No date was published; shown in the second full school week of September. "
        "Check kieskleurtegenpesten.be."
    )
    start = first_monday + timedelta(days=7)
    return _theme_event("kies-kleur-tegen-pesten", calendar_year, days_from(start, 5), note)


def _nth_weekday(calendar_year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday = 0) of a month."""
    first = date(calendar_year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
