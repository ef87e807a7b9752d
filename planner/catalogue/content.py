"""Reading catalogue content files: front matter and body, checked.

A content file is Markdown with YAML front matter. Every problem is reported as a
`ContentError` that names the file, the line and the field, and reading never stops at the
first problem: `check_tree` collects them all. The body is read by planner/catalogue/markdown.py
(slides, printables, steps) for each country the item is for (planner/catalogue/markers.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from planner.catalogue.front_matter import FrontMatterLimitError, load_front_matter
from planner.catalogue.front_matter import problem as front_matter_problem
from planner.catalogue.markdown import (
    MAX_BULLETS,
    Link,
    Phase,
    Picture,
    Printable,
    Slide,
    Step,
    body_problems,
    introduction,
    parse_body,
    parse_printables,
    parse_slides,
    parse_steps,
    render_markdown,
)
from planner.catalogue.schema import SLUG_PATTERN, ItemContent
from planner.catalogue.vocab import Kind
from planner.core.text import storable

# The body's models and readers used to live here; their users still import them from here.
__all__ = [
    "MAX_BULLETS",
    "ContentError",
    "Link",
    "ParsedItem",
    "Phase",
    "Picture",
    "Printable",
    "Slide",
    "SourceFile",
    "Step",
    "check_sources",
    "check_tree",
    "introduction",
    "parse_body",
    "parse_file",
    "parse_printables",
    "parse_slides",
    "parse_source",
    "parse_steps",
    "render_markdown",
]

MIN_LESSON_SLIDES = 6
MAX_LESSON_SLIDES = 12


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class ParsedItem:
    """A content file that passed every check."""

    slug: str
    path: str
    content: ItemContent
    body: str
    content_hash: str
    body_line: int = 1  # the file's line where the body starts
    field_lines: Mapping[tuple, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SourceFile:
    """A content file held in memory (an upload): where it says it is, and its bytes."""

    path: str
    slug: str
    folder: str | None  # the kind folder it sits in; None for a file on its own
    data: bytes


@dataclass
class _Collector:
    path: str
    errors: list[ContentError] = field(default_factory=list)

    def add(self, line: int, field_name: str, message: str) -> None:
        self.errors.append(ContentError(self.path, line, field_name, message))


# --- front matter -------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split a file into (front matter, body, line where the body starts), or None."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def _key_lines(node: yaml.Node, offset: int, prefix: tuple = ()) -> dict[tuple, int]:
    """Map every key path in a YAML tree to its line in the file (1-based)."""
    lines: dict[tuple, int] = {prefix: node.start_mark.line + offset}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, key_node.value)
            lines.update(_key_lines(value_node, offset, path))
            lines[path] = key_node.start_mark.line + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            lines.update(_key_lines(child, offset, (*prefix, index)))
    return lines


def _line_for(loc: tuple, lines: dict[tuple, int], default: int) -> int:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return default


def _field_name(loc: tuple) -> str:
    parts = [str(part) for part in loc if not str(part).startswith("function-")]
    return ".".join(parts) or "front matter"


def _validate_front_matter(
    raw: str, collector: _Collector
) -> tuple[ItemContent | None, dict[tuple, int]]:
    """The validated front matter and the line of each field (errors go to the collector)."""
    offset = 2  # the front matter starts on the second line of the file
    try:
        node, data = load_front_matter(raw)
    except FrontMatterLimitError as refused:
        collector.add(refused.line + offset, "front matter", front_matter_problem(refused))
        return None, {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + offset if mark else offset
        problem = getattr(exc, "problem", None) or str(exc)
        collector.add(line, "front matter", f"not valid YAML: {problem}{_marker_hint(raw, mark)}")
        return None, {}
    if not isinstance(data, dict) or node is None:
        collector.add(offset, "front matter", "must be a mapping of fields")
        return None, {}
    lines = _key_lines(node, offset)
    try:
        return ItemContent.model_validate(data), lines
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            collector.add(_line_for(loc, lines, offset), _field_name(loc), message)
        return None, lines


def _marker_hint(raw: str, mark: yaml.Mark | None) -> str:
    """A YAML list line that starts with [BE] is read as a list: say how to write it."""
    if mark is None:
        return ""
    nearby = raw.splitlines()[max(0, mark.line - 1) : mark.line + 1]
    if any(_YAML_MARKER.match(line) for line in nearby):
        return " (a line for one country is written '- BE: text', or in quotes: '- \"[BE] text\"')"
    return ""


_YAML_MARKER = re.compile(r"^\s*(?:-\s+|[a-z_]+:\s+)\[[A-Za-z]{2}\]\s")


# --- whole files --------------------------------------------------------------------------


def _check_body(content: ItemContent, body: str, body_line: int, collector: _Collector) -> None:
    countries = content.countries
    for problem in body_problems(body, countries, content.words, slides=content.has_slides):
        collector.add(body_line + problem.line, problem.field, problem.message)
    for country in countries:
        suffix = f" (for {country})" if len(countries) > 1 else ""
        if content.has_slides:
            _check_slide_count(content, body, country, suffix, body_line, collector)
        elif content.kind == Kind.PROTOCOL and not any(
            phase.steps for phase in parse_steps(body, country, content.words)
        ):
            collector.add(body_line, "body", f"a protocol needs numbered steps ('1. ...'){suffix}")
    if not content.has_slides and content.kind != Kind.PROTOCOL and not body.strip():
        collector.add(body_line, "body", "is empty")


def _check_slide_count(
    content: ItemContent,
    body: str,
    country: str,
    suffix: str,
    body_line: int,
    collector: _Collector,
) -> None:
    slides = parse_body(body, country, content.words).slides
    if content.kind == Kind.LESSON and not MIN_LESSON_SLIDES <= len(slides) <= MAX_LESSON_SLIDES:
        collector.add(
            body_line,
            "body",
            f"a lesson has {MIN_LESSON_SLIDES} to {MAX_LESSON_SLIDES} slides, "
            f"this one has {len(slides)}{suffix}",
        )
    elif not slides:
        collector.add(body_line, "body", f"has no slides (start each with '## '){suffix}")


def parse_file(
    path: Path, root: Path | None = None
) -> tuple[ParsedItem | None, list[ContentError]]:
    """Read and check one content file; returns the item or the errors found."""
    shown = str(path.relative_to(root.parent)) if root else str(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(shown, 1, "file", f"cannot be read as UTF-8 text: {exc}")]
    return parse_source(raw_bytes, shown, path.stem, path.parent.name if root else None)


def parse_source(
    raw_bytes: bytes, shown: str, slug: str, folder: str | None
) -> tuple[ParsedItem | None, list[ContentError]]:
    """Check the bytes of one content file, wherever they come from (disk or an upload).

    `shown` is the path errors name; `folder` is the kind folder the file sits in, or None
    when the file stands alone and its folder is not checked.
    """
    collector = _Collector(shown)
    if not SLUG_PATTERN.match(slug):
        collector.add(1, "slug", "file name must be lowercase letters, digits and hyphens")
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        collector.add(1, "file", f"cannot be read as UTF-8 text: {exc}")
        return None, collector.errors
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # files saved on Windows
    parts = split_front_matter(text)
    if parts is None:
        collector.add(1, "front matter", "must start with a '---' line and end with another")
        return None, collector.errors
    front, body, body_line = parts
    unstorable = next((i for i, ch in enumerate(body) if not storable(ch)), None)
    if unstorable is not None:
        line = body_line + body.count("\n", 0, unstorable)
        collector.add(line, "body", "contains control characters or noncharacters")
    content, field_lines = _validate_front_matter(front, collector)
    if content is None:
        return None, collector.errors
    if folder is not None and folder != content.kind.value:
        where = f"in {folder}/" if folder else "not in a kind folder"
        collector.add(2, "kind", f"is {content.kind.value!r} but the file is {where}")
    _check_body(content, body, body_line, collector)
    if collector.errors:
        return None, collector.errors
    digest = hashlib.sha256(raw_bytes).hexdigest()
    return ParsedItem(slug, shown, content, body, digest, body_line, field_lines), []


def content_files(root: Path) -> list[Path]:
    """Every content file below root, in a stable order. Files named in capitals
    (README.md, PICTURES.md) are documentation for writers, not content."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if not p.stem.isupper())


