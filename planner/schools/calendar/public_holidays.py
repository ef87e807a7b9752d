"""Public holidays from the `holidays` package, named in the interface language."""

from __future__ import annotations

import holidays

from planner.schools.calendar.model import LANGUAGES, CalendarEvent, Country, EventKind, SchoolYear

_HOLIDAYS_LANGUAGE = {"nl": "nl", "nl_BE": "nl", "en": "en_US"}


def holidays_language(language: str) -> str:
    """The `holidays` package language for an interface locale."""
    try:
        return _HOLIDAYS_LANGUAGE[language]
    except KeyError:
        raise ValueError(
            f"Unknown interface language {language!r}; expected one of {', '.join(LANGUAGES)}."
        ) from None


# --- Public holidays ----------------------------------------------------------------------


def public_holiday_events(
    country: Country, year: SchoolYear, holidays_language: str
) -> list[CalendarEvent]:
    """Public holidays inside the school year, named in the requested language."""
    first, last = year.start(country), year.end(country)
    listed = holidays.country_holidays(
        country, years=(first.year, last.year), language=holidays_language
    )
    return [
        CalendarEvent(
            kind=EventKind.PUBLIC_HOLIDAY,
            key=f"feestdag-{day.isoformat()}",
            name=name,
            start=day,
            end=day,
        )
        for day, name in sorted(listed.items())
        if first <= day <= last
    ]
