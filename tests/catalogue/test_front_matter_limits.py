"""Front matter that would cost the server memory or time is refused before it is read."""

from __future__ import annotations

import html
import re
import tracemalloc
from pathlib import Path

import pytest

from planner.catalogue.content import parse_source
from planner.catalogue.front_matter import MAX_DEPTH, MAX_NODES
from tests.catalogue.test_import import lesson, own_items, upload

pytestmark = pytest.mark.usefixtures("loaded")

# Nine lists of nine, each made of the one before, seven deep: 9**7 values from 362 bytes.
LETTERS = "abcdefgh"
ALIAS_BOMB = (
    "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{name}: &{name} [" + ",".join([f"*{LETTERS[n]}"] * 9) + "]\n"
        for n, name in enumerate(LETTERS[1:])
    )
    + "---\nbody\n"
)
SIXTY_THOUSAND_KEYS = "---\n" + "".join(f"k{n}: {n}\n" for n in range(60_000)) + "---\nbody\n"
FLOW_KEYS = "---\nextra: {" + ", ".join(f"k{n}: 1" for n in range(MAX_NODES)) + "}\n---\nbody\n"
DEEP_LISTS = "---\nkind: lesson\ngoals: " + "[" * 5_000 + "]" * 5_000 + "\n---\nbody\n"
NESTED = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
DEEP_ENOUGH = f"---\nkind: lesson\ngoals: {NESTED}\n---\nbody\n"


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog", "NL", "midden")


def problems(response) -> list[str]:
    """The problems the import page lists, as path:line: field: message."""
    rows = re.findall(
        r'<tr class="problem"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>',
        response.get_data(as_text=True),
    )
    return [
        html.unescape(f"{path}:{line}: {field}: {message}") for path, line, field, message in rows
    ]


def test_the_alias_bomb_is_refused_with_bounded_memory(db, regenboog, login):
    assert len(ALIAS_BOMB) <= 400
    client = login(regenboog, "coordinator")
    tracemalloc.start()
    try:
        response = upload(client, "bom.md", ALIAS_BOMB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert [p[:37] for p in problems(response)] == ["bom.md:2: front matter: anchors and a"]
    assert peak < 50 * 1024 * 1024  # expanded, the aliases take gigabytes
    assert own_items(regenboog) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (SIXTY_THOUSAND_KEYS, "groot.md:2917: front matter: is longer than 32,768 characters"),
        (FLOW_KEYS, f"groot.md:2: front matter: has more than {MAX_NODES:,} values"),
        (DEEP_LISTS, "groot.md:3: front matter:"),
        (DEEP_ENOUGH, f"groot.md:3: front matter: is nested deeper than {MAX_DEPTH} levels"),
    ],
    ids=["60000 keys", "flow keys", "5000 deep", "just too deep"],
)
def test_huge_or_deep_front_matter_gets_a_clear_400(db, regenboog, login, text, where):
    response = upload(login(regenboog, "coordinator"), "groot.md", text)
    assert response.status_code == 400
    assert [p[: len(where)] for p in problems(response)] == [where]
    assert own_items(regenboog) == []


def test_an_anchor_in_an_otherwise_good_file_is_named(app):
    good = lesson().replace("themes: [gamen]", "themes: &t [gamen]")
    _item, errors = parse_source(good.encode(), "lesson/les.md", "les", "lesson")
    assert [str(error) for error in errors] == [
        "lesson/les.md:8: front matter: anchors and aliases ('&name', '*name') are not "
        "allowed; write values out"
    ]
    _item, errors = parse_source(lesson().encode(), "lesson/les.md", "les", "lesson")
    assert errors == []


def test_catalogue_check_names_the_file_and_line(app, tmp_path: Path):
    folder = tmp_path / "lessons" / "lesson"
    folder.mkdir(parents=True)
    (folder / "bom.md").write_text(ALIAS_BOMB)
    (folder / "diep.md").write_text(DEEP_LISTS)
    result = app.test_cli_runner().invoke(args=["catalogue", "check", str(tmp_path / "lessons")])
    assert result.exit_code == 1
    assert "lessons/lesson/bom.md:2: front matter: anchors and aliases" in result.output
    assert "lessons/lesson/diep.md:3: front matter:" in result.output
    assert "Traceback" not in result.output
