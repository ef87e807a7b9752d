"""The first run of a new school, step by step: classes, plans, the parent evening,
colleagues. The start page shows the whole list; each page of the path shows where the
coordinator is and what comes next."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from planner.accounts.operations import colleagues, open_invitations
from planner.evenings.operations import evenings_of
from planner.plans.operations import plans_of_school
from planner.schools.calendar import SchoolYear
from planner.schools.models import School
from planner.schools.operations import active_classes


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    done: bool


def first_run_steps(school: School, year: SchoolYear) -> list[Step]:
    """The four steps of a new school and whether each is done, in order."""
    has_classes = bool(active_classes(school))
    return [
        Step("classes", _("Add your classes"), url_for("schools.add_class_list"), has_classes),
        Step(
            "plans",
            _("Make the plans for every class"),
            url_for("plans.index"),
            has_classes and bool(plans_of_school(school, year)),
        ),
        Step(
            "evening",
            _("Plan the parent evening"),
            url_for("evenings.new"),
            bool(evenings_of(school, year)),
        ),
        Step(
            "colleagues",
            _("Invite your colleagues"),
            url_for("accounts.colleagues") + "#invite-heading",
            len(colleagues(school)) > 1 or bool(open_invitations(school)),
        ),
    ]


def next_step(steps: list[Step]) -> Step | None:
    """The first step not done yet, or None when the school is set up."""
    return next((step for step in steps if not step.done), None)
