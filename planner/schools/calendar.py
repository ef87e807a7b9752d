"""School-year calendars for NL and Flanders: school holidays, public holidays and theme weeks.

Pure functions, no database and no Flask app needed. Dutch school holidays come from versioned
data files (holiday_data/nl/<school year>.json), Flemish ones from the `holidays` package with
the rules of 17 April 1991 as a cross-check and fallback, public holidays from `holidays`, and
theme weeks from known dates or, failing those, a rule (marked "derived").
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, get_args

import holidays
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

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
NL_VACATION_KEYS: tuple[str, ...] = (
    "herfstvakantie",
    "kerstvakantie",
    "voorjaarsvakantie",
    "meivakantie",
    "zomervakantie",
)
BE_VACATION_KEYS: tuple[str, ...] = (
    "herfstvakantie",
    "kerstvakantie",
    "krokusvakantie",
    "paasvakantie",
    "zomervakantie",
)
PACKAGED_NL_DATA = Path(__file__).parent / "holiday_data" / "nl"

# Longest plausible vacation per key, in days. Catches typos such as a voorjaarsvakantie that
# ends in March instead of February (one public data set has exactly that).
MAX_VACATION_DAYS: dict[str, int] = {
    "herfstvakantie": 16,
    "kerstvakantie": 16,
    "voorjaarsvakantie": 9,
    "meivakantie": 17,
    "zomervakantie": 63,
}
# Flemish years are computed, not shipped; this is how far ahead the interface offers them.
BE_FIRST_YEARS = range(2025, 2035)

_HOLIDAYS_LANGUAGE = {"nl": "nl", "nl_BE": "nl", "en": "en_US"}
_LABEL = re.compile(r"([12][0-9]{3})-([12][0-9]{3})")
_T = TypeVar("_T")


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
        first_month = 8 if _checked_country(country) == "NL" else 7
        return cls.starting_in(day.year if day.month >= first_month else day.year - 1)

    @property
    def first_year(self) -> int:
        """The calendar year in which the school year starts."""
        return int(self.label[:4])

    def start(self, country: Country) -> date:
        """First day: 1 August in NL, 1 September in Flanders."""
        month = 8 if _checked_country(country) == "NL" else 9
        return date(self.first_year, month, 1)

    def end(self, country: Country) -> date:
        """Last day: 31 July in NL, 30 June in Flanders."""
        if _checked_country(country) == "NL":
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


@dataclass(frozen=True)
class NlVacation:
    """One Dutch school vacation with its inclusive dates per region."""

    key: str
    status: NlVacationStatus
    compulsory: bool
    regions: Mapping[str, Range]
    note: str | None = None


@dataclass(frozen=True)
class NlSchoolHolidays:
    """The Dutch school vacations of one school year, per region, with their source."""

    school_year: SchoolYear
    source: str
    vacations: tuple[NlVacation, ...]

    def vacation(self, key: str) -> NlVacation:
        """The vacation with the given key."""
        for vacation in self.vacations:
            if vacation.key == key:
                return vacation
        raise KeyError(key)


_NL_VACATION_NAMES: dict[str, LazyString] = {
    "herfstvakantie": _l("Autumn holiday"),
    "kerstvakantie": _l("Christmas holiday"),
    "voorjaarsvakantie": _l("Spring holiday"),
    "meivakantie": _l("May holiday"),
    "zomervakantie": _l("Summer holiday"),
}
_BE_VACATION_NAMES: dict[str, LazyString] = {
    "herfstvakantie": _l("Autumn holiday"),
    "kerstvakantie": _l("Christmas holiday"),
    "krokusvakantie": _l("Carnival holiday"),
    "paasvakantie": _l("Easter holiday"),
    "vrijdag-na-hemelvaart": _l("Friday after Ascension Day"),
    "zomervakantie": _l("Summer holiday"),
}
_THEME_NAMES: dict[str, LazyString] = {
    "week-tegen-pesten": _l("Anti-Bullying Week"),
    "week-van-de-mediawijsheid": _l("Media Literacy Week"),
    "safer-internet-day": _l("Safer Internet Day"),
    "kies-kleur-tegen-pesten": _l("Kies Kleur tegen Pesten campaign"),
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
# Theme-week dates that were published (reference/facts.md §3), by key and calendar year.
_PUBLISHED_THEME_DATES: dict[tuple[str, int], Range] = {
    ("week-tegen-pesten", 2025): (date(2025, 9, 22), date(2025, 9, 26)),
    ("week-van-de-mediawijsheid", 2025): (date(2025, 11, 6), date(2025, 11, 14)),
    ("safer-internet-day", 2026): (date(2026, 2, 10), date(2026, 2, 10)),
}
_DAY_OFF_KINDS = frozenset({EventKind.SCHOOL_HOLIDAY, EventKind.PUBLIC_HOLIDAY})


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
    holidays_language = _holidays_language(language)
    if country == "NL":
        school = _nl_school_holiday_events(region, year, _search_dirs(data_dirs))
        themes = _nl_theme_weeks(year)
    else:
        school = _flemish_school_holiday_events(year)
        themes = _be_theme_weeks(year)
    public = _public_holiday_events(country, year, holidays_language)
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
        for directory in _search_dirs(data_dirs)
        for path in directory.glob("*.json")
        if (year := _school_year_or_none(path.stem)) is not None
    }
    return sorted(years)


def check_region(country: Country, region: str) -> None:
    """Raise ValueError unless the region belongs to the country."""
    regions = REGIONS[_checked_country(country)]
    if region not in regions:
        raise ValueError(
            f"Unknown region {region!r} for {country}; expected one of {', '.join(regions)}."
        )


def _checked_country(country: Country) -> Country:
    """The country itself, or ValueError when it is neither NL nor BE."""
    if country not in REGIONS:
        raise ValueError(f"Unknown country {country!r}; expected one of {', '.join(REGIONS)}.")
    return country


def _holidays_language(language: str) -> str:
    """The `holidays` package language for an interface locale."""
    try:
        return _HOLIDAYS_LANGUAGE[language]
    except KeyError:
        raise ValueError(
            f"Unknown interface language {language!r}; expected one of {', '.join(LANGUAGES)}."
        ) from None


def _school_year_or_none(text: str) -> SchoolYear | None:
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


def holiday_name(country: Country, key: str, day: date, language: str) -> str | LazyString:
    """The name of a school or public holiday for a day off: public holidays in the given
    interface language, school holidays as a lazy string for the caller's locale."""
    if key.startswith("feestdag-"):
        listed = holidays.country_holidays(
            country, years=day.year, language=_holidays_language(language)
        )
        return "; ".join(listed.get_list(day)) or key
    names = _NL_VACATION_NAMES if country == "NL" else _BE_VACATION_NAMES
    return names.get(key.removesuffix("-vorig-schooljaar"), key)


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


