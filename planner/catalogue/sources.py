"""Where an item's facts come from, as a teacher can look it up: the public organisation and
its website. The content files name their sources by internal references (`seeds/002`,
`reference §6.1`: the source texts and the checked-facts file the catalogue was written
from); those are never shown. A reference that stands for one public organisation is shown
as that organisation; one that only collects facts about the item itself (help lines,
programmes: the item's own website is its source) or about the calendar is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PublicSource:
    name: str
    url: str | None = None


SCHOOL_AND_SAFETY = PublicSource(
    "Stichting School & Veiligheid", "https://www.schoolenveiligheid.nl"
)

# Internal reference -> the public organisation behind it (checked in reference/facts.md and
# in the source texts themselves). References that are not listed are not shown.
PUBLIC_SOURCES: dict[str, tuple[PublicSource, ...]] = {
    "seeds/000": (PublicSource("SocialmediaIMPACT"),),
    "seeds/002": (SCHOOL_AND_SAFETY,),
    "seeds/003": (PublicSource("Stop Pesten NU", "https://www.stoppestennu.nl"),),
    "reference §5.1": (
        PublicSource(
            "Netwerk Mediawijsheid, Mediawijsheid Competentiemodel",
            "https://www.mediawijsheid.nl/competentiemodel/",
        ),
    ),
    "reference §5.2": (
        PublicSource("SLO, conceptkerndoelen digitale geletterdheid", "https://www.slo.nl"),
    ),
}

# The national moments an item is written for, by their organisers (reference/facts.md §3).
MOMENT_SOURCES: dict[str, PublicSource] = {
    "week-tegen-pesten": PublicSource(
        "Week tegen Pesten, Stichting School & Veiligheid", "https://www.weektegenpesten.com"
    ),
    "week-van-de-mediawijsheid": PublicSource(
        "Week van de Mediawijsheid, Netwerk Mediawijsheid", "https://www.mediawijsheid.nl"
    ),
    "safer-internet-day": PublicSource(
        "Safer Internet Day, Better Internet for Kids",
        "https://better-internet-for-kids.europa.eu",
    ),
    "kies-kleur-tegen-pesten": PublicSource(
        "Kies Kleur tegen Pesten", "https://www.kieskleurtegenpesten.be"
    ),
}

_REFERENCE = re.compile(r"^(seeds/\d{3}|reference §\d+(?:\.\d+)?)$")


def public_sources(source: str, moments: Iterable[str] = ()) -> list[PublicSource]:
    """The public sources behind an item's `source` field, each once, in order; internal
    references without a public counterpart are left out. Text that is no internal
    reference (a school's own item names its source in words) is shown as it is."""
    found: list[PublicSource] = []
    for part in (p.strip() for p in source.split(",")):
        if not part:
            continue
        if _REFERENCE.match(part):
            found.extend(PUBLIC_SOURCES.get(part, ()))
            if part == "reference §3":
                found.extend(MOMENT_SOURCES[m] for m in moments if m in MOMENT_SOURCES)
        else:
            found.append(PublicSource(part))
    return list(dict.fromkeys(found))


def is_internal(text: str) -> bool:
    """Whether a piece of a source field is an internal reference."""
    return bool(_REFERENCE.match(text.strip()))
