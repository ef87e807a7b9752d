"""The evidence for a school year: planned and done, the policy status, incidents by kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from planner.extensions import db
from planner.plans import operations as plans
from planner.policy.agreements import agreements_of
from planner.policy.check import PolicyRow, policy_rows
from planner.policy.contacts import contacts_of
from planner.policy.models import (
    Incident,
    IncidentKind,
)
from planner.schools import operations as schools
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass


@dataclass(frozen=True)
class Evidence:
    """One school year on a page: planned and done, the policy status, incidents by kind."""

    year: SchoolYear
    classes: list[tuple[SchoolClass, plans.Progress]]
    school_wide: plans.Progress
    policy: list[PolicyRow]
    incidents: dict[str, int]
    incidents_open: int
    agreements_own: int
    contacts: int

    @property
    def total(self) -> plans.Progress:
        parts = [p for _c, p in self.classes] + [self.school_wide]
        return plans.Progress(
            sum(p.done for p in parts), sum(p.planned for p in parts), sum(p.skipped for p in parts)
        )


def evidence(school: School, year: SchoolYear) -> Evidence:
    """What the school planned and did in a school year, its policy, and incident counts."""
    by_class = {plan.class_id: plan for plan in plans.plans_of_school(school, year)}
    start, end = year.start(school.country), year.end(school.country)
    incidents = db.session.scalars(
        select(Incident).where(
            Incident.school_id == school.id,
            Incident.happened_on >= start,
            Incident.happened_on <= end,
        )
    ).all()
    counts = Counter(incident.kind for incident in incidents)
    return Evidence(
        year=year,
        classes=[(c, plans.progress(by_class.get(c.id))) for c in schools.active_classes(school)],
        school_wide=plans.progress(by_class.get(None)),
        policy=policy_rows(school),
        incidents={kind.value: counts.get(kind.value, 0) for kind in IncidentKind},
        incidents_open=sum(1 for incident in incidents if incident.is_open),
        agreements_own=sum(1 for a in agreements_of(school).values() if not a.is_default),
        contacts=len(contacts_of(school)),
    )
