"""Extract the msgids of the data files for Babel (`make translations`, babel.cfg).

Interface texts kept in YAML data files (e.g. planner/policy/data/questions.yaml) are English
msgids under the keys below; this yields each of them so they land in messages.pot and are
translated like the texts in the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import yaml

TRANSLATED_KEYS = frozenset({"title", "help", "title_be", "help_be", "label"})


def extract_yaml(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: (line, function, msgid, comments) for every translated value."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    yield from _walk(root)


def _walk(node: yaml.Node | None) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value in TRANSLATED_KEYS
                and isinstance(value, yaml.ScalarNode)
            ):
                yield value.start_mark.line + 1, "_", value.value, []
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)
