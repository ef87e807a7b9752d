"""Workbooks as Excel files: sheets of typed rows in, the bytes of an .xlsx out.

The builders take plain rows that the caller has already put into words in the document's
language (see planner.exports.rows), so this module needs no database and no request. Rows
are iterables consumed once and the renderer writes in openpyxl's write-only mode, so a
board with a thousand classes is streamed to disk sheet by sheet instead of held in memory.

Text is always written as text: a note that starts with "=", "+", "-" or "@" stays what the
teacher typed and never becomes a formula.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from planner.plans.coverage import Coverage, GradeCoverage, coverage

CellValue = str | int | float | date | datetime | None

MAX_SHEET_NAME = 31
DEFAULT_WIDTH = 10
LINE_HEIGHT = 15  # points, for 11 pt text
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@")

ACCENT = "1D5C63"
GAP_FILL = PatternFill("solid", start_color="F6D7A7", end_color="F6D7A7")
HEADER_FILL = PatternFill("solid", start_color=ACCENT, end_color=ACCENT)
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
_LINE = Side(style="thin", color="C9D6D8")
BORDER = Border(bottom=_LINE)
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(vertical="top", horizontal="center")
BODY_FONT = Font(name="Calibri", size=11)
NOTE_FONT = Font(name="Calibri", size=10, italic=True)


@dataclass(frozen=True)
class Highlight:
    """A cell value shown with the highlight fill, e.g. a gap in the coverage."""

    value: CellValue


@dataclass(frozen=True)
class Choice:
    """A drop-down list on one column (0-based) of a sheet's data rows."""

    column: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """One sheet: a header row and data rows (an iterable that is read once)."""

    name: str
    header: tuple[str, ...]
    rows: Iterable[Sequence[CellValue | Highlight]]
    column_widths: tuple[float, ...] = ()
    wrap_columns: frozenset[int] = frozenset()
    choices: tuple[Choice, ...] = ()
    frozen_columns: int = 0  # columns kept in view (and on every printed page) besides the header
    fit_to_width: bool = True
    position: int | None = None  # where the sheet goes in the workbook; None: after the others
    footnote: str = ""  # a line under the table, e.g. what a highlighted cell means


@dataclass(frozen=True)
class WorkbookOptions:
    """How to write: dates as the document's language writes them, and the file's title."""

    date_format: str = "dd-mm-yyyy"
    title: str = ""
    language: str = "nl"


# --- plain data from the plans --------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One plan entry in words: what a class plan sheet shows on one row."""

    day: date
    week: int
    weekday: str
    activity: str
    kind: str
    themes: str
    duration: int | None
    status: str
    note: str


@dataclass(frozen=True)
class GuestRow:
    day: date
    class_name: str
    activity: str
    provider: str
    booking: str


@dataclass(frozen=True)
class ClassPlan:
    """One class for the school workbook: its rows, its theme counts and its guest sessions."""

    name: str
    grades: tuple[int, ...]
    rows: tuple[PlanRow, ...]
    theme_counts: Mapping[str, int] = field(default_factory=dict)
    guests: tuple[GuestRow, ...] = ()


@dataclass(frozen=True)
class WorkbookLabels:
    """Every word the sheets need, in the document's language."""

    date: str
    week: str
    weekday: str
    activity: str
    kind: str
    themes: str
    duration: str
    status: str
    note: str
    statuses: tuple[str, ...]
    class_: str
    overview: str
    coverage: str
    coverage_note: str
    grade: str
    guest_sessions: str
    guest_session: str
    provider: str
    booking: str
    theme_names: tuple[tuple[str, str], ...]  # (theme code, label), in the order to show
    grade_names: Mapping[int, str]

    @property
    def plan_header(self) -> tuple[str, ...]:
        return (
            self.date,
            self.week,
            self.weekday,
            self.activity,
            self.kind,
            self.themes,
            self.duration,
            self.status,
            self.note,
        )


PLAN_WIDTHS = (11, 6, 11, 36, 14, 26, 7, 11, 30)
_STATUS_COLUMN = 7


