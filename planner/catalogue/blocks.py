"""Reading Markdown blocks: the shared parts of slides and printable pages.

Tokens come from markdown-it with one country's blocks chosen and its words replaced
(planner/catalogue/markers.py); these helpers turn them into plain text, links and pictures,
and report problems with the body line they are on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from planner.catalogue import markers, pictures

MARKDOWN = MarkdownIt("commonmark", {"html": False})
# `## Title {.sort piles="Echt|Nep"}`: a class and its attributes at the end of a heading.
_CLASS_BLOCK = re.compile(r"\s*\{([^{}]*)\}\s*$")
_CLASS = re.compile(r'^\s*\.([A-Za-z][\w-]*)((?:\s+[A-Za-z]+="[^"]*")*)\s*$')
_ATTRIBUTE = re.compile(r'([A-Za-z]+)="([^"]*)"')

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


def country_tokens(body: str, country: str | None, words: Words = None) -> list[Token]:
    """The body's tokens as a school of `country` sees them (markers and words applied)."""
    tokens = markers.select(MARKDOWN.parse(body), country)
    replace = markers.words_for(words, country)
    markers.apply_words(tokens, replace)
    return tokens


def inline_text(token: Token) -> tuple[str, tuple[Link, ...]]:
    """Plain text of an inline token, and the links in it (pictures left out)."""
    return inline_parts(token.children or ())


def inline_parts(children: Sequence[Token]) -> tuple[str, tuple[Link, ...]]:
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


def line_of(token: Token) -> int:
    return token.map[0] if token.map else 0


def top_blocks(tokens: Sequence[Token], start: int, end: int) -> Iterator[tuple[int, int]]:
    """(first, last) indexes of each top-level block between start and end."""
    index = start
    while index < end:
        token = tokens[index]
        if token.nesting == 1:
            close = markers.closing_index(tokens, index)
            yield index, close
            index = close + 1
        else:
            yield index, index
            index += 1


def picture_of(image: Token) -> tuple[Picture | None, str | None]:
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


def leading_picture(
    inline: Token, problems: list[Problem], where: str
) -> tuple[Picture | None, list[Token], bool]:
    """A picture at the start of an inline token: (picture, the other children, whether the
    whole inline was just that picture). Pictures elsewhere are a problem."""
    children = [c for c in inline.children or () if not _is_blank(c)]
    picture = None
    rest = list(inline.children or ())
    if children and children[0].type == "image":
        picture, problem = picture_of(children[0])
        if problem:
            problems.append(Problem(line_of(inline), "picture", f"{where}: {problem}"))
        rest = list(inline.children or ())
        rest.remove(children[0])
        children = children[1:]
    if any(child.type == "image" for child in children):
        problems.append(
            Problem(
                line_of(inline),
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


def is_picture_line(inline: Token) -> bool:
    children = [c for c in inline.children or () if not _is_blank(c)]
    return len(children) >= 1 and children[0].type == "image" and len(children) == 1


def quote_text(tokens: Sequence[Token], start: int, end: int) -> tuple[str, tuple[Link, ...]]:
    paragraphs: list[str] = []
    links: list[Link] = []
    for token in tokens[start:end]:
        if token.type == "inline":
            text, found = inline_text(token)
            paragraphs.append(text)
            links.extend(found)
    return "\n\n".join(p for p in paragraphs if p), tuple(links)


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


def within(count: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= count <= bounds[1]