# --- Dutch school holidays: data files ----------------------------------------------------


def load_nl_school_holidays(
    year: SchoolYear, data_dirs: Iterable[Path | str] | None = None
) -> NlSchoolHolidays:
    """Read and validate a year's Dutch school holidays; given directories beat packaged data."""
    dirs = _search_dirs(data_dirs)
    path = _nl_data_file(year, dirs)
    if path is None:
        raise MissingCalendarError(year, ", ".join(str(directory) for directory in dirs))
    return read_nl_data_file(path, year)


def read_nl_data_file(path: Path, year: SchoolYear | None = None) -> NlSchoolHolidays:
    """Read and validate one data file, optionally checking that it is for the given year."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CalendarDataError(f"{path}: not valid UTF-8 JSON ({error}).") from error
    return nl_school_holidays_from_dict(raw, origin=str(path), year=year)


def nl_school_holidays_from_dict(
    raw: object, origin: str, year: SchoolYear | None = None
) -> NlSchoolHolidays:
    """Build validated holidays from the data-file structure; errors name origin and vacation."""
    document = expect(raw, dict, origin)
    school_year = _school_year_field(document, origin)
    if year is not None and school_year != year:
        raise CalendarDataError(f"{origin}: holds school year {school_year}, expected {year}.")
    raw_vacations = expect(document.get("vacations"), list, origin, "vacations")
    result = NlSchoolHolidays(
        school_year=school_year,
        source=expect(document.get("source"), str, origin, "source"),
        vacations=tuple(_vacation_from_dict(item, origin) for item in raw_vacations),
    )
    validate_nl_school_holidays(result, origin)
    return result


def _school_year_field(document: dict[str, Any], origin: str) -> SchoolYear:
    """The school_year of a data file."""
    text = expect(document.get("school_year"), str, origin, "school_year")
    try:
        return SchoolYear.parse(text)
    except ValueError as error:
        raise CalendarDataError(f"{origin}: school_year: {error}") from error


def nl_school_holidays_to_dict(data: NlSchoolHolidays) -> dict[str, Any]:
    """The data-file structure of validated holidays (the inverse of the reader)."""
    return {
        "school_year": data.school_year.label,
        "source": data.source,
        "vacations": [_vacation_to_dict(vacation) for vacation in data.vacations],
    }


_JSON_TYPE_NAMES: dict[type, str] = {
    dict: "an object",
    list: "a list",
    str: "text",
    bool: "true or false",
}


def expect(value: object, kind: type[_T], origin: str, where: str = "") -> _T:
    """The value if it has the expected JSON type, else CalendarDataError naming the place."""
    if isinstance(value, kind):
        return value
    place = f"{origin}: {where}" if where else origin
    found = "nothing" if value is None else type(value).__name__
    raise CalendarDataError(f"{place}: expected {_JSON_TYPE_NAMES[kind]}, found {found}.")


def _vacation_from_dict(raw: object, origin: str) -> NlVacation:
    """One vacation entry of a data file."""
    item = expect(raw, dict, origin, "vacation")
    key = expect(item.get("key"), str, origin, "vacation key")
    where = f"vacation {key}"
    regions = expect(item.get("regions"), dict, origin, f"{where}: regions")
    note = item.get("note")
    return NlVacation(
        key=key,
        status=cast(NlVacationStatus, expect(item.get("status"), str, origin, f"{where}: status")),
        compulsory=expect(item.get("compulsory"), bool, origin, f"{where}: compulsory"),
        regions={
            region: _range_from_dict(value, origin, f"{where} ({region})")
            for region, value in regions.items()
        },
        note=None if note is None else expect(note, str, origin, f"{where}: note"),
    )


def _range_from_dict(raw: object, origin: str, where: str) -> Range:
    """An inclusive {"start": ISO date, "end": ISO date} pair."""
    item = expect(raw, dict, origin, where)
    return (
        _iso_date(item.get("start"), origin, f"{where}: start"),
        _iso_date(item.get("end"), origin, f"{where}: end"),
    )


def _iso_date(raw: object, origin: str, where: str) -> date:
    """A YYYY-MM-DD date, or CalendarDataError naming the place."""
    text = expect(raw, str, origin, where)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CalendarDataError(f"{origin}: {where}: {text!r} is not a YYYY-MM-DD date.") from None


def _vacation_to_dict(vacation: NlVacation) -> dict[str, Any]:
    """One vacation in data-file form."""
    result: dict[str, Any] = {
        "key": vacation.key,
        "status": vacation.status,
        "compulsory": vacation.compulsory,
        "regions": {
            region: {"start": start.isoformat(), "end": end.isoformat()}
            for region, (start, end) in vacation.regions.items()
        },
    }
    if vacation.note:
        result["note"] = vacation.note
    return result


def _search_dirs(data_dirs: Iterable[Path | str] | None) -> tuple[Path, ...]:
    """The given directories first, then the packaged data."""
    return (*(Path(directory) for directory in data_dirs or ()), PACKAGED_NL_DATA)


def _nl_data_file(year: SchoolYear, dirs: Iterable[Path]) -> Path | None:
    """The first <year>.json found in the directories, or None."""
    for directory in dirs:
        path = directory / f"{year.label}.json"
        if path.is_file():
            return path
    return None


# --- Dutch school holidays: validation ----------------------------------------------------


def validate_nl_school_holidays(data: NlSchoolHolidays, origin: str) -> None:
    """Raise CalendarDataError, naming origin and vacation, for implausible data."""
    _check_vacation_keys(data, origin)
    for vacation in data.vacations:
        _check_vacation(vacation, data.school_year, origin)
    for region in REGIONS["NL"]:
        _check_no_overlap(data, region, origin)


def _check_vacation_keys(data: NlSchoolHolidays, origin: str) -> None:
    """Every known vacation exactly once, nothing else."""
    keys = [vacation.key for vacation in data.vacations]
    unknown = sorted(set(keys) - set(NL_VACATION_KEYS))
    if unknown:
        raise CalendarDataError(
            f"{origin}: unknown vacation {', '.join(unknown)}; "
            f"expected {', '.join(NL_VACATION_KEYS)}."
        )
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise CalendarDataError(f"{origin}: vacation {', '.join(twice)} is listed more than once.")
    missing = [key for key in NL_VACATION_KEYS if key not in keys]
    if missing:
        raise CalendarDataError(f"{origin}: vacation {', '.join(missing)} is missing.")


def _check_vacation(vacation: NlVacation, year: SchoolYear, origin: str) -> None:
    """Status, regions and dates of one vacation."""
    where = f"{origin}: {vacation.key}"
    if vacation.status not in get_args(NlVacationStatus):
        raise CalendarDataError(
            f"{where}: unknown status {vacation.status!r}; expected confirmed or single-source."
        )
    regions = set(vacation.regions)
    unknown = sorted(regions - set(REGIONS["NL"]))
    if unknown:
        raise CalendarDataError(
            f"{where}: unknown region {', '.join(unknown)}; expected noord, midden, zuid."
        )
    missing = [region for region in REGIONS["NL"] if region not in regions]
    if missing:
        raise CalendarDataError(f"{where}: no dates for region {', '.join(missing)}.")
    for region, dates in vacation.regions.items():
        _check_dates(vacation.key, dates, year, f"{where} ({region})")


def _check_dates(key: str, dates: Range, year: SchoolYear, where: str) -> None:
    """Order, place in the school year and length of one vacation in one region."""
    start, end = dates
    if end < start:
        raise CalendarDataError(f"{where}: ends on {end}, before it starts on {start}.")
    first, last = year.start("NL"), year.end("NL")
    if not first <= start <= last:
        raise CalendarDataError(
            f"{where}: starts on {start}, outside school year {year} ({first} to {last})."
        )
    # The summer holiday belongs to the year in which it starts and may run past 31 July.
    if end > last and key != "zomervakantie":
        raise CalendarDataError(f"{where}: ends on {end}, after school year {year} ends ({last}).")
    days = (end - start).days + 1
    if days > MAX_VACATION_DAYS[key]:
        raise CalendarDataError(
            f"{where}: {start} to {end} is {days} days; a {key} lasts at most "
            f"{MAX_VACATION_DAYS[key]} days. Check the end date for a typo."
        )


def _check_no_overlap(data: NlSchoolHolidays, region: str, origin: str) -> None:
    """No two vacations of one region share a day."""
    ranges = sorted((vacation.regions[region], vacation.key) for vacation in data.vacations)
    for (earlier, earlier_key), (later, later_key) in pairwise(ranges):
        if later[0] <= earlier[1]:
            raise CalendarDataError(
                f"{origin}: {earlier_key} ({region}, until {earlier[1]}) overlaps "
                f"{later_key} ({region}, from {later[0]})."
            )


# --- Dutch school holidays: events --------------------------------------------------------


def _nl_school_holiday_events(
    region: str, year: SchoolYear, dirs: tuple[Path, ...]
) -> list[CalendarEvent]:
    """This year's vacations, plus the previous summer where it runs into this school year."""
    data = load_nl_school_holidays(year, dirs)
    events = [_nl_vacation_event(vacation, region) for vacation in data.vacations]
    return [*_previous_summer(region, year, dirs), *events]


