"""Workbooks as .xlsx: re-opened with openpyxl and inspected cell by cell."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from planner.exports.rows import (
    class_plan,
    plan_rows,
    school_class_plans,
    workbook_labels,
    workbook_options,
)
from planner.exports.workbook import (
    GAP_FILL,
    ClassPlan,
    GuestRow,
    PlanRow,
    class_plan_sheet,
    render_workbook,
    school_workbook_sheets,
    sheet_name,
)
from planner.plans import operations
from planner.plans.models import EntryStatus
from tests.exports.conftest import YEAR, klas, plan_of

DUTCH_HEADER = [
    "Datum",
    "Week",
    "Weekday",  # no Dutch translation in the catalogue yet
    "Activiteit",
    "Soort",
    "Thema's",
    "Duur (min)",
    "Status",
    "Notitie",
]
USER_TEXT = ('=HYPERLINK("https://example.org","klik")', "+31 6 12345678", "-", "@x", "=1+1")


def reopen(data: bytes):
    return load_workbook(io.BytesIO(data))


def class_workbook(db, school, locale: str = "nl") -> tuple[bytes, int]:
    plan = plan_of(db, school, "Groep 7/8")
    rows = plan_rows(plan, locale)
    labels = workbook_labels(locale, "NL")
    sheet = class_plan_sheet("Groep 7/8", rows, labels)
    return render_workbook([sheet], workbook_options(locale, "Groep 7/8")), len(rows)


def test_a_class_plan_sheet(db, school) -> None:
    data, count = class_workbook(db, school)
    workbook = reopen(data)
    assert workbook.sheetnames == ["Groep 7-8"]
    sheet = workbook["Groep 7-8"]
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["Datum", "Week"]
    assert header[3:] == DUTCH_HEADER[3:]
    assert sheet.max_row == count + 1
    assert sheet.freeze_panes == "A2"
    (table,) = sheet.tables.values()
    assert table.ref == f"A1:I{count + 1}"
    assert [column.name for column in table.tableColumns] == header


def test_dates_are_dates_in_the_document_language(db, school) -> None:
    sheet = reopen(class_workbook(db, school)[0]).active
    plan = plan_of(db, school, "Groep 7/8")
    first = sheet["A2"]
    assert isinstance(first.value, datetime)
    assert first.is_date
    assert first.number_format == "dd-mm-yyyy"
    assert first.value.date() == plan.entries[0].day
    assert sheet["B2"].value == plan.entries[0].day.isocalendar().week
    assert sheet["C2"].value in {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"}
    assert {sheet.cell(row, 8).value for row in range(2, sheet.max_row + 1)} == {"Gepland"}


def test_the_status_is_a_drop_down_of_translated_statuses(db, school) -> None:
    data, count = class_workbook(db, school)
    sheet = reopen(data).active
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Gepland,Gedaan,Overgeslagen"'
    assert str(validation.sqref) == f"H2:H{count + 1}"


def test_english_workbook(db, school) -> None:
    sheet = reopen(class_workbook(db, school, "en")[0]).active
    assert [cell.value for cell in sheet[1]][:4] == ["Date", "Week", "Weekday", "Activity"]
    assert sheet.data_validations.dataValidation[0].formula1 == '"Planned,Done,Skipped"'


def test_flemish_dates(db, flemish_school) -> None:
    plan = plan_of(db, flemish_school, "Groep 7/8")
    sheet_def = class_plan_sheet(
        "Groep 7/8", plan_rows(plan, "nl_BE"), workbook_labels("nl_BE", "BE")
    )
    sheet = reopen(render_workbook([sheet_def], workbook_options("nl_BE"))).active
    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet["A2"].value.date() == plan.entries[0].day


def test_ready_to_print_on_a4_landscape(db, school) -> None:
    sheet = reopen(class_workbook(db, school)[0]).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"


def test_what_a_teacher_types_stays_text_and_never_becomes_a_formula(db, school) -> None:
    plan = plan_of(db, school, "Groep 7/8")
    for entry, text in zip(plan.entries, USER_TEXT, strict=False):
        operations.set_status(entry, EntryStatus.DONE, text)
    db.session.commit()
    extra = PlanRow(date(2026, 10, 6), 41, "dinsdag", "+31 6 12345678", "-", "@x", None, "", "")
    rows = [*plan_rows(plan, "nl"), extra]
    data = render_workbook([class_plan_sheet("Groep 7/8", rows, workbook_labels("nl", "NL"))])
    sheet = reopen(data).active
    notes = [sheet.cell(row, 9) for row in range(2, 2 + len(USER_TEXT))]
    assert [cell.value for cell in notes] == list(USER_TEXT)
    assert {cell.data_type for cell in notes} == {"s"}
    last = sheet[sheet.max_row]
    assert [last[i].value for i in (3, 4, 5)] == ["+31 6 12345678", "-", "@x"]
    assert {last[i].data_type for i in (3, 4, 5)} == {"s"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    assert b"<f " not in xml
    assert "Gedaan" in {sheet.cell(row, 8).value for row in range(2, sheet.max_row)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Groep 7/8", "Groep 7-8"),
        ("Coverage: grades and themes", "Coverage grades and themes"),
        ("K[1]*?\\x", "K-1----x"),
        ("'quoted'", "quoted"),
        (
            "Een heel erg lange naam van een klas met veel woorden",
            "Een heel erg lange naam van een",
        ),
        ("", "-"),
    ],
)
def test_sheet_names_excel_accepts(name: str, expected: str) -> None:
    assert sheet_name(name) == expected
    assert len(sheet_name(name)) <= 31


def test_sheet_names_are_unique(app) -> None:
    labels = workbook_labels("nl", "NL")
    names = ["Groep 7/8", "groep 7-8", "History", "A" * 40, "A" * 35]
    data = render_workbook(class_plan_sheet(name, [], labels) for name in names)
    sheet_names = reopen(data).sheetnames
    assert sheet_names == [
        "Groep 7/8".replace("/", "-"),
        "groep 7-8 (2)",
        "History (2)",
        "A" * 31,
        "A" * 27 + " (2)",
    ]
    assert all(len(name) <= 31 for name in sheet_names)


def test_the_school_workbook(db, school) -> None:
    classes = list(school_class_plans(school, YEAR, "nl"))
    data = render_workbook(school_workbook_sheets(classes, workbook_labels("nl", "NL")))
    workbook = reopen(data)
    assert workbook.sheetnames == [
        "Schooloverzicht",
        "Groep 3",
        "Groep 7-8",
        "Dekking leerjaren en thema's",
        "Gastlessen",
    ]
    overview = workbook["Schooloverzicht"]
    assert overview.freeze_panes == "B2"
    assert [overview.cell(row, 1).value for row in (1, 2, 3)] == ["Groep", "Groep 3", "Groep 7/8"]
    weeks = [cell.value for cell in overview[1]][1:]
    assert weeks
    assert all(week.startswith("Week ") for week in weeks)
    titles = {row.activity for row in classes[1].rows}
    cells = [cell.value for cell in overview[3][1:] if cell.value]
    assert {title for cell in cells for title in cell.split("\n")} == titles
    assert overview.print_title_cols == "$A:$A"

    per_class = workbook["Groep 7-8"]
    assert [c.value for c in per_class[1]][3:] == DUTCH_HEADER[3:]
    assert per_class.max_row == len(classes[1].rows) + 1


def test_the_coverage_sheet_highlights_gaps(app) -> None:
    labels = workbook_labels("nl", "NL")
    only_privacy = ClassPlan("Groep 5", (5,), (), {"privacy": 2})
    data = render_workbook(school_workbook_sheets([only_privacy], labels))
    coverage = reopen(data)["Dekking leerjaren en thema's"]
    header = [cell.value for cell in coverage[1]]
    assert header[0] == "Leerjaar"
    assert "Privacy" in header
    row = {header[i]: cell for i, cell in enumerate(coverage[2])}
    assert row["Leerjaar"].value == "groep 5"
    assert row["Privacy"].value == 2
    assert row["Privacy"].fill.fgColor.rgb != GAP_FILL.fgColor.rgb
    assert row["Cyberpesten"].value == 0
    assert row["Cyberpesten"].fill.fgColor.rgb == GAP_FILL.fgColor.rgb
    assert row["Sexting, grooming en grenzen"].value == 0  # not a core theme at this age: no gap
    assert row["Sexting, grooming en grenzen"].fill.fgColor.rgb != GAP_FILL.fgColor.rgb


def test_the_guest_sessions_sheet(app) -> None:
    labels = workbook_labels("nl", "NL")
    guest = GuestRow(
        date(2026, 11, 10), "Groep 7/8", "Gastles online pesten", "Bureau X", "Aangevraagd"
    )
    school_class = ClassPlan("Groep 7/8", (7, 8), (), {}, (guest,))
    sheet = reopen(render_workbook(school_workbook_sheets([school_class], labels)))["Gastlessen"]
    assert [cell.value for cell in sheet[1]] == [
        "Datum",
        "Groep",
        "Gastles",
        "Aanbieder",
        "Boeking",
    ]
    assert [cell.value for cell in sheet[2]][1:] == [
        "Groep 7/8",
        "Gastles online pesten",
        "Bureau X",
        "Aangevraagd",
    ]
    assert sheet["A2"].is_date


def test_guest_sessions_of_a_generated_plan(db, school) -> None:
    bookings, _clashes = operations.guest_bookings(school, YEAR)
    plan = plan_of(db, school, "Groep 7/8")
    one = class_plan(klas(db, school, "Groep 7/8"), plan, "nl", ())
    assert len(one.guests) == sum(1 for b in bookings if b.school_class.name == "Groep 7/8")


def board(classes: int) -> Iterator[ClassPlan]:
    """A generated board: classes made one at a time, as a database cursor would."""
    start = date(2026, 9, 1)
    for number in range(classes):
        rows = tuple(
            PlanRow(
                start + timedelta(weeks=3 * n),
                (start + timedelta(weeks=3 * n)).isocalendar().week,
                "dinsdag",
                f"Les {n}",
                "Les",
                "Privacy",
                45,
                "Gepland",
                "",
            )
            for n in range(12)
        )
        yield ClassPlan(f"Klas {number}", (3 + number % 6,), rows, {"privacy": 12})


def test_a_board_is_written_in_write_only_mode(app) -> None:
    data = render_workbook(school_workbook_sheets(board(120), workbook_labels("nl", "NL")))
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    assert len(workbook.sheetnames) == 123
    assert workbook.sheetnames[0] == "Schooloverzicht"
    assert workbook.sheetnames[-2:] == ["Dekking leerjaren en thema's", "Gastlessen"]
    assert sum(1 for _row in workbook["Schooloverzicht"].iter_rows()) == 121
    assert sum(1 for _row in workbook["Klas 119"].iter_rows()) == 13
    workbook.close()


def test_the_class_plan_prints_on_one_page(db, school, to_pdf) -> None:
    assert to_pdf(class_workbook(db, school)[0], ".xlsx") == 1
