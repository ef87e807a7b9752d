"""School coverage, one read model: the overview page and the school workbook show the same."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from planner.exports.workbook import GAP_FILL
from planner.plans import operations
from planner.plans.coverage import THEMES, coverage, school_coverage, theme_counts
from planner.schools.models import SchoolClass
from planner.schools.operations import active_classes
from tests.exports.conftest import YEAR, plan_school


def test_a_combination_class_counts_for_each_of_its_grades() -> None:
    school = coverage([((7, 8), {"privacy": 2, "sexting": 1}), ((7,), {"privacy": 1})])
    assert school.grades == (7, 8)
    assert school.row(7).count("privacy") == 3
    assert school.row(8).count("privacy") == 2
    assert school.row(8).count("sexting") == 1
    assert school.row(5) is None


def test_a_gap_is_a_core_theme_for_the_age_that_nothing_covers() -> None:
    school = coverage([((1,), {}), ((7,), {"sexting": 1})])
    toddlers, upper = school.rows
    assert toddlers.is_gap("cyberpesten")
    assert not toddlers.is_gap("sexting")  # not a core theme for the youngest
    assert not upper.is_gap("sexting")
    assert upper.is_gap("groepsdruk")
    assert (1, "cyberpesten") in school.gaps
    assert (7, "sexting") not in school.gaps


def test_every_theme_is_a_column_and_an_unknown_theme_is_left_out() -> None:
    school = coverage([((4,), {"privacy": 1, "no-such-theme": 5})])
    assert school.themes == THEMES
    assert set(school.row(4).counts) == set(THEMES)
    assert sum(school.row(4).counts.values()) == 1


def _skip_theme(db, plan, theme: str) -> None:
    for entry in plan.entries:
        if entry.item is not None and theme in entry.item.data["themes"]:
            entry.status = "skipped"
    db.session.commit()


def _overview_gaps(html: str) -> set[tuple[str, str]]:
    """(grade label, theme column number) of every highlighted cell of the overview's matrix."""
    table = html[html.index('id="matrix-heading"') :]
    gaps = set()
    for grade, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        for number, cell in enumerate(re.findall(r"<td[^>]*>", cells)):
            if "heat--gap" in cell:
                gaps.add((grade, str(number)))
    return gaps


def test_the_overview_and_the_workbook_show_the_same_coverage(
    db, make_school, real_catalogue, login
):
    school = plan_school(db, make_school("De Regenboog"))
    third = db.session.scalar(select(SchoolClass).where(SchoolClass.name == "Groep 3"))
    _skip_theme(db, operations.get_plan(third, YEAR), "privacy")

    plans = {plan.class_id: plan for plan in operations.plans_of_school(school, YEAR)}
    model = school_coverage(active_classes(school), plans)
    assert model.grades == (3, 7, 8)
    assert (3, "privacy") in model.gaps
    assert model.row(3).count("privacy") == 0
    assert model.row(7).counts == model.row(8).counts  # one class, grades 7 and 8
    upper = next(c for c in active_classes(school) if c.name == "Groep 7/8")
    assert model.row(7).count("cyberpesten") == theme_counts(plans[upper.id])["cyberpesten"] > 0

    client = login(school, "coordinator")
    client.post("/schooljaar", data={"year": YEAR.label})
    page = client.get("/jaarplan/overzicht").get_data(as_text=True)
    expected = {(f"groep {grade}", str(THEMES.index(theme))) for grade, theme in model.gaps}
    assert _overview_gaps(page) == expected

    workbook = load_workbook(io.BytesIO(client.get("/jaarplan/overzicht/school.xlsx").data))
    sheet = workbook["Dekking leerjaren en thema's"]
    header = [cell.value for cell in sheet[1]]
    highlighted = set()
    for row in sheet.iter_rows(min_row=2):
        for number, cell in enumerate(row[1:]):
            if cell.fill.fgColor.rgb == GAP_FILL.fgColor.rgb:
                highlighted.add((row[0].value, header[number + 1]))
    assert len(highlighted) == len(model.gaps)
    assert ("groep 3", "Privacy") in highlighted
