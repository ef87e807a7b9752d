"""First run, the setup page, and the demo schools."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from planner.accounts.models import User
from planner.policy.models import Agreement, Contact, Incident, PolicyItem
from planner.schools.models import School, SchoolClass

SETUP = {
    "school_name": "OBS De Linde",
    "country": "NL",
    "region": "zuid",
    "locale": "nl",
    "name": "Sanne de Vries",
    "email": "Sanne@DeLinde.example",
    "password": "een-goed-wachtwoord",
    "password_again": "een-goed-wachtwoord",
}


def test_first_run_opens_the_setup_page(client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/setup")
    assert client.get("/inloggen").headers["Location"].endswith("/setup")
    page = client.get("/setup").get_data(as_text=True)
    assert "Zeeland, Noord-Brabant, Limburg" in page  # which provinces belong to zuid


def test_setup_creates_the_school_and_logs_in_the_coordinator(app, client, db) -> None:
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"  # the default outside the test suite
    response = client.post("/setup", data=SETUP)
    assert response.status_code == 303
    school = db.session.scalar(select(School))
    assert (school.name, school.country, school.region, school.locale) == (
        "OBS De Linde",
        "NL",
        "zuid",
        "nl",
    )
    user = db.session.scalar(select(User))
    assert user.email == "sanne@delinde.example"
    assert user.role == "coordinator"
    assert user.password_hash != SETUP["password"]
    assert user.password_hash.startswith("scrypt:")
    assert client.get("/school/klassen").status_code == 200  # logged in
    assert client.get("/setup").status_code == 404  # only once


def test_setup_sets_the_interface_language(client) -> None:
    client.post("/setup", data=SETUP | {"locale": "en"})
    assert '<html lang="en">' in client.get("/school/").get_data(as_text=True)


def test_setup_refuses_bad_input_and_keeps_what_was_typed(client, db) -> None:
    bad = SETUP | {"country": "BE", "region": "zuid", "password": "kort", "password_again": "x"}
    response = client.post("/setup", data=bad, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Flemish schools use the region Flanders." in page
    assert "Use at least 10 characters." in page
    assert 'value="OBS De Linde"' in page
    assert db.session.scalar(select(func.count()).select_from(School)) == 0


def test_flemish_school_setup(client, db) -> None:
    data = SETUP | {"country": "BE", "region": "vlaanderen", "locale": "nl_BE"}
    assert client.post("/setup", data=data).status_code == 303
    assert db.session.scalar(select(School.region)) == "vlaanderen"


@pytest.mark.usefixtures("real_catalogue")
def test_demo_creates_two_schools_and_changes_nothing_the_second_time(app, db) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--password", "demo-wachtwoord-1"])
    assert first.exit_code == 0, first.output
    assert "coordinator@deregenboog.example" in first.output
    assert "demo-wachtwoord-1" in first.output
    schools = {s.name: s for s in db.session.scalars(select(School))}
    assert set(schools) == {"De Regenboog", "De Vlinder"}
    assert (schools["De Regenboog"].country, schools["De Regenboog"].region) == ("NL", "midden")
    assert (schools["De Vlinder"].country, schools["De Vlinder"].region) == ("BE", "vlaanderen")
    names = lambda school: [c.name for c in school.classes]  # noqa: E731
    assert sorted(names(schools["De Regenboog"])) == sorted(
        ["Groep 1/2", "Groep 3", "Groep 4", "Groep 5", "Groep 6", "Groep 7/8"]
    )
    assert sorted(names(schools["De Vlinder"])) == sorted(
        ["K3"] + [f"{n} leerjaar" for n in ("1ste", "2de", "3de", "4de", "5de", "6de")]
    )
    combination = next(c for c in schools["De Regenboog"].classes if c.name == "Groep 7/8")
    assert combination.grades == [7, 8]
    from planner.evenings.models import ParentEvening

    evenings = list(db.session.scalars(select(ParentEvening)))
    assert sorted(e.school_id for e in evenings) == sorted(s.id for s in schools.values())
    assert all(len(e.blocks) >= 4 for e in evenings)
    roles = sorted(
        db.session.scalars(select(User.role).where(User.school_id == schools["De Vlinder"].id))
    )
    assert roles == ["coordinator", "teacher"]

    demo_models = (School, User, SchoolClass, PolicyItem, Contact, Agreement, Incident)
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in demo_models]
    assert counts[3:] == [16, 9, 8, 4]  # policy check, contacts, agreements, incidents
    hashes = list(db.session.scalars(select(User.password_hash).order_by(User.id)))
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert "nothing changed" in second.output
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in demo_models] == counts
    assert list(db.session.scalars(select(User.password_hash).order_by(User.id))) == hashes


def test_demo_accounts_can_log_in(app, client) -> None:
    app.test_cli_runner().invoke(args=["demo", "--password", "demo-wachtwoord-1"])
    response = client.post(
        "/inloggen", data={"email": "leerkracht@devlinder.example", "password": "demo-wachtwoord-1"}
    )
    assert response.status_code == 303


def test_demo_without_password_prints_a_random_one(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo"])
    line = next(line for line in result.output.splitlines() if "Password" in line)
    assert len(line.split(":")[-1].strip()) >= 10