def check_tree(root: Path) -> tuple[list[ParsedItem], list[ContentError]]:
    """Read every file below root; return the good items and every error, across files too."""
    items: list[ParsedItem] = []
    errors: list[ContentError] = []
    catalogue_root = _catalogue_root(root)
    for path in content_files(root):
        item, file_errors = parse_file(path, catalogue_root)
        errors.extend(file_errors)
        if item is not None:
            items.append(item)
    known_modules = _module_slugs(catalogue_root)
    whole = catalogue_root is not None and root.resolve() == catalogue_root.resolve()
    outside = {} if whole else _lessons_outside(items, catalogue_root)
    errors.extend(
        _cross_file_errors(
            items,
            known_modules,
            whole_catalogue=whole or catalogue_root is not None,
            outside=outside,
        )
    )
    return items, errors


def _lessons_outside(
    items: Iterable[ParsedItem], catalogue_root: Path | None
) -> dict[str, ParsedItem]:
    """The earlier lessons that checked files build on, read from the rest of the tree, so
    that one file or folder can be checked alone."""
    if catalogue_root is None:
        return {}
    checked = {item.slug for item in items}
    wanted = {
        item.content.builds_on
        for item in items
        if item.content.builds_on and item.content.builds_on not in checked
    }
    found: dict[str, ParsedItem] = {}
    for slug in sorted(wanted):
        path = catalogue_root / Kind.LESSON.value / f"{slug}.md"
        if path.is_file():
            earlier, _errors = parse_file(path, catalogue_root)
            if earlier is not None:
                found[slug] = earlier
    return found