def _nl_vacation_event(vacation: NlVacation, region: str) -> CalendarEvent:
    """One Dutch vacation as a calendar event for one region."""
    start, end = vacation.regions[region]
    note = vacation.note
    if note is None and not vacation.compulsory:
        note = "Advised dates; a school may choose other dates."
    return CalendarEvent(
        kind=EventKind.SCHOOL_HOLIDAY,
        key=vacation.key,
        name=_NL_VACATION_NAMES[vacation.key],
        start=start,
        end=end,
        status="confirmed",
        source_status=vacation.status,
        note=note,
    )


def _previous_summer(region: str, year: SchoolYear, dirs: tuple[Path, ...]) -> list[CalendarEvent]:
    """Last year's summer holiday if data exists and it ends after this school year begins."""
    path = _nl_data_file(year.previous(), dirs)
    if path is None:
        return []
    summer = read_nl_data_file(path, year.previous()).vacation("zomervakantie")
    start, end = summer.regions[region]
    if end < year.start("NL"):
        return []
    return [
        CalendarEvent(
            kind=EventKind.SCHOOL_HOLIDAY,
            key="zomervakantie-vorig-schooljaar",
            name=_NL_VACATION_NAMES["zomervakantie"],
            start=start,
            end=end,
            source_status=summer.status,
            note="Summer holiday of the previous school year, running into this one.",
        )
    ]


