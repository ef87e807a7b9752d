"""Proposals for a question of the policy check that is not in place yet: place an item
in the whole-school plan, the start-of-year lessons in every class plan, read an item, or open
a page.

Operations flush, never commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from planner.catalogue import operations as catalogue
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import best_fit
from planner.extensions import db
from planner.plans import operations as plans
from planner.plans.generator import cycle_year
from planner.plans.models import Plan, PlanEntry
from planner.policy import content
from planner.policy.errors import PolicyError
from planner.policy.models import PolicyStatus
from planner.schools import operations as schools
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass


@dataclass(frozen=True)
class ProposalSpec:
    """One proposal: place an item in the whole-school plan, place the start-of-year lessons
    in every class plan, read a catalogue item, or open a page of the app."""

    action: str  # "school_plan", "class_plans", "read" or "page"
    slugs: Mapping[str, str] = field(default_factory=dict)  # country -> slug
    endpoint: str | None = None
    label: object | None = None

    def slug_for(self, country: str) -> str | None:
        return self.slugs.get(country)


# Per question of the check, what the app proposes (planner/policy/data/questions.yaml).
PROPOSALS: dict[str, tuple[ProposalSpec, ...]] = {
    entry.key: tuple(
        ProposalSpec(
            proposal.action,
            proposal.slugs_by_country(),
            endpoint=proposal.endpoint,
            # The msgid comes from the data file; Babel extracts it there (planner/i18n_data.py).
            label=_l(proposal.label) if proposal.label else None,
        )
        for proposal in entry.proposals
    )
    for entry in content.questions().questions
    if entry.proposals
}


@dataclass(frozen=True)
class Proposal:
    """A proposal made concrete for a school: the catalogue item, and whether it is planned."""

    index: int
    spec: ProposalSpec
    item: CatalogueItem | None = None
    planned_on: date | None = None  # school_plan: already in the whole-school plan on this day
    classes_done: int = 0  # class_plans: classes that already have their start-of-year lesson
    classes_total: int = 0

    @property
    def action(self) -> str:
        return self.spec.action


def is_planned(proposal: Proposal) -> bool:
    """A placeable proposal that is in the plans: the team item in the whole-school plan, or
    the start-of-year lesson in every class plan."""
    if proposal.action == "school_plan":
        return proposal.planned_on is not None
    if proposal.action == "class_plans":
        return proposal.classes_total > 0 and proposal.classes_done >= proposal.classes_total
    return False


def status_shown(status: str | None, proposals: Sequence[Proposal]) -> str | None:
    """The status a question shows: one marked missing whose proposal is already planned is
    in progress, not missing (the plans say otherwise)."""
    if status == PolicyStatus.MISSING and any(is_planned(p) for p in proposals):
        return PolicyStatus.IN_PROGRESS.value
    return status


def proposals_for(school: School, key: str, year: SchoolYear) -> list[Proposal]:
    """What the app proposes for one question; items missing from the catalogue are left out."""
    found: list[Proposal] = []
    school_plan = plans.get_school_plan(school, year)
    for index, spec in enumerate(PROPOSALS.get(key, ())):
        if spec.action in ("school_plan", "read"):
            item = _proposed_item(school, spec)
            if item is None:
                continue
            planned = _planned_day(school_plan, item) if spec.action == "school_plan" else None
            found.append(Proposal(index, spec, item, planned_on=planned))
        elif spec.action == "class_plans":
            lessons = start_of_year_lessons(school, year)
            if not lessons:
                continue
            done = sum(
                1
                for school_class, item in lessons.items()
                if _planned_day(plans.get_plan(school_class, year), item) is not None
            )
            found.append(Proposal(index, spec, classes_done=done, classes_total=len(lessons)))
        else:
            found.append(Proposal(index, spec))
    return found


def _proposed_item(school: School, spec: ProposalSpec) -> CatalogueItem | None:
    """The item a proposal names for the school's country, if the catalogue has it for that
    country (a Flemish school is never proposed a Dutch item, nor the other way round)."""
    slug = spec.slug_for(school.country)
    item = catalogue.get_item(slug) if slug else None
    if item is None or item.is_archived or school.country not in item.data["country"]:
        return None
    return item


def _planned_day(plan: Plan | None, item: CatalogueItem) -> date | None:
    for entry in plan.entries if plan else []:
        if entry.item_id == item.id:
            return entry.day
    return None


def get_or_create_school_plan(school: School, year: SchoolYear) -> Plan:
    """The whole-school plan of a year (class_id empty), made when it does not exist yet."""
    plan = plans.get_school_plan(school, year)
    if plan is None:
        plan = Plan(school_id=school.id, class_id=None, school_year=year.label, gaps=[])
        db.session.add(plan)
        db.session.flush()
    return plan


def first_plannable_day(school: School, year: SchoolYear, today: date) -> date:
    """The first school day from tomorrow (or the start of the year) on the planning weekday."""
    start = max(year.start(school.country), today + timedelta(days=1))
    if start > year.end(school.country):
        raise PolicyError("calendar.year_over", year=year.label)
    day = plans.next_school_day(school, start, school.plan_weekday)
    if day is None or day > year.end(school.country):
        raise PolicyError("calendar.year_over", year=year.label)
    return day


@dataclass(frozen=True)
class Placement:
    """What placing a proposal did: new entries, and how many were already planned."""

    added: list[PlanEntry]
    already: int = 0


def apply_proposal(
    school: School, key: str, index: int, year: SchoolYear, today: date
) -> Placement:
    """Put a proposal into the plan: a team item in the whole-school plan, or the start-of-year
    lessons in every class plan. Something already planned this year is not added twice."""
    specs = PROPOSALS.get(key, ())
    if not 0 <= index < len(specs) or specs[index].action not in ("school_plan", "class_plans"):
        raise PolicyError("policy.proposal_unplaceable")
    spec = specs[index]
    day = first_plannable_day(school, year, today)
    if spec.action == "school_plan":
        return _place_school_item(school, spec, year, day)
    return _place_start_lessons(school, year, day)


def _place_school_item(school: School, spec: ProposalSpec, year: SchoolYear, day: date):
    item = _proposed_item(school, spec)
    if item is None:
        raise PolicyError("catalogue.item_unknown")
    plan = get_or_create_school_plan(school, year)
    if _planned_day(plan, item) is not None:
        return Placement([], already=1)
    return Placement([plans.add_entry(plan, day, item=item)])


def _place_start_lessons(school: School, year: SchoolYear, day: date) -> Placement:
    lessons = start_of_year_lessons(school, year)
    if not lessons:
        raise PolicyError("policy.no_start_lesson")
    added, already = [], 0
    for school_class, item in lessons.items():
        plan = plans.get_or_create_plan(school_class, year)
        if _planned_day(plan, item) is not None:
            already += 1
            continue
        added.append(plans.add_entry(plan, day, item=item))
    return Placement(added, already)


def start_of_year_lessons(school: School, year: SchoolYear) -> dict[SchoolClass, CatalogueItem]:
    """For every active class: the start-of-year lesson (group agreements) that fits it best."""
    lessons = [
        item
        for item in plans.plannable_items(("lesson",))
        if "start-schooljaar" in item.data["moments"] and school.country in item.data["country"]
    ]
    chosen = {}
    for school_class in schools.active_classes(school):
        best = best_fit(
            lessons, school_class.grades, cycle_year(school_class.grades, year.first_year)
        )
        if best is not None:
            chosen[school_class] = best
    return chosen
