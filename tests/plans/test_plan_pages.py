"""Plan pages and the plan command line, as a teacher and a coordinator use them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from planner.accounts.models import User
from planner.clock import SCHOOL_TIME_ZONE
from planner.plans import operations
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import english

YEAR = SchoolYear.parse("2026-2027")


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    save_class(school, SchoolClass(), name="Groep 5", grades=[5], head_count=25, teachers=[teacher])
    save_class(school, SchoolClass(), name="Groep 6", grades=[6], head_count=25, teachers=[])
    db.session.commit()
    return school


def class_id(db, name: str) -> int:
    return db.session.scalar(select(SchoolClass.id).where(SchoolClass.name == name))


def year(client):
    client.post("/schooljaar", data={"year": YEAR.label})
    return client


@pytest.mark.usefixtures("before_school_starts")
def test_coordinator_generates_for_every_class_and_sees_the_overview(db, school, login) -> None:
    client = year(login(school, "coordinator"))
    assert client.post("/jaarplan/genereren").status_code == 303
    page = client.get("/jaarplan/").get_data(as_text=True)
    assert "Groep 5" in page
    overview = english(client).get("/jaarplan/overzicht")
    html = overview.get_data(as_text=True)
    assert "MediaMasters" in html
    assert "Coverage: grades and themes" in html
    printed = client.get("/jaarplan/overzicht/afdrukken").get_data(as_text=True)
    assert "De Regenboog" in printed
    assert 'class="topbar"' not in printed


@pytest.mark.usefixtures("before_school_starts")
def test_teacher_plans_and_ticks_off_their_own_class(db, school, login) -> None:
    client = year(login(school, "teacher"))
    own, other = class_id(db, "Groep 5"), class_id(db, "Groep 6")
    assert client.post(f"/jaarplan/klas/{other}/genereren").status_code == 403
    assert client.post(f"/jaarplan/klas/{own}/genereren").status_code == 303
    page = english(client).get(f"/jaarplan/klas/{own}")
    html = page.get_data(as_text=True)
    assert "Anti-Bullying Week" in html
    assert "Safer Internet Day" in html
    assert "Start of the year: group agreements" in html
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    entry = plan.entries[0]
    response = client.post(
        f"/jaarplan/regel/{entry.id}/status",
        data={"status": "done", "note": "Ja, dat heb ik gedaan", "version": entry.version},
    )
    assert response.status_code == 303
    db.session.refresh(entry)
    assert (entry.status, entry.note) == ("done", "Ja, dat heb ik gedaan")
    printed = client.get(f"/jaarplan/klas/{own}/afdrukken").get_data(as_text=True)
    assert "Ja, dat heb ik gedaan" in printed
    assert "printbox--on" in printed


def test_moving_into_a_holiday_is_refused_with_the_reason(db, school, login) -> None:
    client = year(login(school, "teacher"))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    entry = plan.entries[2]
    old_day = entry.day
    response = english(client).post(
        f"/jaarplan/regel/{entry.id}/verplaatsen",
        data={"day": "2026-12-24", "version": entry.version},
        follow_redirects=True,
    )
    assert "Christmas holiday" in response.get_data(as_text=True)
    assert "Choose a school day." in response.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.day == old_day


def test_a_stale_form_does_not_overwrite_a_newer_change(db, school, login) -> None:
    client = year(login(school, "coordinator"))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    entry = operations.get_plan(db.session.get(SchoolClass, own), YEAR).entries[1]
    stale = entry.version
    client.post(f"/jaarplan/regel/{entry.id}/status", data={"status": "done", "version": stale})
    response = english(client).post(
        f"/jaarplan/regel/{entry.id}/status",
        data={"status": "skipped", "version": stale},
        follow_redirects=True,
    )
    assert "Someone else changed this activity meanwhile" in response.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.status == "done"


def test_add_a_free_text_activity_and_undo_it(db, school, login) -> None:
    client = year(login(school, "teacher"))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    client.post(
        f"/jaarplan/klas/{own}/toevoegen", data={"day": "2026-11-17", "title": "Kringgesprek"}
    )
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    assert any(e.title == "Kringgesprek" for e in plan.entries)
    client.post(f"/jaarplan/klas/{own}/ongedaan-maken")
    db.session.expire_all()
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    assert not any(e.title == "Kringgesprek" for e in plan.entries)


def test_settings_change_how_the_year_is_spread(db, school, login) -> None:
    client = login(school, "coordinator")
    response = client.post(
        "/jaarplan/instellingen", data={"activities": "8", "min_weeks": "4", "weekday": "3"}
    )
    assert response.status_code == 303
    db.session.refresh(school)
    assert (school.plan_activities, school.plan_min_weeks, school.plan_weekday) == (8, 4, 3)
    bad = client.post("/jaarplan/instellingen", data={"activities": "99", "weekday": "9"})
    assert bad.status_code == 400


@pytest.mark.usefixtures("before_school_starts")
def test_cli_generate_and_show_json(app, db, school) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "plan",
            "generate",
            "--school",
            "De Regenboog",
            "--year",
            "2026-2027",
            "--class",
            "Groep 6",
        ]
    )
    assert result.exit_code == 0, result.output
    shown = runner.invoke(
        args=[
            "plan",
            "show",
            "--school",
            "De Regenboog",
            "--year",
            "2026-2027",
            "--class",
            "Groep 6",
            "--json",
        ]
    )
    data = json.loads(shown.output)
    assert data["class"] == "Groep 6"
    assert data["grades"] == [6]
    first = data["entries"][0]
    assert set(first) >= {"date", "slug", "title", "kind", "themes", "reason", "status", "locked"}
    assert any(e["slug"] == "mediamasters" for e in data["entries"])
    bad = runner.invoke(
        args=["plan", "show", "--school", "Onbekend", "--year", "2026-2027", "--class", "Groep 6"]
    )
    assert bad.exit_code != 0
    assert "no school named" in bad.output


@pytest.mark.usefixtures("before_school_starts")
def test_year_at_a_glance_shows_the_class_plan(db, school, login) -> None:
    client = year(login(school, "teacher"))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    page = client.get("/school/kalender").get_data(as_text=True)  # the teacher's own class
    assert "event--entry" in page
    assert "MediaMasters" in page
    other = client.get("/school/kalender?klas=0").get_data(as_text=True)
    assert "event--entry" not in other


def test_add_to_plan_from_the_catalogue_page(db, school, login) -> None:
    client = year(login(school, "teacher"))
    page = client.get("/catalogus/hackshield-in-de-klas").get_data(as_text=True)
    assert 'action="/jaarplan/toevoegen"' in page
    assert "Groep 6" not in page.split('id="plan-class"')[1].split("</select>")[0]  # not hers
    own = class_id(db, "Groep 5")
    response = client.post(
        "/jaarplan/toevoegen",
        data={"class_id": own, "slug": "hackshield-in-de-klas", "day": "2027-03-16"},
    )
    assert response.status_code == 303
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    [entry] = [e for e in plan.entries if e.item and e.item.slug == "hackshield-in-de-klas"]
    assert entry.booking == "proposed"
    holiday = english(client).post(
        "/jaarplan/toevoegen",
        data={"class_id": own, "slug": "hackshield-in-de-klas", "day": "2027-02-23"},
        follow_redirects=True,
    )
    assert "Spring holiday" in holiday.get_data(as_text=True)


def test_start_page_shows_this_week_and_next(db, school, login, app) -> None:
    from planner import clock
    from planner.schools.operations import is_school_day

    client = year(login(school, "teacher"))
    own = class_id(db, "Groep 5")
    plan = operations.get_or_create_plan(db.session.get(SchoolClass, own), YEAR)
    day = clock.today()
    while not is_school_day(school, day):
        day += timedelta(days=1)
    operations.add_entry(plan, day, title="Kringgesprek over de groepsapp")
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Kringgesprek over de groepsapp" in page
    assert "Ja, dat heb ik gedaan" in page


def test_overdue_entries_show_on_the_plan_and_the_start_pages_and_tick_off_in_one_click(
    db, school, login
) -> None:
    own = db.session.get(SchoolClass, class_id(db, "Groep 5"))
    plan = operations.get_or_create_plan(own, YEAR)
    past = operations.add_entry(plan, date(2026, 11, 10), title="Kringgesprek over de groepsapp")
    operations.add_entry(plan, date(2026, 12, 8), title="Nog te doen")
    db.session.commit()
    teacher = year(login(school, "teacher"))
    page = english(teacher).get(f"/jaarplan/klas/{own.id}").get_data(as_text=True)
    assert "1 activity has passed and is not ticked off yet." in page
    assert page.count("Not ticked off yet") == 1  # the past entry only, not the coming one
    start = english(teacher).get("/").get_data(as_text=True)
    assert "Not ticked off yet" in start.split("This week and next")[0]
    assert "Kringgesprek over de groepsapp" in start.split("This week and next")[0]
    coordinator = year(login(school, "coordinator"))
    assert "1 not ticked off yet" in english(coordinator).get("/").get_data(as_text=True)
    teacher = year(login(school, "teacher"))
    done = teacher.post(
        f"/jaarplan/regel/{past.id}/status",
        data={"status": "done", "version": past.version, "next": "/"},
    )
    assert done.status_code == 303
    assert done.headers["Location"] == "/"
    db.session.expire_all()
    assert db.session.get(type(past), past.id).status == "done"
    start = english(teacher).get("/").get_data(as_text=True)
    assert "Kringgesprek over de groepsapp" not in start


def test_a_plan_made_in_december_starts_tomorrow_and_says_what_had_passed(
    db, school, login
) -> None:
    own = class_id(db, "Groep 5")
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=SCHOOL_TIME_ZONE), tick=False):
        client = year(login(school, "teacher"))  # logged in that morning, not weeks before
        assert client.post(f"/jaarplan/klas/{own}/genereren").status_code == 303
        page = english(client).get(f"/jaarplan/klas/{own}").get_data(as_text=True)
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    assert min(entry.day for entry in plan.entries) > date(2026, 12, 7)
    assert "Media Literacy Week had already passed when this plan was made" in page
    assert "Start of the year: group agreements, caught up" in page
    assert "Anti-Bullying Week, caught up" in page
