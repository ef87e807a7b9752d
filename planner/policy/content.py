"""The policy domain's content, read from data files (planner/policy/data/*.yaml): the questions
of the policy check with their proposals, the follow-up per kind of incident, and the default
agreements per country.

Each file is read once and checked on load against the models below; a file that does not fit
raises DataFileError naming the file and the field. Texts shown in the interface are English
msgids, extracted by `make translations` (planner/i18n_data.py) and shown through gettext.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from planner.policy.models import AgreementAudience, IncidentKind

DATA = Path(__file__).parent / "data"
Country = Literal["NL", "BE"]


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ProposalEntry(_Strict):
    action: Literal["school_plan", "class_plans", "read", "page"]
    slug: str | None = None  # the same item for both countries
    slugs: dict[Country, str] = {}
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


class QuestionEntry(_Strict):
    key: str
    title: str  # msgids
    help: str
    title_be: str | None = None
    help_be: str | None = None
    proposals: list[ProposalEntry] = []


class QuestionsFile(_Strict):
    questions: list[QuestionEntry]

    @field_validator("questions")
    @classmethod
    def _unique(cls, questions: list[QuestionEntry]) -> list[QuestionEntry]:
        keys = [q.key for q in questions]
        doubles = sorted({key for key in keys if keys.count(key) > 1})
        if doubles:
            raise ValueError(f"keys given twice: {', '.join(doubles)}")
        return questions


class FollowUpEntry(_Strict):
    interventions: list[str]
    themes: list[str]
    lessons: list[str] = []


class FollowUpFile(_Strict):
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


class AgreementsFile(_Strict):
    NL: dict[AgreementAudience, list[str]]
    BE: dict[AgreementAudience, list[str]]

    _complete = field_validator("NL", "BE")(_every_audience)


Model = TypeVar("Model", bound=BaseModel)


def load(path: Path, model: type[Model]) -> Model:
    """Read one data file and check it; DataFileError names the file and the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(f"{path}: cannot be read: {error}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or '(top)'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise DataFileError(f"{path}: {problems}") from None


@cache
def questions() -> QuestionsFile:
    return load(DATA / "questions.yaml", QuestionsFile)


@cache
def follow_up() -> FollowUpFile:
    return load(DATA / "follow_up.yaml", FollowUpFile)


@cache
def default_agreements() -> AgreementsFile:
    return load(DATA / "agreements.yaml", AgreementsFile)
