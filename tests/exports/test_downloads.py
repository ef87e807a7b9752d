"""The download buttons: files a teacher takes into class, re-opened with their own library."""

from __future__ import annotations

import io
from datetime import date, time

import openpyxl
import pytest
from icalendar import Calendar
from pptx import Presentation
from sqlalchemy import select

from planner.catalogue.operations import get_item
from planner.evenings.operations import add_block, create_evening
from planner.plans import operations as plans
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import BEFORE_THE_YEAR

YEAR = SchoolYear.parse("2026-2027")


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    save_class(school, SchoolClass(), name="Groep 7/8", grades=[7, 8], head_count=25, teachers=[])
    db.session.commit()
    plans.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    return school


def test_lesson_slides_download_matches_the_preview(client, real_catalogue) -> None:
    response = client.get("/catalogus/cyberpesten-kijk-niet-weg-groep-7-8/dia.pptx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    deck = Presentation(io.BytesIO(response.data))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title]
    page = client.get("/catalogus/cyberpesten-kijk-niet-weg-groep-7-8").get_data(as_text=True)
    for title in titles[1:4]:
        assert title.replace(" (vervolg)", "") in page
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert sum(bool(n) for n in notes) >= len(titles) - 1
    assert client.get("/catalogus/kindertelefoon/dia.pptx").status_code == 404


def test_class_plan_as_excel_and_calendar(db, school, login) -> None:
    client = login(school, "teacher")
    client.post("/schooljaar", data={"year": YEAR.label})
    class_id = db.session.scalar(select(SchoolClass.id))
    response = client.get(f"/jaarplan/klas/{class_id}/plan.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Datum"
    assert isinstance(sheet["A2"].value, date)
    plan = plans.get_plan(db.session.get(SchoolClass, class_id), YEAR)
    assert sheet.max_row >= len(plan.entries) + 1
    ics = client.get(f"/jaarplan/klas/{class_id}/plan.ics")
    calendar = Calendar.from_ical(ics.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= len(plan.entries)
    assert all(str(e["UID"]).endswith("@jaarplanner") for e in events)


def test_school_workbook_and_calendar(db, school, login) -> None:
    client = login(school, "viewer")
    client.post("/schooljaar", data={"year": YEAR.label})
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/jaarplan/overzicht/school.xlsx").data)
    )
    assert len(workbook.sheetnames) >= 3
    assert any("7-8" in name or "7/8" in name for name in workbook.sheetnames)
    calendar = Calendar.from_ical(client.get("/jaarplan/school.ics").data)
    assert list(calendar.walk("VEVENT"))


def test_parent_evening_deck(db, school, login) -> None:
    evening = create_evening(
        school,
        title="Ouderavond online",
        day=date(2026, 11, 17),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[],
    )
    add_block(evening, item=get_item("signalen-van-cyberpesten"))
    db.session.commit()
    response = login(school, "coordinator").get(f"/ouderavonden/{evening.id}/presentatie.pptx")
    deck = Presentation(io.BytesIO(response.data))
    text = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Ouderavond online" in text
    assert "19:30" in text  # the programme with times
    assert "Vragen? Hier vind je hulp" in text  # the one closing slide
    assert 'filename="ouderavond-online-2026-11-17.pptx"' in response.headers["Content-Disposition"]
    assert "We praten thuis geregeld met ons kind" in text  # the school's agreements
