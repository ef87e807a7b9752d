"""The policy check: ten questions on the school's approach, each with a status, an owner
and a review date.

Operations flush, never commit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.accounts.models import User
from planner.extensions import db
from planner.policy import content
from planner.policy.models import (
    PolicyItem,
    PolicyStatus,
)
from planner.schools.models import School


@dataclass(frozen=True)
class Question:
    """One question of the policy check (planner/policy/data/questions.yaml), drawn from the
    sources (seeds/000)."""

    key: str
    title: object
    help: object
    title_be: object | None = None
    help_be: object | None = None

    def title_for(self, country: str) -> str:
        return str(self.title_be if country == "BE" and self.title_be else self.title)

    def help_for(self, country: str) -> str:
        return str(self.help_be if country == "BE" and self.help_be else self.help)


def _lazy(msgid: str | None) -> object | None:
    # The msgid comes from the data file; Babel extracts it there (planner/i18n_data.py).
    return _l(msgid) if msgid else None


QUESTIONS: tuple[Question, ...] = tuple(
    Question(
        entry.key,
        _lazy(entry.title),
        _lazy(entry.help),
        title_be=_lazy(entry.title_be),
        help_be=_lazy(entry.help_be),
    )
    for entry in content.questions().questions
)
QUESTION_KEYS = tuple(question.key for question in QUESTIONS)

STATUS_LABELS = {
    PolicyStatus.IN_PLACE: _l("In place"),
    PolicyStatus.IN_PROGRESS: _l("In progress"),
    PolicyStatus.MISSING: _l("Missing"),
}


def question(key: str) -> Question | None:
    return next((q for q in QUESTIONS if q.key == key), None)


def policy_items(school: School) -> dict[str, PolicyItem]:
    """The answered questions of a school, by key."""
    rows = db.session.scalars(select(PolicyItem).where(PolicyItem.school_id == school.id))
    return {row.key: row for row in rows}


def save_policy_item(
    school: School,
    key: str,
    *,
    status: PolicyStatus,
    owner: User | None = None,
    owner_name: str | None = None,
    review_on: date | None = None,
    note: str | None = None,
) -> PolicyItem:
    """Record the status, owner and review date of one question; flushes."""
    if key not in QUESTION_KEYS:
        raise ValueError(f"unknown policy question {key!r}")
    if owner is not None and owner.school_id != school.id:
        raise ValueError("the owner works at another school")
    item = policy_items(school).get(key) or PolicyItem(school_id=school.id, key=key)
    db.session.add(item)
    item.status = status.value
    item.owner = owner
    item.owner_name = None if owner is not None else (owner_name or "").strip() or None
    item.review_on = review_on
    item.note = (note or "").strip() or None
    db.session.flush()
    return item


@dataclass(frozen=True)
class PolicyRow:
    question: Question
    item: PolicyItem | None

    @property
    def status(self) -> str | None:
        return self.item.status if self.item else None

    def review_due(self, today: date) -> bool:
        return bool(self.item and self.item.review_on and self.item.review_on <= today)


def policy_rows(school: School) -> list[PolicyRow]:
    """Every question with the school's answer, in the order of the check."""
    items = policy_items(school)
    return [PolicyRow(q, items.get(q.key)) for q in QUESTIONS]


def status_counts(school: School) -> Counter[str]:
    """How many questions are in place, in progress, missing, or not checked yet ("")."""
    return Counter(row.status or "" for row in policy_rows(school))
