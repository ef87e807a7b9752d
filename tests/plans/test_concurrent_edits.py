"""Two colleagues changing one plan at the same moment: refused with a message, never a 500."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select, update

from planner.accounts.models import User
from planner.plans import operations
from planner.plans.models import PlanEntry, PlanSnapshot
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import english

YEAR = SchoolYear.parse("2026-2027")


@pytest.fixture
def own_class(make_school, real_catalogue, db, login):
    """A coordinator logged in, looking at 2026-2027, and the id of a class with a plan."""
    school = make_school("De Regenboog")
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    school_class = save_class(
        school, SchoolClass(), name="Groep 5", grades=[5], head_count=25, teachers=[teacher]
    )
    db.session.commit()
    client = login(school, "coordinator")
    client.post("/schooljaar", data={"year": YEAR.label})
    assert client.post(f"/jaarplan/klas/{school_class.id}/genereren").status_code == 303
    return client, school_class.id


def test_generating_a_plan_a_colleague_just_changed_is_refused(db, own_class, monkeypatch):
    client, class_id = own_class
    snapshot = operations.snapshot

    def colleague_first(plan, action):
        # Another worker changes these activities and commits between our read and our write.
        with db.engine.begin() as other:
            other.execute(
                update(PlanEntry)
                .where(PlanEntry.plan_id == plan.id)
                .values(version=PlanEntry.version + 1)
            )
        snapshot(plan, action)

    monkeypatch.setattr(operations, "snapshot", colleague_first)
    # Making an existing plan again is confirmed first (the confirmation page posts this).
    response = english(client).post(f"/jaarplan/klas/{class_id}/genereren", data={"confirmed": "1"})
    assert response.status_code == 303
    assert response.location.endswith(f"/jaarplan/klas/{class_id}")
    page = english(client).get(response.location).get_data(as_text=True)
    assert "Someone else changed this activity meanwhile" in page


def test_an_unexpected_error_after_a_failed_write_still_gets_the_error_page(
    db, own_class, monkeypatch
):
    client, class_id = own_class

    def broken_undo(plan):
        db.session.add(PlanEntry(plan_id=plan.id, day=date(2026, 11, 17), reason_code="custom"))
        db.session.flush()  # neither item nor title: the database refuses it

    monkeypatch.setattr(operations, "undo", broken_undo)
    response = english(client).post(f"/jaarplan/klas/{class_id}/ongedaan-maken")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def test_two_undos_at_once_refuse_the_second(db, own_class, monkeypatch):
    client, class_id = own_class
    added = client.post(
        f"/jaarplan/klas/{class_id}/toevoegen", data={"day": "2026-11-17", "title": "Kringgesprek"}
    )
    assert added.status_code == 303
    last_change = operations.last_change

    def colleague_undid_first(plan):
        last = last_change(plan)
        # The colleague's undo commits between our read and our write: the snapshot is gone.
        with db.engine.begin() as other:
            other.execute(delete(PlanSnapshot).where(PlanSnapshot.id == last.id))
        return last

    monkeypatch.setattr(operations, "last_change", colleague_undid_first)
    response = english(client).post(f"/jaarplan/klas/{class_id}/ongedaan-maken")
    monkeypatch.undo()
    assert response.status_code == 303
    page = english(client).get(response.location).get_data(as_text=True)
    assert "Someone else changed this plan meanwhile" in page
    assert "Kringgesprek" in page  # our undo did not go through


def test_generating_all_plans_while_a_colleague_does_is_refused(db, own_class, monkeypatch):
    client, _class_id = own_class
    assert (
        client.post("/jaarplan/genereren", data={"confirmed": "1"}).status_code == 303
    )  # every plan exists now
    snapshot = operations.snapshot

    def colleague_first(plan, action):
        # The colleague's "Generate all" commits between our read and our write.
        with db.engine.begin() as other:
            other.execute(
                update(PlanEntry)
                .where(PlanEntry.plan_id == plan.id)
                .values(version=PlanEntry.version + 1)
            )
        snapshot(plan, action)

    monkeypatch.setattr(operations, "snapshot", colleague_first)
    english(client)
    response = client.post("/jaarplan/genereren", data={"confirmed": "1"})
    assert response.status_code == 303
    assert response.location.endswith("/jaarplan/")
    page = client.get(response.location).get_data(as_text=True)
    assert "Someone else changed this activity meanwhile" in page
