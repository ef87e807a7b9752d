"""Dutch school holidays: versioned data files per school year (holiday_data/nl), their
validation, and their events per region."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, get_args

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from planner.schools.calendar.model import (
    REGIONS,
    CalendarDataError,
    CalendarEvent,
    EventKind,
    MissingCalendarError,
    Range,
    SchoolYear,
)

NlVacationStatus = Literal["confirmed", "single-source"]
_T = TypeVar("_T")


NL_VACATION_KEYS: tuple[str, ...] = (
    "herfstvakantie",
    "kerstvakantie",
    "voorjaarsvakantie",
    "meivakantie",
    "zomervakantie",
)


PACKAGED_NL_DATA = Path(__file__).parent.parent / "holiday_data" / "nl"


# Longest plausible vacation per key, in days. Catches typos such as a voorjaarsvakantie that
# ends in March instead of February (one public data set has exactly that).
MAX_VACATION_DAYS: dict[str, int] = {
    "herfstvakantie": 16,
    "kerstvakantie": 16,
    "voorjaarsvakantie": 9,
    "meivakantie": 17,
    "zomervakantie": 63,
}


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


NL_VACATION_NAMES: dict[str, LazyString] = {
    "herfstvakantie": _l("Autumn holiday"),
    "kerstvakantie": _l("Christmas holiday"),
    "voorjaarsvakantie": _l("Spring holiday"),
    "meivakantie": _l("May holiday"),
    "zomervakantie": _l("Summer holiday"),
}


# --- Dutch school holidays: data files ----------------------------------------------------


def load_nl_school_holidays(
    year: SchoolYear, data_dirs: Iterable[Path | str] | None = None
) -> NlSchoolHolidays:
    """Read and validate a year's Dutch school holidays; given directories beat packaged data."""
    dirs = search_dirs(data_dirs)
    path = nl_data_file(year, dirs)
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


def search_dirs(data_dirs: Iterable[Path | str] | None) -> tuple[Path, ...]:
    """The given directories first, then the packaged data."""
    return (*(Path(directory) for directory in data_dirs or ()), PACKAGED_NL_DATA)


def nl_data_file(year: SchoolYear, dirs: Iterable[Path]) -> Path | None:
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


def nl_school_holiday_events(
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
        name=NL_VACATION_NAMES[vacation.key],
        start=start,
        end=end,
        status="confirmed",
        source_status=vacation.status,
        note=note,
    )


def _previous_summer(region: str, year: SchoolYear, dirs: tuple[Path, ...]) -> list[CalendarEvent]:
    """Last year's summer holiday if data exists and it ends after this school year begins."""
    path = nl_data_file(year.previous(), dirs)
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
            name=NL_VACATION_NAMES["zomervakantie"],
            start=start,
            end=end,
            source_status=summer.status,
            note="Summer holiday of the previous school year, running into this one.",
        )
    ]
