"""The policy domain's content, read from data files (planner/policy/data/*.yaml): the questions
of the policy check with their proposals, the follow-up per kind of incident, and the default
agreements per country.

Each file is read once and checked on load against the models below (planner/datafiles.py); a
file that does not fit raises DataFileError naming the file and the field. Texts shown in the
interface are English msgids, extracted by `make translations` (planner/i18n_data.py) and shown
through gettext.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from planner.datafiles import Strict, load, unique_keys
from planner.policy.models import AgreementAudience, IncidentKind

DATA = Path(__file__).parent / "data"
Country = Literal["NL", "BE"]


class ProposalEntry(Strict):
    action: Literal["school_plan", "class_plans", "read", "page"]
    slug: str | None = None  # the same item for both countries
    slugs: dict[Country, str] = Field(default_factory=dict)
    endpoint: str | None = None
    label: str | None = None  # msgid

    @model_validator(mode="after")
    def _complete(self) -> ProposalEntry:
        if self.slug and self.slugs:
            raise ValueError("give slug or slugs, not both")
        if self.action in ("school_plan", "read") and not (self.slug or self.slugs):
            raise ValueError(f"a {self.action} proposal names a catalogue item (slug or slugs)")
        if self.action == "page" and not (self.endpoint and self.label):
            raise ValueError("a page proposal has an endpoint and a label")
        return self

    def slugs_by_country(self) -> dict[str, str]:
        return {"NL": self.slug, "BE": self.slug} if self.slug else dict(self.slugs)


class QuestionEntry(Strict):
    key: str
    title: str  # msgids
    help: str
    title_be: str | None = None
    help_be: str | None = None
    proposals: list[ProposalEntry] = Field(default_factory=list)


class QuestionsFile(Strict):
    questions: list[QuestionEntry]

    @field_validator("questions")
    @classmethod
    def _unique(cls, questions: list[QuestionEntry]) -> list[QuestionEntry]:
        unique_keys([q.key for q in questions])
        return questions


class FollowUpEntry(Strict):
    interventions: list[str]
    themes: list[str]
    lessons: list[str] = Field(default_factory=list)


class FollowUpFile(Strict):
    kinds: dict[IncidentKind, FollowUpEntry]

    @field_validator("kinds")
    @classmethod
    def _every_kind(cls, kinds: dict[IncidentKind, FollowUpEntry]) -> dict:
        missing = [kind.value for kind in IncidentKind if kind not in kinds]
        if missing:
            raise ValueError(f"no follow-up for: {', '.join(missing)}")
        return kinds


def _every_audience(sets: dict[AgreementAudience, list[str]]) -> dict:
    missing = [a.value for a in AgreementAudience if not sets.get(a)]
    if missing:
        raise ValueError(f"no agreements for: {', '.join(missing)}")
    return sets


class AgreementsFile(Strict):
    NL: dict[AgreementAudience, list[str]]
    BE: dict[AgreementAudience, list[str]]

    _complete = field_validator("NL", "BE")(_every_audience)


@cache
def questions() -> QuestionsFile:
    return load(DATA / "questions.yaml", QuestionsFile)


@cache
def follow_up() -> FollowUpFile:
    return load(DATA / "follow_up.yaml", FollowUpFile)


@cache
def default_agreements() -> AgreementsFile:
    return load(DATA / "agreements.yaml", AgreementsFile)
