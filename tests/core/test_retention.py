"""What is kept, and for how long: the change log, undo steps and parents' questions."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import func, select, update

from planner.audit.models import AuditEvent
from planner.clock import utcnow
from planner.evenings.models import EveningResponse, ParentEvening
from planner.evenings.operations import create_evening
from planner.plans.models import PlanSnapshot
from planner.plans.operations import snapshot
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import PASSWORD

NOTE = "Naam van een kind per ongeluk genoteerd"


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _fill(db, school):
    """A plan with a note in its change log and undo steps, and an evening with a question."""
    from planner.plans.models import PlanEntry
    from planner.plans.operations import get_or_create_plan

    school_class = save_class(
        school, SchoolClass(), name="Klas A", grades=[5], head_count=20, teachers=[]
    )
    plan = get_or_create_plan(school_class, SchoolYear.parse("2026-2027"))
    plan.entries.append(
        PlanEntry(day=utcnow().date(), title="Kringgesprek", note=NOTE, reason_code="custom")
    )
    db.session.flush()
    snapshot(plan, "note")
    evening = create_evening(
        school,
        title="Ouderavond",
        day=utcnow().date() + timedelta(days=7),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[],
    )
    db.session.add(
        EveningResponse(
            evening_id=evening.id,
            guests=2,
            question="Mag mijn kind TikTok?",
            sender="x",
            created_at=utcnow(),
        )
    )
    db.session.commit()
    return evening


def _age_everything(db, days: int) -> None:
    """Make the stored rows as old as this, and the evening that long ago."""
    then = utcnow() - timedelta(days=days)
    db.session.execute(update(AuditEvent).values(at=then))
    db.session.execute(update(PlanSnapshot).values(created_at=then))
    db.session.execute(update(ParentEvening).values(day=then.date()))
    db.session.commit()


def test_the_command_trims_what_is_past_its_time(app, db, make_school) -> None:
    _fill(db, make_school("De Regenboog"))
    assert _count(db, AuditEvent) > 0
    runner = app.test_cli_runner()
    kept = runner.invoke(args=["retention"])
    assert kept.exit_code == 0
    assert "0 change-log event(s), 0 undo step(s) and 0 parent question(s) deleted." in kept.output
    _age_everything(db, 29)
    assert "0 parent question(s)" in runner.invoke(args=["retention"]).output
    _age_everything(db, 400)
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0
    db.session.expire_all()
    assert _count(db, AuditEvent) == 0
    assert _count(db, PlanSnapshot) == 0
    assert db.session.scalars(select(EveningResponse.question)).all() == [None]
    assert db.session.scalars(select(EveningResponse.guests)).all() == [2]  # head counts stay
    stored = " ".join(str(row) for row in db.session.scalars(select(AuditEvent.changes)).all())
    assert NOTE not in stored


def test_sessions_never_logged_out_go_after_thirty_days(app, db, make_school) -> None:
    from planner.accounts.models import UserSession

    make_school("De Regenboog")
    client = app.test_client()
    client.post("/inloggen", data={"email": "teacher@deregenboog.example", "password": PASSWORD})
    assert _count(db, UserSession) == 1
    app.test_cli_runner().invoke(args=["retention"])
    assert _count(db, UserSession) == 1
    db.session.execute(update(UserSession).values(created_at=utcnow() - timedelta(days=31)))
    db.session.commit()
    app.test_cli_runner().invoke(args=["retention"])
    assert _count(db, UserSession) == 0


def test_the_periods_are_settings(app, db, make_school) -> None:
    _fill(db, make_school("De Regenboog"))
    _age_everything(db, 20)
    app.config.update(CHANGE_LOG_DAYS=10, UNDO_DAYS=30, PARENT_QUESTION_DAYS=15)
    app.test_cli_runner().invoke(args=["retention"])
    db.session.expire_all()
    assert _count(db, AuditEvent) == 0
    assert _count(db, PlanSnapshot) == 1
    assert db.session.scalars(select(EveningResponse.question)).all() == [None]


def test_a_login_trims_its_own_school_only(app, db, make_school) -> None:
    regenboog, vlinder = make_school("De Regenboog"), make_school("De Vlinder", "BE", "vlaanderen")
    _fill(db, regenboog)
    _fill(db, vlinder)
    _age_everything(db, 400)
    app.test_client().post(
        "/inloggen", data={"email": "teacher@deregenboog.example", "password": PASSWORD}
    )
    db.session.expire_all()
    left = db.session.scalars(select(AuditEvent.school_id)).all()
    assert left
    assert set(left) == {vlinder.id}
    assert db.session.scalars(
        select(EveningResponse.question).order_by(EveningResponse.id)
    ).all() == [None, "Mag mijn kind TikTok?"]
