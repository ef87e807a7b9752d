"""Content kept in data files (YAML next to the code that uses it), checked on load.

Each domain describes its files with pydantic models and reads them once; a file that does not
fit raises DataFileError naming the file and the field, e.g.
"planner/policy/data/questions.yaml: questions.3.title: Field required". Interface texts in
these files are English msgids, extracted by `make translations` (planner/i18n_data.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file and the field."""


class Strict(BaseModel):
    """A data file's entry: no unknown fields (a typo is an error), read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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


def unique_keys(keys: Sequence[str]) -> None:
    """Refuse a list whose entries share a key (a pydantic validator raises it as a field error)."""
    doubles = sorted({key for key in keys if keys.count(key) > 1})
    if doubles:
        raise ValueError(f"keys given twice: {', '.join(doubles)}")
