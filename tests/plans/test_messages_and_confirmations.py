"""Messages appear at the entry the teacher changed; making plans again and rolling over ask
first, say what changes, and can be undone."""

from __future__ import annotations

import re

import pytest

from planner.plans import operations
from planner.schools.models import SchoolClass
from tests.conftest import english
from tests.plans.test_plan_pages import YEAR, class_id, school, year  # noqa: F401


def entry_block(page: str, entry_id: int) -> str:
    """The HTML of one entry of the class plan."""
    start = page.index(f'id="entry-{entry_id}"')
    return page[start : page.index("</li>", start)]


def test_a_refused_move_is_announced_at_the_entry(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "teacher")))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    entry = operations.get_plan(db.session.get(SchoolClass, own), YEAR).entries[2]
    response = client.post(
        f"/jaarplan/regel/{entry.id}/verplaatsen",
        data={"day": "2026-12-24", "version": entry.version},
    )
    assert response.location.endswith(f"/jaarplan/klas/{own}#entry-{entry.id}")
    page = client.get(response.location).get_data(as_text=True)
    block = entry_block(page, entry.id)
    assert re.search(r'role="alert"[^>]*>[^<]*Christmas holiday', block)
    assert '<details class="entry__actions no-print" open' in block  # the form stays open
    flashes = page[page.index('class="flashes"') : page.index("</div>", page.index("flashes"))]
    assert "Christmas holiday" not in flashes  # not 1,200 px above, at the top


def test_a_saved_change_is_confirmed_at_the_entry(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "teacher")))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    entry = operations.get_plan(db.session.get(SchoolClass, own), YEAR).entries[3]
    response = client.post(
        f"/jaarplan/regel/{entry.id}/status",
        data={"status": "done", "note": "", "version": entry.version},
    )
    page = client.get(response.location).get_data(as_text=True)
    assert re.search(r'role="status"[^>]*>Saved\.', entry_block(page, entry.id))


def test_the_start_page_keeps_its_messages_on_top(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "teacher")))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    entry = operations.get_plan(db.session.get(SchoolClass, own), YEAR).entries[0]
    response = client.post(
        f"/jaarplan/regel/{entry.id}/status",
        data={"status": "done", "version": entry.version, "next": "/"},
    )
    assert response.location == "/"
    assert 'class="flash flash--success" role="status">Saved.' in client.get("/").get_data(
        as_text=True
    )


@pytest.mark.usefixtures("before_school_starts")
def test_making_a_plan_again_asks_first_keeps_moves_and_can_be_undone(
    db,
    school,  # noqa: F811
    login,
) -> None:
    client = english(year(login(school, "teacher")))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    plan = operations.get_plan(db.session.get(SchoolClass, own), YEAR)
    moved = plan.entries[4]
    client.post(
        f"/jaarplan/regel/{moved.id}/verplaatsen",
        data={"day": "2026-10-08", "version": moved.version},
    )
    db.session.expire_all()
    before = sorted((e.day, e.item_id) for e in plan.entries)
    page = client.get(f"/jaarplan/klas/{own}").get_data(as_text=True)
    assert ">Generate again<" not in page  # not the main, darkest button any more
    assert "Make this plan again…" in page

    # One click does not replace anything: it asks, and says what will change.
    asked = client.post(f"/jaarplan/klas/{own}/genereren")
    assert asked.location.endswith(f"/jaarplan/klas/{own}/genereren")
    confirm = client.get(asked.location).get_data(as_text=True)
    kept = 1
    replaced = len(before) - kept
    assert (
        f"{replaced} activities proposed by the planner and not ticked off are replaced" in confirm
    )
    assert "1 activity stays where it is" in confirm
    assert "You can undo this afterwards" in confirm
    db.session.expire_all()
    assert sorted((e.day, e.item_id) for e in plan.entries) == before

    done = client.post(f"/jaarplan/klas/{own}/genereren", data={"confirmed": "1"})
    assert "Undo puts it back" in client.get(done.location).get_data(as_text=True)
    db.session.expire_all()
    assert (moved.day.isoformat(), moved.item_id) == ("2026-10-08", moved.item_id)
    assert moved in plan.entries  # the hand-made move survived

    client.post(f"/jaarplan/klas/{own}/ongedaan-maken")
    db.session.expire_all()
    assert sorted((e.day, e.item_id) for e in plan.entries) == before


