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
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from planner import grades as grade_map
from planner.catalogue import markers
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


def _country_line(value: object) -> object:
    """`{BE: text}` (a one-country line in YAML) is stored as `[BE] text`."""
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError("write one country and its text, e.g. 'BE: ...'")
        [(code, text)] = value.items()
        if str(code) not in markers.COUNTRIES:
            raise ValueError(f"unknown country {code!r}: use NL or BE")
        if not isinstance(text, str):
            raise ValueError(f"write the text for {code} after '{code}: '")
        return f"[{code}] {text}"
    return value


def _check_marker(value: str) -> str:
    code, rest = markers.split_marker(value)
    if code is not None:
        if code not in markers.COUNTRIES:
            raise ValueError(f"unknown country marker [{code}]: use NL or BE")
        if not rest.strip():
            raise ValueError(f"[{code}] needs a text after it")
    return value


# A front-matter line that may be for one country only: `BE: text` or "[BE] text".
CountryLine = Annotated[
    str,
    BeforeValidator(_country_line),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_check_plain),
    AfterValidator(_check_marker),
]
CountryText = Annotated[
    str,
    BeforeValidator(_country_line),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(_check_plain),
    AfterValidator(_check_marker),
]


def _check_words(value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    for country, mapping in value.items():
        seen: dict[str, str] = {}
        for key, replacement in mapping.items():
            if not key.strip() or not replacement.strip():
                raise ValueError(f"{country}: a word and its replacement cannot be empty")
            folded = key[:1].lower() + key[1:]
            if folded in seen:
                raise ValueError(f"{country}: {key!r} is listed twice (as {seen[folded]!r})")
            seen[folded] = key
    return value


WordList = Annotated[
    dict[
        Country,
        dict[
            Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)],
            Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)],
        ],
    ],
    AfterValidator(_check_words),
]

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

    def for_school(self, locale: str, country: str) -> str:
        """The text a school sees: English in English; otherwise a Flemish school the
        Flemish wording where there is one, and a Dutch school the Dutch."""
        if locale == "en" and self.en:
            return self.en
        if country == "BE" and self.nl_BE:
            return self.nl_BE
        return self.nl


def _marked_code(line: object) -> str | None:
    if isinstance(line, ConversationQuestion):
        return line.country.value if line.country else None
    return markers.split_marker(str(line))[0]


def _shown_line(line: object) -> str:
    text = line.question if isinstance(line, ConversationQuestion) else str(line)
    return text if len(text) <= 40 else text[:37] + "..."


class ConversationQuestion(_Strict):
    """A question of the class conversation; `country` (or a marker) makes it one country's."""

    question: CountryText
    answers: list[CountryLine] = []
    country: Country | None = None

    @model_validator(mode="before")
    @classmethod
    def _marker_to_country(cls, data: object) -> object:
        """`question: "[BE] ..."` is the same as `country: BE`."""
        if isinstance(data, dict) and isinstance(data.get("question"), str):
            code, rest = markers.split_marker(data["question"])
            if code in markers.COUNTRIES:
                if data.get("country") not in (None, code):
                    raise ValueError(f"the question is marked [{code}] but has another country")
                data = {**data, "question": rest, "country": code}
        return data

    def for_country(self, country: str | None, words: markers.Words) -> ConversationQuestion:
        """This question as one country's school sees it (answers chosen, words replaced)."""
        answers = [words(answer) for answer in markers.lines_for(self.answers, country)]
        return ConversationQuestion.model_construct(
            question=words(self.question), answers=answers, country=self.country
        )


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
    needs: list[CountryLine] = []
    goals: list[CountryLine] = []
    conversation: list[ConversationQuestion] = []
    # Words and phrases replaced in one country's text (not in titles and summaries).
    words: WordList = {}
    booking: Text | None = None
    phone: ShortText | None = None
    hours: ShortText | None = None
    chat: bool = False
    modules: Annotated[list[Slug], AfterValidator(_unique)] = []
    # The spiral curriculum: the groep a lesson is written for (Flanders: the same number is
    # the same age), within the grades it suits; and the earlier lesson it takes further.
    year: Grade | None = None
    builds_on: Slug | None = None

    @field_validator("goals", "needs", "conversation", "words")
    @classmethod
    def _marked_for_own_country(cls, value: object, info: ValidationInfo) -> object:
        """A line or word list marked for a country the item is not for is a mistake."""
        countries = [str(country) for country in info.data.get("country") or ()]
        if not countries:
            return value
        if isinstance(value, dict):
            codes = [(str(code), str(code)) for code in value]
        else:
            codes = [(_marked_code(line), _shown_line(line)) for line in value]
        for code, shown in codes:
            if code is not None and code not in countries:
                raise ValueError(
                    f"{shown!r} is for {code}, but the item is only for {', '.join(countries)}"
                )
        return value

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
            for country in self.countries:
                suffix = f" (for {country})" if len(self.countries) > 1 else ""
                if not 1 <= len(self.goals_for(country)) <= 3:
                    raise ValueError(f"a lesson has one to three goals{suffix}")
                if not self.conversation_for(country):
                    raise ValueError(
                        f"a lesson needs a conversation with at least one question{suffix}"
                    )
            if not self.competences:
                raise ValueError("a lesson names at least one competence")
        if self.kind == Kind.PARENT_EVENING and not self.modules:
            raise ValueError("a parent evening lists its modules")
        if self.modules and self.kind != Kind.PARENT_EVENING:
            raise ValueError("only a parent evening lists modules")

    @property
    def countries(self) -> list[str]:
        """The item's countries as codes, e.g. ["NL", "BE"]."""
        return [country.value for country in self.country]

    def replacer(self, country: str | None) -> markers.Words:
        """The word list that applies to one country's text."""
        return markers.words_for(self.words, country)

    def goals_for(self, country: str | None) -> list[str]:
        """The goals a school of this country sees, in its words."""
        words = self.replacer(country)
        return [words(goal) for goal in markers.lines_for(self.goals, country)]

    def needs_for(self, country: str | None) -> list[str]:
        """What the teacher needs, for this country, in its words."""
        words = self.replacer(country)
        return [words(need) for need in markers.lines_for(self.needs, country)]

    def conversation_for(self, country: str | None) -> list[ConversationQuestion]:
        """The class conversation for this country: its questions and answers, in its words."""
        words = self.replacer(country)
        return [
            question.for_country(country, words)
            for question in self.conversation
            if markers.for_country(question.country.value if question.country else None, country)
        ]

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
