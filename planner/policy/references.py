"""What the policy domain reads from the catalogue: the school protocol as phases of steps,
and the item that fits a class best.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import operations as catalogue
from planner.catalogue.content import Phase, parse_steps
from planner.catalogue.models import CatalogueItem

SCHOOL_PROTOCOL = "schoolprotocol-cyberpesten"


@dataclass(frozen=True)
class ProtocolStep:
    key: str
    text: str
    detail: str


@dataclass(frozen=True)
class ProtocolPhase:
    title: str
    steps: tuple[ProtocolStep, ...]


def school_protocol() -> CatalogueItem | None:
    item = catalogue.get_item(SCHOOL_PROTOCOL)
    return None if item is None or item.is_archived else item


def protocol_phases(item: CatalogueItem | None, country: str | None) -> list[ProtocolPhase]:
    """The school protocol as phases of steps for a school of `country`, each with a key
    "phase.step" that is stable for that country."""
    if item is None:
        return []
    phases: list[Phase] = parse_steps(item.body, country, item.content.words)
    return [
        ProtocolPhase(
            phase.title,
            tuple(
                ProtocolStep(f"{p}.{s}", step.text, step.detail)
                for s, step in enumerate(phase.steps, start=1)
            ),
        )
        for p, phase in enumerate(phases, start=1)
    ]
