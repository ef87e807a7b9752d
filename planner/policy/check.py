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
from planner.policy.models import (
    PolicyItem,
    PolicyStatus,
)
from planner.schools.models import School


@dataclass(frozen=True)
class Question:
    """One question of the policy check, drawn from the sources (seeds/000)."""

    key: str
    title: object
    help: object
    title_be: object | None = None
    help_be: object | None = None

    def title_for(self, country: str) -> str:
        return str(self.title_be if country == "BE" and self.title_be else self.title)

    def help_for(self, country: str) -> str:
        return str(self.help_be if country == "BE" and self.help_be else self.help)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "responsible",
        _l("Who is responsible for online social safety?"),
        _l(
            "One person coordinates the approach to (online) bullying and is the point of "
            "contact for pupils, parents and colleagues."
        ),
    ),
    Question(
        "knowledge",
        _l("What does every teacher at least know?"),
        _l(
            "Not everyone needs to be an expert, but every colleague knows the basics of online "
            "bullying and group pressure, whom to warn, the protocol and the agreements."
        ),
    ),
    Question(
        "anchored",
        _l("Where is the approach laid down in policy?"),
        _l(
            "Preventing, spotting and tackling online bullying are part of the safety policy "
            "and the anti-bullying protocol, which the team evaluates every year."
        ),
    ),
    Question(
        "teacher_acts",
        _l("How does a teacher act when a pupil is bullied online?"),
        _l(
            "Every teacher knows the first steps: support the pupil, keep the evidence, inform "
            "the coordinator and the parents, and follow the school protocol."
        ),
    ),
    Question(
        "agreements",
        _l("Which agreements exist, and how are pupils and parents involved?"),
        _l(
            "Agreements on online behaviour for pupils, parents and staff, made together and "
            "shared with everyone, for example at a parent evening."
        ),
    ),
    Question(
        "positive",
        _l("How is positive online behaviour encouraged?"),
        _l(
            "Every class makes its own agreements on kind online behaviour at the start of the "
            "year and comes back to them during the year."
        ),
    ),
    Question(
        "help",
        _l("Which help sites and organisations does the school use?"),
        _l(
            "Pupils, parents and colleagues know where to find advice and help, and the school "
            "knows whom it calls in: the confidential adviser, the police, youth work."
        ),
        help_be=_l(
            "Pupils, parents and colleagues know where to find advice and help, and the school "
            "knows whom it calls in: the confidential teacher, the CLB, the police, youth work."
        ),
    ),
    Question(
        "material",
        _l("Which lesson material is used?"),
        _l(
            "A line of lessons through the school, from the youngest to the oldest pupils, "
            "planned in the year plan of every class."
        ),
    ),
    Question(
        "law",
        _l("Which legal rules does the school work with?"),
        _l(
            "Dutch schools have a social safety policy and monitor the social safety of their "
            "pupils every year. Since the school year 2024-2025 pupils no longer use mobile "
            "phones in primary school; each school agrees how it does this."
        ),
        title_be=_l("Which rules apply to your school?"),
        help_be=_l(
            "The rules that apply to your school, e.g. the schoolreglement: what it says about "
            "mobile phones, online behaviour and what happens when a rule is broken."
        ),
    ),
    Question(
        "staff_guidelines",
        _l("Are there guidelines for staff on social media?"),
        _l(
            "What colleagues do and do not post, how they deal with pupils and parents online, "
            "and whom they ask when in doubt."
        ),
    ),
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
