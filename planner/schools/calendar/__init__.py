"""School-year calendars for NL and Flanders: school holidays, public holidays and theme weeks.

Pure functions, no database and no Flask app needed. Dutch school holidays come from versioned
data files (holiday_data/nl/<school year>.json), Flemish ones from the `holidays` package with
the rules of 17 April 1991 as a cross-check and fallback, public holidays from `holidays`, and
theme weeks from known dates or, failing those, a rule (marked "derived").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import holidays
from flask_babel import LazyString

from planner.schools.calendar.dutch import (
    MAX_VACATION_DAYS,
    NL_VACATION_KEYS,
    NL_VACATION_NAMES,
    PACKAGED_NL_DATA,
    NlSchoolHolidays,
    NlVacation,
    expect,
    load_nl_school_holidays,
    nl_data_file,
    nl_school_holiday_events,
    nl_school_holidays_from_dict,
    nl_school_holidays_to_dict,
    read_nl_data_file,
    search_dirs,
    validate_nl_school_holidays,
)
from planner.schools.calendar.flemish import (
    BE_FIRST_YEARS,
    BE_VACATION_KEYS,
    BE_VACATION_NAMES,
    easter_sunday,
    flemish_holidays_by_rule,
    flemish_holidays_from_package,
    flemish_school_holiday_events,
)
from planner.schools.calendar.model import (
    LANGUAGES,
    REGIONS,
    CalendarDataError,
    CalendarEvent,
    Country,
    DayOff,
    DayOffKind,
    EventKind,
    MissingCalendarError,
    Range,
    SchoolYear,
    check_region,
    day_off,
    is_school_day,
    school_days,
    school_year_or_none,
)
from planner.schools.calendar.public_holidays import holidays_language, public_holiday_events
from planner.schools.calendar.theme_weeks import be_theme_weeks, nl_theme_weeks

__all__ = [
    "BE_FIRST_YEARS",
    "BE_VACATION_KEYS",
    "LANGUAGES",
    "MAX_VACATION_DAYS",
    "NL_VACATION_KEYS",
    "PACKAGED_NL_DATA",
    "REGIONS",
    "CalendarDataError",
    "CalendarEvent",
    "Country",
    "DayOff",
    "DayOffKind",
    "EventKind",
    "MissingCalendarError",
    "NlSchoolHolidays",
    "NlVacation",
    "Range",
    "SchoolYear",
    "check_region",
    "day_off",
    "easter_sunday",
    "expect",
    "flemish_holidays_by_rule",
    "flemish_holidays_from_package",
    "holiday_name",
    "is_school_day",
    "load_nl_school_holidays",
    "nl_data_file",
    "nl_school_holidays_from_dict",
    "nl_school_holidays_to_dict",
    "read_nl_data_file",
    "school_calendar",
    "school_days",
    "supported_school_years",
    "validate_nl_school_holidays",
]

# --- The whole calendar -------------------------------------------------------------------


def school_calendar(
    country: Country,
    region: str,
    year: SchoolYear,
    language: str = "nl",
    *,
    data_dirs: Iterable[Path | str] | None = None,
) -> list[CalendarEvent]:
    """School holidays, public holidays and theme weeks of one school year, sorted by start."""
    check_region(country, region)
    language_of_names = holidays_language(language)
    if country == "NL":
        school = nl_school_holiday_events(region, year, search_dirs(data_dirs))
        themes = nl_theme_weeks(year)
    else:
        school = flemish_school_holiday_events(year)
        themes = be_theme_weeks(year)
    public = public_holiday_events(country, year, language_of_names)
    return sorted([*school, *public, *themes], key=lambda e: (e.start, e.end, e.key))


def supported_school_years(
    country: Country, region: str, *, data_dirs: Iterable[Path | str] | None = None
) -> list[SchoolYear]:
    """The school years whose school holidays are known for that country and region."""
    check_region(country, region)
    if country == "BE":
        return [SchoolYear.starting_in(first) for first in BE_FIRST_YEARS]
    years = {
        year
        for directory in search_dirs(data_dirs)
        for path in directory.glob("*.json")
        if (year := school_year_or_none(path.stem)) is not None
    }
    return sorted(years)


def holiday_name(country: Country, key: str, day: date, language: str) -> str | LazyString:
    """The name of a school or public holiday for a day off: public holidays in the given
    interface language, school holidays as a lazy string for the caller's locale."""
    if key.startswith("feestdag-"):
        listed = holidays.country_holidays(
            country, years=day.year, language=holidays_language(language)
        )
        return "; ".join(listed.get_list(day)) or key
    names = NL_VACATION_NAMES if country == "NL" else BE_VACATION_NAMES
    return names.get(key.removesuffix("-vorig-schooljaar"), key)
