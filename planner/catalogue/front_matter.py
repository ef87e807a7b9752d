"""Reading a content file's YAML front matter within limits, before any tree is built.

YAML can make a few hundred bytes stand for gigabytes (anchors and aliases that refer to each
other) and a deep nesting overflows the stack of whoever walks the tree. The front matter is
first streamed as parser events, which expand nothing: an anchor or alias, more nodes or
deeper nesting than a content file needs, and the file is refused at that line. Only then is
it composed and loaded, once, with the safe loader.
"""

from __future__ import annotations

import yaml

from planner.errors import DomainError

# The curated content needs a tenth of each: about 3,000 characters, 100 nodes, 5 levels.
MAX_CHARACTERS = 32 * 1024
MAX_NODES = 2_000
MAX_DEPTH = 10

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class FrontMatterLimitError(DomainError):
    """Front matter that is refused before it is read: `line` (0-based), and why as a code
    with parameters (planner/web/messages.py; `problem` for the catalogue's own report)."""

    def __init__(self, line: int, code: str, **params: object) -> None:
        super().__init__(code, line=line, **params)
        self.line = line


# The catalogue reports content errors to authors in English, in its own words (as for every
# other content error: `flask catalogue check`, the import page); the web layer has the same
# refusals as translated sentences.
PROBLEMS = {
    "front_matter.too_long": "is longer than {n:,} characters; keep the body below the '---'",
    "front_matter.anchors": (
        "anchors and aliases ('&name', '*name') are not allowed; write values out"
    ),
    "front_matter.too_many_values": "has more than {n:,} values",
    "front_matter.too_deep": "is nested deeper than {n} levels",
}


def problem(error: FrontMatterLimitError) -> str:
    """The refusal as the catalogue's content report says it."""
    return PROBLEMS[error.code].format(**error.params)


def load_front_matter(raw: str) -> tuple[yaml.Node | None, object]:
    """The front matter's node tree (for line numbers) and its data.

    Raises FrontMatterLimitError for front matter beyond the limits, yaml.YAMLError for
    front matter that is not YAML."""
    if len(raw) > MAX_CHARACTERS:
        line = raw.count("\n", 0, MAX_CHARACTERS)
        raise FrontMatterLimitError(line, "front_matter.too_long", n=MAX_CHARACTERS)
    _check_events(raw)
    loader = _Loader(raw)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _check_events(raw: str) -> None:
    """Walk the parser's events, which expand nothing, and stop at the first excess."""
    nodes = depth = 0
    for event in yaml.parse(raw, Loader=_Loader):
        line = event.start_mark.line if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterLimitError(line, "front_matter.anchors")
        if isinstance(event, _ENDS):
            depth -= 1
            continue
        if isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise FrontMatterLimitError(line, "front_matter.too_many_values", n=MAX_NODES)
        if isinstance(event, _STARTS):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterLimitError(line, "front_matter.too_deep", n=MAX_DEPTH)
