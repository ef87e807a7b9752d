"""Country markers and word lists: one content file, a Dutch and a Flemish variant.

A block of Markdown (a heading with its section, a list item, a paragraph) that starts with
`[NL]` or `[BE]` is for that country only; everything else is for both. A front-matter line
is marked the same way (`BE: text` is stored as `[BE] text`). A word list replaces whole words
or phrases in one country's text. These functions work on text and markdown-it tokens only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from markdown_it.token import Token

COUNTRIES = ("NL", "BE")
# `[BE] text`: two letters in brackets at the very start, not a link (`[BE](…)`, `[BE][…]`).
_MARKER = re.compile(r"^\[([A-Za-z]{2})\](?![(\[:])[ \t]*")
_MARKER_ANYWHERE = re.compile(r"\[(NL|BE)\](?![(\[])")
_WORD_EDGE_BEFORE = r"(?<![\w-])"
_WORD_EDGE_AFTER = r"(?![\w-])"

Problem = tuple[int, str]  # (line in the body, 0-based; message)


def split_marker(text: str) -> tuple[str | None, str]:
    """(country code as written, rest of the text); (None, text) without a marker."""
    found = _MARKER.match(text)
    if found is None:
        return None, text
    return found.group(1), text[found.end() :]


def marker_problem(code: str, allowed: Sequence[str]) -> str | None:
    """Why a marker is wrong for an item of these countries, or None if it is right."""
    if code not in COUNTRIES:
        return f"unknown country marker [{code}]: use [NL] or [BE]"
    if code not in allowed:
        shown = ", ".join(allowed)
        return f"[{code}] marks a part for {code}, but this item is only for {shown}"
    return None


def for_country(code: str | None, country: str | None) -> bool:
    """Whether a part marked `code` (None: unmarked) is shown to a school of `country`
    (None: no country chosen, everything is shown)."""
    return code is None or country is None or code == country or code not in COUNTRIES


# --- front-matter lines -------------------------------------------------------------------


def lines_for(lines: Iterable[str], country: str | None) -> list[str]:
    """The lines of a front-matter list shown to one country, markers taken off."""
    chosen = []
    for line in lines:
        code, rest = split_marker(line)
        if for_country(code, country):
            chosen.append(rest if code in COUNTRIES else line)
    return chosen


# --- word lists ---------------------------------------------------------------------------


class Words:
    """Replace whole words and phrases, longest first, keeping a capital first letter."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._by_key = {_fold_first(key): value for key, value in mapping.items()}
        keys = sorted(mapping, key=len, reverse=True)
        alternatives = "|".join(_key_pattern(key) for key in keys)
        self._pattern = (
            re.compile(f"{_WORD_EDGE_BEFORE}(?:{alternatives}){_WORD_EDGE_AFTER}") if keys else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._replacement, text)

    def _replacement(self, found: re.Match[str]) -> str:
        matched = found.group(0)
        value = self._by_key[_fold_first(matched)]
        if matched[:1].isupper() and value:
            return value[0].upper() + value[1:]
        return value


def _fold_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _key_pattern(key: str) -> str:
    first, rest = key[:1], key[1:]
    head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else ""
    return (head or re.escape(first)) + re.escape(rest)


@lru_cache(maxsize=256)
def _compiled(items: tuple[tuple[str, str], ...]) -> Words:
    return Words(dict(items))


def words_for(words: Mapping[str, Mapping[str, str]] | None, country: str | None) -> Words:
    """The replacer of one country's word list (one that changes nothing if there is none)."""
    mapping = (words or {}).get(country or "", {}) if country else {}
    return _compiled(tuple(sorted(mapping.items())))


def words_key(words: Mapping[str, Mapping[str, str]] | None, country: str | None) -> tuple:
    """A hashable form of the word list that applies to one country (for caches)."""
    if not words or not country:
        return ()
    return tuple(sorted((words.get(country) or {}).items()))


# --- Markdown tokens ----------------------------------------------------------------------


