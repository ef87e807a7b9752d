"""Incident follow-up without pupil data: the record, the protocol steps, follow-up for the
class, reminders and how long closed records are kept.

Operations flush, never commit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.accounts.models import Role, User
from planner.accounts.permissions import can_edit_class
from planner.catalogue import operations as catalogue
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import best_fit
from planner.extensions import db
from planner.plans import operations as plans
from planner.plans.generator import cycle_year
from planner.plans.models import PlanEntry
from planner.policy import content
from planner.policy.errors import PolicyError
from planner.policy.models import (
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentStep,
    PolicySettings,
)
from planner.policy.references import ProtocolPhase
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass

FOLLOW_UP_WEEKS = 3
DEFAULT_RETENTION_DAYS = 365
REMINDER_DAYS_AHEAD = 7

KIND_LABELS = {
    IncidentKind.CYBERBULLYING: _l("Cyberbullying"),
    IncidentKind.EXCLUSION: _l("Excluded from a group chat"),
    IncidentKind.IMAGES: _l("Spreading pictures or videos"),
    IncidentKind.HACKED: _l("Hacked account"),
    IncidentKind.THREATS: _l("Threats"),
    IncidentKind.OTHER: _l("Other"),
}

# Per kind (planner/policy/data/follow_up.yaml): class interventions in order of preference,
# and lesson themes in order of preference.
FOLLOW_UP: dict[IncidentKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    kind: (tuple(entry.interventions), tuple(entry.themes))
    for kind, entry in content.follow_up().kinds.items()
}
# Where a lesson is made for the kind of incident, it comes first when it fits the class.
FOLLOW_UP_LESSONS: dict[IncidentKind, tuple[str, ...]] = {
    kind: tuple(entry.lessons) for kind, entry in content.follow_up().kinds.items() if entry.lessons
}

# Things that identify a person and have no place in an incident record. Names cannot be
# recognised reliably, so the form asks for none and warns; these patterns are unambiguous.
_IDENTIFYING = (
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail address
    re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}"),  # account name, e.g. @gamer_123
    re.compile(r"(?<!\d)(?:\+31\s?|0)6[\s-]?\d{8}(?!\d)"),  # Dutch mobile number
    re.compile(r"(?<!\d)(?:\+32\s?|0)4\d{2}(?:[\s/.]?\d{2}){3}(?!\d)"),  # Belgian mobile number
)


def has_identifiers(text: str | None) -> bool:
    """Whether a free text holds an e-mail address, an account name or a mobile number."""
    return any(pattern.search(text or "") for pattern in _IDENTIFYING)


def default_follow_up(happened_on: date) -> date:
    return happened_on + timedelta(weeks=FOLLOW_UP_WEEKS)


def date_problems(happened_on: date, follow_up_on: date | None, today: date) -> dict[str, str]:
    """The incident date rule, per field: an incident is not in the future and its follow-up
    is not before it. Returns {"happened_on" | "follow_up_on": error code}; empty when valid."""
    problems = {}
    if happened_on > today:
        problems["happened_on"] = "policy.incident_in_future"
    if follow_up_on is not None and follow_up_on < happened_on:
        problems["follow_up_on"] = "policy.follow_up_before_incident"
    return problems


def record_incident(
    school_class: SchoolClass,
    *,
    happened_on: date,
    kind: IncidentKind,
    summary: str | None,
    follow_up_on: date | None,
    recorded_by: User | None,
    today: date | None = None,
) -> Incident:
    """Record that an online incident happened in a class; flushes. With `today`, an incident
    in the future is refused too."""
    incident = Incident(
        school_id=school_class.school_id,
        school_class=school_class,
        status=IncidentStatus.OPEN.value,
        created_by_id=recorded_by.id if recorded_by else None,
    )
    _fill_incident(incident, happened_on, kind, summary, follow_up_on, today)
    db.session.add(incident)
    db.session.flush()
    return incident


def update_incident(
    incident: Incident,
    *,
    happened_on: date,
    kind: IncidentKind,
    summary: str | None,
    follow_up_on: date | None,
    today: date | None = None,
) -> None:
    _fill_incident(incident, happened_on, kind, summary, follow_up_on, today)
    db.session.flush()


def _fill_incident(
    incident: Incident,
    happened_on: date,
    kind: IncidentKind,
    summary: str | None,
    follow_up_on: date | None,
    today: date | None,
) -> None:
    if has_identifiers(summary):
        raise PolicyError("policy.identifiers")
    follow_up = follow_up_on or default_follow_up(happened_on)
    problems = date_problems(happened_on, follow_up, today or happened_on)
    if problems:
        raise PolicyError(next(iter(problems.values())))
    incident.happened_on = happened_on
    incident.kind = kind.value
    incident.summary = _clean(summary)
    incident.follow_up_on = follow_up


def tick_steps(
    incident: Incident, done: Mapping[str, date], phases: Sequence[ProtocolPhase], today: date
) -> None:
    """Set which protocol steps are done and when; steps left out are unticked. Flushes."""
    known = {step.key: step for phase in phases for step in phase.steps}
    for key, day in done.items():
        if key not in known:
            raise PolicyError("policy.step_unknown")
        if day > today:
            raise PolicyError("policy.step_in_future")
        if day < incident.happened_on:
            raise PolicyError("policy.step_before_incident")
    current = {step.step_key: step for step in incident.steps}
    for key, step in current.items():
        if key not in done:
            incident.steps.remove(step)
    for key, day in done.items():
        if key in current:
            current[key].done_on = day
        else:
            incident.steps.append(
                IncidentStep(step_key=key, text=known[key].text[:300], done_on=day)
            )
    db.session.flush()


@dataclass(frozen=True)
class Suggestion:
    """A follow-up for the class, and when it is already in the class plan."""

    item: CatalogueItem
    planned_on: date | None


def follow_up_items(incident: Incident) -> list[CatalogueItem]:
    """An intervention for the class and a lesson on the theme, fitting the class's grades."""
    interventions, themes = FOLLOW_UP[IncidentKind(incident.kind)]
    school_class = incident.school_class
    grades = set(school_class.grades)
    country = school_class.school.country
    chosen: list[CatalogueItem] = []
    by_slug = catalogue.items_by_slug(interventions)
    for slug in interventions:
        item = by_slug.get(slug)
        if (
            item is not None
            and not item.is_archived
            and country in item.data["country"]
            and grades & set(item.grades)
        ):
            chosen.append(item)
            break
    lessons = [
        item
        for item in plans.plannable_items(("lesson",))
        if country in item.data["country"] and grades & set(item.grades)
    ]
    year = cycle_year(
        school_class.grades, SchoolYear.containing(incident.happened_on, country).first_year
    )
    made_for_it = [
        item
        for item in lessons
        if item.slug in FOLLOW_UP_LESSONS.get(IncidentKind(incident.kind), ())
    ]
    if made_for_it:
        chosen.append(made_for_it[0])
        return chosen
    for theme in themes:
        first = [item for item in lessons if item.data["themes"][0] == theme]
        lesson = best_fit(first, school_class.grades, year) or best_fit(
            [item for item in lessons if theme in item.data["themes"]], school_class.grades, year
        )
        if lesson is not None:
            chosen.append(lesson)
            break
    return chosen


