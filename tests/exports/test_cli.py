"""`flask export ...`: the same files as the download buttons, for batch work."""

from __future__ import annotations

import io
from datetime import date, time

import openpyxl
import pytest
from icalendar import Calendar
from pptx import Presentation

from planner.evenings.operations import add_block, create_evening
from planner.plans import operations as plans
from tests.exports.conftest import YEAR, klas


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(args=["export", *args])

    return invoke


def slide_titles(path) -> list[str]:
    deck = Presentation(io.BytesIO(path.read_bytes()))
    return [slide.shapes.title.text for slide in deck.slides if slide.shapes.title]


def test_deck_of_a_lesson_with_class_date_and_teacher(run, school, tmp_path) -> None:
    out = tmp_path / "les.pptx"
    result = run(
        "deck",
        "--item", "cyberpesten-kijk-niet-weg-groep-7-8",
        "--school", "De Regenboog",
        "--class", "Groep 7/8",
        "--date", "2026-12-01",
        "--teacher", "Juf Anna",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    deck = Presentation(io.BytesIO(out.read_bytes()))
    first = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Groep 7/8" in first
    assert "Juf Anna" in first
    assert "1 december 2026" in first
    titles = slide_titles(out)
    assert titles[-1] == "Waar kun je terecht voor hulp?"


def test_every_command_takes_a_language(run, db, school, tmp_path) -> None:
    english = tmp_path / "les-en.pptx"
    result = run(
        "deck", "--item", "cyberpesten-kijk-niet-weg-groep-7-8", "--lang", "en",
        "--out", str(english),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # A deck speaks the language of its content: a Dutch lesson stays Dutch, generated
    # slides included, whatever the language asked for.
    assert slide_titles(english)[-1] == "Waar kun je terecht voor hulp?"

    workbook = tmp_path / "plan.xlsx"
    result = run(
        "plan", "--school", "De Regenboog", "--year", YEAR.label, "--class", "Groep 3",
        "--lang", "en", "--out", str(workbook),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(workbook).worksheets[0]
    assert sheet["A1"].value == "Date"
    assert isinstance(sheet["A2"].value, date)
    entries = plans.get_plan(klas(db, school, "Groep 3"), YEAR).entries
    assert sheet.max_row >= len(entries) + 1


def test_school_workbook_and_calendars(run, db, school, tmp_path) -> None:
    workbook = tmp_path / "school.xlsx"
    result = run("school", "--school", "De Regenboog", "--year", YEAR.label, "--out", str(workbook))
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(workbook).sheetnames
    assert ("Groep 3" in names and "Groep 7-8" in names) or "Groep 7 8" in names or len(names) >= 4

    whole = tmp_path / "school.ics"
    one = tmp_path / "groep3.ics"
    assert (
        run("ics", "--school", "De Regenboog", "--year", YEAR.label, "--out", str(whole)).exit_code
        == 0
    )
    result = run(
        "ics", "--school", "De Regenboog", "--year", YEAR.label, "--class", "Groep 3",
        "--out", str(one),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    all_events = Calendar.from_ical(whole.read_bytes()).walk("VEVENT")
    class_events = Calendar.from_ical(one.read_bytes()).walk("VEVENT")
    assert 0 < len(class_events) < len(all_events)
    plan = plans.get_plan(klas(db, school, "Groep 3"), YEAR)
    assert {f"plan-entry-{e.id}@jaarplanner" for e in plan.entries} <= {
        str(event["UID"]) for event in class_events
    }


def test_evening_by_id_or_the_next_one(run, db, school, tmp_path) -> None:
    later = create_evening(
        school, title="Infoavond later", day=date(2027, 3, 9), start_time=time(19, 30),
        end_time=time(21, 0), place="Aula", grades=[],
    )  # fmt: skip
    sooner = create_evening(
        school, title="Ouderavond online", day=date(2027, 2, 2), start_time=time(19, 30),
        end_time=time(21, 0), place="Aula", grades=[],
    )  # fmt: skip
    add_block(sooner, title="Welkom", minutes=10)
    db.session.commit()
    out = tmp_path / "avond.pptx"
    result = run("evening", "--school", "De Regenboog", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert slide_titles(out)[0] == "Ouderavond online"  # without --id: the next evening
    result = run("evening", "--school", "De Regenboog", "--id", str(later.id), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert slide_titles(out)[0] == "Infoavond later"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deck", "--item", "bestaat-niet"], "no lesson or parent module 'bestaat-niet'"),
        (["deck", "--item", "kindertelefoon"], "no lesson or parent module"),
        (["plan", "--school", "Onbekend", "--year", "2026-2027", "--class", "x"], "no school"),
        (["plan", "--school", "De Regenboog", "--year", "2026", "--class", "x"], "--year"),
        (
            ["plan", "--school", "De Regenboog", "--year", "2026-2027", "--class", "Groep 9"],
            "no class named 'Groep 9'",
        ),
        (["evening", "--school", "De Regenboog"], "has no parent evening planned"),
        (["evening", "--school", "De Regenboog", "--id", "999"], "no parent evening 999"),
        (["ics", "--school", "De Regenboog", "--year", "2026-2027", "--lang", "fr"], "--lang"),
    ],
)
def test_mistakes_get_a_clear_message_and_no_file(run, school, tmp_path, args, message) -> None:
    out = tmp_path / "uit.bin"
    result = run(*args, "--out", str(out))
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_folder_is_named(run, school, tmp_path) -> None:
    result = run(
        "school", "--school", "De Regenboog", "--year", YEAR.label,
        "--out", str(tmp_path / "bestaat-niet" / "school.xlsx"),
    )  # fmt: skip
    assert result.exit_code != 0
    assert "does not exist" in result.output
