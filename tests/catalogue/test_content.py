"""The content format: valid files of every kind, and every kind of invalid file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalogue.content import check_tree, parse_file, parse_slides, parse_steps
from planner.catalogue.vocab import Kind

FIXTURES = Path(__file__).parent.parent / "data" / "catalogue"

LESSON_FRONT = """\
kind: lesson
title:
  nl: Een les
  en: A lesson
summary:
  nl: Kort.
grades: [5, 6]
themes: [privacy]
competences: [reflecteren]
audience: [pupils]
country: [NL]
duration_minutes: 45
source: test
goals: [Ik weet iets.]
conversation:
  - question: Wat vind jij?
    answers: [Niks]
"""


def slides(count: int, notes: bool = True) -> str:
    parts = []
    for number in range(1, count + 1):
        parts.append(f"## Dia {number}\n- punt\n")
        if notes:
            parts.append(f"> Notitie {number}\n")
    return "\n".join(parts)


def write(tmp_path: Path, kind: str, slug: str, front: str, body: str) -> Path:
    folder = tmp_path / "lessons" / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(Kind))
def test_fixture_catalogue_has_a_valid_file_of_every_kind(kind: Kind) -> None:
    items, errors = check_tree(FIXTURES)
    assert errors == []
    assert any(item.content.kind == kind for item in items)


def test_valid_lesson_parses_with_slides_and_notes(tmp_path: Path) -> None:
    path = write(tmp_path, "lesson", "een-les", LESSON_FRONT, slides(6))
    item, errors = parse_file(path, tmp_path / "lessons")
    assert errors == []
    assert item is not None
    assert item.slug == "een-les"
    assert item.content.title.get("en") == "A lesson"
    assert item.content.summary.get("en") == "Kort."  # falls back to Dutch
    parsed = parse_slides(item.body)
    assert [s.title for s in parsed] == [f"Dia {n}" for n in range(1, 7)]
    assert parsed[0].bullets == ("punt",)
    assert parsed[0].notes == "Notitie 1"


def test_slides_keep_links_and_multi_paragraph_notes() -> None:
    body = (
        "Intro.\n\n## Hulp\n- Kijk op [Meldknop](https://www.meldknop.nl)\n\n"
        "> Eerste alinea.\n>\n> Tweede alinea.\n"
    )
    [slide] = parse_slides(body)
    assert slide.bullets == ("Kijk op Meldknop",)
    assert slide.links[0].url == "https://www.meldknop.nl"
    assert slide.notes == "Eerste alinea.\n\nTweede alinea."


def test_protocol_steps_with_phases_and_details() -> None:
    phases = parse_steps("## Meteen\n1. Luister.\n\n   Neem de tijd.\n2. Bewaar bewijs.\n")
    assert phases[0].title == "Meteen"
    assert [step.text for step in phases[0].steps] == ["Luister.", "Bewaar bewijs."]
    assert phases[0].steps[0].detail == "Neem de tijd."


def errors_for(tmp_path: Path, front: str, body: str = "", kind: str = "lesson") -> list[str]:
    path = write(tmp_path, kind, "stuk", front, body or slides(6))
    _item, errors = parse_file(path, tmp_path / "lessons")
    return [str(error) for error in errors]


@pytest.mark.parametrize(
    ("change", "field", "line"),
    [
        (("themes: [privacy]", "themes: [onbekend]"), "themes.0", 9),
        (("grades: [5, 6]", "grades: [5, 9]"), "grades.1", 8),
        (("country: [NL]", "country: [FR]"), "country.0", 12),
        (("kind: lesson", "kind: poster"), "kind", 2),
        (("duration_minutes: 45\n", ""), "front matter", 2),
        (("  nl: Een les\n", ""), "title.nl", 3),
        (("source: test", "source: test\nonbekend_veld: ja"), "onbekend_veld", 15),
        (("goals: [Ik weet iets.]", "goals: []"), "front matter", 2),
        (("audience: [pupils]", "audience: [pupils, pupils]"), "audience", 11),
    ],
)
def test_invalid_front_matter_names_file_line_and_field(
    tmp_path: Path, change: tuple[str, str], field: str, line: int
) -> None:
    front = LESSON_FRONT.replace(*change)
    errors = errors_for(tmp_path, front)
    assert errors, "expected an error"
    assert any(e.startswith(f"lessons/lesson/stuk.md:{line}: {field}:") for e in errors), errors


def test_bad_url_is_refused(tmp_path: Path) -> None:
    front = LESSON_FRONT + "url: http//kapot\n"
    [error] = errors_for(tmp_path, front)
    assert ": url: must be a well-formed https:// address" in error


def test_malformed_yaml_reports_line_instead_of_crashing(tmp_path: Path) -> None:
    front = LESSON_FRONT.replace("grades: [5, 6]", "grades: [5, 6")
    [error] = errors_for(tmp_path, front)
    assert "front matter: not valid YAML" in error


def test_missing_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "lessons" / "lesson" / "leeg.md"
    path.parent.mkdir(parents=True)
    path.write_text("# Alleen tekst\n")
    _item, errors = parse_file(path, tmp_path / "lessons")
    assert [e.field for e in errors] == ["front matter"]


def test_binary_file_is_reported_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "lessons" / "lesson" / "kapot.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    _item, errors = parse_file(path, tmp_path / "lessons")
    assert errors[0].field == "file"


def test_lesson_slide_count_and_notes_are_checked(tmp_path: Path) -> None:
    too_few = errors_for(tmp_path, LESSON_FRONT, slides(3))
    assert any("6 to 12 slides, this one has 3" in e for e in too_few)
    no_notes = errors_for(tmp_path, LESSON_FRONT, slides(6, notes=False))
    assert sum("has no speaker notes" in e for e in no_notes) == 6


def test_too_many_bullets_on_a_slide(tmp_path: Path) -> None:
    crowded = "## Vol\n" + "".join(f"- punt {n}\n" for n in range(8)) + "\n> n\n" + slides(5)
    errors = errors_for(tmp_path, LESSON_FRONT, crowded)
    assert any("has 8 bullets" in e for e in errors)


def test_kind_must_match_folder(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, LESSON_FRONT, slides(6), kind="material")
    assert any(": kind: is 'lesson' but the file is in material/" in e for e in errors)


def test_protocol_without_steps(tmp_path: Path) -> None:
    front = LESSON_FRONT.replace("kind: lesson", "kind: protocol")
    errors = errors_for(tmp_path, front, "Alleen tekst.", kind="protocol")
    assert any("numbered steps" in e for e in errors)


def test_grades_or_ages_required_and_ordered(tmp_path: Path) -> None:
    front = LESSON_FRONT.replace("grades: [5, 6]", "age_min: 12\nage_max: 8")
    assert any("age_min is larger than age_max" in e for e in errors_for(tmp_path, front))
    front = LESSON_FRONT.replace("grades: [5, 6]\n", "")
    assert any("give grades, or age_min and age_max" in e for e in errors_for(tmp_path, front))


def test_check_tree_collects_errors_across_files(tmp_path: Path) -> None:
    write(tmp_path, "lesson", "een", LESSON_FRONT.replace("[privacy]", "[x]"), slides(6))
    write(tmp_path, "lesson", "twee", LESSON_FRONT.replace("[NL]", "[XX]"), slides(6))
    write(tmp_path, "lesson", "drie", LESSON_FRONT, slides(6))
    write(tmp_path, "lesson", "vier", LESSON_FRONT, slides(6))  # same title as drie
    evening = (
        "kind: parent_evening\ntitle: {nl: Avond}\nsummary: {nl: Kort}\ngrades: [5]\n"
        "themes: [privacy]\naudience: [parents]\ncountry: [NL]\nsource: t\n"
        "modules: [bestaat-niet]\n"
    )
    write(tmp_path, "parent_evening", "avond", evening, "Tekst.")
    items, errors = check_tree(tmp_path / "lessons")
    fields = {(Path(e.path).stem, e.field) for e in errors}
    assert ("een", "themes.0") in fields
    assert ("twee", "country.0") in fields
    assert ("vier", "title.nl") in fields
    assert ("avond", "modules.0") in fields
    assert {item.slug for item in items} >= {"drie", "vier"}


def test_bad_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "lesson", "Met_Hoofdletters", LESSON_FRONT, slides(6))
    _item, errors = parse_file(path, tmp_path / "lessons")
    assert [e.field for e in errors] == ["slug"]


def test_a_lesson_names_its_year_within_its_grades_and_what_it_builds_on(tmp_path: Path) -> None:
    write(tmp_path, "lesson", "eerste", LESSON_FRONT + "year: 5\n", slides(6))
    later = LESSON_FRONT.replace("Een les", "Een tweede les") + "year: 6\nbuilds_on: eerste\n"
    write(tmp_path, "lesson", "tweede", later, slides(6))
    items, errors = check_tree(tmp_path / "lessons")
    assert errors == []
    assert {item.slug: item.content.year for item in items} == {"eerste": 5, "tweede": 6}


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ("year: 7\n", "front matter", "year 7 is not one of the lesson's grades"),
        ("year: 5\nbuilds_on: bestaat-niet\n", "builds_on", "no lesson with slug 'bestaat-niet'"),
        ("year: 5\nbuilds_on: later\n", "builds_on", "'later' is for groep 6, after groep 5"),
        ("year: 5\nbuilds_on: een-les\n", "builds_on", "a lesson cannot build on itself"),
    ],
)
def test_a_wrong_year_or_builds_on_is_named(tmp_path: Path, extra, field, message) -> None:
    write(tmp_path, "lesson", "een-les", LESSON_FRONT + extra, slides(6))
    other = LESSON_FRONT.replace("Een les", "Later") + "year: 6\n"
    write(tmp_path, "lesson", "later", other, slides(6))
    _items, errors = check_tree(tmp_path / "lessons")
    assert [(e.field, e.message) for e in errors if "een-les" in e.path] == [(field, message)]


@pytest.mark.parametrize("checked", ["file", "folder"])
def test_one_file_or_folder_checked_alone_finds_the_lesson_it_builds_on(
    tmp_path: Path, checked: str
) -> None:
    """`flask catalogue check lessons/lesson/tweede.md` looks up what it builds on in the tree."""
    write(tmp_path, "lesson", "eerste", LESSON_FRONT + "year: 5\n", slides(6))
    later = LESSON_FRONT.replace("Een les", "Een tweede les") + "year: 6\nbuilds_on: eerste\n"
    path = write(tmp_path, "lesson", "tweede", later, slides(6))
    root = path if checked == "file" else path.parent
    items, errors = check_tree(root)
    assert errors == []
    assert [item.slug for item in items] == (
        ["tweede"] if checked == "file" else ["eerste", "tweede"]
    )


@pytest.mark.parametrize(
    ("builds_on", "message"),
    [
        ("bestaat-niet", "no lesson with slug 'bestaat-niet'"),
        ("later", "'later' is for groep 7, after groep 6"),
    ],
)
def test_one_file_checked_alone_still_names_a_wrong_builds_on(
    tmp_path: Path, builds_on: str, message: str
) -> None:
    older_grades = LESSON_FRONT.replace("grades: [5, 6]", "grades: [7, 8]")
    write(tmp_path, "lesson", "later", older_grades + "year: 7\n", slides(6))
    mine = LESSON_FRONT.replace("Een les", "Mijn les") + f"year: 6\nbuilds_on: {builds_on}\n"
    path = write(tmp_path, "lesson", "mijn-les", mine, slides(6))
    _items, errors = check_tree(path)
    assert [(e.field, e.message) for e in errors] == [("builds_on", message)]


def test_check_command_on_one_curated_lesson_that_builds_on_another(app) -> None:
    from planner.config import CURATED_CATALOGUE

    lessons = sorted((Path(CURATED_CATALOGUE) / "lesson").glob("*.md"))
    building = next(p for p in lessons if "\nbuilds_on:" in p.read_text(encoding="utf-8"))
    result = app.test_cli_runner().invoke(args=["catalogue", "check", str(building)])
    assert result.exit_code == 0, result.output
    assert "1 file(s) OK" in result.output
