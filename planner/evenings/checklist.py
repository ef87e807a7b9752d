"""The standard checklist of a parent evening (planner/evenings/data/checklist.yaml), read once
and checked on load (planner/datafiles.py)."""

from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l
from pydantic import field_validator

from planner.datafiles import Strict, load, unique_keys

DATA = Path(__file__).parent / "data"


class ChecklistEntry(Strict):
    key: str
    label: str  # msgid


class ChecklistFile(Strict):
    items: list[ChecklistEntry]

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[ChecklistEntry]) -> list[ChecklistEntry]:
        unique_keys([item.key for item in items])
        return items


_ENTRIES = load(DATA / "checklist.yaml", ChecklistFile).items
STANDARD_CHECKLIST: tuple[str, ...] = tuple(entry.key for entry in _ENTRIES)
# The msgids come from the data file; Babel extracts them there (planner/i18n_data.py).
CHECKLIST_LABELS = {entry.key: _l(entry.label) for entry in _ENTRIES}
