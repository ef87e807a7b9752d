"""Slides: a `## ` heading with its bullets, lead text, picture, notes and layout."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from planner.catalogue.blocks import (
    Link,
    Picture,
    Problem,
    inline_parts,
    inline_text,
    is_picture_line,
    leading_picture,
    line_of,
    quote_text,
    split_layout,
    top_blocks,
    within,
)

MAX_BULLETS = 6
MAX_LEAD_WORDS = 30
LAYOUTS = ("statement", "choice", "sort", "steps", "picture")
CHOICE_OPTIONS = (2, 4)
SORT_ITEMS = (2, 8)
STEPS = (2, 5)


@dataclass(frozen=True)
class Slide:
    """One slide: what the class sees and what the teacher says.

    `layout` is bullets (the default), statement, choice, sort, steps or picture; `lead` is
    the text shown under the title; `bullet_pictures` runs beside `bullets` (None where a
    bullet has no picture); `piles` are a sort slide's two piles.
    """

    title: str
    bullets: tuple[str, ...] = ()
    notes: str = ""
    links: tuple[Link, ...] = ()
    role: str = "content"  # title, goals, content, conversation or help: picks the layout
    layout: str = "bullets"
    lead: str = ""
    picture: Picture | None = None
    bullet_pictures: tuple[Picture | None, ...] = ()
    piles: tuple[str, ...] = ()

    def bullet_items(self) -> list[tuple[str, Picture | None]]:
        """Each bullet with its picture (or None)."""
        pictures_ = self.bullet_pictures or (None,) * len(self.bullets)
        return list(zip(self.bullets, pictures_, strict=True))

    def pictures(self) -> list[Picture]:
        """Every picture on the slide: its own first, then the bullets'."""
        found = [self.picture] if self.picture else []
        return found + [picture for picture in self.bullet_pictures if picture]

    def as_dict(self) -> dict[str, object]:
        return {
            "role": self.role,
            "layout": self.layout,
            "title": self.title,
            "lead": self.lead,
            "picture": self.picture.as_dict() if self.picture else None,
            "bullets": list(self.bullets),
            "bullet_pictures": [p.as_dict() if p else None for p in self.bullet_pictures],
            "piles": list(self.piles),
            "notes": self.notes,
            "links": [{"text": link.text, "url": link.url} for link in self.links],
        }


@dataclass
class _SlideParts:
    lead: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    bullet_pictures: list[Picture | None] = field(default_factory=list)
    ordered: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def parse_slide(tokens: Sequence[Token], start: int, end: int) -> tuple[Slide, list[Problem]]:
    """The slide of the `## ` heading at `start` (its section runs to `end`)."""
    heading_line = line_of(tokens[start])
    raw_title, title_links = inline_text(tokens[start + 1])
    title, layout, attributes, layout_problem = split_layout(raw_title)
    where = f"slide {title!r}"
    problems: list[Problem] = []
    if layout_problem:
        problems.append(Problem(heading_line, "layout", f"{where}: {layout_problem}"))
    parts = _SlideParts(links=list(title_links))
    for first, last in top_blocks(tokens, start + 3, end):
        _slide_block(tokens, first, last, parts, problems, where)
    slide = Slide(
        title=title,
        bullets=tuple(parts.bullets),
        notes="\n\n".join(parts.notes),
        links=tuple(parts.links),
        layout=layout,
        lead="\n\n".join(parts.lead),
        picture=parts.pictures[0] if parts.pictures else None,
        bullet_pictures=tuple(parts.bullet_pictures),
        piles=_piles(attributes),
    )
    problems.extend(
        Problem(heading_line, field_name, f"{where}: {message}")
        for field_name, message in _slide_rules(slide, parts, attributes)
    )
    return slide, problems


