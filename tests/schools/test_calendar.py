"""The school calendar: school years, Dutch data files, Flemish rules, theme weeks, school days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import holidays
import pytest
from dateutil.easter import easter

from planner.schools.calendar import (
    BE_VACATION_KEYS,
    MAX_VACATION_DAYS,
    NL_VACATION_KEYS,
    PACKAGED_NL_DATA,
    REGIONS,
    CalendarDataError,
    CalendarEvent,
    EventKind,
    SchoolYear,
    easter_sunday,
    flemish_holidays_by_rule,
    flemish_holidays_from_package,
    is_school_day,
    load_nl_school_holidays,
    school_calendar,
    school_days,
    supported_school_years,
)

D = date.fromisoformat
# 2025-2026 to 2027-2028 from the reference (section 1); 2028-2029 and 2029-2030 from its
# source S1 (openpotato/openholidaysapi.data), single-source.
SHIPPED = [SchoolYear(f"{year}-{year + 1}") for year in range(2025, 2030)]


def event(events: list[CalendarEvent], key: str) -> CalendarEvent:
    """The one event with that key."""
    (found,) = [item for item in events if item.key == key]
    return found


def packaged_file(year: str) -> dict:
    """The raw JSON of a packaged data file."""
    return json.loads((PACKAGED_NL_DATA / f"{year}.json").read_text(encoding="utf-8"))


# --- SchoolYear ---------------------------------------------------------------------------


def test_school_year_parse_accepts_label_with_whitespace():
    year = SchoolYear.parse(" 2026-2027\n")
    assert year == SchoolYear("2026-2027")
    assert year.first_year == 2026
    assert str(year) == "2026-2027"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026/2027", "YYYY-YYYY"),
        ("26-27", "YYYY-YYYY"),
        ("", "YYYY-YYYY"),
        ("schooljaar", "YYYY-YYYY"),
        ("2026-2028", "first plus one"),
        ("2027-2026", "first plus one"),
        ("2026-2026", "first plus one"),
    ],
)
def test_school_year_parse_rejects_bad_text(text, message):
    with pytest.raises(ValueError, match=message):
        SchoolYear.parse(text)


def test_school_year_parse_rejects_non_text():
    with pytest.raises(ValueError, match="must be text"):
        SchoolYear.parse(2026)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("country", "start", "end"),
    [("NL", date(2026, 8, 1), date(2027, 7, 31)), ("BE", date(2026, 9, 1), date(2027, 6, 30))],
)
def test_school_year_bounds(country, start, end):
    year = SchoolYear("2026-2027")
    assert (year.start(country), year.end(country)) == (start, end)


def test_school_year_rejects_unknown_country():
    with pytest.raises(ValueError, match="Unknown country"):
        SchoolYear("2026-2027").start("DE")  # type: ignore[arg-type]


def test_school_year_next_and_previous():
    assert SchoolYear("2026-2027").next() == SchoolYear("2027-2028")
    assert SchoolYear("2026-2027").previous() == SchoolYear("2025-2026")


@pytest.mark.parametrize(
    ("day", "country", "label"),
    [
        (date(2026, 7, 31), "NL", "2025-2026"),
        (date(2026, 8, 1), "NL", "2026-2027"),
        (date(2027, 1, 15), "NL", "2026-2027"),
        (date(2026, 6, 30), "BE", "2025-2026"),
        (date(2026, 7, 15), "BE", "2026-2027"),
        (date(2026, 9, 1), "BE", "2026-2027"),
    ],
)
def test_school_year_containing(day, country, label):
    assert SchoolYear.containing(day, country) == SchoolYear(label)


# --- Dutch data files ---------------------------------------------------------------------

NL_TABLE = {
    # reference/facts.md §1.2-1.4: (year, vacation) -> noord, midden, zuid
    ("2025-2026", "herfstvakantie"): [
        ("2025-10-18", "2025-10-26"),
        ("2025-10-18", "2025-10-26"),
        ("2025-10-11", "2025-10-19"),
    ],
    ("2025-2026", "kerstvakantie"): [("2025-12-20", "2026-01-04")] * 3,
    ("2025-2026", "voorjaarsvakantie"): [
        ("2026-02-21", "2026-03-01"),
        ("2026-02-14", "2026-02-22"),
        ("2026-02-14", "2026-02-22"),
    ],
    ("2025-2026", "meivakantie"): [("2026-04-25", "2026-05-03")] * 3,
    ("2025-2026", "zomervakantie"): [
        ("2026-07-04", "2026-08-16"),
        ("2026-07-18", "2026-08-30"),
        ("2026-07-11", "2026-08-23"),
    ],
    ("2026-2027", "herfstvakantie"): [
        ("2026-10-10", "2026-10-18"),
        ("2026-10-17", "2026-10-25"),
        ("2026-10-17", "2026-10-25"),
    ],
    ("2026-2027", "kerstvakantie"): [("2026-12-19", "2027-01-03")] * 3,
    ("2026-2027", "voorjaarsvakantie"): [
        ("2027-02-20", "2027-02-28"),
        ("2027-02-20", "2027-02-28"),
        ("2027-02-13", "2027-02-21"),
    ],
    ("2026-2027", "meivakantie"): [("2027-04-24", "2027-05-02")] * 3,
    ("2026-2027", "zomervakantie"): [
        ("2027-07-10", "2027-08-22"),
        ("2027-07-17", "2027-08-29"),
        ("2027-07-24", "2027-09-05"),
    ],
    ("2027-2028", "herfstvakantie"): [
        ("2027-10-16", "2027-10-24"),
        ("2027-10-16", "2027-10-24"),
        ("2027-10-23", "2027-10-31"),
    ],
    ("2027-2028", "kerstvakantie"): [("2027-12-25", "2028-01-09")] * 3,
    ("2027-2028", "voorjaarsvakantie"): [
        ("2028-02-19", "2028-02-27"),
        ("2028-02-26", "2028-03-05"),
        ("2028-02-26", "2028-03-05"),
    ],
    ("2027-2028", "meivakantie"): [("2028-04-29", "2028-05-07")] * 3,
    ("2027-2028", "zomervakantie"): [
        ("2028-07-15", "2028-08-27"),
        ("2028-07-08", "2028-08-20"),
        ("2028-07-22", "2028-09-03"),
    ],
}
NL_STATUS = {
    "2025-2026": dict.fromkeys(NL_VACATION_KEYS, "confirmed") | {"meivakantie": "single-source"},
    "2026-2027": {
        "herfstvakantie": "confirmed",
        "kerstvakantie": "confirmed",
        "voorjaarsvakantie": "confirmed",
        "meivakantie": "single-source",
        "zomervakantie": "single-source",
    },
    "2027-2028": dict.fromkeys(NL_VACATION_KEYS, "single-source"),
}


def test_shipped_nl_years_are_the_data_files():
    for region in REGIONS["NL"]:
        assert supported_school_years("NL", region) == SHIPPED


@pytest.mark.parametrize(("year", "key"), sorted(NL_TABLE))
def test_nl_data_matches_reference(year, key):
    vacation = load_nl_school_holidays(SchoolYear(year)).vacation(key)
    expected = {
        region: (D(s), D(e))
        for region, (s, e) in zip(REGIONS["NL"], NL_TABLE[year, key], strict=True)
    }
    assert dict(vacation.regions) == expected
    assert vacation.status == NL_STATUS[year][key]
    assert vacation.compulsory is (key in ("kerstvakantie", "zomervakantie"))


@pytest.mark.parametrize("year", SHIPPED, ids=str)
def test_nl_data_files_carry_their_sources(year):
    raw = packaged_file(year.label)
    assert raw["school_year"] == year.label
    assert "S1" in raw["source"]
    assert "openpotato/openholidaysapi.data" in raw["source"]


@pytest.mark.parametrize("region", REGIONS["NL"])
@pytest.mark.parametrize("year", SHIPPED, ids=str)
def test_nl_shipped_year_is_plausible(year, region):
    holidays = school_calendar("NL", region, year)
    vacations = [
        e for e in holidays if e.kind == EventKind.SCHOOL_HOLIDAY and e.key in NL_VACATION_KEYS
    ]
    assert sorted(e.key for e in vacations) == sorted(NL_VACATION_KEYS)
    for vacation in vacations:
        assert year.start("NL") <= vacation.start <= year.end("NL")
        if vacation.key != "zomervakantie":
            assert vacation.end <= year.end("NL")
        assert (vacation.end - vacation.start).days < MAX_VACATION_DAYS[vacation.key]
    spans = sorted((e.start, e.end) for e in vacations)
    assert all(earlier[1] < later[0] for earlier, later in pairwise(spans))
    voorjaar = event(vacations, "voorjaarsvakantie")
    assert (voorjaar.end - voorjaar.start).days + 1 <= 9


def write_variant(directory: Path, year: str, change) -> Path:
    """A copy of a packaged file with one change applied, saved under directory."""
    raw = packaged_file(year)
    change(raw)
    path = directory / f"{year}.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def vacation_of(raw: dict, key: str) -> dict:
    """The raw vacation entry with that key."""
    (found,) = [item for item in raw["vacations"] if item["key"] == key]
    return found


def test_loader_prefers_given_directory(tmp_path):
    def two_week_may(raw):
        vacation_of(raw, "meivakantie")["regions"]["zuid"]["start"] = "2027-04-17"

    write_variant(tmp_path, "2026-2027", two_week_may)
    loaded = load_nl_school_holidays(SchoolYear("2026-2027"), data_dirs=[tmp_path])
    assert loaded.vacation("meivakantie").regions["zuid"] == (D("2027-04-17"), D("2027-05-02"))
    assert supported_school_years("NL", "zuid", data_dirs=[tmp_path]) == SHIPPED


def test_loader_rejects_the_s1_voorjaar_typo(tmp_path):
    def typo(raw):
        vacation_of(raw, "voorjaarsvakantie")["regions"]["zuid"]["end"] = "2027-03-21"

    path = write_variant(tmp_path, "2026-2027", typo)
    with pytest.raises(CalendarDataError) as caught:
        load_nl_school_holidays(SchoolYear("2026-2027"), data_dirs=[tmp_path])
    message = str(caught.value)
    assert str(path) in message
    assert "voorjaarsvakantie (zuid)" in message
    assert "2027-02-13 to 2027-03-21 is 37 days" in message
    assert "at most 9 days" in message


def set_region(key, region, start, end):
    """A change that moves one vacation in one region."""

    def change(raw):
        vacation_of(raw, key)["regions"][region] = {"start": start, "end": end}

    return change


def set_field(key, field, value):
    """A change that sets one field of one vacation."""

    def change(raw):
        vacation_of(raw, key)[field] = value

    return change


OOST = {"start": "2026-10-10", "end": "2026-10-18"}


def drop_vacation(raw):
    raw["vacations"] = [v for v in raw["vacations"] if v["key"] != "meivakantie"]


def duplicate_vacation(raw):
    raw["vacations"].append(vacation_of(raw, "meivakantie"))


def drop_region(raw):
    del vacation_of(raw, "kerstvakantie")["regions"]["midden"]


def wrong_year(raw):
    raw["school_year"] = "2030-2031"


def no_source(raw):
    del raw["source"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_region("herfstvakantie", "noord", "2026-10-18", "2026-10-10"), "before it starts"),
        (set_region("herfstvakantie", "noord", "2026-07-18", "2026-07-26"), "outside school year"),
        (set_region("meivakantie", "noord", "2027-07-24", "2027-08-01"), "after school year"),
        (set_region("meivakantie", "zuid", "2027-02-20", "2027-02-28"), "overlaps"),
        (set_region("zomervakantie", "zuid", "2027-07-24", "2027-10-05"), "at most 63 days"),
        (set_region("kerstvakantie", "noord", "2026-12-19", "3 januari"), "not a YYYY-MM-DD"),
        (set_field("herfstvakantie", "key", "pinkstervakantie"), "unknown vacation"),
        (set_field("herfstvakantie", "status", "unconfirmed"), "unknown status"),
        (set_field("herfstvakantie", "compulsory", "false"), "expected true or false"),
        (set_field("herfstvakantie", "regions", {"oost": OOST}), "unknown region oost"),
        (drop_vacation, "meivakantie is missing"),
        (duplicate_vacation, "more than once"),
        (drop_region, "no dates for region midden"),
        (wrong_year, "expected 2026-2027"),
        (no_source, "source: expected text, found nothing"),
    ],
)
def test_loader_rejects_implausible_data(tmp_path, change, message):
    path = write_variant(tmp_path, "2026-2027", change)
    with pytest.raises(CalendarDataError, match=message) as caught:
        load_nl_school_holidays(SchoolYear("2026-2027"), data_dirs=[tmp_path])
    assert str(path) in str(caught.value)


def test_loader_rejects_broken_json(tmp_path):
    (tmp_path / "2026-2027.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CalendarDataError, match="not valid UTF-8 JSON"):
        load_nl_school_holidays(SchoolYear("2026-2027"), data_dirs=[tmp_path])


def test_unknown_nl_year_is_reported():
    with pytest.raises(CalendarDataError, match="No Dutch school holidays for 2040-2041"):
        school_calendar("NL", "noord", SchoolYear("2040-2041"))


# --- Flanders -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", SHIPPED, ids=str)
def test_flemish_package_matches_the_1991_rules(year):
    assert flemish_holidays_from_package(year) == flemish_holidays_by_rule(year)


def test_flemish_package_agrees_with_rules_for_decades():
    for first in range(2010, 2060):
        year = SchoolYear.starting_in(first)
        assert flemish_holidays_from_package(year) == flemish_holidays_by_rule(year), year


def test_flemish_package_school_category_names_are_all_handled():
    public_names = set(holidays.BE(years=range(2025, 2030), language="nl").values())
    school = holidays.BE(
        subdiv="Flemish", categories=("school",), years=range(2025, 2030), language="nl"
    )
    mapped = {
        "Herfstvakantie",
        "Kerstvakantie",
        "Krokusvakantie",
        "Paasvakantie",
        "Zomervakantie",
        "Vrijdag na O. L. H. Hemelvaart",
    }
    assert set(school.values()) - mapped <= public_names


BE_TABLE = {
    # reference/facts.md §2.2
    "2025-2026": {
        "herfstvakantie": ("2025-10-27", "2025-11-02"),
        "kerstvakantie": ("2025-12-22", "2026-01-04"),
        "krokusvakantie": ("2026-02-16", "2026-02-22"),
        "paasvakantie": ("2026-04-06", "2026-04-19"),
        "zomervakantie": ("2026-07-01", "2026-08-31"),
    },
    "2026-2027": {
        "herfstvakantie": ("2026-11-02", "2026-11-08"),
        "kerstvakantie": ("2026-12-21", "2027-01-03"),
        "krokusvakantie": ("2027-02-08", "2027-02-14"),
        "paasvakantie": ("2027-03-29", "2027-04-11"),
        "zomervakantie": ("2027-07-01", "2027-08-31"),
    },
    "2027-2028": {
        "herfstvakantie": ("2027-11-01", "2027-11-07"),
        "kerstvakantie": ("2027-12-27", "2028-01-09"),
        "krokusvakantie": ("2028-02-28", "2028-03-05"),
        "paasvakantie": ("2028-04-03", "2028-04-17"),
        "zomervakantie": ("2028-07-01", "2028-08-31"),
    },
}
ASCENSION = {"2025-2026": "2026-05-14", "2026-2027": "2027-05-06", "2027-2028": "2028-05-25"}


@pytest.mark.parametrize("label", sorted(BE_TABLE))
def test_flemish_calendar_matches_reference(label):
    events = school_calendar("BE", "vlaanderen", SchoolYear(label))
    for key, (start, end) in BE_TABLE[label].items():
        found = event(events, key)
        assert (found.start, found.end) == (D(start), D(end))
        assert (found.status, found.source_status) == ("confirmed", "confirmed")
    friday = event(events, "vrijdag-na-hemelvaart")
    assert friday.start == friday.end == D(ASCENSION[label]) + timedelta(days=1)
    assert friday.source_status == "single-source"
    keys = {e.key for e in events if e.kind == EventKind.SCHOOL_HOLIDAY}
    assert keys == {*BE_VACATION_KEYS, "vrijdag-na-hemelvaart"}


def test_flemish_easter_exceptions():
    # Easter in March (2027): from Easter Monday; after 15 April (2028): 2nd Monday before,
    # with Easter Monday added after the two weeks.
    assert flemish_holidays_by_rule(SchoolYear("2026-2027"))["paasvakantie"] == (
        D("2027-03-29"),
        D("2027-04-11"),
    )
    assert flemish_holidays_by_rule(SchoolYear("2024-2025"))["paasvakantie"] == (
        D("2025-04-07"),
        D("2025-04-21"),
    )


def test_flemish_rules_fill_in_where_the_package_has_nothing():
    year = SchoolYear("2005-2006")
    assert flemish_holidays_from_package(year) == {}
    events = school_calendar("BE", "vlaanderen", year)
    autumn = event(events, "herfstvakantie")
    assert (autumn.start, autumn.end) == (D("2005-10-31"), D("2005-11-06"))
    assert autumn.status == "derived"
    assert "1991" in autumn.note


def test_easter_sunday_matches_dateutil():
    assert all(easter_sunday(year) == easter(year) for year in range(1900, 2200))


def test_supported_flemish_years_start_with_the_shipped_ones():
    years = supported_school_years("BE", "vlaanderen")
    assert years[: len(SHIPPED)] == SHIPPED
    assert len(years) >= len(SHIPPED)


# --- Theme weeks --------------------------------------------------------------------------


def theme(country, label, key):
    """The theme-week event of a calendar."""
    region = REGIONS[country][0]
    return event(school_calendar(country, region, SchoolYear(label)), key)


@pytest.mark.parametrize(
    ("country", "label", "key", "start", "end", "status"),
    [
        ("NL", "2025-2026", "week-tegen-pesten", "2025-09-22", "2025-09-26", "confirmed"),
        ("NL", "2026-2027", "week-tegen-pesten", "2026-09-21", "2026-09-25", "derived"),
        ("NL", "2027-2028", "week-tegen-pesten", "2027-09-27", "2027-10-01", "derived"),
        ("NL", "2025-2026", "week-van-de-mediawijsheid", "2025-11-06", "2025-11-14", "confirmed"),
        ("NL", "2026-2027", "week-van-de-mediawijsheid", "2026-11-06", "2026-11-13", "derived"),
        ("NL", "2025-2026", "safer-internet-day", "2026-02-10", "2026-02-10", "confirmed"),
        ("NL", "2026-2027", "safer-internet-day", "2027-02-09", "2027-02-09", "derived"),
        ("NL", "2027-2028", "safer-internet-day", "2028-02-08", "2028-02-08", "derived"),
        ("BE", "2025-2026", "safer-internet-day", "2026-02-10", "2026-02-10", "confirmed"),
        ("BE", "2026-2027", "safer-internet-day", "2027-02-09", "2027-02-09", "derived"),
        ("BE", "2025-2026", "kies-kleur-tegen-pesten", "2025-09-08", "2025-09-12", "derived"),
        ("BE", "2026-2027", "kies-kleur-tegen-pesten", "2026-09-14", "2026-09-18", "derived"),
    ],
)
def test_theme_weeks(country, label, key, start, end, status):
    found = theme(country, label, key)
    assert found.kind == EventKind.THEME_WEEK
    assert (found.start, found.end, found.status) == (D(start), D(end), status)
    assert (found.note is None) is (status == "confirmed")


def test_derived_week_tegen_pesten_mentions_the_other_reading():
    assert "2026-09-28 to 2026-10-02" in theme("NL", "2026-2027", "week-tegen-pesten").note
    assert "fourth week" not in theme("NL", "2027-2028", "week-tegen-pesten").note


def test_kies_kleur_note_sends_the_school_to_the_organiser():
    note = theme("BE", "2026-2027", "kies-kleur-tegen-pesten").note
    assert "No date was published" in note
    assert "kieskleurtegenpesten.be" in note


def test_theme_weeks_belong_to_their_country():
    nl_keys = {e.key for e in school_calendar("NL", "midden", SchoolYear("2026-2027"))}
    be_keys = {e.key for e in school_calendar("BE", "vlaanderen", SchoolYear("2026-2027"))}
    assert "kies-kleur-tegen-pesten" not in nl_keys
    assert {"week-tegen-pesten", "week-van-de-mediawijsheid"}.isdisjoint(be_keys)


# --- The calendar as a whole --------------------------------------------------------------


@pytest.mark.parametrize(("country", "region"), [("NL", "zuid"), ("BE", "vlaanderen")])
def test_calendar_is_sorted_with_unique_keys(country, region):
    events = school_calendar(country, region, SchoolYear("2026-2027"))
    assert events == sorted(events, key=lambda e: (e.start, e.end, e.key))
    assert len({e.key for e in events}) == len(events)


@pytest.mark.parametrize(("country", "region"), [("NL", "noord"), ("BE", "vlaanderen")])
def test_public_holidays_lie_inside_the_school_year(country, region):
    year = SchoolYear("2026-2027")
    public = [
        e for e in school_calendar(country, region, year) if e.kind == EventKind.PUBLIC_HOLIDAY
    ]
    assert public
    for holiday in public:
        assert year.start(country) <= holiday.start == holiday.end <= year.end(country)
        assert holiday.key == f"feestdag-{holiday.start.isoformat()}"


@pytest.mark.parametrize(
    ("country", "region", "language", "name"),
    [
        ("NL", "noord", "nl", "Eerste kerstdag"),
        ("NL", "noord", "en", "Christmas Day"),
        ("BE", "vlaanderen", "nl_BE", "Kerstmis"),
        ("BE", "vlaanderen", "en", "Christmas Day"),
    ],
)
def test_public_holiday_names_follow_the_language(country, region, language, name):
    events = school_calendar(country, region, SchoolYear("2026-2027"), language)
    assert event(events, "feestdag-2026-12-25").name == name


def test_school_holiday_names_are_lazy_english_msgids():
    events = school_calendar("BE", "vlaanderen", SchoolYear("2026-2027"), "nl_BE")
    assert str(event(events, "krokusvakantie").name) == "Carnival holiday"
    assert str(event(events, "paasvakantie").name) == "Easter holiday"
    nl = school_calendar("NL", "noord", SchoolYear("2026-2027"), "nl")
    assert str(event(nl, "voorjaarsvakantie").name) == "Spring holiday"
    assert str(event(nl, "week-tegen-pesten").name) == "Anti-Bullying Week"


@pytest.mark.parametrize(
    ("country", "region", "language", "message"),
    [
        ("NL", "vlaanderen", "nl", "Unknown region"),
        ("BE", "noord", "nl", "Unknown region"),
        ("DE", "noord", "nl", "Unknown country"),
        ("NL", "noord", "fr", "Unknown interface language"),
    ],
)
def test_calendar_rejects_unknown_arguments(country, region, language, message):
    with pytest.raises(ValueError, match=message):
        school_calendar(country, region, SchoolYear("2026-2027"), language)


def test_nl_calendar_includes_the_end_of_last_summer():
    events = school_calendar("NL", "midden", SchoolYear("2026-2027"))
    summer = event(events, "zomervakantie-vorig-schooljaar")
    assert (summer.start, summer.end) == (D("2026-07-18"), D("2026-08-30"))
    assert events[0] == summer


def test_first_nl_year_has_no_earlier_summer():
    events = school_calendar("NL", "midden", SchoolYear("2025-2026"))
    assert "zomervakantie-vorig-schooljaar" not in {e.key for e in events}


def test_event_rejects_inconsistent_values():
    with pytest.raises(ValueError, match="before start"):
        CalendarEvent(EventKind.THEME_WEEK, "x", "x", D("2026-09-02"), D("2026-09-01"))
    with pytest.raises(ValueError, match="contradicts"):
        CalendarEvent(
            EventKind.THEME_WEEK, "x", "x", D("2026-09-01"), D("2026-09-01"), "confirmed", "derived"
        )


# --- School days --------------------------------------------------------------------------


@pytest.fixture
def noord_2026() -> list[CalendarEvent]:
    return school_calendar("NL", "noord", SchoolYear("2026-2027"))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 8), True),  # an ordinary Tuesday
        (date(2026, 9, 22), True),  # Tuesday in Week tegen Pesten: theme weeks are school days
        (date(2026, 9, 12), False),  # Saturday
        (date(2026, 9, 13), False),  # Sunday
        (date(2026, 10, 13), False),  # Tuesday in the noord herfstvakantie
        (date(2027, 4, 27), False),  # Koningsdag, a Tuesday
        (date(2027, 5, 6), False),  # Hemelvaartsdag
        (date(2026, 8, 11), False),  # Tuesday in the end of last summer
    ],
)
def test_is_school_day(noord_2026, day, expected):
    assert is_school_day(day, noord_2026) is expected


def test_closures_are_not_school_days(noord_2026):
    study_day = date(2026, 9, 8)
    assert is_school_day(study_day, noord_2026, closures={study_day}) is False


def test_school_days_skip_holidays_and_closures(noord_2026):
    year = SchoolYear("2026-2027")
    closure = date(2026, 8, 18)
    days = list(school_days(year, "NL", noord_2026, closures={closure}))
    assert days[0] == date(2026, 8, 17)
    assert closure not in days
    assert all(day.weekday() < 5 for day in days)
    assert not any(date(2026, 10, 10) <= day <= date(2026, 10, 18) for day in days)
    assert days[-1] == date(2027, 7, 9)


def test_flemish_school_days_start_1_september():
    year = SchoolYear("2026-2027")
    events = school_calendar("BE", "vlaanderen", year)
    days = list(school_days(year, "BE", events))
    assert days[0] == date(2026, 9, 1)
    assert days[-1] == date(2027, 6, 30)
    assert date(2027, 5, 7) not in days  # Friday after Ascension
    assert date(2026, 11, 11) not in days  # Wapenstilstand
