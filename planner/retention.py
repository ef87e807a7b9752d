"""What is kept, and for how long: the change log, undo steps, parents' questions, sessions.

A school's expired rows go when one of its staff logs in, and for every school with
`flask retention`, which a deployment may run nightly. How long is configured
(CHANGE_LOG_DAYS, UNDO_DAYS, PARENT_QUESTION_DAYS; README, "Privacy"). The change log and
undo steps hold the text of plan notes as it was, so a name typed by mistake and erased at
once is gone from them after that time too. Sessions that were never logged out go 30 days
after they began.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, select, update

from planner import clock
from planner.accounts.models import User, UserSession
from planner.audit.models import AuditEvent
from planner.evenings.models import EveningResponse, ParentEvening
from planner.extensions import db
from planner.plans.models import Plan, PlanSnapshot

SESSION_MAX_DAYS = 30


@dataclass(frozen=True)
class Trimmed:
    """How many rows went: change-log events, undo steps, parents' questions, sessions."""

    events: int
    snapshots: int
    questions: int
    sessions: int


def apply_retention(school_id: int | None, now: datetime, today: date) -> Trimmed:
    """Delete what is past its time, for one school (None: every school). Flushes."""
    config = current_app.config
    events = delete(AuditEvent).where(
        AuditEvent.at < now - timedelta(days=int(config["CHANGE_LOG_DAYS"]))
    )
    plans = select(Plan.id)
    evenings = select(ParentEvening.id).where(
        ParentEvening.day < today - timedelta(days=int(config["PARENT_QUESTION_DAYS"]))
    )
    # A session that was never logged out ends at the latest this long after it began.
    sessions = delete(UserSession).where(
        UserSession.created_at < now - timedelta(days=SESSION_MAX_DAYS)
    )
    if school_id is not None:
        sessions = sessions.where(
            UserSession.user_id.in_(select(User.id).where(User.school_id == school_id))
        )
        events = events.where(AuditEvent.school_id == school_id)
        plans = plans.where(Plan.school_id == school_id)
        evenings = evenings.where(ParentEvening.school_id == school_id)
    snapshots = delete(PlanSnapshot).where(
        PlanSnapshot.created_at < now - timedelta(days=int(config["UNDO_DAYS"])),
        PlanSnapshot.plan_id.in_(plans),
    )
    questions = (
        update(EveningResponse)
        .where(EveningResponse.question.is_not(None), EveningResponse.evening_id.in_(evenings))
        .values(question=None)
    )
    counts = [
        db.session.execute(statement, execution_options={"synchronize_session": False}).rowcount
        for statement in (events, snapshots, questions, sessions)
    ]
    return Trimmed(*(count or 0 for count in counts))


@click.command("retention")
@with_appcontext
def retention_command() -> None:
    """Delete change-log events, undo steps and parents' questions that are past their time."""
    trimmed = apply_retention(None, clock.utcnow(), clock.today())
    db.session.commit()
    click.echo(
        f"{trimmed.events} change-log event(s), {trimmed.snapshots} undo step(s) and "
        f"{trimmed.questions} parent question(s) deleted."
    )
