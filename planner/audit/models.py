"""One audit event per saved change of a plan, a class or a parent evening."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db

TARGET_TYPES = ("plan", "class", "evening")


class AuditEvent(db.Model):
    """Who changed what, and when. `changes` lists the objects touched in one save:
    ``{"object": "entry", "action": "created"|"updated"|"deleted", "label": ...,
    "fields": {name: [old, new]}}``."""

    __tablename__ = "audit_event"
    __table_args__ = (
        CheckConstraint(
            "target_type IN (" + ", ".join(f"'{t}'" for t in TARGET_TYPES) + ")",
            name="target_type_known",
        ),
        Index("ix_audit_event_school_at", "school_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str | None] = mapped_column(String(120))  # the name at the time; None: CLI
    at: Mapped[datetime] = mapped_column(server_default=func.now())
    target_type: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int | None]
    target_label: Mapped[str] = mapped_column(String(200))
    changes: Mapped[list] = mapped_column(JSON, default=list)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.target_type} {self.target_label!r} by {self.actor!r}>"