def closing_index(tokens: Sequence[Token], start: int) -> int:
    """Index of the token that closes the block opened at `start`."""
    opened = tokens[start]
    closing_type = opened.type.removesuffix("_open") + "_close"
    for index in range(start + 1, len(tokens)):
        token = tokens[index]
        if token.type == closing_type and token.level == opened.level:
            return index
    return len(tokens) - 1


def _section_end(tokens: Sequence[Token], start: int) -> int:
    """Index after the section of the top-level heading at `start` (to the next heading of
    the same or a higher rank)."""
    rank = int(tokens[start].tag[1])
    for index in range(start + 3, len(tokens)):
        token = tokens[index]
        if token.type == "heading_open" and token.level == 0 and int(token.tag[1]) <= rank:
            return index
    return len(tokens)


def _first_inline(tokens: Sequence[Token], start: int, end: int) -> Token | None:
    for index in range(start + 1, end):
        if tokens[index].type == "inline":
            return tokens[index]
    return None


def _marked_block(tokens: Sequence[Token], index: int) -> tuple[Token, int] | None:
    """For a token that starts a markable block: (its first inline token, index after it)."""
    token = tokens[index]
    if token.type == "heading_open" and token.level == 0:
        return tokens[index + 1], _section_end(tokens, index)
    if token.type == "list_item_open":
        end = closing_index(tokens, index)
        inline = _first_inline(tokens, index, end)
        return (inline, end + 1) if inline is not None else None
    if token.type == "paragraph_open":
        return tokens[index + 1], closing_index(tokens, index) + 1
    return None


def select(tokens: list[Token], country: str | None) -> list[Token]:
    """The tokens a school of `country` sees: other countries' blocks left out, markers
    taken off. A marked heading takes its whole section (a slide, a phase) with it."""
    chosen: list[Token] = []
    index = 0
    while index < len(tokens):
        block = _marked_block(tokens, index)
        if block is not None:
            inline, end = block
            code, _rest = split_marker(inline.content)
            if code in COUNTRIES:
                if not for_country(code, country):
                    index = end
                    continue
                _strip_marker(inline)
        chosen.append(tokens[index])
        index += 1
    return chosen


def _strip_marker(inline: Token) -> None:
    code, rest = split_marker(inline.content)
    if code is None:
        return
    cut = len(inline.content) - len(rest)
    inline.content = rest
    children = list(inline.children or ())
    while cut > 0 and children and children[0].type == "text":
        head = children[0]
        if len(head.content) <= cut:
            cut -= len(head.content)
            children.pop(0)
        else:
            head.content = head.content[cut:]
            cut = 0
    if children and children[0].type == "text":
        children[0].content = children[0].content.lstrip()
    inline.children = children


def marker_problems(tokens: Sequence[Token], allowed: Sequence[str]) -> Iterator[Problem]:
    """Unknown markers, markers for a country the item is not for, and markers that are not
    at the start of a block (where they would be shown as text)."""
    for token in tokens:
        if token.type != "inline":
            continue
        line = token.map[0] if token.map else 0
        code, rest = split_marker(token.content)
        if code is not None:
            problem = marker_problem(code, allowed)
            if problem:
                yield line, problem
        if _MARKER_ANYWHERE.search(rest):
            yield (
                line,
                "a country marker goes at the very start of a heading, bullet, paragraph or "
                "step: it would show as text here",
            )


def apply_words(tokens: Sequence[Token], words: Words) -> None:
    """Replace words in the text of every inline token (not in links' addresses or code).
    Line breaks inside a paragraph become spaces, so that a phrase may span them."""
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _replace_in_children(token.children, words)
            token.content = words(token.content)


def _replace_in_children(children: list[Token], words: Words) -> list[Token]:
    merged: list[Token] = []
    for child in children:
        if child.type in {"text", "softbreak"}:
            text = child.content if child.type == "text" else " "
            if merged and merged[-1].type == "text":
                merged[-1].content += text
                continue
            child.type, child.tag, child.content = "text", "", text
        merged.append(child)
    for child in merged:
        if child.type == "text":
            child.content = words(child.content)
        elif child.type == "image":
            child.content = words(child.content)
            if child.children:
                child.children = _replace_in_children(child.children, words)
    return merged
