"""The printable A4 pages of a lesson (cards, a worksheet, a poster, a role-play script) as a
page to print: shared by the catalogue's item page and a planned lesson on the class plan."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask import abort, render_template
from markupsafe import Markup, escape

from planner.catalogue import pictures
from planner.catalogue.markdown import Printable
from planner.catalogue.models import CatalogueItem
from planner.catalogue.printables import PrintItem
from planner.catalogue.variants import title_for, variant
from planner.exports.documents import deck_country
from planner.i18n import current_locale

_BLANK = re.compile(r"_{3,}")
# OpenMoji's line art points at a marker it does not define; the browser warns about it.
_DANGLING_MARKER = b'marker-end="url(#Dot)"'
# Cards per A4 sheet: small picture cards (a word or two) 3 x 4, long texts 2 x 3, others 2 x 4.
SMALL_CARD_TEXT = 32
DENSE_CARD_TEXT = 70
LONG_CARD_TEXT = 110


@dataclass(frozen=True)
class CardSheet:
    """One A4 sheet of cards to cut: its cards, and the columns and rows they stand in."""

    cards: tuple[PrintItem, ...]
    columns: int
    rows: int
    dense: bool = False  # longer texts: smaller type and pictures, so four rows still fit


def item_printables(item: CatalogueItem | None, country: str) -> list[tuple[int, Printable]]:
    """The printable pages of a lesson or parent module as a school of `country` sees them,
    numbered from 1 as their addresses are."""
    if item is None or not item.content.has_slides:
        return []
    shown = variant(item, deck_country(item, country))
    return list(enumerate(shown.printables, start=1))


def render_printable(
    item: CatalogueItem,
    number: int,
    country: str,
    *,
    back_url: str,
    class_name: str | None = None,
    day: date | None = None,
) -> str:
    """The page that prints printable `number` of the item (404 if it has no such page)."""
    pages = dict(item_printables(item, country))
    printable = pages.get(number)
    if printable is None:
        abort(404)
    shown_country = deck_country(item, country)
    return render_template(
        "catalogue/printable.html",
        item=item,
        printable=printable,
        number=number,
        lesson_title=title_for(item, current_locale(), shown_country),
        class_name=class_name,
        day=day,
        back_url=back_url,
        age_class=_age_class(item),
        roles=_roles(printable),
        intro_blocks=[b for b in printable.blocks if b.kind != "list"],
        card_sheets=card_sheets(printable) if printable.kind == "cards" else [],
        blanks=blanks,
        picture_src=picture_src,
    )


def _age_class(item: CatalogueItem) -> str:
    """Kleuters (groep 1-2) get the largest type, groep 3-4 larger than the older classes."""
    youngest = min(item.grades or [5])
    return "young" if youngest <= 2 else "early" if youngest <= 4 else "older"


def _roles(printable: Printable) -> list[str]:
    """The roles of a role-play script, in the order they first speak."""
    if printable.kind != "script":
        return []
    return list(dict.fromkeys(item.role for item in printable.items if item.role))


def card_sheets(printable: Printable) -> list[CardSheet]:
    """The cards of a cards page cut into A4 sheets: 12 small picture cards (a word or two),
    6 cards with a long text, else 8."""
    cards = printable.items
    longest = max((len(card.text) for card in cards), default=0)
    if all(card.picture for card in cards) and longest <= SMALL_CARD_TEXT:
        columns, rows = 3, 4
    elif longest > LONG_CARD_TEXT:
        columns, rows = 2, 3
    else:
        columns, rows = 2, 4
    per_sheet = columns * rows
    dense = rows == 4 and longest > DENSE_CARD_TEXT
    return [
        CardSheet(cards[start : start + per_sheet], columns, rows, dense)
        for start in range(0, len(cards), per_sheet)
    ]


def blanks(text: str) -> Markup:
    """Text with its runs of ___ as blanks to write on (lines that survive printing)."""
    parts = []
    last = 0
    for found in _BLANK.finditer(text):
        parts.append(escape(text[last : found.start()]))
        width = min(max(len(found.group()), 10), 40)
        parts.append(Markup('<span class="blank" style="width: {}ch"></span>').format(width * 1.2))
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@lru_cache(maxsize=1024)
def picture_src(slug: str) -> str:
    """A picture as a data: address (its SVG), so the page prints without another request."""
    try:
        svg = pictures.svg_bytes(slug).replace(_DANGLING_MARKER, b"")
    except (pictures.UnknownPictureError, OSError):
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