def class_plan_sheet(name: str, rows: Iterable[PlanRow], labels: WorkbookLabels) -> Sheet:
    """A class's plan: one row per entry, the status as a drop-down list."""
    return Sheet(
        name=name,
        header=labels.plan_header,
        rows=(_plan_values(row) for row in rows),
        column_widths=PLAN_WIDTHS,
        wrap_columns=frozenset({3, 5, 8}),
        choices=(Choice(_STATUS_COLUMN, labels.statuses),),
    )


def _plan_values(row: PlanRow) -> tuple[CellValue, ...]:
    return (
        row.day,
        row.week,
        row.weekday,
        row.activity,
        row.kind,
        row.themes,
        row.duration,
        row.status,
        row.note,
    )


def school_workbook_sheets(classes: Iterable[ClassPlan], labels: WorkbookLabels) -> Iterator[Sheet]:
    """The school's workbook: an overview (first), a sheet per class, coverage, guest sessions.

    Classes are read one at a time; only what the overview, coverage and guest sheets show
    is kept (titles per class and week, counts per grade and theme, the guest sessions).
    """
    weeks_by_class: list[tuple[str, dict[tuple[int, int], list[str]]]] = []
    counted: list[tuple[tuple[int, ...], Mapping[str, int]]] = []
    guests: list[GuestRow] = []
    for school_class in classes:
        by_week: dict[tuple[int, int], list[str]] = defaultdict(list)
        for row in school_class.rows:
            by_week[(row.day.isocalendar().year, row.day.isocalendar().week)].append(row.activity)
        weeks_by_class.append((school_class.name, by_week))
        counted.append((school_class.grades, school_class.theme_counts))
        guests.extend(school_class.guests)
        yield class_plan_sheet(school_class.name, school_class.rows, labels)
    yield _overview_sheet(weeks_by_class, labels)
    yield _coverage_sheet(coverage(counted), labels)
    yield _guest_sheet(guests, labels)


def _overview_sheet(
    weeks_by_class: list[tuple[str, dict[tuple[int, int], list[str]]]], labels: WorkbookLabels
) -> Sheet:
    weeks = sorted({week for _name, by_week in weeks_by_class for week in by_week})
    numbers = Counter(number for _year, number in weeks)
    header = tuple(
        f"{labels.week} {number}" if numbers[number] == 1 else f"{labels.week} {number} ({year})"
        for year, number in weeks
    )
    rows = (
        (name, *("\n".join(by_week.get(week, ())) or None for week in weeks))
        for name, by_week in weeks_by_class
    )
    return Sheet(
        name=labels.overview,
        header=(labels.class_, *header),
        rows=rows,
        column_widths=(16, *(22 for _week in weeks)),
        wrap_columns=frozenset(range(1, len(weeks) + 1)),
        frozen_columns=1,
        fit_to_width=False,
        position=0,
    )


def _coverage_sheet(school: Coverage, labels: WorkbookLabels) -> Sheet:
    """Grades by themes; a core theme for a grade that no plan covers is highlighted."""

    def row(grade: GradeCoverage) -> tuple[CellValue | Highlight, ...]:
        cells: list[CellValue | Highlight] = [labels.grade_names.get(grade.grade, str(grade.grade))]
        for theme, _label in labels.theme_names:
            count = grade.count(theme)
            cells.append(Highlight(count) if grade.is_gap(theme) else count)
        return tuple(cells)

    return Sheet(
        name=labels.coverage,
        header=(labels.grade, *(label for _theme, label in labels.theme_names)),
        rows=(row(grade) for grade in school.rows),
        column_widths=(20, *(14 for _theme in labels.theme_names)),
        wrap_columns=frozenset({0}),
        frozen_columns=1,
        footnote=labels.coverage_note,
    )


def _guest_sheet(guests: list[GuestRow], labels: WorkbookLabels) -> Sheet:
    guests.sort(key=lambda g: (g.day, g.provider, g.class_name))
    return Sheet(
        name=labels.guest_sessions,
        header=(labels.date, labels.class_, labels.guest_session, labels.provider, labels.booking),
        rows=((g.day, g.class_name, g.activity, g.provider, g.booking) for g in guests),
        column_widths=(12, 16, 36, 30, 14),
        wrap_columns=frozenset({2, 3}),
    )


