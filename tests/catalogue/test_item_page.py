"""The item page leads with what a teacher came for; sources are public, never internal codes;
lessons name the step before and after; the class plan says what a class met before."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.accounts.models import User
from planner.catalogue.operations import get_item
from planner.catalogue.sources import public_sources
from planner.plans import operations
from planner.plans.models import PlanEntry
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import english

ROOT = Path(__file__).resolve().parents[2]
YEAR = SchoolYear.parse("2026-2027")
LESSON = "cyberpesten-kijk-niet-weg-groep-7-8"  # builds on the groep 5-6 lesson


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    save_class(school, SchoolClass(), name="Groep 8", grades=[8], head_count=25, teachers=[teacher])
    save_class(school, SchoolClass(), name="Groep 7", grades=[7], head_count=25, teachers=[])
    db.session.commit()
    return school


def klas(db, name: str) -> SchoolClass:
    return db.session.scalar(select(SchoolClass).where(SchoolClass.name == name))


def test_no_item_page_shows_an_internal_source_code(client) -> None:
    english(client)
    slugs = [p.stem for p in (ROOT / "lessons").rglob("*.md") if p.name != "README.md"]
    assert len(slugs) > 100
    for slug in slugs:
        page = client.get(f"/catalogus/{slug}").get_data(as_text=True)
        assert not re.search(r"seeds/\d|reference §", page), slug


def test_internal_references_become_public_organisations() -> None:
    sources = public_sources(
        "seeds/003, reference §6.1, seeds/001, reference §3", ["week-tegen-pesten"]
    )
    assert [s.name for s in sources] == [
        "Stop Pesten NU",
        "Week tegen Pesten, Stichting School & Veiligheid",
    ]
    assert sources[0].url == "https://www.stoppestennu.nl"
    assert public_sources("Eigen afspraken van het team")[0].name == "Eigen afspraken van het team"


@pytest.mark.usefixtures("before_school_starts")
def test_the_page_leads_with_grades_duration_plan_and_slides(db, school, login) -> None:
    client = english(login(school, "teacher"))
    client.post("/schooljaar", data={"year": YEAR.label})
    page = client.get(f"/catalogus/{LESSON}").get_data(as_text=True)
    head = page.split('id="slides-heading"')[0]
    assert "groups 7-8" in head
    assert "60 minutes" in head
    assert "Add to plan" in head
    assert "Already planned" not in head
    assert "Builds on groups 5-6 (age 8-10):" in head
    assert page.index('id="slides-heading"') < page.index('class="facts"')

    plan = operations.get_or_create_plan(klas(db, "Groep 8"), YEAR)
    operations.add_entry(plan, date(2026, 10, 13), item=get_item(LESSON))
    db.session.commit()
    page = client.get(f"/catalogus/{LESSON}").get_data(as_text=True)
    head = page.split('id="slides-heading"')[0]
    assert "Already planned for Groep 8 on Tuesday 13 October." in head


@pytest.mark.usefixtures("before_school_starts")
def test_the_class_plan_marks_lessons_met_last_year(db, school, login) -> None:
    client = english(login(school, "coordinator"))
    client.post("/schooljaar", data={"year": YEAR.label})
    last_year = operations.get_or_create_plan(klas(db, "Groep 7"), YEAR.previous())
    last_year.entries.append(
        PlanEntry(day=date(2026, 3, 10), item=get_item(LESSON), reason_code="chosen", status="done")
    )
    plan = operations.get_or_create_plan(klas(db, "Groep 8"), YEAR)
    operations.add_entry(plan, date(2026, 10, 13), item=get_item(LESSON))
    operations.add_entry(
        plan, date(2026, 11, 10), item=get_item("deepfakes-echt-of-gemaakt-groep-8")
    )
    db.session.commit()
    page = client.get(f"/jaarplan/klas/{klas(db, 'Groep 8').id}").get_data(as_text=True)
    entries = page.split('<li class="entry')[1:]
    [met] = [e for e in entries if f'/catalogus/{LESSON}"' in e]
    assert "Met before: Groep 7, last year" in met
    [new] = [e for e in entries if '/catalogus/deepfakes-echt-of-gemaakt-groep-8"' in e]
    assert "New for this class" in new
