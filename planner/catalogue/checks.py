"""Content rules beyond the format: what children must see is on the slide, what the teacher
must print is in the file, young children get pictures.

The format itself (planner/catalogue/content.py) refuses a file that breaks it. These rules
judge whether a lesson is ready to teach; `flask catalogue check` lists what they find as
warnings (errors with `--strict`), so writers see the work left while the curated lessons
are being brought up to them. Every function works on one country's variant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from planner.catalogue.content import ContentError, ParsedItem
from planner.catalogue.markdown import Printable, Slide
from planner.catalogue.variants import variant
from planner.catalogue.vocab import Kind

# What a line of `needs` asks to print, and the printable kinds that provide it. A line that
# names a role-play only as the activity ("een lege stoel voor het rollenspel") needs nothing.
NEEDS_TO_PRINTABLES: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    (
        "a role-play script or role cards",
        re.compile(r"rolkaart|rollenspelkaart|rollenspeltekst|script|role cards?", re.I),
        frozenset({"script", "cards"}),
    ),
    ("cards", re.compile(r"kaart|\bcards?\b", re.I), frozenset({"cards"})),
    ("a worksheet", re.compile(r"werkblad|invulblad|worksheet", re.I), frozenset({"worksheet"})),
    ("a poster", re.compile(r"poster|affiche", re.I), frozenset({"poster"})),
)

_SEE_NOTES = re.compile(
    r"\b(zie|kijk\s+in|lees)\s+(de\s+)?(spreker)?notities?\b|\bsee\s+(the\s+)?(speaker\s+)?notes\b"
    r"|\bin\s+de\s+notities\b",
    re.I,
)
_LETTER_OPTIONS = re.compile(r"\b[A-D]\s*(?:,|/|\bof\b|\ben\b|\bor\b|\band\b)\s*[A-D]\b")
_LETTER_LABEL = re.compile(r"^\(?([A-D])[:.)]\s")
_CORNER = re.compile(r"\bhoek(en)?\b|\bcorners?\b", re.I)
_SIDE = re.compile(r"\b(rechts|linkerkant|rechterkant)\b|\bnaar\s+links\b|\blinks\s+of\b", re.I)
_SIDE_LABEL = re.compile(r"^(links|rechts)\b", re.I)
YOUNG_UP_TO_GRADE = 4  # groep 1-4 and the kleuterklassen: a picture on every content slide


@dataclass(frozen=True)
class SlideProblem:
    title: str
    message: str

    def __str__(self) -> str:
        return f"slide {self.title!r}: {self.message}"


def slide_text_problems(slides: Iterable[Slide]) -> list[SlideProblem]:
    """Slides that send the class to the notes, or that refer to options (A/B/C/D, a corner of
    the room, left/right) the slide does not show. Runs on any deck, generated slides too."""
    problems = []
    for slide in slides:
        problems.extend(SlideProblem(slide.title, m) for m in _slide_text_problems(slide))
    return problems


def _slide_text_problems(slide: Slide) -> Iterator[str]:
    shown = " ".join([slide.title, slide.lead, *slide.bullets])
    if _SEE_NOTES.search(shown):
        yield "the class cannot read the notes: put on the slide what they must see"
    if slide.layout in {"choice", "sort"}:
        return
    if _LETTER_OPTIONS.search(shown) and not _labelled(slide.bullets, _LETTER_LABEL, 2):
        yield (
            "refers to options A, B, C or D that are not on the slide: use {.choice} "
            "with the options as bullets"
        )
    elif _CORNER.search(shown):
        yield "refers to the corners of the room: use {.choice} with each corner's option"
    elif _SIDE.search(shown) and not _labelled(slide.bullets, _SIDE_LABEL, 2):
        yield (
            "refers to left and right: use {.choice} or {.sort piles=...}, or bullets that "
            "start with Links: and Rechts:"
        )


def _labelled(bullets: Sequence[str], label: re.Pattern[str], at_least: int) -> bool:
    return sum(1 for bullet in bullets if label.match(bullet)) >= at_least


def needed_printables(needs: Iterable[str]) -> list[tuple[int, str, str, frozenset[str]]]:
    """(index, need, what it asks to print, acceptable kinds) for each line that needs one."""
    found = []
    for index, need in enumerate(needs):
        for label, pattern, kinds in NEEDS_TO_PRINTABLES:
            if pattern.search(need):
                found.append((index, need, label, kinds))
                break  # the first match names the thing (role cards are not plain cards)
    return found


def missing_printables(needs: Sequence[str], printables: Sequence[Printable]) -> list[str]:
    """The needs lines whose printable page the lesson lacks, as messages."""
    present = {printable.kind for printable in printables}
    messages = []
    for _index, need, label, kinds in needed_printables(needs):
        if not kinds & present:
            wanted = " or ".join(f"{{.{kind}}}" for kind in sorted(kinds))
            messages.append(
                f"{need!r} asks for {label} to print, but the lesson has no '# ... {wanted}' page"
            )
    return messages


def slides_without_pictures(item: ParsedItem, slides: Sequence[Slide]) -> list[tuple[str, str]]:
    """(slide title or "", message): young classes (up to groep 4) need a picture on every
    slide, older ones on most."""
    grades = item.content.effective_grades()
    bare = [slide for slide in slides if not slide.pictures()]
    if grades and max(grades) <= YOUNG_UP_TO_GRADE:
        return [
            (slide.title, f"slide {slide.title!r} has no picture (every slide up to groep 4)")
            for slide in bare
        ]
    if len(bare) * 2 > len(slides):
        return [("", f"{len(bare)} of {len(slides)} slides have no picture; most slides should")]
    return []


def item_warnings(item: ParsedItem) -> list[ContentError]:
    """What keeps a lesson from being ready to teach, as file/line/field; a warning that
    holds for one country only says so."""
    if item.content.kind != Kind.LESSON:
        return []
    countries = item.content.countries
    found: dict[tuple[int, str, str], list[str]] = {}
    for country in countries:
        for key in _country_warnings(item, country):
            found.setdefault(key, []).append(country)
    warnings = []
    for (line, field_name, message), where in found.items():
        suffix = "" if len(where) == len(countries) else f" (for {', '.join(where)})"
        warnings.append(ContentError(item.path, line, field_name, message + suffix))
    return sorted(warnings, key=lambda warning: warning.line)


def _country_warnings(item: ParsedItem, country: str) -> Iterator[tuple[int, str, str]]:
    shown = variant(item, country)
    for problem in slide_text_problems(shown.slides):
        yield _slide_line(item, problem.title), "body", str(problem)
    needs_line = item.field_lines.get(("needs",), item.body_line)
    for message in missing_printables(shown.needs, shown.printables):
        yield needs_line, "needs", message
    for title, message in slides_without_pictures(item, shown.slides):
        yield _slide_line(item, title) if title else item.body_line, "picture", message


def _slide_line(item: ParsedItem, title: str) -> int:
    """The file line of the slide heading with this title (the body's start if not found)."""
    for offset, line in enumerate(item.body.splitlines()):
        if line.startswith("## ") and title in line:
            return item.body_line + offset
    return item.body_line


def catalogue_warnings(items: Iterable[ParsedItem]) -> list[ContentError]:
    """The warnings of every item, in file order."""
    return [warning for item in items for warning in item_warnings(item)]
