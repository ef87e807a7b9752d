"""The product works on every day of the year: a walk through a whole school year, week by week.

At one date in every week from 1 August 2026 to 31 July 2027 (each week on another weekday,
weekends and holidays included) the demo is made on an empty database; then, for the Dutch
and the Flemish school, the coordinator generates every plan, opens the start page, plans a
parent evening three weeks ahead and downloads a class workbook, the school workbook, a lesson
deck and the calendar; the teacher opens the start page. Nothing may fail or answer 5xx, and
no newly generated entry is planned before the day it was made.

One catalogue load for the whole walk: the migrated, loaded database is copied for each date.
It runs on SQLite only: it is about dates, and the database tests cover PostgreSQL.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from planner.catalogue.operations import sync_catalogue
from planner.clock import SCHOOL_TIME_ZONE
from planner.extensions import db
from planner.plans.models import EntryStatus, Plan, PlanEntry
from planner.schools.models import School
from tests.conftest import ROOT, make_test_app

FIRST_DAY = date(2026, 8, 1)
LAST_DAY = date(2027, 7, 31)
PASSWORD = "demo-wachtwoord-1"
SCHOOLS = {"De Regenboog": "deregenboog.example", "De Vlinder": "devlinder.example"}


def walk_dates() -> list[date]:
    """One date in every week of the school year, each week a weekday further on."""
    days = []
    week = 0
    while (day := FIRST_DAY + timedelta(days=7 * week + week % 7)) <= LAST_DAY:
        days.append(day)
        week += 1
    return days


@pytest.fixture(scope="module")
def loaded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with the curated catalogue, made once."""
    path = tmp_path_factory.mktemp("every-week") / "template.sqlite3"
    app = make_test_app(f"sqlite:///{path}", path.parent)
    with app.app_context():
        upgrade()
        sync_catalogue(ROOT / "lessons")
        db.session.commit()
        db.engine.dispose()
    return path


@pytest.fixture(scope="module")
def walk_app(loaded_database: Path) -> tuple[Flask, Path]:
    path = loaded_database.parent / "walk.sqlite3"
    app = make_test_app(f"sqlite:///{path}", path.parent, CATALOGUE_PATH=str(ROOT / "lessons"))
    return app, path


def fresh_copy(app: Flask, template: Path, path: Path) -> None:
    with app.app_context():
        db.engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, path)


@pytest.mark.parametrize("today", walk_dates(), ids=str)
def test_a_whole_school_year_day_by_day(walk_app, loaded_database, today: date) -> None:
    app, path = walk_app
    fresh_copy(app, loaded_database, path)
    moment = datetime.combine(today, time(10, 0), tzinfo=SCHOOL_TIME_ZONE)
    with time_machine.travel(moment, tick=False):
        result = app.test_cli_runner().invoke(args=["demo", "--password", PASSWORD])
        assert result.exit_code == 0, result.output
        for name, domain in SCHOOLS.items():
            coordinator = app.test_client()
            log_in(coordinator, f"coordinator@{domain}")
            check_the_coordinators_day(app, coordinator, name, today)
            teacher = app.test_client()
            log_in(teacher, f"leerkracht@{domain}")
            ok(teacher.get("/"))


def log_in(client, email: str) -> None:
    response = client.post("/inloggen", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]


def ok(response, allowed: tuple[int, ...] = (200,)):
    assert response.status_code in allowed, (response.status_code, response.request.path)
    return response


def check_the_coordinators_day(app: Flask, client, name: str, today: date) -> None:
    ok(client.get("/"))
    ok(client.post("/jaarplan/genereren", data={"confirmed": "1"}), (303,))
    ok(client.get("/jaarplan/", follow_redirects=True))
    with app.app_context():
        school = db.session.scalar(select(School).where(School.name == name))
        assert no_new_entry_before(school, today)
        class_id, entry_id = a_class_and_a_lesson(school)
    evening = client.post(
        "/ouderavonden/nieuw",
        data={
            "title": "Ouderavond over online opgroeien",
            "day": (today + timedelta(weeks=3)).isoformat(),
            "start_time": "19:30",
            "end_time": "21:00",
            "place": "Aula",
            "grades": ["5", "6"],
        },
    )
    # A day off three weeks from now is refused with the reason; never a server error.
    ok(evening, (303, 400))
    ok(client.get(f"/jaarplan/klas/{class_id}"))
    ok(client.get(f"/jaarplan/klas/{class_id}/plan.xlsx"))
    ok(client.get("/jaarplan/overzicht/school.xlsx"))
    ok(client.get("/jaarplan/school.ics"))
    if entry_id is not None:
        ok(client.get(f"/jaarplan/regel/{entry_id}/dia.pptx"))
    ok(client.get("/catalogus/cyberpesten-wat-kun-jij-doen-groep-5-6/dia.pptx"))


def no_new_entry_before(school: School, today: date) -> bool:
    """Every entry the generator just proposed lies after today; ticked, locked and
    hand-written ones stay where they were."""
    entries = db.session.scalars(
        select(PlanEntry)
        .join(Plan)
        .where(
            Plan.school_id == school.id,
            PlanEntry.status == EntryStatus.PLANNED.value,
            PlanEntry.locked.is_(False),
            PlanEntry.item_id.is_not(None),
            PlanEntry.reason_code != "chosen",
        )
    ).all()
    early = [(e.day, e.reason_code) for e in entries if e.day <= today]
    assert early == [], f"{school.name} on {today}: proposals in the past: {early}"
    return True


def a_class_and_a_lesson(school: School) -> tuple[int, int | None]:
    plan = db.session.scalar(
        select(Plan).where(Plan.school_id == school.id, Plan.class_id.is_not(None))
    )
    lesson = next((e for e in plan.entries if e.item and e.item.kind == "lesson"), None)
    return plan.class_id, lesson.id if lesson else None