# --- Flemish school holidays --------------------------------------------------------------


def flemish_holidays_by_rule(year: SchoolYear) -> dict[str, Range]:
    """Flemish school holidays from the rules of 17 April 1991, plus the Friday after Ascension."""
    first = year.first_year
    easter = easter_sunday(first + 1)
    friday_after_ascension = easter + timedelta(days=40)
    return {
        "herfstvakantie": _days_from(_autumn_break_start(first), 7),
        "kerstvakantie": _days_from(_christmas_break_start(first), 14),
        "krokusvakantie": _days_from(easter - timedelta(days=48), 7),
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


def _days_from(start: date, days: int) -> Range:
    """An inclusive range of a number of days."""
    return start, start + timedelta(days=days - 1)


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
    start, end = _days_from(start, 14)
    easter_monday = easter + timedelta(days=1)
    # Easter Monday right after the two weeks is free too (2025 and 2028).
    return start, easter_monday if easter_monday == end + timedelta(days=1) else end


def _flemish_school_holiday_events(year: SchoolYear) -> list[CalendarEvent]:
    """Flemish school holidays from the package, or from the rules when the package lacks them."""
    by_rule = flemish_holidays_by_rule(year)
    from_package = flemish_holidays_from_package(year)
    if from_package.keys() == by_rule.keys():
        return [_flemish_event(key, dates, derived=False) for key, dates in from_package.items()]
    return [_flemish_event(key, dates, derived=True) for key, dates in by_rule.items()]


def _flemish_event(key: str, dates: Range, *, derived: bool) -> CalendarEvent:
    """One Flemish school holiday as a calendar event."""
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
        name=_BE_VACATION_NAMES[key],
        start=dates[0],
        end=dates[1],
        status=status,
        source_status=source_status,
        note=note,
    )


