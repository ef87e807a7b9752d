"""Small content files for the format tests: a lesson front matter and a body, on disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.catalogue.content import ParsedItem, parse_file

FRONT = """\
kind: lesson
title:
  nl: Een les
summary:
  nl: Kort.
grades: [5, 6]
themes: [privacy]
competences: [reflecteren]
audience: [pupils]
country: [NL, BE]
duration_minutes: 45
source: test
goals: [Ik weet iets.]
conversation:
  - question: Wat vind jij?
    answers: [Niks]
"""


def filler_slides(count: int) -> str:
    """Plain slides with notes, to reach the six slides a lesson needs."""
    return "".join(f"\n## Extra {n}\n- punt\n\n> Notitie {n}\n" for n in range(1, count + 1))


@dataclass
class Written:
    item: ParsedItem | None
    errors: list[str]
    path: Path

    def line(self, text: str) -> int:
        """The line of the file (1-based) where `text` first appears."""
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if text in line:
                return number
        raise AssertionError(f"{text!r} is not in {self.path}")

    def error_at(self, text: str, field: str, message: str) -> bool:
        """Whether an error names this file, the line holding `text`, the field and message."""
        prefix = f"lessons/{self.path.parent.name}/{self.path.name}:{self.line(text)}: {field}:"
        return any(e.startswith(prefix) and message in e for e in self.errors)


WriteLesson = Callable[..., Written]


@pytest.fixture
def write_lesson(tmp_path: Path) -> WriteLesson:
    """Write a content file (a lesson unless the front matter says otherwise) and read it.

    `body` is the whole body; `fill` adds that many plain slides after it; `front` replaces
    the front matter; `extra` is appended to it."""

    def write(
        body: str,
        *,
        fill: int = 0,
        front: str = FRONT,
        extra: str = "",
        kind: str = "lesson",
        slug: str = "stuk",
    ) -> Written:
        folder = tmp_path / "lessons" / kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug}.md"
        path.write_text(f"---\n{front}{extra}---\n{body}{filler_slides(fill)}", encoding="utf-8")
        item, errors = parse_file(path, tmp_path / "lessons")
        return Written(item, [str(error) for error in errors], path)

    return write
