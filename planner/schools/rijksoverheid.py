"""Import Dutch school holidays from the Rijksoverheid open-data JSON into our data-file format.

The API (opendata.rijksoverheid.nl, infotype schoolholidays) returns a list of documents; each
document's "content" holds a school year with its "vacations". Vacation types may carry
surrounding whitespace, "compulsorydates" is the text "true" or "false", a region is noord,
midden, zuid or "heel Nederland", and dates are UTC timestamps that mean local days in
Europe/Amsterdam (an end of T21:59Z or T22:59Z is 23:59 on the last day).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from planner import clock
from planner.schools.calendar import (
    NL_VACATION_KEYS,
    REGIONS,
    CalendarDataError,
    NlSchoolHolidays,
    NlVacation,
    Range,
    SchoolYear,
    expect,
    nl_school_holidays_to_dict,
    validate_nl_school_holidays,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ORIGIN = "Rijksoverheid data"
WHOLE_COUNTRY = "heel nederland"


def parse_rijksoverheid(data: bytes | str, imported_on: date | None = None) -> NlSchoolHolidays:
    """Parse and validate one school year of the API's JSON; CalendarDataError on bad input."""
    contents = _contents(_load_json(data))
    year = _single_school_year(contents)
    raw_vacations = [
        vacation
        for content in contents
        for vacation in expect(content.get("vacations"), list, ORIGIN, "content: vacations")
    ]
    _reject_unknown_types(raw_vacations)
    vacations = sorted(
        (_vacation(raw) for raw in raw_vacations),
        key=lambda vacation: NL_VACATION_KEYS.index(vacation.key),
    )
    result = NlSchoolHolidays(
        school_year=year,
        source=f"Rijksoverheid open data, imported {(imported_on or clock.today()).isoformat()}",
        vacations=tuple(vacations),
    )
    validate_nl_school_holidays(result, f"{ORIGIN} {year}")
    return result


def write_data_file(holidays: NlSchoolHolidays, directory: Path) -> Path:
    """Write <school year>.json in the packaged data format, replacing any earlier file whole."""
    validate_nl_school_holidays(holidays, f"{holidays.school_year} data")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{holidays.school_year.label}.json"
    text = json.dumps(nl_school_holidays_to_dict(holidays), indent=2, ensure_ascii=False) + "\n"
    # Write beside the target and rename, so that a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _load_json(data: bytes | str) -> Any:
    """The decoded JSON document."""
    if not isinstance(data, bytes | str):
        raise CalendarDataError(f"{ORIGIN}: expected JSON text, got {type(data).__name__}.")
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CalendarDataError(f"{ORIGIN}: not valid JSON ({error}).") from error


def _contents(document: Any) -> list[dict[str, Any]]:
    """Every content entry of every document (a single document is accepted too)."""
    documents = [document] if isinstance(document, dict) else expect(document, list, ORIGIN)
    contents = [
        expect(content, dict, ORIGIN, "content")
        for item in documents
        for content in expect(
            expect(item, dict, ORIGIN, "document").get("content"), list, ORIGIN, "content"
        )
    ]
    if not contents:
        raise CalendarDataError(f"{ORIGIN}: holds no school year.")
    return contents


def _single_school_year(contents: list[dict[str, Any]]) -> SchoolYear:
    """The one school year the contents describe."""
    labels = sorted(
        {
            expect(content.get("schoolyear"), str, ORIGIN, "schoolyear").strip()
            for content in contents
        }
    )
    if len(labels) > 1:
        raise CalendarDataError(
            f"{ORIGIN}: holds several school years ({', '.join(labels)}); "
            "import one school year at a time."
        )
    try:
        return SchoolYear.parse(labels[0])
    except ValueError as error:
        raise CalendarDataError(f"{ORIGIN}: {error}") from error


def _vacation_type(raw: object) -> str:
    """The trimmed type of a vacation, e.g. 'Herfstvakantie'."""
    vacation = expect(raw, dict, ORIGIN, "vacation")
    return expect(vacation.get("type"), str, ORIGIN, "vacation type").strip()


def _reject_unknown_types(raw_vacations: list[Any]) -> None:
    """Name every vacation type we do not know, rather than silently dropping it."""
    types = [_vacation_type(raw) for raw in raw_vacations]
    unknown = sorted({repr(text) for text in types if text.lower() not in NL_VACATION_KEYS})
    if unknown:
        raise CalendarDataError(
            f"{ORIGIN}: unknown vacation type {', '.join(unknown)}; "
            f"expected one of {', '.join(NL_VACATION_KEYS)}."
        )


def _vacation(raw: dict[str, Any]) -> NlVacation:
    """One vacation of a known type with its dates per region."""
    key = _vacation_type(raw).lower()
    return NlVacation(
        key=key,
        status="confirmed",
        compulsory=_compulsory(raw.get("compulsorydates"), key),
        regions=_regions(expect(raw.get("regions"), list, ORIGIN, f"{key}: regions"), key),
    )


def _compulsory(raw: object, where: str) -> bool:
    """The "true"/"false" text of compulsorydates as a bool."""
    if isinstance(raw, bool):
        return raw
    text = expect(raw, str, ORIGIN, f"{where}: compulsorydates").strip().lower()
    if text not in ("true", "false"):
        raise CalendarDataError(
            f"{ORIGIN}: {where}: compulsorydates is {raw!r}; expected 'true' or 'false'."
        )
    return text == "true"


def _regions(entries: list[Any], where: str) -> dict[str, Range]:
    """Dates per region, with "heel Nederland" standing for all three."""
    result: dict[str, Range] = {}
    for raw in entries:
        entry = expect(raw, dict, ORIGIN, f"{where}: region")
        name = expect(entry.get("region"), str, ORIGIN, f"{where}: region").strip()
        dates = (
            _local_date(entry.get("startdate"), f"{where} ({name}): startdate"),
            _local_date(entry.get("enddate"), f"{where} ({name}): enddate"),
        )
        for region in _regions_named(name, where):
            if region in result:
                raise CalendarDataError(f"{ORIGIN}: {where}: region {region} is given twice.")
            result[region] = dates
    return result


def _regions_named(name: str, where: str) -> tuple[str, ...]:
    """The regions a region name stands for."""
    if name.lower() == WHOLE_COUNTRY:
        return REGIONS["NL"]
    if name.lower() in REGIONS["NL"]:
        return (name.lower(),)
    raise CalendarDataError(
        f"{ORIGIN}: {where}: unknown region {name!r}; "
        "expected noord, midden, zuid or heel Nederland."
    )


def _local_date(raw: object, where: str) -> date:
    """The Amsterdam calendar day of an ISO timestamp; one without offset is taken as local."""
    text = expect(raw, str, ORIGIN, where)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CalendarDataError(f"{ORIGIN}: {where}: {text!r} is not a timestamp.") from None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(AMSTERDAM).date()
