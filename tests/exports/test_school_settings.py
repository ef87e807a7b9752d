"""The school's own slide template and its calendar subscription links, end to end."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from babel.dates import format_date
from icalendar import Calendar
from pptx import Presentation
from sqlalchemy import select

from planner.core.limits import UPLOAD_SLACK_BYTES
from planner.exports.models import CalendarFeed, DeckTemplate
from planner.exports.pptx import MAX_TEMPLATE_BYTES
from planner.plans import operations as plans
from planner.schools.models import SchoolClass
from tests.conftest import english, post_file
from tests.exports.conftest import YEAR, klas


def make_template(layout_names: dict[int, str]) -> bytes:
    prs = Presentation()
    for index, name in layout_names.items():
        prs.slide_layouts[index]._element.cSld.set("name", name)
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Voorbeeld van de school"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def upload(client, data: bytes, filename: str = "huisstijl.pptx"):
    return post_file(english(client), "/school/presentatiesjabloon", "template", data, filename)


# --- template ---------------------------------------------------------------------------------


def test_an_uploaded_template_is_used_by_every_deck(db, school, login) -> None:
    client = login(school, "coordinator")
    template = make_template({0: "Opening", 1: "Inhoud", 2: "Titeldia", 3: "Titel en object"})
    response = upload(client, template, "../../sjablonen/Huisstijl Regenboog.pptx")
    assert response.status_code == 303
    stored = db.session.scalar(select(DeckTemplate))
    assert stored.filename == "Huisstijl Regenboog.pptx"  # no folders from the client kept
    page = english(client).get("/school/presentatiesjabloon").get_data(as_text=True)
    assert "Huisstijl Regenboog.pptx" in page
    assert "“Titeldia”" in page
    assert "“Titel en object”" in page

    deck = client.get("/catalogus/cyberpesten-kijk-niet-weg-groep-7-8/dia.pptx")
    prs = Presentation(io.BytesIO(deck.data))
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts[0] == "Titeldia"
    assert set(layouts[1:]) == {"Titel en object"}
    assert "Voorbeeld van de school" not in [s.shapes.title.text for s in prs.slides]
    assert prs.slide_width == 9144000  # the template's own 4:3 size is kept

    example = client.get("/school/presentatiesjabloon/voorbeeld.pptx")
    assert example.status_code == 200
    assert Presentation(io.BytesIO(example.data)).slides[0].slide_layout.name == "Titeldia"

    # Visitors who are not logged in get the app's own design.
    anonymous = school and client.application.test_client()
    plain = Presentation(
        io.BytesIO(anonymous.get("/catalogus/cyberpesten-kijk-niet-weg-groep-7-8/dia.pptx").data)
    )
    assert plain.slide_width == 12192000

    removed = client.post("/school/presentatiesjabloon/verwijderen")
    assert removed.status_code == 303
    assert db.session.scalar(select(DeckTemplate)) is None


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/media/huge.bin", b"\0" * (70 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "status", "message"),
    [
        (b"%PDF-1.7 not a presentation", "sjabloon.pptx", 400, "not a PowerPoint presentation"),
        (b"", "leeg.pptx", 400, "not a PowerPoint presentation"),
        (b"PK\x03\x04 kapot", "kapot.pptx", 400, "not a PowerPoint presentation"),
        (make_template({}), "sjabloon.pdf", 400, "Choose a .pptx or .potx file."),
        (zip_bomb(), "bom.pptx", 413, "too large"),
        (b"x" * (MAX_TEMPLATE_BYTES + 10), "groot.pptx", 413, "too large: a template"),
    ],
)
def test_bad_templates_are_refused_with_a_clear_message(
    db, school, login, data, filename, status, message
) -> None:
    client = login(school, "coordinator")
    response = upload(client, data, filename)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(DeckTemplate)) is None


def test_a_form_field_instead_of_a_file_is_refused(db, school, login) -> None:
    client = login(school, "coordinator")
    response = client.post("/school/presentatiesjabloon", data={"template": "../../etc/passwd"})
    assert response.status_code == 400
    assert db.session.scalar(select(DeckTemplate)) is None
    missing = english(client).post("/school/presentatiesjabloon", data={})
    assert missing.status_code == 400
    assert "Choose a PowerPoint file." in missing.get_data(as_text=True)


def test_an_oversize_request_gets_a_friendly_page(db, school, login) -> None:
    client = login(school, "coordinator")
    huge = b"x" * (MAX_TEMPLATE_BYTES + UPLOAD_SLACK_BYTES + 1)
    response = upload(client, huge, "groot.pptx")
    assert response.status_code == 413
    assert "<html" in response.get_data(as_text=True)


# --- decks of planned lessons -----------------------------------------------------------------


def test_a_planned_lesson_deck_names_class_date_and_teacher(db, school, login) -> None:
    client = login(school, "teacher")
    plan = plans.get_plan(klas(db, school, "Groep 7/8"), YEAR)
    entry = next(e for e in plan.entries if e.item is not None and e.item.kind == "lesson")
    page = client.get(f"/jaarplan/klas/{plan.class_id}").get_data(as_text=True)
    assert f"/jaarplan/regel/{entry.id}/dia.pptx" in page
    response = english(client).get(f"/jaarplan/regel/{entry.id}/dia.pptx")
    assert response.status_code == 200
    title_slide = Presentation(io.BytesIO(response.data)).slides[0]
    text = "\n".join(shape.text_frame.text for shape in title_slide.shapes if shape.has_text_frame)
    assert entry.item.title.get("en") in text or entry.item.title.get("nl") in text
    assert "Groep 7/8" in text
    # The deck speaks its content's language (Dutch), also for a teacher who reads English.
    assert format_date(entry.day, format="full", locale="nl") in text
    # The class has no teacher of its own here, so the one who downloads is named.
    assert "Teacher De Regenboog" in text


# --- calendar subscriptions -------------------------------------------------------------------


def new_feed(client, calendar: str) -> str:
    response = client.post("/jaarplan/agenda-abonnementen", data={"calendar": calendar})
    assert response.status_code == 201
    return re.search(r'value="(http[^"]+/agenda/[^"]+\.ics)"', response.get_data(as_text=True))[1]


def test_a_subscription_follows_the_plan_until_it_is_revoked(db, school, login, app) -> None:
    coordinator = login(school, "coordinator")
    class_id = klas(db, school, "Groep 3").id
    url = new_feed(coordinator, str(class_id))
    path = url.removeprefix("http://localhost")
    token = path.removeprefix("/agenda/").removesuffix(".ics")
    assert len(token) >= 40
    stored = db.session.scalar(select(CalendarFeed))
    assert token not in stored.token_hash  # only a hash is kept

    calendar_program = app.test_client()  # no login: the token is the key
    first = calendar_program.get(path)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(first.data).walk("VEVENT")
    uids = {str(event["UID"]) for event in events}
    plan = plans.get_plan(db.session.get(SchoolClass, class_id), YEAR)
    assert {f"plan-entry-{entry.id}@jaarplanner" for entry in plan.entries} <= uids

    # A change in the plan shows up in the same feed, under the same UID.
    entry = plan.entries[0]
    coordinator.post(
        f"/jaarplan/regel/{entry.id}/verplaatsen",
        data={"day": "2027-03-09", "version": entry.version},
    )
    again = Calendar.from_ical(calendar_program.get(path).data).walk("VEVENT")
    moved = next(e for e in again if str(e["UID"]) == f"plan-entry-{entry.id}@jaarplanner")
    assert moved.decoded("DTSTART").isoformat() == "2027-03-09"
    assert len(again) == len(events)

    listing = english(coordinator).get("/jaarplan/agenda-abonnementen").get_data(as_text=True)
    assert "Groep 3" in listing
    assert token not in listing  # the link is shown once only
    revoked = coordinator.post(f"/jaarplan/agenda-abonnementen/{stored.id}/intrekken")
    assert revoked.status_code == 303
    assert calendar_program.get(path).status_code == 404


def test_teachers_make_and_revoke_their_own_links_only(db, school, login) -> None:
    new_feed(login(school, "coordinator"), "school")
    teacher = login(school, "teacher")
    new_feed(teacher, "school")
    coordinator_feed, teacher_feed = db.session.scalars(
        select(CalendarFeed).order_by(CalendarFeed.id)
    ).all()
    listing = teacher.get("/jaarplan/agenda-abonnementen").get_data(as_text=True)
    assert listing.count("/intrekken") == 1  # a teacher sees their own link only
    assert (
        teacher.post(f"/jaarplan/agenda-abonnementen/{coordinator_feed.id}/intrekken").status_code
        == 403
    )
    assert (
        teacher.post(f"/jaarplan/agenda-abonnementen/{teacher_feed.id}/intrekken").status_code
        == 303
    )
    assert (
        login(school, "viewer")
        .post("/jaarplan/agenda-abonnementen", data={"calendar": "school"})
        .status_code
        == 403
    )


def test_bad_feed_requests(db, school, login, app, make_school) -> None:
    coordinator = login(school, "coordinator")
    assert (
        coordinator.post("/jaarplan/agenda-abonnementen", data={"calendar": "999999"}).status_code
        == 400
    )
    other = make_school("De Vlinder", "BE", "vlaanderen")
    other_class = SchoolClass(school_id=other.id, name="1ste leerjaar")
    db.session.add(other_class)
    db.session.commit()
    assert (
        coordinator.post(
            "/jaarplan/agenda-abonnementen", data={"calendar": str(other_class.id)}
        ).status_code
        == 400
    )
    for token in ("raden", "x" * 500, "%00", "../../etc/passwd"):
        assert app.test_client().get(f"/agenda/{token}.ics").status_code == 404
