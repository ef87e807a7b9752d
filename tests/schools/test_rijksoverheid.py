"""Importing Dutch school holidays from the Rijksoverheid open-data JSON."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from planner.schools.calendar import (
    NL_VACATION_KEYS,
    PACKAGED_NL_DATA,
    REGIONS,
    CalendarDataError,
    SchoolYear,
    load_nl_school_holidays,
)
from planner.schools.rijksoverheid import parse_rijksoverheid, write_data_file

SAMPLE = Path(__file__).parent / "data" / "rijksoverheid-2026-2027.json"
YEAR = SchoolYear("2026-2027")


@pytest.fixture
def sample() -> list:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def vacations(document: list) -> list[dict]:
    """The vacation entries of the first document."""
    return document[0]["content"][0]["vacations"]


def vacation(document: list, key: str) -> dict:
    """The raw vacation entry whose trimmed type is the key."""
    (found,) = [v for v in vacations(document) if v["type"].strip().lower() == key]
    return found


def parse(document: object):
    return parse_rijksoverheid(json.dumps(document))


def test_sample_has_the_api_quirks(sample):
    types = [v["type"] for v in vacations(sample)]
    assert any(t != t.strip() for t in types)
    assert all(isinstance(v["compulsorydates"], str) for v in vacations(sample))
    regions = {r["region"] for v in vacations(sample) for r in v["regions"]}
    assert "heel Nederland" in regions
    end_times = {r["enddate"][10:16] for v in vacations(sample) for r in v["regions"]}
    assert end_times == {"T21:59", "T22:59"}


def test_sample_import_equals_packaged_data():
    imported = parse_rijksoverheid(SAMPLE.read_bytes())
    packaged = load_nl_school_holidays(YEAR)
    assert imported.school_year == YEAR
    assert [v.key for v in imported.vacations] == list(NL_VACATION_KEYS)
    for key in NL_VACATION_KEYS:
        assert dict(imported.vacation(key).regions) == dict(packaged.vacation(key).regions), key
        assert imported.vacation(key).compulsory is packaged.vacation(key).compulsory


def test_heel_nederland_applies_to_every_region():
    christmas = parse_rijksoverheid(SAMPLE.read_text(encoding="utf-8")).vacation("kerstvakantie")
    assert set(christmas.regions) == set(REGIONS["NL"])
    assert set(christmas.regions.values()) == {(date(2026, 12, 19), date(2027, 1, 3))}


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2026-10-18T21:59:00.000Z", date(2026, 10, 18)),  # summer time: 23:59 local
        ("2026-10-25T22:59:00.000Z", date(2026, 10, 25)),  # winter time: 23:59 local
        ("2026-10-09T22:00:00.000Z", date(2026, 10, 10)),  # local midnight
        ("2026-10-10T00:00:00.000Z", date(2026, 10, 10)),
        ("2026-10-10T00:00:00", date(2026, 10, 10)),  # no offset: taken as local
    ],
)
def test_timestamps_become_amsterdam_days(sample, stamp, day):
    vacation(sample, "herfstvakantie")["regions"][1]["startdate"] = stamp
    parsed = parse(sample).vacation("herfstvakantie").regions["midden"]
    assert parsed[0] == day


def test_import_records_source_and_date():
    imported = parse_rijksoverheid(SAMPLE.read_bytes(), imported_on=date(2026, 11, 20))
    assert imported.source == "Rijksoverheid open data, imported 2026-11-20"
    assert {v.status for v in imported.vacations} == {"confirmed"}


def test_a_single_document_object_is_accepted(sample):
    assert parse(sample[0]).school_year == YEAR


def test_write_data_file_round_trips(tmp_path):
    imported = parse_rijksoverheid(SAMPLE.read_bytes(), imported_on=date(2026, 11, 20))
    path = write_data_file(imported, tmp_path / "instance" / "nl")
    assert path.name == "2026-2027.json"
    assert load_nl_school_holidays(YEAR, data_dirs=[path.parent]) == imported
    written = json.loads(path.read_text(encoding="utf-8"))
    packaged = json.loads((PACKAGED_NL_DATA / "2026-2027.json").read_text(encoding="utf-8"))
    assert written.keys() == packaged.keys()
    assert written["source"] == "Rijksoverheid open data, imported 2026-11-20"
    assert written["vacations"][0].keys() == packaged["vacations"][0].keys()
    assert list(path.parent.iterdir()) == [path]


def test_write_data_file_replaces_an_earlier_import(tmp_path):
    first = parse_rijksoverheid(SAMPLE.read_bytes(), imported_on=date(2026, 9, 1))
    second = parse_rijksoverheid(SAMPLE.read_bytes(), imported_on=date(2026, 11, 20))
    write_data_file(first, tmp_path)
    path = write_data_file(second, tmp_path)
    assert load_nl_school_holidays(YEAR, data_dirs=[tmp_path]).source == second.source
    assert list(tmp_path.iterdir()) == [path]


def mutated(change):
    """The JSON text of a copy of the sample with one change applied."""

    def build(sample: list) -> str:
        document = copy.deepcopy(sample)
        change(document)
        return json.dumps(document)

    return build


def drop(path: tuple, field: str):
    """A change that removes a field of the object reached through path."""

    def change(document):
        target = document
        for step in path:
            target = target[step]
        del target[field]

    return change


def put(path: tuple, field: str, value: object):
    """A change that sets a field of the object reached through path."""

    def change(document):
        target = document
        for step in path:
            target = target[step]
        target[field] = value

    return change


def second_year(document):
    other = copy.deepcopy(document[0])
    other["content"][0]["schoolyear"] = "2027-2028"
    document.append(other)


HERFST = (0, "content", 0, "vacations", 0)
KERST = (0, "content", 0, "vacations", 1)
ZUID_VOORJAAR = (0, "content", 0, "vacations", 2, "regions", 2)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda sample: b"<html>Service unavailable</html>", "not valid JSON"),
        (lambda sample: b"\xff\xfe\x00", "not valid JSON"),
        (lambda sample: 42, "expected JSON text"),
        (lambda sample: "[]", "holds no school year"),
        (lambda sample: "null", "expected a list"),
        (lambda sample: "[1]", "document: expected an object"),
        (mutated(drop((0,), "content")), "content: expected a list, found nothing"),
        (mutated(drop((0, "content", 0), "schoolyear")), "schoolyear: expected text"),
        (mutated(put((0, "content", 0), "schoolyear", "2026")), "YYYY-YYYY"),
        (mutated(drop((0, "content", 0), "vacations")), "vacations: expected a list"),
        (mutated(put(HERFST, "type", "\n Pinkstervakantie ")), "unknown vacation type 'Pinks"),
        (mutated(put(HERFST, "type", None)), "vacation type: expected text"),
        (mutated(drop(HERFST, "regions")), "herfstvakantie: regions: expected a list"),
        (mutated(put(HERFST, "compulsorydates", "soms")), "compulsorydates is 'soms'"),
        (mutated(put(HERFST, "compulsorydates", 1)), "compulsorydates: expected text"),
        (mutated(put((*HERFST, "regions", 0), "region", "oost")), "unknown region 'oost'"),
        (mutated(put((*HERFST, "regions", 0), "region", "midden")), "midden is given twice"),
        (mutated(drop((*HERFST, "regions", 0), "enddate")), "enddate: expected text"),
        (mutated(put((*HERFST, "regions", 0), "startdate", "10-10-2026")), "not a timestamp"),
        (mutated(put((*KERST, "regions", 0), "startdate", 20261219)), "startdate: expected text"),
        (mutated(put(ZUID_VOORJAAR, "enddate", "2027-03-21T22:59:00.000Z")), "at most 9 days"),
        (mutated(lambda d: vacations(d).pop(3)), "meivakantie is missing"),
        (mutated(second_year), "several school years"),
    ],
)
def test_malformed_input_is_reported(sample, build, message):
    with pytest.raises(CalendarDataError, match=message):
        parse_rijksoverheid(build(sample))


def test_every_unknown_type_is_named(sample):
    vacation(sample, "herfstvakantie")["type"] = "Pinkstervakantie"
    vacation(sample, "meivakantie")["type"] = "Vakantie 2"
    with pytest.raises(CalendarDataError) as caught:
        parse(sample)
    assert "'Pinkstervakantie'" in str(caught.value)
    assert "'Vakantie 2'" in str(caught.value)