def check_sources(
    sources: Iterable[SourceFile], known_modules: set[str]
) -> tuple[list[ParsedItem], list[ContentError]]:
    """Check files held in memory as check_tree checks a folder, across files too;
    `known_modules` are the slugs of parent modules that exist outside these files."""
    items: list[ParsedItem] = []
    errors: list[ContentError] = []
    for source in sources:
        item, file_errors = parse_source(source.data, source.path, source.slug, source.folder)
        errors.extend(file_errors)
        if item is not None:
            items.append(item)
    errors.extend(_cross_file_errors(items, known_modules))
    return items, errors


def _module_slugs(catalogue_root: Path | None) -> set[str]:
    """Slugs of the parent modules on disk, so a part of the tree can be checked alone."""
    if catalogue_root is None:
        return set()
    return {path.stem for path in content_files(catalogue_root / Kind.PARENT_MODULE.value)}


def _catalogue_root(path: Path) -> Path | None:
    """The folder that holds the kind folders, if the path lies inside such a tree."""
    kinds = {kind.value for kind in Kind}
    for candidate in [path, *path.parents]:
        if candidate.is_dir() and any((candidate / kind).is_dir() for kind in kinds):
            return candidate
    return None


def _cross_file_errors(
    items: Iterable[ParsedItem],
    known_modules: set[str],
    *,
    whole_catalogue: bool = False,
    outside: dict[str, ParsedItem] | None = None,
) -> list[ContentError]:
    """Slugs and titles used twice, modules and earlier lessons that do not exist. An upload
    (not the whole catalogue) may build on a lesson outside it; a part of the tree checked
    alone finds its earlier lessons in `outside` (read from the rest of the tree)."""
    errors: list[ContentError] = []
    by_slug: dict[str, ParsedItem] = {}
    by_title: dict[str, ParsedItem] = {}
    for item in items:
        if item.slug in by_slug:
            other = by_slug[item.slug].path
            errors.append(ContentError(item.path, 1, "slug", f"also used by {other}"))
        by_slug.setdefault(item.slug, item)
        title = item.content.title.nl.casefold()
        if title in by_title:
            other = by_title[title].path
            errors.append(ContentError(item.path, 2, "title.nl", f"also used by {other}"))
        by_title.setdefault(title, item)
    lessons = (outside or {}) | by_slug
    for item in items:
        errors.extend(_builds_on_errors(item, lessons, whole_catalogue))
        for index, module in enumerate(item.content.modules):
            target = by_slug.get(module)
            found = (
                module in known_modules
                if target is None
                else (target.content.kind == Kind.PARENT_MODULE)
            )
            if not found:
                errors.append(
                    ContentError(
                        item.path, 2, f"modules.{index}", f"no parent module with slug {module!r}"
                    )
                )
    return errors


def _builds_on_errors(
    item: ParsedItem, by_slug: dict[str, ParsedItem], whole_catalogue: bool
) -> list[ContentError]:
    """A lesson builds on an earlier lesson of the same or a younger year."""
    slug = item.content.builds_on
    if slug is None:
        return []
    earlier = by_slug.get(slug)
    if earlier is None and not whole_catalogue:
        return []
    if earlier is None or earlier.content.kind != Kind.LESSON:
        return [ContentError(item.path, 2, "builds_on", f"no lesson with slug {slug!r}")]
    if slug == item.slug:
        return [ContentError(item.path, 2, "builds_on", "a lesson cannot build on itself")]
    mine, theirs = item.content.year, earlier.content.year
    if mine is not None and theirs is not None and theirs > mine:
        return [
            ContentError(
                item.path, 2, "builds_on", f"{slug!r} is for groep {theirs}, after groep {mine}"
            )
        ]
    return []
