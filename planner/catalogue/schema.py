"""The content schema: what a catalogue file's front matter may say.

The same model validates the curated files in lessons/ and items a school writes itself, so the
rules live here and nowhere else.
"""

from __future__ import annotations

import re
from typing import Annotated, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from planner import grades as grade_map
from planner.catalogue.vocab import (
    SLIDE_KINDS,
    TIMED_KINDS,
    Audience,
    Competence,
    Cost,
    Country,
    Kind,
    Language,
    Level,
    Moment,
    Theme,
)
from planner.core.text import storable

T = TypeVar("T")

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s]*)?$")


def _check_plain(value: str) -> str:
    if not all(map(storable, value)):
        raise ValueError("contains control characters or noncharacters")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(_check_plain),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_check_plain),
]


def _check_url(value: str) -> str:
    if not _URL_PATTERN.match(value):
        raise ValueError("must be a well-formed https:// address")
    return value


def _check_slug(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError("must be lowercase letters, digits and hyphens")
    return value


def _unique(values: list[T]) -> list[T]:
    if len(set(values)) != len(values):
        raise ValueError("lists a value twice")
    return values


Url = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_check_url)
]
Slug = Annotated[str, AfterValidator(_check_slug)]
Grade = Annotated[int, Field(ge=1, le=8)]
Age = Annotated[int, Field(ge=0, le=99)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class LocalizedText(_Strict):
    """A text per language: Dutch always, English and Flemish where written."""

    nl: Text
    en: Text | None = None
    nl_BE: Text | None = None  # noqa: N815 - the locale code, as in the content files

    def get(self, locale: str) -> str:
        """The text in a locale, falling back to Dutch (and from Flemish to Dutch)."""
        return getattr(self, locale, None) or self.nl


class ConversationQuestion(_Strict):
    question: Text
    answers: list[Text] = []


class ItemContent(_Strict):
    """The front matter of one catalogue item."""

    kind: Kind
    title: LocalizedText
    summary: LocalizedText
    grades: Annotated[list[Grade], AfterValidator(_unique)] = []
    age_min: Age | None = None
    age_max: Age | None = None
    levels: Annotated[list[Level], AfterValidator(_unique)] = [Level.PRIMARY]
    themes: Annotated[list[Theme], Field(min_length=1), AfterValidator(_unique)]
    competences: Annotated[list[Competence], AfterValidator(_unique)] = []
    audience: Annotated[list[Audience], Field(min_length=1), AfterValidator(_unique)]
    country: Annotated[list[Country], Field(min_length=1), AfterValidator(_unique)]
    language: Language = Language.NL
    moments: Annotated[list[Moment], AfterValidator(_unique)] = []
    duration_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    provider: ShortText | None = None
    url: Url | None = None
    cost: Cost | None = None
    source: ShortText
    needs: list[ShortText] = []
    goals: list[ShortText] = []
    conversation: list[ConversationQuestion] = []
    booking: Text | None = None
    phone: ShortText | None = None
    hours: ShortText | None = None
    chat: bool = False
    modules: Annotated[list[Slug], AfterValidator(_unique)] = []
    # The spiral curriculum: the groep a lesson is written for (Flanders: the same number is
    # the same age), within the grades it suits; and the earlier lesson it takes further.
    year: Grade | None = None
    builds_on: Slug | None = None

    @model_validator(mode="after")
    def _fill_and_check(self) -> Self:
        self._check_ages()
        self._check_kind_requirements()
        self._check_spiral()
        return self

    def _check_spiral(self) -> None:
        if (self.year is not None or self.builds_on is not None) and self.kind != Kind.LESSON:
            raise ValueError("only a lesson has a year and builds_on")
        if self.year is not None and self.year not in self.effective_grades():
            raise ValueError(f"year {self.year} is not one of the lesson's grades")

    def _check_ages(self) -> None:
        if (self.age_min is None) != (self.age_max is None):
            raise ValueError("give both age_min and age_max, or neither")
        if self.age_min is not None and self.age_max is not None:
            if self.age_min > self.age_max:
                raise ValueError("age_min is larger than age_max")
        elif not self.grades:
            raise ValueError("give grades, or age_min and age_max")

    def _check_kind_requirements(self) -> None:
        if self.kind in TIMED_KINDS and self.duration_minutes is None:
            raise ValueError(f"duration_minutes is required for a {self.kind}")
        if self.kind == Kind.LESSON:
            if not 1 <= len(self.goals) <= 3:
                raise ValueError("a lesson has one to three goals")
            if not self.conversation:
                raise ValueError("a lesson needs a conversation with at least one question")
            if not self.competences:
                raise ValueError("a lesson names at least one competence")
        if self.kind == Kind.PARENT_EVENING and not self.modules:
            raise ValueError("a parent evening lists its modules")
        if self.modules and self.kind != Kind.PARENT_EVENING:
            raise ValueError("only a parent evening lists modules")

    @property
    def has_slides(self) -> bool:
        return self.kind in SLIDE_KINDS

    def effective_grades(self) -> list[int]:
        """The grades the item fits: given, or derived from its ages."""
        if self.grades:
            return sorted(self.grades)
        assert self.age_min is not None
        assert self.age_max is not None
        return grade_map.grades_for_ages(self.age_min, self.age_max)

    def effective_ages(self) -> tuple[int, int]:
        """The ages the item fits: given, or derived from its grades."""
        if self.age_min is not None and self.age_max is not None:
            return self.age_min, self.age_max
        return grade_map.ages_for_grades(self.grades)