# --- Public holidays ----------------------------------------------------------------------


def _public_holiday_events(
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


# --- Theme weeks --------------------------------------------------------------------------


def _nl_theme_weeks(year: SchoolYear) -> list[CalendarEvent]:
    """Week tegen Pesten, Week van de Mediawijsheid and Safer Internet Day."""
    first = year.first_year
    return [
        _week_tegen_pesten(first),
        _week_van_de_mediawijsheid(first),
        _safer_internet_day(first + 1),
    ]


def _be_theme_weeks(year: SchoolYear) -> list[CalendarEvent]:
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
    return _theme_event("week-tegen-pesten", calendar_year, _days_from(monday, 5), note)


def _week_van_de_mediawijsheid(calendar_year: int) -> CalendarEvent:
    """From the first Friday of November to the Friday after, unless dates were published."""
    friday = _nth_weekday(calendar_year, 11, 4, 1)
    note = (
        "No published date known; derived as the first Friday of November to the Friday after. "
        "Check mediawijsheid.nl."
    )
    return _theme_event("week-van-de-mediawijsheid", calendar_year, _days_from(friday, 8), note)


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
    return _theme_event("kies-kleur-tegen-pesten", calendar_year, _days_from(start, 5), note)


def _nth_weekday(calendar_year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday = 0) of a month."""
    first = date(calendar_year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
