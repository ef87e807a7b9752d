"""The calendar as JSON, the year at a glance, closures, and the Rijksoverheid import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import english

SAMPLE = Path(__file__).parent / "data" / "rijksoverheid-2026-2027.json"


def events(client, query: str) -> list[dict]:
    response = client.get(f"/api/v1/calendar?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["events"]


def test_nl_calendar_as_json(client) -> None:
    found = events(client, "country=NL&region=midden&year=2026-2027")
    herfst = next(e for e in found if e["key"] == "herfstvakantie")
    assert (herfst["kind"], herfst["start"], herfst["end"]) == (
        "school_holiday",
        "2026-10-17",
        "2026-10-25",
    )
    assert herfst["status"] == "confirmed"
    kinds = {e["kind"] for e in found}
    assert kinds == {"school_holiday", "public_holiday", "theme_week"}
    wtp = next(e for e in found if e["key"] == "week-tegen-pesten")
    assert wtp["status"] == "derived"
    assert {e["status"] for e in found} <= {"confirmed", "derived"}
    for event in found:
        assert event["start"] <= event["end"]


def test_regions_differ(client) -> None:
    noord = next(
        e
        for e in events(client, "country=NL&region=noord&year=2026-2027")
        if e["key"] == "herfstvakantie"
    )
    assert noord["start"] == "2026-10-10"


def test_flemish_calendar_as_json(client) -> None:
    found = events(client, "country=BE&year=2026-2027")
    herfst = next(e for e in found if e["key"] == "herfstvakantie")
    assert (herfst["start"], herfst["end"]) == ("2026-11-02", "2026-11-08")
    assert any(e["key"] == "kies-kleur-tegen-pesten" and e["status"] == "derived" for e in found)


def test_public_holiday_names_follow_the_language(client) -> None:
    dutch = events(client, "country=NL&region=zuid&year=2026-2027")
    english = client.get(
        "/api/v1/calendar?country=NL&region=zuid&year=2026-2027", headers={"Accept-Language": "en"}
    ).get_json()["events"]
    christmas = lambda found: next(e["name"] for e in found if e["start"] == "2026-12-25")  # noqa: E731
    assert christmas(dutch) != christmas(english)
    assert "Christmas" in christmas(english)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("region=midden&year=2026-2027", "country"),
        ("country=FR&year=2026-2027", "country"),
        ("country=NL&year=2026-2027", "region"),
        ("country=NL&region=oost&year=2026-2027", "region"),
        ("country=BE&region=midden&year=2026-2027", "region"),
        ("country=NL&region=midden", "year"),
        ("country=NL&region=midden&year=2026", "year"),
        ("country=NL&region=midden&year=2026-2028", "year"),
        ("country=NL&region=midden&year=1999-2000", "year"),
        ("country=NL&region=midden&year=2026-2027&extra=1", "extra"),
    ],
)
def test_bad_parameters_get_400_naming_them(client, query: str, parameter: str) -> None:
    response = client.get(f"/api/v1/calendar?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


def test_import_saved_sample_writes_instance_data(app, tmp_path) -> None:
    app.instance_path = str(tmp_path)
    result = app.test_cli_runner().invoke(args=["calendar", "import", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "holidays" / "nl" / "2026-2027.json"
    data = json.loads(written.read_text())
    assert data["school_year"] == "2026-2027"
    assert "herfstvakantie" in result.output


def test_imported_data_overrides_the_packaged_file(app, client, tmp_path) -> None:
    app.instance_path = str(tmp_path)
    raw = json.loads(SAMPLE.read_text())
    for vacation in raw[0]["content"][0]["vacations"]:
        if "Herfst" in vacation["type"]:
            for region in vacation["regions"]:
                if region["region"] == "midden":
                    region["startdate"] = "2026-10-10T00:00:00.000Z"
                    region["enddate"] = "2026-10-18T21:59:00.000Z"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(raw))
    assert app.test_cli_runner().invoke(args=["calendar", "import", str(changed)]).exit_code == 0
    herfst = next(
        e
        for e in events(client, "country=NL&region=midden&year=2026-2027")
        if e["key"] == "herfstvakantie"
    )
    assert herfst["start"] == "2026-10-10"


def test_import_refuses_a_broken_file(app, tmp_path) -> None:
    app.instance_path = str(tmp_path)
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet: json")
    result = app.test_cli_runner().invoke(args=["calendar", "import", str(broken)])
    assert result.exit_code == 1
    assert "kapot.json" in result.output
    assert not (tmp_path / "holidays" / "nl").exists() or not list(
        (tmp_path / "holidays" / "nl").glob("*.json")
    )


def test_year_at_a_glance_and_closures(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    client = login(school, "coordinator")
    client.post("/schooljaar", data={"year": "2026-2027", "next": "/school/kalender"})
    page = client.get("/school/kalender").get_data(as_text=True)
    assert "Herfstvakantie" in page
    assert "Week tegen Pesten" in page
    assert ">43<" in page  # ISO week 43 = herfstvakantie midden
    response = client.post(
        "/school/sluitingsdagen", data={"name": "Studiedag team", "start": "2026-11-16"}
    )
    assert response.status_code == 303
    assert "Studiedag team" in client.get("/school/kalender").get_data(as_text=True)
    from planner.schools.operations import is_school_day

    db.session.refresh(school)
    assert not is_school_day(school, date(2026, 11, 16))
    assert is_school_day(school, date(2026, 11, 17))
    assert not is_school_day(school, date(2026, 10, 20))  # herfstvakantie
    bad = english(client).post(
        "/school/sluitingsdagen",
        data={"name": "x", "start": "2026-11-20", "end": "2026-11-19"},
    )
    assert bad.status_code == 400
    assert "The last day is before the first." in bad.get_data(as_text=True)


def test_teachers_cannot_add_closures(make_school, login) -> None:
    school = make_school("De Regenboog")
    client = login(school, "teacher")
    assert (
        client.post("/school/sluitingsdagen", data={"name": "x", "start": "2026-11-16"}).status_code
        == 403
    )
