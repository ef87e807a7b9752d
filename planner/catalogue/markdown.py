"""The Markdown body of a content file: slides, printables, protocol steps, free text.

Every function takes the school's country (None: no country chosen) and the item's word
list, and returns that country's variant (planner/catalogue/markers.py). Parsing also
collects problems (body line, field, message) for the catalogue check. Slides are read by
planner/catalogue/slides.py, printable pages by planner/catalogue/printables.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from planner.catalogue import markers
from planner.catalogue.blocks import (
    MARKDOWN,
    Link,
    Picture,
    Problem,
    Words,
    country_tokens,
    inline_text,
    line_of,
    split_layout,
)
from planner.catalogue.printables import (
    PRINTABLE_KINDS,
    Printable,
    PrintBlock,
    PrintItem,
    parse_printable,
    with_roles,
)
from planner.catalogue.slides import LAYOUTS, MAX_BULLETS, MAX_LEAD_WORDS, Slide, parse_slide

__all__ = [
    "LAYOUTS",
    "MAX_BULLETS",
    "MAX_LEAD_WORDS",
    "PRINTABLE_KINDS",
    "Body",
    "Link",
    "Phase",
    "Picture",
    "PrintBlock",
    "PrintItem",
    "Printable",
    "Problem",
    "Slide",
    "Step",
    "body_problems",
    "introduction",
    "parse_body",
    "parse_printables",
    "parse_slides",
    "parse_steps",
    "render_markdown",
    "split_layout",
]


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
class Body:
    """A slide body for one country: the teacher's introduction, slides, printables."""

    intro: str
    slides: tuple[Slide, ...]
    printables: tuple[Printable, ...]
    problems: tuple[Problem, ...] = field(default=(), compare=False)


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
    for start in slide_starts:
        end = next((i for i in slide_starts if i > start), first_printable)
        slide, slide_problems = parse_slide(tokens, start, end)
        slides.append(slide)
        problems.extend(slide_problems)
        if not slide.notes:
            problems.append(
                Problem(
                    line_of(tokens[start]),
                    "body",
                    f"slide {slide.title!r} has no speaker notes",
                )
            )
    printable_starts = _top_headings(tokens, {"h1"})
    printables = []
    for start in printable_starts:
        end = next((i for i in printable_starts if i > start), len(tokens))
        printable, printable_problems = parse_printable(tokens, start, end)
        printables.append(with_roles(printable))
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
    return MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})


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
    yield from markers.marker_problems(MARKDOWN.parse(body), countries)
