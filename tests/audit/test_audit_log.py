"""The change log: who changed what in plans, classes and parent evenings."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from planner.accounts.models import User
from planner.audit.models import AuditEvent
from planner.plans import operations
from planner.plans.models import PlanEntry
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import BEFORE_THE_YEAR, english

YEAR = SchoolYear.parse("2026-2027")


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    save_class(school, SchoolClass(), name="Groep 7", grades=[7], head_count=25, teachers=[])
    db.session.commit()
    return school


def events(db, school) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.school_id == school.id).order_by(AuditEvent.id)
        )
    )


def the_class(db) -> SchoolClass:
    return db.session.scalar(select(SchoolClass).where(SchoolClass.name == "Groep 7"))


def coordinator(db, school) -> User:
    return db.session.scalar(
        select(User).where(User.school_id == school.id, User.role == "coordinator")
    )


def generated(db, school) -> SchoolClass:
    operations.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    return the_class(db)


def test_moving_an_entry_records_who_moved_what_from_when_to_when(db, school, login) -> None:
    klas = generated(db, school)
    entry = operations.get_plan(klas, YEAR).entries[2]
    old_day, entry_id = entry.day, entry.id
    client = login(school, "coordinator")
    response = client.post(
        f"/jaarplan/regel/{entry_id}/verplaatsen",
        data={"day": "2027-03-09", "version": entry.version},
    )
    assert response.status_code == 303
    last = events(db, school)[-1]
    assert last.actor == coordinator(db, school).name
    assert last.target_type == "plan"
    assert last.target_label == "Groep 7 · 2026-2027"
    [change] = last.changes
    assert change["object"] == "entry"
    assert change["action"] == "updated"
    assert change["fields"]["day"] == [old_day.isoformat(), "2027-03-09"]
    assert change["label"].endswith(db.session.get(PlanEntry, entry_id).item.title.get("nl"))


def test_the_actor_is_the_signed_in_user(db, school, login, make_school) -> None:
    client = login(school, "coordinator")
    response = client.post(
        f"/school/klassen/{the_class(db).id}",
        data={"name": "Groep 7a", "grades": ["7"], "head_count": "26", "version": "1"},
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    last = events(db, school)[-1]
    assert last.user_id == coordinator(db, school).id
    assert last.actor == coordinator(db, school).name
    assert last.target_type == "class"
    fields = last.changes[0]["fields"]
    assert fields["name"] == ["Groep 7", "Groep 7a"]
    assert fields["head_count"] == [25, 26]


def test_generating_a_plan_is_one_event_listing_the_new_activities(db, school) -> None:
    generated(db, school)
    plan_events = [
        e
        for e in events(db, school)
        if e.target_type == "plan" and e.target_label.startswith("Groep")
    ]
    assert len(plan_events) == 1
    created = [c for c in plan_events[0].changes if c["object"] == "entry"]
    assert len(created) == len(operations.get_plan(the_class(db), YEAR).entries) > 5
    assert all(c["action"] == "created" for c in created)
    # Made on the command line or in code: no user.
    assert plan_events[0].user_id is None
    assert plan_events[0].actor is None


def test_a_change_that_is_rolled_back_leaves_no_trace(db, school) -> None:
    before = len(events(db, school))
    the_class(db).name = "Iets anders"
    db.session.flush()
    db.session.rollback()
    assert len(events(db, school)) == before


def test_evening_changes_are_logged(db, school, login) -> None:
    client = login(school, "coordinator")
    response = client.post(
        "/ouderavonden/nieuw",
        data={
            "title": "Ouderavond online",
            "day": "2026-11-17",
            "start_time": "19:30",
            "end_time": "21:00",
            "place": "De aula",
            "grades": ["7"],
        },
    )
    assert response.status_code == 303
    evening_id = int(re.search(r"/ouderavonden/(\d+)", response.headers["Location"]).group(1))
    logged = [e for e in events(db, school) if e.target_type == "evening"]
    assert logged[-1].target_id == evening_id
    assert logged[-1].changes[0] == {
        "object": "evening",
        "action": "created",
        "label": "Ouderavond online",
    }


def test_the_log_page_shows_changes_to_the_coordinator_only(db, school, login) -> None:
    entry = operations.get_plan(generated(db, school), YEAR).entries[0]
    client = login(school, "coordinator")
    client.post(
        f"/jaarplan/regel/{entry.id}/status",
        data={"status": "done", "note": "Ja, dat heb ik gedaan", "version": entry.version},
    )
    page = english(client).get("/school/logboek")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Change log" in html
    assert "Groep 7 · 2026-2027" in html
    assert f'href="/jaarplan/klas/{the_class(db).id}"' in html  # a link to what changed
    assert "Ja, dat heb ik gedaan" in html
    only_classes = client.get("/school/logboek?soort=class").get_data(as_text=True)
    assert "Ja, dat heb ik gedaan" not in only_classes
    assert client.get("/school/logboek?soort=<script>").status_code == 400
    assert client.get("/school/logboek?pagina=-1").status_code == 400
    assert login(school, "teacher").get("/school/logboek").status_code == 403


def test_another_schools_log_stays_apart(db, school, make_school, login) -> None:
    other = make_school("De Vlinder", "BE", "vlaanderen")
    save_class(other, SchoolClass(), name="6de leerjaar", grades=[8], head_count=20, teachers=[])
    db.session.commit()
    html = login(school, "coordinator").get("/school/logboek").get_data(as_text=True)
    assert "6de leerjaar" not in html
    assert any(e.target_label == "6de leerjaar" for e in events(db, other))


def test_generating_again_records_the_activities_it_replaced(db, school) -> None:
    klas = generated(db, school)
    before = {e.id for e in operations.get_plan(klas, YEAR).entries}
    operations.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    last = [e for e in events(db, school) if e.target_label == "Groep 7 · 2026-2027"][-1]
    removed = [c for c in last.changes if c["action"] == "deleted"]
    added = [c for c in last.changes if c["action"] == "created"]
    assert len(removed) == len(before)
    assert len(added) == len(operations.get_plan(the_class(db), YEAR).entries)
    assert all(c["label"] for c in removed + added)  # each names its date and activity