@pytest.mark.usefixtures("before_school_starts")
def test_making_every_plan_again_asks_and_undo_puts_all_back(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "coordinator")))
    first = client.post("/jaarplan/genereren")
    assert "Plans made for 2 classes." in client.get(first.location).get_data(as_text=True)
    plans = operations.plans_of_school(school, YEAR)
    before = {p.id: sorted((e.day, e.item_id, e.reason_code) for e in p.entries) for p in plans}
    index = client.get("/jaarplan/").get_data(as_text=True)
    assert "Make all plans again…" in index
    assert "Make the plans for every class</button>" not in index
    assert client.post("/jaarplan/genereren").location.endswith("/jaarplan/genereren")
    confirm = client.get("/jaarplan/genereren").get_data(as_text=True)
    assert "Make the plans of every class again?" in confirm
    school.plan_activities = 6  # a setting changed since: the new plans differ
    db.session.commit()
    client.post("/jaarplan/genereren", data={"confirmed": "1"})
    db.session.expire_all()
    assert any(
        sorted((e.day, e.item_id, e.reason_code) for e in p.entries) != before[p.id] for p in plans
    )
    index = client.get("/jaarplan/").get_data(as_text=True)
    assert "Undo: put the plans back as they were" in index
    undone = client.post("/jaarplan/ongedaan-maken")
    assert "2 plans are back as they were." in client.get(undone.location).get_data(as_text=True)
    db.session.expire_all()
    assert {
        p.id: sorted((e.day, e.item_id, e.reason_code) for e in p.entries) for p in plans
    } == before


def test_rolling_over_asks_first(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "teacher")))
    own = class_id(db, "Groep 5")
    client.post(f"/jaarplan/klas/{own}/genereren")
    asked = client.post(f"/jaarplan/klas/{own}/doorschuiven")
    assert asked.location.endswith(f"/jaarplan/klas/{own}/doorschuiven")
    assert operations.get_plan(db.session.get(SchoolClass, own), YEAR.next()) is None
    confirm = client.get(asked.location).get_data(as_text=True)
    assert "Copy the plan of Groep 5 to 2027-2028?" in confirm
    assert "This plan (2026-2027) stays as it is." in confirm
    client.post(f"/jaarplan/klas/{own}/doorschuiven", data={"confirmed": "1"})
    assert operations.get_plan(db.session.get(SchoolClass, own), YEAR.next()) is not None


@pytest.mark.usefixtures("before_school_starts")
def test_plan_settings_count_what_the_plans_hold(db, school, login) -> None:  # noqa: F811
    client = english(year(login(school, "coordinator")))
    client.post("/jaarplan/genereren")
    page = client.get("/jaarplan/instellingen").get_data(as_text=True)
    assert "Lessons and guest sessions per year" in page
    assert 'value="10"' in page
    plans = [p for p in operations.plans_of_school(school, YEAR) if p.class_id]
    check_ins = [sum(e.reason_code == "check-in" for e in p.entries) for p in plans]
    lessons = [len(p.entries) - c for p, c in zip(plans, check_ins, strict=True)]
    assert lessons == [10, 10]  # the setting counts these
    assert check_ins == [3, 3]  # besides them, one check-in a term, as the page says
    assert "a short check-in each term (3 a year)" in page
    assert (
        "The 2 class plans of 2026-2027 hold on average 10 lessons and guest sessions and "
        "3 check-ins: 13 activities."
    ) in page
