"""Schools, their classes and their own closures (study days)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db

if TYPE_CHECKING:
    from planner.accounts.models import User


class School(db.Model):
    """A school: its country and holiday region decide its calendar."""

    __tablename__ = "school"
    __table_args__ = (
        CheckConstraint("country IN ('NL', 'BE')", name="country_known"),
        CheckConstraint(
            "(country = 'NL' AND region IN ('noord', 'midden', 'zuid'))"
            " OR (country = 'BE' AND region = 'vlaanderen')",
            name="region_fits_country",
        ),
        CheckConstraint("locale IN ('nl', 'nl_BE', 'en')", name="locale_known"),
        CheckConstraint("plan_activities BETWEEN 1 AND 40", name="plan_activities_range"),
        CheckConstraint("plan_min_weeks BETWEEN 0 AND 12", name="plan_min_weeks_range"),
        CheckConstraint("plan_weekday BETWEEN 0 AND 4", name="plan_weekday_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(8))
    # How the planner spreads the year: activities per year, weeks between two, weekday (0 = Mon).
    plan_activities: Mapped[int] = mapped_column(default=10, server_default="10")
    plan_min_weeks: Mapped[int] = mapped_column(default=3, server_default="3")
    plan_weekday: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    classes: Mapped[list[SchoolClass]] = relationship(
        back_populates="school", cascade="all, delete-orphan", order_by="SchoolClass.name"
    )
    closures: Mapped[list[Closure]] = relationship(
        back_populates="school", cascade="all, delete-orphan", order_by="Closure.start_date"
    )

    def __repr__(self) -> str:
        return f"<School {self.name!r} {self.country}/{self.region}>"

    @property
    def timezone(self) -> str:
        return "Europe/Brussels" if self.country == "BE" else "Europe/Amsterdam"


class_teacher = db.Table(
    "class_teacher",
    db.Column("class_id", ForeignKey("school_class.id", ondelete="CASCADE"), primary_key=True),
    db.Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
)


class SchoolClass(db.Model):
    """A class: a name, one or more grades, its teachers and a head count. Never pupils."""

    __tablename__ = "school_class"
    __table_args__ = (
        UniqueConstraint("school_id", "name", name="uq_school_class_school_name"),
        CheckConstraint(
            "head_count IS NULL OR (head_count >= 0 AND head_count <= 60)", name="head_count_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    head_count: Mapped[int | None]
    archived_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    school: Mapped[School] = relationship(back_populates="classes")
    grade_rows: Mapped[list[ClassGrade]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ClassGrade.grade"
    )
    teachers: Mapped[list[User]] = relationship(
        secondary=class_teacher, lazy="selectin", order_by="User.name"
    )

    # Two people saving the same class: the second save fails instead of overwriting.
    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<SchoolClass {self.name!r} grades={self.grades}>"

    @property
    def grades(self) -> list[int]:
        return [row.grade for row in self.grade_rows]

    @grades.setter
    def grades(self, values: list[int]) -> None:
        wanted = sorted(set(values))
        self.grade_rows = [row for row in self.grade_rows if row.grade in wanted]
        present = {row.grade for row in self.grade_rows}
        self.grade_rows.extend(ClassGrade(grade=g) for g in wanted if g not in present)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class ClassGrade(db.Model):
    """One grade of a class; combination classes have several."""

    __tablename__ = "class_grade"
    __table_args__ = (CheckConstraint("grade BETWEEN 1 AND 8", name="grade_range"),)

    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), primary_key=True
    )
    grade: Mapped[int] = mapped_column(primary_key=True)

    def __repr__(self) -> str:
        return f"<ClassGrade {self.class_id}:{self.grade}>"


class Closure(db.Model):
    """A day or days the school itself is closed: study days, a school's own holiday."""

    __tablename__ = "closure"
    __table_args__ = (
        CheckConstraint("start_date <= end_date", name="ordered"),
        Index("ix_closure_school_start", "school_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    start_date: Mapped[date]
    end_date: Mapped[date]

    school: Mapped[School] = relationship(back_populates="closures")

    def __repr__(self) -> str:
        return f"<Closure {self.name!r} {self.start_date}..{self.end_date}>"
