"""Yearly prevention plans: one per class (or for the whole school) per school year."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db

if TYPE_CHECKING:
    from planner.catalogue.models import CatalogueItem
    from planner.schools.models import SchoolClass


class EntryStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"


class BookingStatus(StrEnum):
    """A guest session's way from the planner's suggestion to a booking with the provider."""

    PROPOSED = "proposed"  # the generator (or a teacher) put it in the plan; nobody asked yet
    REQUESTED = "requested"  # the coordinator asked the provider
    CONFIRMED = "confirmed"  # booked: the provider confirmed the date and time


class Plan(db.Model):
    """A class's plan for one school year; class_id is empty for the whole-school plan."""

    __tablename__ = "plan"
    __table_args__ = (
        UniqueConstraint("school_id", "class_id", "school_year", name="uq_plan_class_year"),
        Index("ix_plan_school_year", "school_id", "school_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("school_class.id", ondelete="CASCADE"))
    school_year: Mapped[str] = mapped_column(String(9))
    generated_at: Mapped[datetime | None]
    # Themes the generator could not fill, with the reason: [{"theme": ..., "reason": ...}].
    gaps: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    school_class: Mapped[SchoolClass | None] = relationship()
    entries: Mapped[list[PlanEntry]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="(PlanEntry.day, PlanEntry.id)",
        lazy="selectin",
    )

    def __repr__(self) -> str:
        return f"<Plan class={self.class_id} {self.school_year}>"


class PlanEntry(db.Model):
    """A dated activity: a catalogue item or free text, with why it is there and its status."""

    __tablename__ = "plan_entry"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'done', 'skipped')", name="status_known"),
        CheckConstraint(
            "booking IS NULL OR booking IN ('proposed', 'requested', 'confirmed')",
            name="booking_known",
        ),
        CheckConstraint("item_id IS NOT NULL OR title IS NOT NULL", name="item_or_title"),
        Index("ix_plan_entry_plan_day", "plan_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    day: Mapped[date]
    start_time: Mapped[time | None]
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_item.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(200))  # free-text activities
    reason_code: Mapped[str] = mapped_column(String(40))
    reason_value: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default=EntryStatus.PLANNED.value)
    note: Mapped[str | None] = mapped_column(String(500))
    locked: Mapped[bool] = mapped_column(default=False)
    booking: Mapped[str | None] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(default=1)

    plan: Mapped[Plan] = relationship(back_populates="entries")
    item: Mapped[CatalogueItem | None] = relationship(lazy="joined")

    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<PlanEntry {self.day} {self.item_id or self.title!r}>"

    @property
    def is_custom(self) -> bool:
        return self.item_id is None


class PlanSnapshot(db.Model):
    """A plan's entries just before a change, so that the last change can be undone."""

    __tablename__ = "plan_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entries: Mapped[list] = mapped_column(JSON)
    gaps: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def __repr__(self) -> str:
        return f"<PlanSnapshot plan={self.plan_id} {self.action}>"