def follow_up_suggestions(incident: Incident) -> list[Suggestion]:
    """The follow-up items with the day they are in the class plan since the incident, if so."""
    suggestions = []
    for item in follow_up_items(incident):
        suggestions.append(Suggestion(item, _planned_since(incident, item)))
    return suggestions


def _planned_since(incident: Incident, item: CatalogueItem) -> date | None:
    """The day the item is in the class plan between the incident and its follow-up: a lesson
    planned for months later is no follow-up, so it may be placed sooner."""
    school_class = incident.school_class
    country = school_class.school.country
    years = {
        SchoolYear.containing(incident.happened_on, country),
        SchoolYear.containing(incident.follow_up_on, country),
    }
    for year in sorted(years):
        plan = plans.get_plan(school_class, year)
        for entry in plan.entries if plan else []:
            if entry.item_id == item.id and (
                incident.happened_on <= entry.day <= incident.follow_up_on
            ):
                return entry.day
    return None


def place_follow_up(incident: Incident, slug: str, today: date) -> PlanEntry:
    """Put a suggested follow-up in the class plan on the next school day; flushes."""
    item = next((i for i in follow_up_items(incident) if i.slug == slug), None)
    if item is None:
        raise PolicyError("policy.not_a_suggestion")
    school_class = incident.school_class
    school = school_class.school
    day = plans.next_school_day(school, today + timedelta(days=1))
    if day is None:
        raise PolicyError(
            "calendar.unknown", year=SchoolYear.containing(today, school.country).next().label
        )
    plan = plans.get_or_create_plan(school_class, SchoolYear.containing(day, school.country))
    return plans.add_entry(plan, day, item=item)


