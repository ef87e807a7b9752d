"""The programme's order set at once (after dragging or moving with the keys)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from planner.accounts.models import User
from planner.evenings.operations import add_block, create_evening, timed_programme
from tests.conftest import english


def test_blocks_take_the_order_given_and_the_times_follow(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    evening = create_evening(
        school,
        title="Ouderavond",
        day=date(2026, 11, 24),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[5, 6, 7, 8],
    )
    welcome = add_block(evening, title="Welkom", minutes=10)
    talk = add_block(evening, title="Wat kinderen online doen", minutes=40)
    coffee = add_block(evening, title="Koffie", minutes=15)
    db.session.commit()
    client = english(login(school, "coordinator"))
    order = f"{coffee.id},{welcome.id},{talk.id}"
    response = client.post(f"/ouderavonden/{evening.id}/volgorde", data={"order": order})
    assert response.status_code == 303
    db.session.expire_all()
    timed = timed_programme(evening)
    assert [(t.block.title, t.start) for t in timed] == [
        ("Koffie", time(19, 30)),
        ("Welkom", time(19, 45)),
        ("Wat kinderen online doen", time(19, 55)),
    ]
    page = client.get(f"/ouderavonden/{evening.id}").get_data(as_text=True)
    assert '<span id="minutes-unit-' in page  # durations are labelled in minutes
    assert page.count("data-move=") == 6  # up and down per block, no other move buttons
    # An order that leaves a block out (a colleague added one meanwhile) changes nothing.
    refused = client.post(f"/ouderavonden/{evening.id}/volgorde", data={"order": str(talk.id)})
    assert "The programme changed meanwhile" in client.get(refused.location).get_data(as_text=True)
    db.session.expire_all()
    assert next(t.block.title for t in timed_programme(evening)) == "Koffie"
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    assert teacher is not None
    assert (
        login(school, "teacher")
        .post(f"/ouderavonden/{evening.id}/volgorde", data={"order": order})
        .status_code
        == 403
    )
