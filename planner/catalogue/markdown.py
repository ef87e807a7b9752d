"""The Markdown body of a content file: slides, printables, protocol steps, free text.

Every function takes the school's country (None: no country chosen) and the item's word
list, and returns that country's variant (planner/catalogue/markers.py). Parsing also
collects problems (body line, field, message) for the catalogue check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from planner.catalogue import markers, pictures

MAX_BULLETS = 6
MAX_LEAD_WORDS = 30
LAYOUTS = ("statement", "choice", "sort", "steps", "picture")
PRINTABLE_KINDS = ("cards", "worksheet", "poster", "script")
CHOICE_OPTIONS = (2, 4)
SORT_ITEMS = (2, 8)
STEPS = (2, 5)
CARDS = (2, 12)
SCRIPT_LINES = (2, 20)

_markdown = MarkdownIt("commonmark", {"html": False})
# `## Title {.sort piles="Echt|Nep"}`: a class and its attributes at the end of a heading.
_CLASS_BLOCK = re.compile(r"\s*\{([^{}]*)\}\s*$")
_CLASS = re.compile(r'^\s*\.([A-Za-z][\w-]*)((?:\s+[A-Za-z]+="[^"]*")*)\s*$')
_ATTRIBUTE = re.compile(r'([A-Za-z]+)="([^"]*)"')
_TICK = re.compile(r"^\[ \]\s*")
_SCRIPT_LINE = re.compile(r"^([^:]{1,40}):\s+(.+)$")
_BLANK = re.compile(r"_{3,}")

Words = Mapping[str, Mapping[str, str]] | None


@dataclass(frozen=True)
class Problem:
    line: int  # 0-based line in the body
    field: str
    message: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Picture:
    """An OpenMoji picture by name, with the Dutch text a screen reader says for it."""

    slug: str
    alt: str

    def as_dict(self) -> dict[str, str]:
        return {"slug": self.slug, "alt": self.alt}


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


@dataclass(frozen=True)
class Step:
    """One tickable step of a protocol."""

    text: str
    detail: str = ""


@dataclass(frozen=True)
class Phase:
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class PrintItem:
    """A list item of a printable: a card, a line of a script, a tick box, a bullet."""

    text: str
    picture: Picture | None = None
    role: str = ""  # script: who says it
    tick: bool = False  # worksheet: `- [ ] ...` is a box to tick

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "picture": self.picture.as_dict() if self.picture else None,
            "role": self.role,
            "tick": self.tick,
        }


@dataclass(frozen=True)
class PrintBlock:
    """One block of a printable page, in order.

    kind: `heading` (text), `text` (a paragraph; runs of ___ are blanks to write on),
    `list` (items, ordered or not), `lines` (count empty lines to write on) or `picture`.
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


@dataclass(frozen=True)
class Body:
    """A slide body for one country: the teacher's introduction, slides, printables."""

    intro: str
    slides: tuple[Slide, ...]
    printables: tuple[Printable, ...]
    problems: tuple[Problem, ...] = field(default=(), compare=False)


# --- tokens -------------------------------------------------------------------------------


def country_tokens(body: str, country: str | None, words: Words = None) -> list[Token]:
    """The body's tokens as a school of `country` sees them (markers and words applied)."""
    tokens = markers.select(_markdown.parse(body), country)
    replace = markers.words_for(words, country)
    markers.apply_words(tokens, replace)
    return tokens


def inline_text(token: Token) -> tuple[str, tuple[Link, ...]]:
    """Plain text of an inline token, and the links in it (pictures left out)."""
    return _inline_parts(token.children or ())


def _inline_parts(children: Sequence[Token]) -> tuple[str, tuple[Link, ...]]:
    parts: list[str] = []
    links: list[Link] = []
    href: str | None = None
    link_text: list[str] = []
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            link_text = []
        elif child.type == "link_close":
            if href:
                links.append(Link("".join(link_text), href))
            href = None
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
            if href is not None:
                link_text.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return "".join(parts).strip(), tuple(links)


def _line(token: Token) -> int:
    return token.map[0] if token.map else 0


def _blocks(tokens: Sequence[Token], start: int, end: int) -> Iterator[tuple[int, int]]:
    """(first, last) indexes of each top-level block between start and end."""
    index = start
    while index < end:
        token = tokens[index]
        if token.nesting == 1:
            close = markers._closing(tokens, index)
            yield index, close
            index = close + 1
        else:
            yield index, index
            index += 1


