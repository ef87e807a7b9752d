"""A guest session the planner suggests is a suggestion until it is booked; a parent evening in
the plan points at the real evening; calendars hold what is real, at its real time."""

from __future__ import annotations

from datetime import date, time

import pytest
from icalendar import Calendar
from sqlalchemy import select

from planner.accounts.models import User
from planner.catalogue.operations import get_item
from planner.evenings.operations import seed_demo_evening
from planner.plans import operations
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import english

YEAR = SchoolYear.parse("2026-2027")
GUEST = "hackshield-in-de-klas"


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    save_class(school, SchoolClass(), name="Groep 5", grades=[5], head_count=25, teachers=[teacher])
    save_class(school, SchoolClass(), name="Groep 2", grades=[2], head_count=25, teachers=[])
    db.session.commit()
    return school


def klas(db, name: str) -> SchoolClass:
    return db.session.scalar(select(SchoolClass).where(SchoolClass.name == name))


def planned(client, db):
    """Plans for every class and the whole school, and a guest session in groep 5's plan."""
    client.post("/schooljaar", data={"year": YEAR.label})
    assert client.post("/jaarplan/genereren").status_code == 303
    plan = operations.get_plan(klas(db, "Groep 5"), YEAR)
    entry = operations.add_entry(plan, date(2027, 3, 16), item=get_item(GUEST))
    db.session.commit()
    return entry


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


@pytest.mark.usefixtures("before_school_starts")
def test_a_suggested_guest_session_is_not_called_booked(db, school, login) -> None:
    client = english(login(school, "coordinator"))
    entry = planned(client, db)
    assert entry.booking == "proposed"
    page = client.get(f"/jaarplan/klas/{klas(db, 'Groep 5').id}").get_data(as_text=True)
    own = page.split(f'id="entry-{entry.id}"')[1].split('class="entry__actions')[0]
    assert "Suggested" in own
    assert "Booked" not in own
    overview = client.get("/jaarplan/overzicht").get_data(as_text=True)
    assert "Suggested" in overview
    assert " is booked" not in overview
    start = client.get("/").get_data(as_text=True)
    assert "Guest sessions not booked yet" in start
    uid = f"plan-entry-{entry.id}@jaarplanner"
    [event] = [e for e in events(client.get("/jaarplan/school.ics").data) if e["uid"] == uid]
    assert str(event["status"]) == "TENTATIVE"
    assert str(event["summary"]).startswith("Suggested:")


@pytest.mark.usefixtures("before_school_starts")
def test_booking_with_the_provider_needs_the_confirmed_date_and_time(db, school, login) -> None:
    client = english(login(school, "coordinator"))
    entry = planned(client, db)
    url = f"/jaarplan/regel/{entry.id}/boeking"
    refused = client.post(
        url, data={"booking": "confirmed", "version": entry.version}, follow_redirects=True
    )
    assert "Enter the date and the start time that the provider confirmed." in refused.text
    db.session.refresh(entry)
    assert entry.booking == "proposed"
    holiday = client.post(
        url,
        data={"booking": "confirmed", "day": "2027-02-23", "start": "10:15"},
        follow_redirects=True,
    )
    assert "Spring holiday" in holiday.text
    response = client.post(
        url,
        data={"booking": "confirmed", "day": "2027-03-18", "start": "10:15"},
        follow_redirects=True,
    )
    assert "Booked for Thursday, March 18, 2027 at 10:15." in response.text
    db.session.refresh(entry)
    assert (entry.booking, entry.day, entry.start_time) == (
        "confirmed",
        date(2027, 3, 18),
        time(10, 15),
    )
    calendar = client.get(f"/jaarplan/klas/{klas(db, 'Groep 5').id}/plan.ics").data
    [event] = [e for e in events(calendar) if str(e["uid"]) == f"plan-entry-{entry.id}@jaarplanner"]
    assert event.decoded("dtstart").replace(tzinfo=None).isoformat() == "2027-03-18T10:15:00"
    assert str(event["status"]) == "CONFIRMED"
    assert not str(event["summary"]).startswith("Suggested")
    start = client.get("/").get_data(as_text=True)
    assert "Guest sessions not booked yet" not in start


@pytest.mark.usefixtures("before_school_starts")
def test_the_plans_parent_evening_points_at_the_real_one(db, school, login) -> None:
    client = english(login(school, "coordinator"))
    planned(client, db)
    groep5 = klas(db, "Groep 5").id
    before = client.get(f"/jaarplan/klas/{groep5}").get_data(as_text=True)
    assert "No evening planned yet." in before
    assert "/ouderavonden/nieuw?dag=" in before
    form = client.get("/ouderavonden/nieuw?dag=2026-11-24&groep=5&groep=6").get_data(as_text=True)
    assert 'value="2026-11-24"' in form
    school_plan = operations.get_school_plan(school, YEAR)
    evenings = {
        f"plan-entry-{e.id}@jaarplanner": e.item.slug
        for e in school_plan.entries
        if e.item.kind == "parent_evening"
    }
    assert set(evenings.values()) == {"ouderavond-onderbouw", "ouderavond-bovenbouw"}
    calendar = client.get(f"/jaarplan/klas/{groep5}/plan.ics").data
    placeholders = [e for e in events(calendar) if str(e["uid"]) in evenings]
    assert placeholders
    assert all(str(e["status"]) == "TENTATIVE" for e in placeholders)
    assert all(str(e["summary"]).startswith("Suggested:") for e in placeholders)

    evening = seed_demo_evening(school, date(2026, 11, 24))
    db.session.commit()
    after = client.get(f"/jaarplan/klas/{groep5}").get_data(as_text=True)
    assert f'href="/ouderavonden/{evening.id}"' in after
    assert "24 Nov" in after
    assert "19:30-21:15, Aula" in after
    for url in (f"/jaarplan/klas/{groep5}/plan.ics", "/jaarplan/school.ics"):
        found = events(client.get(url).data)
        [real] = [e for e in found if str(e["uid"]) == f"parent-evening-{evening.id}@jaarplanner"]
        assert real.decoded("dtstart").replace(tzinfo=None).isoformat() == "2026-11-24T19:30:00"
        assert real.decoded("dtend").replace(tzinfo=None).isoformat() == "2026-11-24T21:15:00"
        assert str(real["location"]) == "Aula"
        left = {evenings[str(e["uid"])] for e in found if str(e["uid"]) in evenings}
        assert "ouderavond-bovenbouw" not in left  # the real evening took its place
    # The infant classes' evening is not planned: it stays a marked suggestion.
    school_wide = events(client.get("/jaarplan/school.ics").data)
    [infants] = [e for e in school_wide if evenings.get(str(e["uid"])) == "ouderavond-onderbouw"]
    assert str(infants["status"]) == "TENTATIVE"
