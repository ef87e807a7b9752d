"""Catalogue items and their facet tags."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner import grades as grade_map
from planner.catalogue.schema import ItemContent, LocalizedText
from planner.catalogue.vocab import Kind
from planner.extensions import db

KIND_VALUES = ", ".join(f"'{kind.value}'" for kind in Kind)


class CatalogueItem(db.Model):
    """Something a school can put in its plan: a lesson, a guest session, a help line, ..."""

    __tablename__ = "catalogue_item"
    __table_args__ = (
        CheckConstraint(f"kind IN ({KIND_VALUES})", name="kind_known"),
        CheckConstraint("origin IN ('curated', 'school')", name="origin_known"),
        CheckConstraint(
            "age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="ages_ordered"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    # Read only by the item page and the decks: lists and plans need not load it.
    body: Mapped[str] = mapped_column(Text, default="", deferred=True)
    age_min: Mapped[int | None]
    age_max: Mapped[int | None]
    duration_minutes: Mapped[int | None]
    provider: Mapped[str | None] = mapped_column(String(300), index=True)
    language: Mapped[str] = mapped_column(String(8))
    sort_key: Mapped[str] = mapped_column(String(200), index=True)
    search_text: Mapped[str] = mapped_column(Text)
    # Stemmed, accent-free words for the full-text index (planner/catalogue/search.py): the
    # title's apart, because it weighs most.
    search_title: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_body: Mapped[str] = mapped_column(Text, default="", server_default="")
    origin: Mapped[str] = mapped_column(String(10), default="curated")
    # Curated items belong to everyone; an item a school imported is that school's only.
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), index=True
    )
    source_path: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    archived_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())

    # For filtering and counting in SQL; Python reads the same facts from `data`, so loading
    # items (for plans, lists) does not load their tags too.
    tags: Mapped[list[CatalogueTag]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<CatalogueItem {self.slug} ({self.kind})>"

    @cached_property
    def content(self) -> ItemContent:
        """The validated front matter."""
        return ItemContent.model_validate(self.data)

    # Lists show many items: read the stored, already validated data without validating again.
    @property
    def title(self) -> LocalizedText:
        return LocalizedText.model_construct(**self.data["title"])

    @property
    def summary(self) -> LocalizedText:
        return LocalizedText.model_construct(**self.data["summary"])

    def title_for(self, locale: str, country: str) -> str:
        """The title a school of `country` sees in `locale` (Flemish wording for Flanders)."""
        return self.title.for_school(locale, country)

    def summary_for(self, locale: str, country: str) -> str:
        """The summary a school of `country` sees in `locale`."""
        return self.summary.for_school(locale, country)

    def values(self, facet: str) -> list[str]:
        """The item's values for one facet, e.g. its themes."""
        return sorted(tag.value for tag in self.tags if tag.facet == facet)

    @property
    def grades(self) -> list[int]:
        """The grades the item fits: given, or derived from its ages (its "grade" tags)."""
        if given := self.data.get("grades"):
            return sorted(given)
        if self.age_min is None or self.age_max is None:
            return []
        return grade_map.grades_for_ages(self.age_min, self.age_max)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CatalogueTag(db.Model):
    """One facet value of an item (grade 7, theme privacy, ...), for filtering and counts."""

    __tablename__ = "catalogue_tag"
    __table_args__ = (Index("ix_catalogue_tag_facet_value", "facet", "value"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_item.id", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(300), primary_key=True)

    item: Mapped[CatalogueItem] = relationship(back_populates="tags")

    def __repr__(self) -> str:
        return f"<CatalogueTag {self.facet}={self.value}>"


class CatalogueRevision(db.Model):
    """One row whose token changes in every transaction that changes catalogue items: what
    every worker's caches of catalogue facts are keyed on (planner/catalogue/cache.py)."""

    __tablename__ = "catalogue_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
