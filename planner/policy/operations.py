"""What the policy domain does: the policy check and its proposals, contacts, agreements,
incident follow-up without pupil data, retention, and the evidence for a school year.

Operations flush, never commit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.accounts.models import Role, User
from planner.accounts.permissions import can_edit_class
from planner.catalogue import operations as catalogue
from planner.catalogue.content import Phase, parse_steps
from planner.catalogue.models import CatalogueItem
from planner.catalogue.vocab import Audience
from planner.errors import DomainError
from planner.extensions import db
from planner.plans import operations as plans
from planner.plans.generator import cycle_year
from planner.plans.models import Plan, PlanEntry
from planner.policy.defaults import default_agreement
from planner.policy.models import (
    Agreement,
    AgreementAudience,
    Contact,
    ContactRole,
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentStep,
    PolicyItem,
    PolicySettings,
    PolicyStatus,
)
from planner.schools import operations as schools
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass

SCHOOL_PROTOCOL = "schoolprotocol-cyberpesten"
FOLLOW_UP_WEEKS = 3
DEFAULT_RETENTION_DAYS = 365
REMINDER_DAYS_AHEAD = 7
PRIMARY_AGES = (4, 12)


class PolicyError(DomainError):
    """Something that cannot be done; its code names why."""


# --- the policy check ---------------------------------------------------------------------


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


# --- proposals: what to do for a missing item ---------------------------------------------


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


def _both(slug: str) -> dict[str, str]:
    return {"NL": slug, "BE": slug}


PROPOSALS: dict[str, tuple[ProposalSpec, ...]] = {
    "responsible": (
        ProposalSpec(
            "page", endpoint="policy.contacts", label=_l("Name the coordinator under Contacts")
        ),
        ProposalSpec("school_plan", _both("kennisbasis-voor-elke-leerkracht")),
    ),
    "knowledge": (ProposalSpec("school_plan", _both("kennisbasis-voor-elke-leerkracht")),),
    "anchored": (
        ProposalSpec("school_plan", _both("jaarlijkse-evaluatie-pestprotocol")),
        ProposalSpec("read", _both(SCHOOL_PROTOCOL)),
    ),
    "teacher_acts": (
        ProposalSpec(
            "read",
            {"NL": "eerste-acties-online-gepest", "BE": "eerste-acties-online-gepest-vlaanderen"},
        ),
        ProposalSpec("school_plan", _both("jaarlijkse-evaluatie-pestprotocol")),
    ),
    "agreements": (
        ProposalSpec("page", endpoint="policy.agreements", label=_l("Write down the agreements")),
        ProposalSpec("school_plan", {"NL": "ouderavond-bovenbouw", "BE": "infoavond-lager"}),
        ProposalSpec("read", _both("aanpak-en-protocol-van-school")),
    ),
    "positive": (ProposalSpec("class_plans"),),
    "help": (
        ProposalSpec(
            "page", endpoint="policy.handout", label=_l("Print the handout with the help lines")
        ),
        ProposalSpec("page", endpoint="policy.contacts", label=_l("Add the school's contacts")),
    ),
    "material": (
        ProposalSpec("page", endpoint="plans.index", label=_l("Generate the class plans")),
        ProposalSpec("class_plans"),
    ),
    "law": (
        ProposalSpec("read", {"NL": "handreiking-schoolbeleid-smartphones"}),
        ProposalSpec(
            "read", {"NL": "smartphone-afspraken", "BE": "smartphone-afspraken-vlaanderen"}
        ),
        ProposalSpec("page", endpoint="policy.agreements", label=_l("Write down the phone rules")),
    ),
    "staff_guidelines": (
        ProposalSpec("school_plan", _both("richtlijnen-sociale-media-personeel")),
        ProposalSpec(
            "page", endpoint="policy.agreements", label=_l("Write down the staff guidelines")
        ),
    ),
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


def best_fit(
    items: Iterable[CatalogueItem], grades: Sequence[int], year: int | None = None
) -> CatalogueItem | None:
    """The item that covers most of the grades, with the fewest grades beyond them; among
    lessons of the spiral, the one written for the class's `year` this school year first."""
    wanted = set(grades)
    fitting = [item for item in items if wanted & set(item.grades)]
    if not fitting:
        return None
    return min(
        fitting,
        key=lambda item: (
            -len(wanted & set(item.grades)),
            len(set(item.grades) - wanted),
            year is not None and item.data.get("year") not in (None, year),
            item.sort_key,
        ),
    )


# --- contacts -----------------------------------------------------------------------------

