"""A school's online-safety policy: the policy check, contacts, agreements and incidents.

Incidents are recorded without pupils: a class, a date, a kind and what was done.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db

if TYPE_CHECKING:
    from planner.accounts.models import User
    from planner.schools.models import SchoolClass


class PolicyStatus(StrEnum):
    IN_PLACE = "in_place"
    IN_PROGRESS = "in_progress"
    MISSING = "missing"


class ContactRole(StrEnum):
    COORDINATOR = "coordinator"  # anti-pestcoördinator
    CONFIDENTIAL = "confidential"  # vertrouwenspersoon; BE: vertrouwensleerkracht
    POLICE = "police"  # jeugdagent or digitale wijkagent; BE: wijkagent
    YOUTH_WORKER = "youth_worker"  # kinderwerk/jongerenwerk; BE: jeugdwerker
    CLB = "clb"  # BE: the school's CLB
    OTHER = "other"


class AgreementAudience(StrEnum):
    PUPILS = "pupils"
    PARENTS = "parents"
    STAFF = "staff"
    PHONE = "phone"


class IncidentKind(StrEnum):
    CYBERBULLYING = "cyberbullying"
    EXCLUSION = "exclusion"  # shut out of a group chat
    IMAGES = "images"  # spreading pictures or videos
    HACKED = "hacked"
    THREATS = "threats"
    OTHER = "other"


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


def _values(enum: type[StrEnum]) -> str:
    return ", ".join(f"'{member.value}'" for member in enum)


class PolicyItem(db.Model):
    """One question of the policy check for a school: status, owner, review date."""

    __tablename__ = "policy_item"
    __table_args__ = (
        UniqueConstraint("school_id", "key", name="uq_policy_item_school_key"),
        CheckConstraint(f"status IN ({_values(PolicyStatus)})", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))
    # The owner is a colleague's account, or a role or name typed in (an adult, never a pupil).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    owner_name: Mapped[str | None] = mapped_column(String(120))
    review_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    version: Mapped[int] = mapped_column(default=1)

    owner: Mapped[User | None] = relationship(lazy="joined")

    # Two coordinators saving the same question: the second save fails instead of overwriting.
    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<PolicyItem {self.key} {self.status}>"

    @property
    def owner_label(self) -> str:
        return self.owner.name if self.owner is not None else (self.owner_name or "")


class PolicySettings(db.Model):
    """A school's settings for its incident records."""

    __tablename__ = "policy_settings"
    __table_args__ = (
        CheckConstraint("retention_days BETWEEN 30 AND 3650", name="retention_range"),
    )

    school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), primary_key=True
    )
    # Closed incident records are deleted this many days after closing.
    retention_days: Mapped[int] = mapped_column(default=365, server_default="365")

    def __repr__(self) -> str:
        return f"<PolicySettings school={self.school_id} retention={self.retention_days}>"


class Contact(db.Model):
    """An adult the school works with on online safety, in their role: no more than needed."""

    __tablename__ = "school_contact"
    __table_args__ = (
        CheckConstraint(f"role IN ({_values(ContactRole)})", name="role_known"),
        CheckConstraint("role <> 'other' OR label IS NOT NULL", name="other_has_label"),
        CheckConstraint(
            "name IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL", name="reachable"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    label: Mapped[str | None] = mapped_column(String(80))  # the role in the school's own words
    name: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    note: Mapped[str | None] = mapped_column(String(300))
    on_handout: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def __repr__(self) -> str:
        return f"<Contact {self.role} {self.name!r}>"


class Agreement(db.Model):
    """A school's agreements on online behaviour for one audience, one agreement per line."""

    __tablename__ = "school_agreement"
    __table_args__ = (
        UniqueConstraint("school_id", "audience", name="uq_school_agreement_school_audience"),
        CheckConstraint(f"audience IN ({_values(AgreementAudience)})", name="audience_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    audience: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    def __repr__(self) -> str:
        return f"<Agreement {self.audience} school={self.school_id}>"


class Incident(db.Model):
    """An online incident in a class: when, what kind, and its follow-up. Never names."""

    __tablename__ = "incident"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(IncidentKind)})", name="kind_known"),
        CheckConstraint(f"status IN ({_values(IncidentStatus)})", name="status_known"),
        CheckConstraint("follow_up_on >= happened_on", name="follow_up_after"),
        CheckConstraint("(status = 'closed') = (closed_on IS NOT NULL)", name="closed_has_date"),
        Index("ix_incident_school_status", "school_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    happened_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str | None] = mapped_column(String(500))
    follow_up_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default=IncidentStatus.OPEN.value)
    closed_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    version: Mapped[int] = mapped_column(default=1)

    school_class: Mapped[SchoolClass] = relationship(lazy="joined")
    steps: Mapped[list[IncidentStep]] = relationship(
        back_populates="incident",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Incident {self.kind} class={self.class_id} {self.happened_on} {self.status}>"

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN


class IncidentStep(db.Model):
    """A protocol step that was done for an incident, and when."""

    __tablename__ = "incident_step"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    # "phase.step" in the school protocol, e.g. "2.1"; the text is kept as it was then.
    step_key: Mapped[str] = mapped_column(String(10), primary_key=True)
    text: Mapped[str] = mapped_column(String(300))
    done_on: Mapped[date]

    incident: Mapped[Incident] = relationship(back_populates="steps")

    def __repr__(self) -> str:
        return f"<IncidentStep {self.incident_id}:{self.step_key} {self.done_on}>"
