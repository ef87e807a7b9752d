"""The demo schools' policy: a partly done check, contacts, agreements and incidents."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from planner.accounts.models import Role, User
from planner.extensions import db
from planner.policy.agreements import agreements_of, save_agreements
from planner.policy.check import save_policy_item
from planner.policy.contacts import save_contact
from planner.policy.incidents import close_incident, record_incident, tick_steps
from planner.policy.models import (
    Agreement,
    Contact,
    ContactRole,
    Incident,
    IncidentKind,
    PolicyItem,
    PolicyStatus,
)
from planner.policy.references import protocol_phases, school_protocol
from planner.schools.models import School, SchoolClass


def seed_policy(school: School, today: date) -> None:
    """A partly done policy check, contacts, agreements and two incidents (one closed) for a
    demo school; what the school already has is left alone, so running it again adds nothing."""
    staff = list(db.session.scalars(select(User).where(User.school_id == school.id)))
    coordinator = next((u for u in staff if u.role == Role.COORDINATOR), None)
    if not db.session.scalar(select(PolicyItem.id).where(PolicyItem.school_id == school.id)):
        _seed_policy(school, coordinator, today)
    if not db.session.scalar(select(Contact.id).where(Contact.school_id == school.id)):
        _seed_contacts(school, coordinator)
    if not db.session.scalar(select(Agreement.id).where(Agreement.school_id == school.id)):
        agreements = agreements_of(school)
        save_agreements(school, {a: t.text for a, t in agreements.items()})
    if not db.session.scalar(select(Incident.id).where(Incident.school_id == school.id)):
        _seed_incidents(school, staff, today)
    db.session.flush()


def _seed_policy(school: School, coordinator: User | None, today: date) -> None:
    flemish = school.country == "BE"
    care = "zorgcoördinator" if flemish else "intern begeleider"
    leader = "directie" if flemish else "directeur"
    answers = (
        ("responsible", PolicyStatus.IN_PLACE, coordinator, None, 300),
        ("knowledge", PolicyStatus.IN_PROGRESS, None, care, 60),
        ("anchored", PolicyStatus.IN_PLACE, coordinator, None, 200),
        ("teacher_acts", PolicyStatus.IN_PLACE, coordinator, None, -5),
        ("agreements", PolicyStatus.IN_PROGRESS, None, leader, 90),
        ("positive", PolicyStatus.MISSING, None, None, None),
        ("help", PolicyStatus.IN_PLACE, None, care, 300),
        ("staff_guidelines", PolicyStatus.MISSING, None, leader, None),
    )
    for key, status, owner, owner_name, review_in in answers:
        save_policy_item(
            school,
            key,
            status=status,
            owner=owner,
            owner_name=owner_name,
            review_on=today + timedelta(days=review_in) if review_in is not None else None,
        )


def _seed_contacts(school: School, coordinator: User | None) -> None:
    domain = coordinator.email.split("@")[1] if coordinator else "school.example"
    if school.country == "BE":
        rows = (
            (ContactRole.COORDINATOR, None, "Coördinator " + school.name, None, "coordinator"),
            (ContactRole.CONFIDENTIAL, "Vertrouwensleerkracht", "Juf Els", None, "vertrouwen"),
            (ContactRole.CLB, "CLB-anker", "Contactpersoon CLB", "Via het secretariaat.", None),
            (ContactRole.POLICE, None, "Wijkagent van de buurt", "Via het politiekantoor.", None),
            (ContactRole.YOUTH_WORKER, None, "Jeugdwerk in de buurt", None, "jeugdwerk"),
        )
    else:
        rows = (
            (ContactRole.COORDINATOR, None, "Coördinator " + school.name, None, "coordinator"),
            (ContactRole.CONFIDENTIAL, None, "Meester Ruben", None, "vertrouwenspersoon"),
            (ContactRole.POLICE, None, "Jeugdagent wijkteam", "Vaste contactpersoon.", None),
            (ContactRole.YOUTH_WORKER, None, "Kinderwerk in de wijk", None, "kinderwerk"),
        )
    for role, label, name, note, mailbox in rows:
        save_contact(
            school,
            Contact(),
            role=role,
            label=label,
            name=name,
            phone=None,
            email=f"{mailbox}@{domain}" if mailbox else None,
            note=note,
            on_handout=role != ContactRole.POLICE,
        )


def _seed_incidents(school: School, staff: list[User], today: date) -> None:
    teacher = next((u for u in staff if u.role == Role.TEACHER), None)
    school_class = _class_of(school, teacher)
    if school_class is None:
        return
    phases = protocol_phases(school_protocol(), school.country)
    closed = record_incident(
        school_class,
        happened_on=today - timedelta(days=60),
        kind=IncidentKind.CYBERBULLYING,
        summary="Gemene berichten over een leerling in een groepsapp, buiten schooltijd.",
        follow_up_on=None,
        recorded_by=teacher,
    )
    steps = [step for phase in phases for step in phase.steps]
    tick_steps(closed, {step.key: today - timedelta(days=50) for step in steps}, phases, today)
    close_incident(closed, today - timedelta(days=20))
    open_one = record_incident(
        school_class,
        happened_on=today - timedelta(days=16),
        kind=IncidentKind.EXCLUSION,
        summary="Een leerling is uit de groepsapp van de klas gezet.",
        follow_up_on=None,
        recorded_by=teacher,
    )
    tick_steps(
        open_one, {step.key: today - timedelta(days=15) for step in steps[:2]}, phases, today
    )


def _class_of(school: School, teacher: User | None) -> SchoolClass | None:
    classes = [c for c in school.classes if not c.is_archived]
    for school_class in classes:
        if teacher is not None and any(t.id == teacher.id for t in school_class.teachers):
            return school_class
    return classes[0] if classes else None