def _picture_of(image: Token) -> tuple[Picture | None, str | None]:
    """The picture an image token names, or why it cannot be one."""
    source = str(image.attrs.get("src", ""))
    alt = "".join(child.content for child in image.children or ()).strip() or image.content
    if not source.startswith(pictures.SCHEME):
        return None, (
            f"a picture is written ![what it shows](picture:name), not {source!r}; "
            "the names are in lessons/PICTURES.md"
        )
    slug = source.removeprefix(pictures.SCHEME)
    if not alt.strip():
        return None, (
            f"picture {slug!r} needs a short Dutch description: ![Een telefoon](picture:{slug})"
        )
    if not pictures.is_known(slug):
        hints = pictures.suggestions(slug)
        hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
        return None, (
            f"unknown picture {slug!r}{hint}; the names are in lessons/PICTURES.md and "
            "planner/catalogue/data/openmoji-names.tsv"
        )
    return Picture(slug, alt.strip()), None


def _leading_picture(
    inline: Token, problems: list[Problem], where: str
) -> tuple[Picture | None, list[Token], bool]:
    """A picture at the start of an inline token: (picture, the other children, whether the
    whole inline was just that picture). Pictures elsewhere are a problem."""
    children = [c for c in inline.children or () if not _is_blank(c)]
    picture = None
    rest = list(inline.children or ())
    if children and children[0].type == "image":
        picture, problem = _picture_of(children[0])
        if problem:
            problems.append(Problem(_line(inline), "picture", f"{where}: {problem}"))
        rest = list(inline.children or ())
        rest.remove(children[0])
        children = children[1:]
    if any(child.type == "image" for child in children):
        problems.append(
            Problem(
                _line(inline),
                "picture",
                f"{where}: a picture stands on its own line, or at the start of a bullet",
            )
        )
        rest = [child for child in rest if child.type != "image"]
    only_picture = picture is not None and not children
    return picture, rest, only_picture


def _is_blank(token: Token) -> bool:
    return token.type in {"softbreak", "hardbreak"} or (
        token.type == "text" and not token.content.strip()
    )


def _is_picture_line(inline: Token) -> bool:
    children = [c for c in inline.children or () if not _is_blank(c)]
    return len(children) >= 1 and children[0].type == "image" and len(children) == 1


def _quote_text(tokens: Sequence[Token], start: int, end: int) -> tuple[str, tuple[Link, ...]]:
    paragraphs: list[str] = []
    links: list[Link] = []
    for token in tokens[start:end]:
        if token.type == "inline":
            text, found = inline_text(token)
            paragraphs.append(text)
            links.extend(found)
    return "\n\n".join(p for p in paragraphs if p), tuple(links)


# --- slides -------------------------------------------------------------------------------


def split_layout(title: str) -> tuple[str, str, dict[str, str], str | None]:
    """`Title {.sort piles="A|B"}` -> (title, layout, attributes, problem or None)."""
    found = _CLASS_BLOCK.search(title)
    if found is None:
        return title, "bullets", {}, None
    bare = title[: found.start()].rstrip()
    parsed = _CLASS.match(found.group(1))
    if parsed is None:
        return (
            bare,
            "bullets",
            {},
            (
                f"cannot read {{{found.group(1)}}}: write a layout as {{.choice}} or "
                '{.sort piles="Echt|Nep"}'
            ),
        )
    return bare, parsed.group(1), dict(_ATTRIBUTE.findall(parsed.group(2))), None


