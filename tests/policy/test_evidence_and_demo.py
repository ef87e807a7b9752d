"""The evidence page for a school year, and the policy data of the demo schools."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from planner import clock
from planner.demo.policy import seed_policy
from planner.plans import operations as plans
from planner.plans.models import EntryStatus
from planner.policy.check import save_policy_item
from planner.policy.contacts import contacts_of
from planner.policy.evidence import evidence
from planner.policy.incidents import incident_reminders, record_incident
from planner.policy.models import (
    Agreement,
    Contact,
    Incident,
    IncidentKind,
    PolicyItem,
    PolicyStatus,
)
from planner.schools.calendar import SchoolYear
from planner.schools.models import School
from tests.conftest import english
from tests.policy.conftest import in_year, klas, user

YEAR = SchoolYear.parse("2026-2027")


def test_evidence_counts_what_was_planned_done_and_happened(db, school, login) -> None:
    own = klas(db, school, "Groep 7/8")
    plan = plans.get_or_create_plan(own, YEAR)
    first = plans.add_entry(plan, date(2026, 10, 6), title="Kringgesprek over de groepsapp")
    plans.add_entry(plan, date(2026, 10, 13), title="Klassenafspraken online")
    plans.set_status(first, EntryStatus.DONE, "Ja, dat heb ik gedaan")
    save_policy_item(school, "responsible", status=PolicyStatus.IN_PLACE)
    save_policy_item(school, "knowledge", status=PolicyStatus.MISSING)
    for day, kind in (
        (date(2026, 10, 1), IncidentKind.EXCLUSION),
        (date(2026, 11, 2), IncidentKind.EXCLUSION),
        (date(2026, 11, 3), IncidentKind.HACKED),
        (date(2026, 6, 1), IncidentKind.THREATS),  # the year before
    ):
        record_incident(
            own,
            happened_on=day,
            kind=kind,
            summary="Niet voor de inspectie bedoeld.",
            follow_up_on=None,
            recorded_by=None,
        )
    db.session.commit()
    found = evidence(school, YEAR)
    assert (found.total.done, found.total.planned, found.total.total) == (1, 1, 2)
    assert found.incidents == {
        "cyberbullying": 0,
        "exclusion": 2,
        "images": 0,
        "hacked": 1,
        "threats": 0,
        "other": 0,
    }
    assert found.incidents_open == 3
    assert [row.status for row in found.policy][:2] == ["in_place", "missing"]
    page = english(in_year(login(school, "viewer"), YEAR)).get("/school/verantwoording")
    html = page.get_data(as_text=True)
    assert "Online safety in 2026-2027" in html
    assert "1 of 2 done" in html
    assert "1 of 10 in place" in html
    assert "3 incidents" in html
    assert "Excluded from a group chat" in html
    assert "Niet voor de inspectie bedoeld." not in html


def count(db, model, school: School) -> int:
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.school_id == school.id)
    )


def test_seed_demo_fills_a_school_once(db, school) -> None:
    seed_policy(school, clock.today())
    db.session.commit()
    counts = [count(db, m, school) for m in (PolicyItem, Contact, Agreement, Incident)]
    assert counts[0] == 8  # partly done: two questions are left to check
    assert counts[1] >= 4
    assert counts[2] == 4
    assert counts[3] == 2
    incidents = db.session.scalars(select(Incident).where(Incident.school_id == school.id)).all()
    assert sorted(i.status for i in incidents) == ["closed", "open"]
    assert {i.school_class.name for i in incidents} == {"Groep 7/8"}  # the teacher's class
    open_one = next(i for i in incidents if i.is_open)
    assert len(open_one.steps) == 2
    reminders = incident_reminders(user(db, school, "teacher"), clock.today())
    assert [r.incident.id for r in reminders] == [open_one.id]
    seed_policy(school, clock.today())
    db.session.commit()
    assert [count(db, m, school) for m in (PolicyItem, Contact, Agreement, Incident)] == counts


def test_the_demo_command_creates_the_policy_data_idempotently(app, db, real_catalogue) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "--password", "demo-wachtwoord-1"]).exit_code == 0
    schools = list(db.session.scalars(select(School).order_by(School.name)))
    counts = {
        s.name: [count(db, m, s) for m in (PolicyItem, Contact, Agreement, Incident)]
        for s in schools
    }
    for name, (items, contacts, agreements, incidents) in counts.items():
        assert items > 0, name
        assert contacts > 0, name
        assert agreements == 4, name
        assert incidents == 2, name
    flemish = next(s for s in schools if s.country == "BE")
    roles = {c.role for c in contacts_of(flemish)}
    assert "clb" in roles
    closed = db.session.scalar(
        select(Incident).where(Incident.school_id == flemish.id, Incident.status == "closed")
    )
    assert closed.closed_on >= clock.today() - timedelta(days=365)  # not purged at once
    assert len(closed.steps) == 24  # every step of the school protocol ticked
    assert runner.invoke(args=["demo"]).exit_code == 0
    again = {
        s.name: [count(db, m, s) for m in (PolicyItem, Contact, Agreement, Incident)]
        for s in schools
    }
    assert again == counts
