"""Parent evenings: the evening, its programme, the parents' responses and the checklist."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db

if TYPE_CHECKING:
    from planner.catalogue.models import CatalogueItem


class ParentEvening(db.Model):
    """An ouderavond (Flanders: infoavond) organised by the school."""

    __tablename__ = "parent_evening"
    __table_args__ = (
        CheckConstraint("max_guests IS NULL OR max_guests > 0", name="max_guests_positive"),
        CheckConstraint("start_time < end_time", name="times_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    day: Mapped[date]
    start_time: Mapped[time]
    end_time: Mapped[time]
    place: Mapped[str] = mapped_column(String(150))
    grades: Mapped[list] = mapped_column(JSON, default=list)  # empty: the whole school
    speaker: Mapped[str | None] = mapped_column(String(150))
    provider_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_item.id", ondelete="SET NULL")
    )
    max_guests: Mapped[int | None]
    invitation_text: Mapped[str | None] = mapped_column(Text)  # None: the generated text
    response_token: Mapped[str] = mapped_column(String(64), unique=True)
    responses_open: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    provider_item: Mapped[CatalogueItem | None] = relationship()
    blocks: Mapped[list[ProgrammeBlock]] = relationship(
        back_populates="evening",
        cascade="all, delete-orphan",
        order_by="ProgrammeBlock.position",
        lazy="selectin",
    )
    responses: Mapped[list[EveningResponse]] = relationship(
        cascade="all, delete-orphan", order_by="EveningResponse.id", lazy="selectin"
    )
    checklist: Mapped[list[ChecklistItem]] = relationship(
        cascade="all, delete-orphan", order_by="ChecklistItem.position", lazy="selectin"
    )

    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<ParentEvening {self.title!r} {self.day}>"

    @property
    def guests(self) -> int:
        return sum(response.guests for response in self.responses)

    @property
    def is_full(self) -> bool:
        return self.max_guests is not None and self.guests >= self.max_guests


class ProgrammeBlock(db.Model):
    """One block of the programme: a parent-evening module from the catalogue, or free text."""

    __tablename__ = "programme_block"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 240", name="minutes_range"),
        CheckConstraint("item_id IS NOT NULL OR title IS NOT NULL", name="item_or_title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evening_id: Mapped[int] = mapped_column(
        ForeignKey("parent_evening.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_item.id", ondelete="RESTRICT")
    )
    title: Mapped[str | None] = mapped_column(String(150))
    minutes: Mapped[int]

    evening: Mapped[ParentEvening] = relationship(back_populates="blocks")
    item: Mapped[CatalogueItem | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<ProgrammeBlock {self.position} {self.item_id or self.title!r} {self.minutes}m>"


class EveningResponse(db.Model):
    """A parent's answer: how many will come and, optionally, a question. No names.

    One per browser and evening: the browser keeps a random key in a cookie (only its keyed
    hash is stored here), with which the parent changes or withdraws the answer later."""

    __tablename__ = "evening_response"
    __table_args__ = (
        CheckConstraint("guests BETWEEN 1 AND 6", name="guests_range"),
        UniqueConstraint("evening_id", "browser", name="uq_evening_response_browser"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evening_id: Mapped[int] = mapped_column(
        ForeignKey("parent_evening.id", ondelete="CASCADE"), index=True
    )
    guests: Mapped[int]
    question: Mapped[str | None] = mapped_column(String(1000))
    # A keyed hash of the sender's address, only to limit how often one sender responds.
    sender: Mapped[str] = mapped_column(String(64), index=True)
    # A keyed hash of the key in the parent's browser; None for answers from before keys.
    browser: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def __repr__(self) -> str:
        return f"<EveningResponse {self.guests}>"


class BlockedSender(db.Model):
    """A sender the coordinator blocked for an evening, by address and browser (keyed hashes)."""

    __tablename__ = "evening_blocked_sender"

    id: Mapped[int] = mapped_column(primary_key=True)
    evening_id: Mapped[int] = mapped_column(
        ForeignKey("parent_evening.id", ondelete="CASCADE"), index=True
    )
    sender: Mapped[str] = mapped_column(String(64))
    browser: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"<BlockedSender evening={self.evening_id}>"


class ChecklistItem(db.Model):
    """Something to arrange for the evening, ticked with who and when."""

    __tablename__ = "evening_checklist_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    evening_id: Mapped[int] = mapped_column(
        ForeignKey("parent_evening.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    key: Mapped[str | None] = mapped_column(String(30))  # a standard item, translated on show
    label: Mapped[str | None] = mapped_column(String(150))  # the school's own item
    done_by: Mapped[str | None] = mapped_column(String(120))
    done_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<ChecklistItem {self.key or self.label!r} {'done' if self.done_at else 'open'}>"
