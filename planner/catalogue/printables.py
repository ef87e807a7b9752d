"""Printable A4 pages after the slides: cards, a worksheet, a poster, a role-play script."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from markdown_it.token import Token

from planner.catalogue.blocks import (
    Picture,
    Problem,
    inline_parts,
    inline_text,
    leading_picture,
    line_of,
    quote_text,
    split_layout,
    top_blocks,
    within,
)

PRINTABLE_KINDS = ("cards", "worksheet", "poster", "script")
CARDS = (2, 12)
SCRIPT_LINES = (2, 20)
_TICK = re.compile(r"^\[ \]\s*")
_SCRIPT_LINE = re.compile(r"^([^:]{1,40}):\s+(.+)$")
_BLANK = re.compile(r"_{3,}")
_ONLY_UNDERSCORES = re.compile(r"^_+$")
# A drawing box on a worksheet: `Teken hier je avatar {.drawing}` (the text is its caption),
# `{.drawing size="small"}`; its height on the page by size, in millimetres.
DRAWING_SIZES = {"small": 50, "medium": 90, "large": 150}
DRAWING_KINDS = ("worksheet", "poster")


@dataclass(frozen=True)
class PrintItem:
    """A list item of a printable: a card, a line of a script, a tick box, a bullet."""

    text: str
    picture: Picture | None = None
    role: str = ""  # script: who says it
    tick: bool = False  # worksheet: `- [ ] ...` is a box to tick

    @property
    def is_line(self) -> bool:
        """An item that is only underscores (`- _____`): a line to write on."""
        return bool(_ONLY_UNDERSCORES.match(self.text))

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "picture": self.picture.as_dict() if self.picture else None,
            "role": self.role,
            "tick": self.tick,
            "line": self.is_line,
        }


@dataclass(frozen=True)
class PrintBlock:
    """One block of a printable page, in order.

    kind: `heading` (text), `text` (a paragraph; runs of ___ are blanks to write on),
    `list` (items, ordered or not), `lines` (count empty lines to write on), `picture`, or
    `drawing` (an empty box to draw in: text is its caption, count its height in mm).
    """

    kind: str
    text: str = ""
    items: tuple[PrintItem, ...] = ()
    ordered: bool = False
    count: int = 0
    picture: Picture | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "items": [item.as_dict() for item in self.items],
            "ordered": self.ordered,
            "count": self.count,
            "picture": self.picture.as_dict() if self.picture else None,
        }


@dataclass(frozen=True)
class Printable:
    """An A4 page to print: cards to cut, a worksheet, a poster or a role-play script."""

    kind: str
    title: str
    blocks: tuple[PrintBlock, ...] = ()
    notes: str = ""  # for the teacher (quoted text): shown on the page, not printed

    @property
    def items(self) -> tuple[PrintItem, ...]:
        """Every list item on the page: the cards of a card page, the lines of a script."""
        return tuple(item for block in self.blocks for item in block.items)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "blocks": [block.as_dict() for block in self.blocks],
            "notes": self.notes,
        }


def parse_printable(
    tokens: Sequence[Token], start: int, end: int
) -> tuple[Printable, list[Problem]]:
    """The printable page of the `# ` heading at `start` (its section runs to `end`)."""
    heading_line = line_of(tokens[start])
    raw_title, _links = inline_text(tokens[start + 1])
    title, kind, attributes, problem = split_layout(raw_title)
    where = f"printable {title!r}"
    problems: list[Problem] = []
    if problem:
        problems.append(Problem(heading_line, "printable", f"{where}: {problem}"))
    blocks: list[PrintBlock] = []
    notes: list[str] = []
    for first, last in top_blocks(tokens, start + 3, end):
        _print_block(tokens, first, last, blocks, notes, problems, where)
    printable = Printable(kind, title, tuple(blocks), "\n\n".join(notes))
    problems.extend(
        Problem(heading_line, "printable", f"{where}: {message}")
        for message in _printable_rules(printable, attributes)
    )
    return printable, problems


def _print_block(
    tokens: Sequence[Token],
    first: int,
    last: int,
    blocks: list[PrintBlock],
    notes: list[str],
    problems: list[Problem],
    where: str,
) -> None:
    token = tokens[first]
    if token.type == "blockquote_open":
        notes.append(quote_text(tokens, first, last)[0])
    elif token.type == "heading_open":
        blocks.append(PrintBlock("heading", inline_text(tokens[first + 1])[0]))
    elif token.type == "hr":
        if token.markup.startswith("_"):
            if blocks and blocks[-1].kind == "lines":
                blocks[-1] = PrintBlock("lines", count=blocks[-1].count + 1)
            else:
                blocks.append(PrintBlock("lines", count=1))
        else:
            problems.append(
                Problem(line_of(token), "printable", f"{where}: write a line to write on as _____")
            )
    elif token.type == "paragraph_open":
        inline = tokens[first + 1]
        drawing = _drawing(inline, problems, where)
        if drawing is not None:
            blocks.append(drawing)
            return
        picture, rest, only = leading_picture(inline, problems, where)
        if only and picture:
            blocks.append(PrintBlock("picture", picture=picture))
        else:
            blocks.append(PrintBlock("text", inline_parts(rest)[0], picture=picture))
    elif token.type in {"bullet_list_open", "ordered_list_open"}:
        items = []
        for item_first, item_last in top_blocks(tokens, first + 1, last):
            inside = tokens[item_first:item_last]
            inlines = [t for t in inside if t.type == "inline"]
            if inlines:
                items.append(_print_item(inlines, problems, where))
            elif any(t.type == "hr" and t.markup.startswith("_") for t in inside):
                # `- _____` reads as a rule in Markdown: it is a line to write on.
                items.append(PrintItem("_____"))
        ordered = token.type == "ordered_list_open"
        blocks.append(PrintBlock("list", items=tuple(items), ordered=ordered))


def _drawing(inline: Token, problems: list[Problem], where: str) -> PrintBlock | None:
    """`Caption {.drawing size="small"}` as a drawing box; None for any other paragraph. A
    paragraph ending in another `{.name}` is reported: it would print as text."""
    text = inline.content.strip()
    if not text.endswith("}") or "{." not in text:
        return None
    caption, layout, attributes, problem = split_layout(text)
    line = line_of(inline)
    if problem:
        problems.append(Problem(line, "printable", f"{where}: {problem}"))
        return None
    if layout != "drawing":
        problems.append(
            Problem(
                line,
                "printable",
                f"{where}: {{.{layout}}} is not something a printable page knows; "
                'a box to draw in is written as {.drawing} or {.drawing size="small"}',
            )
        )
        return None
    for name in sorted(set(attributes) - {"size"}):
        problems.append(
            Problem(line, "printable", f"{where}: {{.drawing}} has no attribute {name!r}")
        )
    size = attributes.get("size", "medium")
    if size not in DRAWING_SIZES:
        sizes = ", ".join(DRAWING_SIZES)
        problems.append(
            Problem(
                line, "printable", f"{where}: a {{.drawing}} size is one of {sizes}, not {size!r}"
            )
        )
        size = "medium"
    return PrintBlock("drawing", caption, count=DRAWING_SIZES[size])


def _print_item(inlines: list[Token], problems: list[Problem], where: str) -> PrintItem:
    picture, rest, _only = leading_picture(inlines[0], problems, where)
    text = " ".join([inline_parts(rest)[0], *(inline_text(t)[0] for t in inlines[1:])]).strip()
    tick = bool(_TICK.match(text))
    text = _TICK.sub("", text)
    return PrintItem(text or (picture.alt if picture else ""), picture, tick=tick)


def _printable_rules(printable: Printable, attributes: Mapping[str, str]) -> Iterator[str]:
    kind = printable.kind
    if kind not in PRINTABLE_KINDS:
        known = ", ".join(f"{{.{name}}}" for name in PRINTABLE_KINDS)
        yield f"a printable page ends its '# ' heading with one of {known}"
        return
    for name in sorted(attributes):
        yield f"{{.{kind}}} has no attribute {name!r}"
    if kind not in DRAWING_KINDS and any(b.kind == "drawing" for b in printable.blocks):
        yield "a box to draw in ({.drawing}) belongs on a {.worksheet} or a {.poster}"
    if not printable.title:
        yield "a printable page needs a title"
    items = printable.items
    if kind == "cards" and not within(len(items), CARDS):
        yield f"a {{.cards}} page has 2 to 12 cards (one list item each), this one has {len(items)}"
    elif kind == "worksheet" and not _has_blanks(printable):
        yield (
            "a {.worksheet} needs something to fill in: tick boxes (- [ ] ...), lines to "
            "write on (_____) or a box to draw in ({.drawing})"
        )
    elif kind == "poster" and not printable.blocks:
        yield "a {.poster} needs text, a list or a picture"
    elif kind == "script":
        if not within(len(items), SCRIPT_LINES):
            yield f"a {{.script}} has 2 to 20 lines (- Rol: tekst), this one has {len(items)}"
        for number, item in enumerate(items, start=1):
            if not _SCRIPT_LINE.match(item.text):
                yield f"script line {number} ({item.text[:30]!r}) needs a role: '- Rol: tekst'"


def _has_blanks(printable: Printable) -> bool:
    return any(
        block.kind in ("lines", "drawing")
        or _BLANK.search(block.text)
        or any(item.tick or _BLANK.search(item.text) for item in block.items)
        for block in printable.blocks
    )


def with_roles(printable: Printable) -> Printable:
    """A script's list items split into role and text."""
    if printable.kind != "script":
        return printable
    blocks = []
    for block in printable.blocks:
        items = []
        for item in block.items:
            found = _SCRIPT_LINE.match(item.text)
            if found:
                item = PrintItem(found.group(2).strip(), item.picture, found.group(1).strip())
            items.append(item)
        blocks.append(replace(block, items=tuple(items)))
    return replace(printable, blocks=tuple(blocks))