# --- rendering ------------------------------------------------------------------------------


def render_workbook(sheets: Iterable[Sheet], options: WorkbookOptions = WorkbookOptions()) -> bytes:
    """The sheets as the bytes of an .xlsx file: tables, drop-downs, ready to print on A4."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = options.title or None
    workbook.properties.language = options.language.replace("_", "-")
    names = _SheetNames()
    styles = _Styles(workbook, options.date_format)
    for number, sheet in enumerate(sheets, start=1):
        worksheet = workbook.create_sheet(names.claim(sheet.name), sheet.position)
        _write_sheet(worksheet, sheet, number, styles)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_name(name: str) -> str:
    """A name Excel accepts: none of []:*?/\\, no quote at either end, at most 31 characters."""
    cleaned = _FORBIDDEN_IN_SHEET_NAMES.sub(lambda m: "" if m.group() == ":" else "-", name)
    cleaned = " ".join(cleaned.split()).strip("'")
    return cleaned[:MAX_SHEET_NAME].strip() or "-"


class _SheetNames:
    """Hands out sheet names that are valid and unique (Excel ignores case)."""

    def __init__(self) -> None:
        self.taken = {"history"}  # reserved by Excel

    def claim(self, wanted: str) -> str:
        base = sheet_name(wanted)
        name, number = base, 1
        while name.casefold() in self.taken:
            number += 1
            suffix = f" ({number})"
            name = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        self.taken.add(name.casefold())
        return name


def _write_sheet(worksheet, sheet: Sheet, number: int, styles: _Styles) -> None:
    widths = [
        sheet.column_widths[i] if i < len(sheet.column_widths) else DEFAULT_WIDTH
        for i in range(len(sheet.header))
    ]
    for index, column_width in enumerate(widths):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = column_width
    # In write-only mode the sheet's top (properties, view, columns) goes out with the first
    # row: everything that lives there is set before any row is appended.
    worksheet.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}2"
    _print_setup(worksheet, sheet)
    header = _unique(sheet.header)
    header_cells = [_text_cell(worksheet, text, styles, "header") for text in header]
    _append(worksheet, 1, header_cells, header, widths)
    last_row = 1
    for values in sheet.rows:
        last_row += 1
        cells = [
            _cell(worksheet, value, index in sheet.wrap_columns, styles)
            for index, value in enumerate(values)
        ]
        wrapped = [v if i in sheet.wrap_columns else None for i, v in enumerate(values)]
        _append(worksheet, last_row, cells, wrapped, widths)
    if last_row > 1:
        _add_table(worksheet, header, f"A1:{get_column_letter(len(header))}{last_row}", number)
        for choice in sheet.choices:
            _add_choice(worksheet, choice, last_row)
    if sheet.footnote:
        worksheet.append([])
        worksheet.append([_text_cell(worksheet, sheet.footnote, styles, "note")])


def _append(worksheet, row: int, cells: list[Cell], texts: Sequence, widths: list[float]) -> None:
    """Append a row, as tall as its wrapped text needs (spreadsheets do not grow rows when
    they open a file, so without a height the lines would overlap the next row)."""
    lines = max(
        (_lines(text, width) for text, width in zip(texts, widths, strict=False)), default=1
    )
    if lines > 1:
        worksheet.row_dimensions[row].height = lines * LINE_HEIGHT + 3
    worksheet.append(cells)
    if lines > 1:
        del worksheet.row_dimensions[row]  # written; a streamed sheet keeps nothing per row


def _lines(text: object, width: float) -> int:
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _unique(header: Sequence[str]) -> list[str]:
    """Table columns need distinct, non-empty names."""
    seen: set[str] = set()
    names = []
    for index, text in enumerate(header, start=1):
        name = _clean(text) or str(index)
        while name.casefold() in seen:
            name = f"{name} ({index})"
        seen.add(name.casefold())
        names.append(name)
    return names


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class _Styles:
    """Named cell styles, made once per workbook. Applying one is much cheaper than setting
    font, fill, border and alignment cell by cell, and a board has over 100,000 cells."""

    def __init__(self, workbook: Workbook, date_format: str) -> None:
        self.workbook = workbook
        self.date_format = date_format
        self.arrays: dict[tuple[str, bool], StyleArray] = {}

    def apply(self, cell: Cell, kind: str, highlighted: bool = False) -> Cell:
        key = (kind, highlighted)
        array = self.arrays.get(key)
        if array is None:
            name = f"Jaarplanner {kind}{' (gap)' if highlighted else ''}"
            style = self._style(name, kind, highlighted)
            self.workbook.add_named_style(style)
            array = self.arrays[key] = style.as_tuple()
        # What `cell.style = name` does, without looking the name up in a list every time.
        cell._style = copy(array)
        return cell

    def _style(self, name: str, kind: str, highlighted: bool) -> NamedStyle:
        style = NamedStyle(name=name, font=BODY_FONT, border=BORDER, alignment=TOP)
        if kind == "header":
            style.font, style.fill, style.alignment = HEADER_FONT, HEADER_FILL, WRAP
        elif kind == "note":
            style.font, style.border = NOTE_FONT, Border()
        elif kind == "wrap":
            style.alignment = WRAP
        elif kind == "number":
            style.alignment = CENTRE
        elif kind == "date":
            style.number_format = self.date_format
        if highlighted:
            style.fill = GAP_FILL
        return style


def _text_cell(worksheet, text: str, styles: _Styles, kind: str, highlighted: bool = False) -> Cell:
    """Text stays text: a value that looks like a formula is stored as a string."""
    cell = styles.apply(WriteOnlyCell(worksheet, value=_clean(text)), kind, highlighted)
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and stays text when someone edits it in Excel
    return cell


def _cell(worksheet, value: CellValue | Highlight, wrap: bool, styles: _Styles) -> Cell:
    highlighted = isinstance(value, Highlight)
    if isinstance(value, Highlight):
        value = value.value
    if isinstance(value, str):
        return _text_cell(worksheet, value, styles, "wrap" if wrap else "text", highlighted)
    if isinstance(value, date):
        kind = "date"
    elif isinstance(value, int | float):
        kind = "number"
    else:
        kind = "wrap" if wrap else "text"
    return styles.apply(WriteOnlyCell(worksheet, value=value), kind, highlighted)


def _add_table(worksheet, header: Sequence[str], ref: str, number: int) -> None:
    table = Table(
        displayName=f"Table{number}",
        ref=ref,
        tableColumns=[TableColumn(id=i, name=name) for i, name in enumerate(header, start=1)],
        autoFilter=AutoFilter(ref=ref),
        tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
    )
    # add_table() warns in write-only mode even when the columns are named, as they are here.
    worksheet.tables.add(table)


def _add_choice(worksheet, choice: Choice, last_row: int) -> None:
    if any("," in value or '"' in value for value in choice.values):
        raise ValueError("drop-down values cannot contain commas or double quotes")
    validation = DataValidation(
        type="list", formula1='"' + ",".join(choice.values) + '"', allow_blank=True
    )
    column = get_column_letter(choice.column + 1)
    validation.add(f"{column}2:{column}{last_row}")
    worksheet.data_validations.append(validation)


def _print_setup(worksheet, sheet: Sheet) -> None:
    """A4 landscape, the header on every page, as wide as the page where that stays legible."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if sheet.fit_to_width:
        worksheet.sheet_properties.pageSetUpPr.fitToPage = True
        worksheet.page_setup.fitToWidth = 1
        worksheet.page_setup.fitToHeight = 0
    worksheet.print_title_rows = "1:1"
    if sheet.frozen_columns:
        worksheet.print_title_cols = f"A:{get_column_letter(sheet.frozen_columns)}"
    worksheet.page_margins.left = worksheet.page_margins.right = 0.5
    worksheet.page_margins.top = worksheet.page_margins.bottom = 0.75
    worksheet.page_margins.header = worksheet.page_margins.footer = 0.3
    worksheet.oddHeader.left.text = "&A"
    worksheet.oddFooter.right.text = "&P / &N"