ROLE_LABELS = {
    ContactRole.COORDINATOR: _l("Anti-bullying coordinator"),
    ContactRole.CONFIDENTIAL: _l("Confidential adviser"),
    ContactRole.POLICE: _l("Youth police officer or digital community officer"),
    ContactRole.YOUTH_WORKER: _l("Children's and youth worker"),
    ContactRole.CLB: _l("CLB contact"),
    ContactRole.OTHER: _l("Other"),
}
ROLE_LABELS_BE = {
    ContactRole.CONFIDENTIAL: _l("Confidential teacher or care coordinator"),
    ContactRole.POLICE: _l("Community police officer"),
    ContactRole.YOUTH_WORKER: _l("Youth worker"),
}


def contact_roles(country: str) -> list[ContactRole]:
    """The roles a school of this country chooses from (the CLB is Flemish)."""
    return [r for r in ContactRole if r != ContactRole.CLB or country == "BE"]


def role_label(role: str, country: str) -> str:
    contact_role = ContactRole(role)
    if country == "BE" and contact_role in ROLE_LABELS_BE:
        return str(ROLE_LABELS_BE[contact_role])
    return str(ROLE_LABELS[contact_role])


def contact_title(contact: Contact, country: str) -> str:
    """The role as the school calls it: its own label, else the standard one."""
    return contact.label or role_label(contact.role, country)


def contacts_of(school: School, *, handout_only: bool = False) -> list[Contact]:
    """The school's contacts in the order of the roles, then by name."""
    statement = select(Contact).where(Contact.school_id == school.id)
    if handout_only:
        statement = statement.where(Contact.on_handout.is_(True))
    rank = {role.value: index for index, role in enumerate(ContactRole)}
    rows = db.session.scalars(statement)
    return sorted(rows, key=lambda c: (rank[c.role], c.label or "", c.name or "", c.id))


def save_contact(
    school: School,
    contact: Contact,
    *,
    role: ContactRole,
    label: str | None,
    name: str | None,
    phone: str | None,
    email: str | None,
    note: str | None,
    on_handout: bool,
) -> Contact:
    """Fill a contact from validated data; flushes."""
    contact.school_id = school.id
    contact.role = role.value
    contact.label = _clean(label)
    contact.name = _clean(name)
    contact.phone = _clean(phone)
    contact.email = _clean(email)
    contact.note = _clean(note)
    contact.on_handout = on_handout
    if contact.role == ContactRole.OTHER and contact.label is None:
        raise PolicyError("policy.contact_role")
    if not (contact.name or contact.phone or contact.email):
        raise PolicyError("policy.contact_reachable")
    db.session.add(contact)
    db.session.flush()
    return contact


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def delete_contact(contact: Contact) -> None:
    db.session.delete(contact)
    db.session.flush()


# --- agreements ---------------------------------------------------------------------------

AUDIENCE_LABELS = {
    AgreementAudience.PUPILS: _l("Agreements for pupils"),
    AgreementAudience.PARENTS: _l("Agreements for parents"),
    AgreementAudience.STAFF: _l("Agreements for staff"),
    AgreementAudience.PHONE: _l("Phone rules"),
}


@dataclass(frozen=True)
class AgreementText:
    audience: AgreementAudience
    text: str
    is_default: bool

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


def agreements_of(school: School) -> dict[AgreementAudience, AgreementText]:
    """Each set of agreements: the school's own text, or the default for its country."""
    stored = {
        row.audience: row
        for row in db.session.scalars(select(Agreement).where(Agreement.school_id == school.id))
    }
    result = {}
    for audience in AgreementAudience:
        row = stored.get(audience.value)
        if row is not None:
            result[audience] = AgreementText(audience, row.text, False)
        else:
            result[audience] = AgreementText(
                audience, default_agreement(school.country, audience), True
            )
    return result


def save_agreements(school: School, texts: Mapping[AgreementAudience, str]) -> None:
    """Store the school's own agreements (one per line); flushes."""
    stored = {
        row.audience: row
        for row in db.session.scalars(select(Agreement).where(Agreement.school_id == school.id))
    }
    for audience, text in texts.items():
        cleaned = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        row = stored.get(audience.value)
        if row is None:
            db.session.add(Agreement(school_id=school.id, audience=audience.value, text=cleaned))
        elif row.text != cleaned:
            row.text = cleaned
    db.session.flush()