@dataclass
class _SlideParts:
    lead: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    bullet_pictures: list[Picture | None] = field(default_factory=list)
    ordered: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def _slide(
    tokens: Sequence[Token], start: int, end: int, number: int
) -> tuple[Slide, list[Problem]]:
    """The slide of the `## ` heading at `start` (its section runs to `end`)."""
    heading_line = _line(tokens[start])
    raw_title, title_links = inline_text(tokens[start + 1])
    title, layout, attributes, layout_problem = split_layout(raw_title)
    where = f"slide {title!r}"
    problems: list[Problem] = []
    if layout_problem:
        problems.append(Problem(heading_line, "layout", f"{where}: {layout_problem}"))
    parts = _SlideParts(links=list(title_links))
    for first, last in _blocks(tokens, start + 3, end):
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
        text, links = _quote_text(tokens, first, last)
        if text:
            parts.notes.append(text)
        parts.links.extend(links)
    elif token.type == "paragraph_open":
        inline = tokens[first + 1]
        if _is_picture_line(inline):
            picture, _rest, _only = _leading_picture(inline, problems, where)
            if picture:
                parts.pictures.append(picture)
            return
        picture, rest, _only = _leading_picture(inline, problems, where)
        if picture:
            problems.append(
                Problem(_line(inline), "picture", f"{where}: put the picture on its own line")
            )
        text, links = _inline_parts(rest)
        parts.lead.append(text)
        parts.links.extend(links)
    elif token.type in {"bullet_list_open", "ordered_list_open"}:
        _slide_list(tokens, first, last, parts, problems, where)
    elif token.type == "heading_open":
        problems.append(
            Problem(
                _line(token),
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
    for item_first, item_last in _blocks(tokens, first + 1, last):
        if tokens[item_first].type != "list_item_open":
            continue
        inlines = [t for t in tokens[item_first:item_last] if t.type == "inline"]
        if not inlines:
            continue
        if len(inlines) > 1:
            problems.append(
                Problem(
                    _line(tokens[item_first]),
                    "body",
                    f"{where}: a bullet is one short line, without a second paragraph or "
                    "a list inside it; put the rest in the notes",
                )
            )
        picture, rest, _only = _leading_picture(inlines[0], problems, where)
        text, links = _inline_parts(rest)
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
    elif layout == "choice" and not _within(count, CHOICE_OPTIONS):
        yield "layout", f"a {{.choice}} slide has 2 to 4 options as bullets, this one has {count}"
    elif layout == "sort":
        yield from _sort_rules(slide, count)
    elif layout == "steps":
        if not _within(count, STEPS) or not all(parts.ordered):
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
    if not _within(count, SORT_ITEMS):
        yield "layout", f"a {{.sort}} slide has 2 to 8 items to sort, this one has {count}"


def _within(count: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= count <= bounds[1]


# --- printables ---------------------------------------------------------------------------


def _printable(tokens: Sequence[Token], start: int, end: int) -> tuple[Printable, list[Problem]]:
    """The printable page of the `# ` heading at `start` (its section runs to `end`)."""
    heading_line = _line(tokens[start])
    raw_title, _links = inline_text(tokens[start + 1])
    title, kind, attributes, problem = split_layout(raw_title)
    where = f"printable {title!r}"
    problems: list[Problem] = []
    if problem:
        problems.append(Problem(heading_line, "printable", f"{where}: {problem}"))
    blocks: list[PrintBlock] = []
    notes: list[str] = []
    for first, last in _blocks(tokens, start + 3, end):
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
        notes.append(_quote_text(tokens, first, last)[0])
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
                Problem(_line(token), "printable", f"{where}: write a line to write on as _____")
            )
    elif token.type == "paragraph_open":
        inline = tokens[first + 1]
        picture, rest, only = _leading_picture(inline, problems, where)
        if only and picture:
            blocks.append(PrintBlock("picture", picture=picture))
        else:
            blocks.append(PrintBlock("text", _inline_parts(rest)[0], picture=picture))
    elif token.type in {"bullet_list_open", "ordered_list_open"}:
        items = []
        for item_first, item_last in _blocks(tokens, first + 1, last):
            inlines = [t for t in tokens[item_first:item_last] if t.type == "inline"]
            if inlines:
                items.append(_print_item(inlines, problems, where))
        ordered = token.type == "ordered_list_open"
        blocks.append(PrintBlock("list", items=tuple(items), ordered=ordered))


def _print_item(inlines: list[Token], problems: list[Problem], where: str) -> PrintItem:
    picture, rest, _only = _leading_picture(inlines[0], problems, where)
    text = " ".join([_inline_parts(rest)[0], *(inline_text(t)[0] for t in inlines[1:])]).strip()
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
    if not printable.title:
        yield "a printable page needs a title"
    items = printable.items
    if kind == "cards" and not _within(len(items), CARDS):
        yield f"a {{.cards}} page has 2 to 12 cards (one list item each), this one has {len(items)}"
    elif kind == "worksheet" and not _has_blanks(printable):
        yield (
            "a {.worksheet} needs something to fill in: tick boxes (- [ ] ...) or lines to "
            "write on (_____)"
        )
    elif kind == "poster" and not printable.blocks:
        yield "a {.poster} needs text, a list or a picture"
    elif kind == "script":
        if not _within(len(items), SCRIPT_LINES):
            yield f"a {{.script}} has 2 to 20 lines (- Rol: tekst), this one has {len(items)}"
        for number, item in enumerate(items, start=1):
            if not _SCRIPT_LINE.match(item.text):
                yield f"script line {number} ({item.text[:30]!r}) needs a role: '- Rol: tekst'"


def _has_blanks(printable: Printable) -> bool:
    return any(
        block.kind == "lines"
        or _BLANK.search(block.text)
        or any(item.tick or _BLANK.search(item.text) for item in block.items)
        for block in printable.blocks
    )


def _with_roles(printable: Printable) -> Printable:
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


# --- whole bodies -------------------------------------------------------------------------


def _top_headings(tokens: Sequence[Token], tags: set[str]) -> list[int]:
    return [
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0 and token.tag in tags
    ]


@lru_cache(maxsize=512)
def _parse_body(body: str, country: str | None, words_key: tuple) -> Body:
    words = {country: dict(words_key)} if country and words_key else None
    tokens = country_tokens(body, country, words)
    problems: list[Problem] = []
    first_printable = next(iter(_top_headings(tokens, {"h1"})), len(tokens))
    slide_starts = [i for i in _top_headings(tokens, {"h2"}) if i < first_printable]
    intro_end = min([*slide_starts, first_printable])
    intro = "\n\n".join(
        text for t in tokens[:intro_end] if t.type == "inline" and (text := inline_text(t)[0])
    )
    slides = []
    for number, start in enumerate(slide_starts, start=1):
        end = next((i for i in slide_starts if i > start), first_printable)
        slide, slide_problems = _slide(tokens, start, end, number)
        slides.append(slide)
        problems.extend(slide_problems)
        if not slide.notes:
            problems.append(
                Problem(
                    _line(tokens[start]),
                    "body",
                    f"slide {slide.title!r} has no speaker notes",
                )
            )
    printable_starts = _top_headings(tokens, {"h1"})
    printables = []
    for start in printable_starts:
        end = next((i for i in printable_starts if i > start), len(tokens))
        printable, printable_problems = _printable(tokens, start, end)
        printables.append(_with_roles(printable))
        problems.extend(printable_problems)
    return Body(intro, tuple(slides), tuple(printables), tuple(problems))


def parse_body(body: str, country: str | None = None, words: Words = None) -> Body:
    """A lesson or parent-module body for one country: introduction, slides, printables.

    After the slides, each `# ` heading starts a printable page; a `## ` below it is a
    heading on that page, not a slide.
    """
    return _parse_body(body, country, markers.words_key(words, country))


def parse_slides(body: str, country: str | None = None, words: Words = None) -> list[Slide]:
    """The slides of a lesson or parent-module body."""
    return list(parse_body(body, country, words).slides)


def introduction(body: str, country: str | None = None, words: Words = None) -> str:
    """The text before the first slide: the introduction for the teacher."""
    return parse_body(body, country, words).intro


def parse_printables(body: str, country: str | None = None, words: Words = None) -> list[Printable]:
    """The printable pages after the slides."""
    return list(parse_body(body, country, words).printables)


def parse_steps(body: str, country: str | None = None, words: Words = None) -> list[Phase]:
    """The phases and steps of a protocol body."""
    tokens = country_tokens(body, country, words)
    starts = _top_headings(tokens, {"h2"})
    phases: list[Phase] = []
    bounds = [(0, starts[0] if starts else len(tokens), None)]
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(tokens)
        bounds.append((start + 3, end, tokens[start + 1]))
    for first, end, inline in bounds:
        steps = list(_steps_in(tokens[first:end]))
        if inline is None and not steps:
            continue
        title = inline_text(inline)[0] if inline is not None else ""
        phases.append(Phase(title, tuple(steps)))
    return phases


def _steps_in(tokens: Sequence[Token]) -> Iterator[Step]:
    """Top-level items of ordered lists: the first paragraph is the step, the rest detail."""
    list_depth = 0
    item: list[str] | None = None
    for token in tokens:
        if token.type == "ordered_list_open" and list_depth == 0:
            list_depth = 1
        elif token.type in {"ordered_list_open", "bullet_list_open"}:
            list_depth += 1
        elif token.type in {"ordered_list_close", "bullet_list_close"}:
            list_depth -= 1
        elif token.type == "list_item_open" and list_depth == 1:
            item = []
        elif token.type == "list_item_close" and list_depth == 1 and item is not None:
            yield Step(item[0] if item else "", " ".join(item[1:]))
            item = None
        elif token.type == "inline" and item is not None:
            item.append(inline_text(token)[0])


def render_markdown(body: str, country: str | None = None, words: Words = None) -> str:
    """Body Markdown as HTML; raw HTML in content is escaped, never passed through."""
    tokens = country_tokens(body, country, words)
    return _markdown.renderer.render(tokens, _markdown.options, {})


def body_problems(
    body: str, countries: Sequence[str], words: Words, *, slides: bool
) -> list[Problem]:
    """Marker problems, and for a slide body the slide and printable problems of every
    country's variant (each problem once)."""
    found = [Problem(line, "marker", text) for line, text in _marker_problems(body, countries)]
    if slides:
        for country in countries:
            found.extend(parse_body(body, country, words).problems)
    unique: dict[tuple[int, str, str], Problem] = {}
    for problem in found:
        unique.setdefault((problem.line, problem.field, problem.message), problem)
    return sorted(unique.values(), key=lambda p: p.line)


def _marker_problems(body: str, countries: Sequence[str]) -> Iterator[tuple[int, str]]:
    yield from markers.marker_problems(_markdown.parse(body), countries)