def _slide_block(
    tokens: Sequence[Token],
    first: int,
    last: int,
    parts: _SlideParts,
    problems: list[Problem],
    where: str,
) -> None:
    token = tokens[first]
    if token.type == "blockquote_open":
        text, links = quote_text(tokens, first, last)
        if text:
            parts.notes.append(text)
        parts.links.extend(links)
    elif token.type == "paragraph_open":
        inline = tokens[first + 1]
        if is_picture_line(inline):
            picture, _rest, _only = leading_picture(inline, problems, where)
            if picture:
                parts.pictures.append(picture)
            return
        picture, rest, _only = leading_picture(inline, problems, where)
        if picture:
            problems.append(
                Problem(line_of(inline), "picture", f"{where}: put the picture on its own line")
            )
        text, links = inline_parts(rest)
        parts.lead.append(text)
        parts.links.extend(links)
    elif token.type in {"bullet_list_open", "ordered_list_open"}:
        _slide_list(tokens, first, last, parts, problems, where)
    elif token.type == "heading_open":
        problems.append(
            Problem(
                line_of(token),
                "body",
                f"{where}: a slide has one heading; start a new slide with '## ' "
                "or a printable page with '# '",
            )
        )


def _slide_list(
    tokens: Sequence[Token],
    first: int,
    last: int,
    parts: _SlideParts,
    problems: list[Problem],
    where: str,
) -> None:
    ordered = tokens[first].type == "ordered_list_open"
    for item_first, item_last in top_blocks(tokens, first + 1, last):
        if tokens[item_first].type != "list_item_open":
            continue
        inlines = [t for t in tokens[item_first:item_last] if t.type == "inline"]
        if not inlines:
            continue
        if len(inlines) > 1:
            problems.append(
                Problem(
                    line_of(tokens[item_first]),
                    "body",
                    f"{where}: a bullet is one short line, without a second paragraph or "
                    "a list inside it; put the rest in the notes",
                )
            )
        picture, rest, _only = leading_picture(inlines[0], problems, where)
        text, links = inline_parts(rest)
        parts.bullets.append(text or (picture.alt if picture else ""))
        parts.bullet_pictures.append(picture)
        parts.ordered.append(ordered)
        parts.links.extend(links)


def _piles(attributes: Mapping[str, str]) -> tuple[str, ...]:
    raw = attributes.get("piles")
    return tuple(part.strip() for part in raw.split("|")) if raw is not None else ()


def _slide_rules(
    slide: Slide, parts: _SlideParts, attributes: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """What each layout needs; (field, message) for what is wrong."""
    layout = slide.layout
    if layout != "bullets" and layout not in LAYOUTS:
        known = ", ".join(f"{{.{name}}}" for name in LAYOUTS)
        yield "layout", f"unknown layout {{.{layout}}}: use one of {known}"
    allowed = {"piles"} if layout == "sort" else set()
    for name in sorted(set(attributes) - allowed):
        yield "layout", f"{{.{layout}}} has no attribute {name!r}"
    if len(parts.pictures) > 1:
        yield "picture", "a slide has one picture of its own (bullets may have one each)"
    words = len(slide.lead.split())
    if words > MAX_LEAD_WORDS:
        yield (
            "body",
            f"the text under the title has {words} words; at most {MAX_LEAD_WORDS} fit "
            "(put the rest in the notes)",
        )
    count = len(slide.bullets)
    if layout == "statement" and not slide.lead:
        yield "layout", "a {.statement} slide shows its statement as a plain paragraph"
    elif layout == "choice" and not within(count, CHOICE_OPTIONS):
        yield "layout", f"a {{.choice}} slide has 2 to 4 options as bullets, this one has {count}"
    elif layout == "sort":
        yield from _sort_rules(slide, count)
    elif layout == "steps":
        if not within(count, STEPS) or not all(parts.ordered):
            yield (
                "layout",
                f"a {{.steps}} slide has 2 to 5 numbered steps (1. 2. 3.), this one has "
                f"{sum(parts.ordered)} numbered and {count - sum(parts.ordered)} other bullets",
            )
    elif layout == "picture" and slide.picture is None:
        yield "layout", "a {.picture} slide needs a picture: ![what it shows](picture:name)"
    if layout != "sort" and count > MAX_BULLETS:
        yield "body", f"has {count} bullets; at most {MAX_BULLETS} fit on a slide"


def _sort_rules(slide: Slide, count: int) -> Iterator[tuple[str, str]]:
    if len(slide.piles) != 2 or not all(slide.piles):
        yield "layout", 'a {.sort} slide names two piles: {.sort piles="Echt|Nep"}'
    if not within(count, SORT_ITEMS):
        yield "layout", f"a {{.sort}} slide has 2 to 8 items to sort, this one has {count}"