def handout_context(school: School) -> dict[str, object]:
    """What the handout for parents shows: agreements, the school's contacts and the help
    lines of its country. The parent-evening pages reuse it."""
    agreements = agreements_of(school)
    low, high = PRIMARY_AGES
    return {
        "handout_school": school,
        "handout_agreements": [
            agreements[AgreementAudience.PARENTS],
            agreements[AgreementAudience.PHONE],
        ],
        "handout_contacts": contacts_of(school, handout_only=True),
        "handout_helplines_parents": catalogue.helplines_for(
            school.country, low, high, Audience.PARENTS.value
        ),
        "handout_helplines_pupils": catalogue.helplines_for(
            school.country, low, high, Audience.PUPILS.value
        ),
    }


# --- incidents ----------------------------------------------------------------------------

KIND_LABELS = {
    IncidentKind.CYBERBULLYING: _l("Cyberbullying"),
    IncidentKind.EXCLUSION: _l("Excluded from a group chat"),
    IncidentKind.IMAGES: _l("Spreading pictures or videos"),
    IncidentKind.HACKED: _l("Hacked account"),
    IncidentKind.THREATS: _l("Threats"),
    IncidentKind.OTHER: _l("Other"),
}

# Per kind: class interventions in order of preference, and lesson themes in order of preference.
FOLLOW_UP: dict[IncidentKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    IncidentKind.CYBERBULLYING: (
        ("no-blame-aanpak", "steungroepmethode", "klasthermometer"),
        ("cyberpesten", "online-gedrag"),
    ),
    IncidentKind.EXCLUSION: (
        ("klasthermometer", "steungroepmethode", "no-blame-aanpak"),
        ("groepsdruk", "cyberpesten", "online-gedrag"),
    ),
    IncidentKind.IMAGES: (
        ("herstelcirkel", "klasthermometer"),
        ("privacy", "online-gedrag"),
    ),
    IncidentKind.HACKED: (("klasthermometer",), ("veiligheid", "privacy", "online-gedrag")),
    IncidentKind.THREATS: (
        ("herstelcirkel", "klasthermometer"),
        ("cyberpesten", "veiligheid", "online-gedrag"),
    ),
    IncidentKind.OTHER: (("klasthermometer",), ("online-gedrag", "cyberpesten")),
}
# Where a lesson is made for the kind of incident, it comes first when it fits the class.
FOLLOW_UP_LESSONS: dict[IncidentKind, tuple[str, ...]] = {
    IncidentKind.HACKED: ("account-gehackt-wat-nu-groep-5-6",),
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


def record_incident(
    school_class: SchoolClass,
    *,
    happened_on: date,
    kind: IncidentKind,
    summary: str | None,
    follow_up_on: date | None,
    recorded_by: User | None,
) -> Incident:
    """Record that an online incident happened in a class; flushes."""
    incident = Incident(
        school_id=school_class.school_id,
        school_class=school_class,
        status=IncidentStatus.OPEN.value,
        created_by_id=recorded_by.id if recorded_by else None,
    )
    _fill_incident(incident, happened_on, kind, summary, follow_up_on)
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
) -> None:
    _fill_incident(incident, happened_on, kind, summary, follow_up_on)
    db.session.flush()


def _fill_incident(
    incident: Incident,
    happened_on: date,
    kind: IncidentKind,
    summary: str | None,
    follow_up_on: date | None,
) -> None:
    if has_identifiers(summary):
        raise PolicyError("policy.identifiers")
    follow_up = follow_up_on or default_follow_up(happened_on)
    if follow_up < happened_on:
        raise PolicyError("policy.follow_up_before_incident")
    incident.happened_on = happened_on
    incident.kind = kind.value
    incident.summary = _clean(summary)
    incident.follow_up_on = follow_up


@dataclass(frozen=True)
class ProtocolStep:
    key: str
    text: str
    detail: str


@dataclass(frozen=True)
class ProtocolPhase:
    title: str
    steps: tuple[ProtocolStep, ...]


def school_protocol() -> CatalogueItem | None:
    item = catalogue.get_item(SCHOOL_PROTOCOL)
    return None if item is None or item.is_archived else item


def protocol_phases(item: CatalogueItem | None, country: str | None) -> list[ProtocolPhase]:
    """The school protocol as phases of steps for a school of `country`, each with a key
    "phase.step" that is stable for that country."""
    if item is None:
        return []
    phases: list[Phase] = parse_steps(item.body, country, item.content.words)
    return [
        ProtocolPhase(
            phase.title,
            tuple(
                ProtocolStep(f"{p}.{s}", step.text, step.detail)
                for s, step in enumerate(phase.steps, start=1)
            ),
        )
        for p, phase in enumerate(phases, start=1)
    ]


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


# --- evidence -----------------------------------------------------------------------------


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