def close_incident(incident: Incident, today: date) -> None:
    incident.status = IncidentStatus.CLOSED.value
    incident.closed_on = today
    db.session.flush()


def reopen_incident(incident: Incident) -> None:
    incident.status = IncidentStatus.OPEN.value
    incident.closed_on = None
    db.session.flush()


def can_see_incident(user: User, incident: Incident) -> bool:
    """Teachers see the incidents of their own classes, coordinators all of their school."""
    return user.school_id == incident.school_id and can_edit_class(user, incident.school_class)


def incidents_for(user: User) -> list[Incident]:
    """The incidents a user may see: open ones first, the most recent first."""
    if user.role == Role.VIEWER:
        return []
    rows = db.session.scalars(select(Incident).where(Incident.school_id == user.school_id))
    visible = [incident for incident in rows if can_see_incident(user, incident)]
    return sorted(visible, key=lambda i: (i.status != "open", -i.happened_on.toordinal(), -i.id))


@dataclass(frozen=True)
class Reminder:
    incident: Incident
    due: date
    overdue: bool


def incident_reminders(user: User, today: date) -> list[Reminder]:
    """Follow-up conversations due within a week (or overdue) for the user's open incidents."""
    if user.role == Role.VIEWER:
        return []
    horizon = today + timedelta(days=REMINDER_DAYS_AHEAD)
    rows = db.session.scalars(
        select(Incident)
        .where(
            Incident.school_id == user.school_id,
            Incident.status == IncidentStatus.OPEN.value,
            Incident.follow_up_on <= horizon,
        )
        .order_by(Incident.follow_up_on, Incident.id)
    )
    return [
        Reminder(incident, incident.follow_up_on, incident.follow_up_on < today)
        for incident in rows
        if can_see_incident(user, incident)
    ]


def retention_days(school: School) -> int:
    settings = db.session.get(PolicySettings, school.id)
    return settings.retention_days if settings else DEFAULT_RETENTION_DAYS


def set_retention_days(school: School, days: int) -> None:
    settings = db.session.get(PolicySettings, school.id)
    if settings is None:
        settings = PolicySettings(school_id=school.id)
        db.session.add(settings)
    settings.retention_days = days
    db.session.flush()


def purge_expired(today: date, school: School | None = None) -> int:
    """Delete closed incidents whose retention period has passed; returns how many. Flushes."""
    statement = (
        select(Incident, PolicySettings.retention_days)
        .outerjoin(PolicySettings, PolicySettings.school_id == Incident.school_id)
        .where(Incident.status == IncidentStatus.CLOSED.value)
    )
    if school is not None:
        statement = statement.where(Incident.school_id == school.id)
    expired = [
        incident
        for incident, days in db.session.execute(statement)
        if incident.closed_on is not None
        and incident.closed_on + timedelta(days=days or DEFAULT_RETENTION_DAYS) < today
    ]
    for incident in expired:
        db.session.delete(incident)
    db.session.flush()
    return len(expired)


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None
