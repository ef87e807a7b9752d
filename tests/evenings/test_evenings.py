"""Parent evenings: timing, invitation, the public response page, checklist and handout."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from planner.evenings import operations
from planner.evenings.models import EveningResponse, ParentEvening
from tests.conftest import TODAY, english

DAY = date(2027, 6, 8)  # a Tuesday, a school day in every region, still to come


@pytest.fixture
def school(make_school, real_catalogue):
    return make_school("De Regenboog")


def create(client, **overrides) -> int:
    data = {
        "title": "Ouderavond online",
        "day": DAY.isoformat(),
        "start_time": "19:30",
        "end_time": "21:00",
        "place": "De aula",
        "grades": ["5", "6", "7", "8"],
        "speaker": "Juf Anna",
        "max_guests": "40",
    } | overrides
    response = client.post("/ouderavonden/nieuw", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/ouderavonden/(\d+)", response.headers["Location"]).group(1))


def test_the_date_is_refused_on_a_day_off(school, login) -> None:
    client = login(school, "coordinator")
    for day, words in (("2026-12-24", "Christmas holiday"), ("2026-11-21", "weekend")):
        response = english(client).post(
            "/ouderavonden/nieuw",
            data={
                "title": "x",
                "day": day,
                "start_time": "19:30",
                "end_time": "21:00",
                "place": "aula",
            },
        )
        assert response.status_code == 400
        assert words in response.get_data(as_text=True)


def test_programme_times_and_overrun_warning(db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client)
    client.post(f"/ouderavonden/{evening_id}/blokken", data={"module": "welkom-en-waarom-vanavond"})
    client.post(f"/ouderavonden/{evening_id}/blokken", data={"title": "Pauze", "minutes": "15"})
    client.post(f"/ouderavonden/{evening_id}/blokken", data={"module": "signalen-van-cyberpesten"})
    evening = db.session.get(ParentEvening, evening_id)
    timed = operations.timed_programme(evening)
    assert [(t.start, t.end) for t in timed] == [
        (time(19, 30), time(19, 40)),
        (time(19, 40), time(19, 55)),
        (time(19, 55), time(20, 10)),
    ]
    assert operations.overrun_minutes(evening) == 0
    # Reorder: the break moves to the end.
    pause = evening.blocks[1]
    client.post(
        f"/ouderavonden/{evening_id}/blokken/{pause.id}/verschuiven", data={"direction": "down"}
    )
    db.session.refresh(evening)
    assert [b.title or b.item.slug for b in evening.blocks] == [
        "welkom-en-waarom-vanavond",
        "signalen-van-cyberpesten",
        "Pauze",
    ]
    # A long block makes it run past 21:00, and the page says so.
    client.post(f"/ouderavonden/{evening_id}/blokken/{pause.id}/minuten", data={"minutes": "75"})
    db.session.refresh(evening)
    assert operations.overrun_minutes(evening) == 10
    page = english(client).get(f"/ouderavonden/{evening_id}")
    assert "runs 10 minutes past the planned end" in page.get_data(as_text=True)


def test_start_from_a_ready_made_evening(db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client)
    client.post(f"/ouderavonden/{evening_id}/kant-en-klaar", data={"slug": "ouderavond-bovenbouw"})
    evening = db.session.get(ParentEvening, evening_id)
    assert len(evening.blocks) >= 4
    assert all(block.item.kind == "parent_module" for block in evening.blocks)


@pytest.mark.parametrize(
    ("locale", "words"),
    [("nl", "Beste ouders"), ("nl_BE", "Beste ouders"), ("en", "Dear parents")],
)
def test_invitation_in_the_schools_language(app, db, make_school, real_catalogue, locale, words):
    school = make_school("De Regenboog")
    school.locale = locale
    evening = operations.create_evening(
        school,
        title="Online opvoeden",
        day=DAY,
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="De aula",
        grades=[7, 8],
    )
    with app.test_request_context():
        text = operations.generated_invitation(evening, school, "https://school.example/r/x")
    assert words in text
    assert "https://school.example/r/x" in text
    assert "Online opvoeden" in text
    assert "19:30" in text


def test_parents_respond_without_login_and_the_coordinator_sees_it(app, db, school, login):
    client = login(school, "coordinator")
    evening_id = create(client, max_guests="5")
    evening = db.session.get(ParentEvening, evening_id)
    parent = app.test_client()
    path = f"/reactie/{evening.response_token}"
    assert parent.get(path).status_code == 200
    ok = parent.post(path, data={"guests": "2", "question": "Vanaf welke leeftijd een telefoon?"})
    assert ok.status_code == 201
    page = client.get(f"/ouderavonden/{evening_id}/reacties").get_data(as_text=True)
    assert "Vanaf welke leeftijd een telefoon?" in page
    assert "2 " in page


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"guests": "0"}, 400),
        ({"guests": "7"}, 400),
        ({"guests": "twee"}, 400),
        ({"guests": "2", "question": "x" * 1001}, 400),
        ({}, 400),
    ],
)
def test_bad_responses_are_refused(app, db, school, login, data, status) -> None:
    evening_id = create(login(school, "coordinator"))
    evening = db.session.get(ParentEvening, evening_id)
    response = app.test_client().post(f"/reactie/{evening.response_token}", data=data)
    assert response.status_code == status
    assert db.session.scalar(select(EveningResponse)) is None


def test_control_characters_and_html_are_not_stored_as_such(app, db, school, login) -> None:
    evening_id = create(login(school, "coordinator"))
    evening = db.session.get(ParentEvening, evening_id)
    app.test_client().post(
        f"/reactie/{evening.response_token}",
        data={"guests": "1", "question": "Hoi\x00\x07 <script>x</script>"},
    )
    stored = db.session.scalar(select(EveningResponse.question))
    assert "\x00" not in stored
    page = login(school, "coordinator").get(f"/ouderavonden/{evening_id}/reacties")
    assert "<script>x</script>" not in page.get_data(as_text=True)


def test_full_and_closed_evenings(app, db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client, max_guests="3")
    evening = db.session.get(ParentEvening, evening_id)
    path = f"/reactie/{evening.response_token}"
    parent = app.test_client()
    assert parent.post(path, data={"guests": "2"}).status_code == 201
    too_many = english(app.test_client()).post(
        path, data={"guests": "2"}, headers={"User-Agent": "other"}
    )
    assert too_many.status_code == 409
    assert "Only 1 place is left." in too_many.get_data(as_text=True)
    assert (
        app.test_client()
        .post(path, data={"guests": "1"}, headers={"User-Agent": "third"})
        .status_code
        == 201
    )
    full = english(app.test_client()).get(path)
    assert "This evening is full." in full.get_data(as_text=True)
    client.post(f"/ouderavonden/{evening_id}/reacties/status", data={"open": "0"})
    closed = english(app.test_client()).post(
        path, data={"guests": "1"}, headers={"User-Agent": "4"}
    )
    assert closed.status_code == 409
    assert "closed" in closed.get_data(as_text=True)


def client_from(app, address: str):
    """A parent's browser on another network."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_a_browser_changes_and_withdraws_its_own_answer(app, db, school, login) -> None:
    evening_id = create(login(school, "coordinator"), max_guests="")
    evening = db.session.get(ParentEvening, evening_id)
    parent = app.test_client()
    path = f"/reactie/{evening.response_token}"
    codes = [parent.post(path, data={"guests": str(n)}).status_code for n in (1, 2, 3, 4, 5)]
    assert codes == [201] * 5  # one answer, changed four times; no limit reached
    assert db.session.scalars(select(EveningResponse.guests)).all() == [5]
    page = english(parent).get(path).get_data(as_text=True)
    assert "You answered that 5 people will come." in page
    cookie = parent.get_cookie(f"reactie_{evening_id}", path="/reactie/")
    assert cookie is not None
    assert cookie.http_only
    assert evening.response_token not in cookie.value
    withdrawn = parent.post(path, data={"withdraw": "1"})
    assert withdrawn.status_code == 303
    assert db.session.scalars(select(EveningResponse)).all() == []


def test_rotating_user_agents_cannot_fill_an_evening(app, db, school, login) -> None:
    evening_id = create(login(school, "coordinator"), max_guests="30")
    evening = db.session.get(ParentEvening, evening_id)
    path = f"/reactie/{evening.response_token}"
    codes = [
        app.test_client()
        .post(path, data={"guests": "6"}, headers={"User-Agent": f"browser {n}"})
        .status_code
        for n in range(5)
    ]
    assert codes == [201, 201, 201, 429, 429]
    real_parent = client_from(app, "192.0.2.44")
    assert real_parent.post(path, data={"guests": "2"}).status_code == 201
    assert sum(db.session.scalars(select(EveningResponse.guests))) == 20


def test_the_coordinator_removes_a_response_and_blocks_its_sender(app, db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client, max_guests="")
    evening = db.session.get(ParentEvening, evening_id)
    path = f"/reactie/{evening.response_token}"
    spammer = client_from(app, "198.51.100.7")
    spammer.post(path, data={"guests": "6", "question": "Koop nu goedkope horloges"})
    app.test_client().post(path, data={"guests": "2", "question": "Hoe lang mag mijn kind gamen?"})
    spam = db.session.scalar(select(EveningResponse).where(EveningResponse.guests == 6))
    page = client.get(f"/ouderavonden/{evening_id}/reacties").get_data(as_text=True)
    assert f"/reacties/{spam.id}/verwijderen" in page
    removed = client.post(
        f"/ouderavonden/{evening_id}/reacties/{spam.id}/verwijderen", data={"block": "1"}
    )
    assert removed.status_code == 303
    assert db.session.scalars(select(EveningResponse.guests)).all() == [2]
    again = english(spammer).post(path, data={"guests": "6"})
    assert again.status_code == 409
    assert "cannot be accepted" in again.get_data(as_text=True)
    other_browser = client_from(app, "198.51.100.7")
    assert other_browser.post(path, data={"guests": "1"}).status_code == 409  # same address
    assert db.session.scalars(select(EveningResponse.guests)).all() == [2]


def test_tokens_cannot_be_guessed_or_used_for_another_school(
    app, db, make_school, login, real_catalogue
) -> None:
    first = make_school("De Regenboog")
    second = make_school("De Vlinder", "BE", "vlaanderen")
    a = create(login(first, "coordinator"))
    b = create(login(second, "coordinator"), day="2027-06-15")
    token_a = db.session.get(ParentEvening, a).response_token
    token_b = db.session.get(ParentEvening, b).response_token
    assert token_a != token_b
    assert len(token_a) >= 32
    tampered = token_a[:-1] + ("y" if token_a.endswith("x") else "x")
    assert app.test_client().get("/reactie/" + tampered).status_code == 404
    assert app.test_client().get("/reactie/raden").status_code == 404
    # The coordinator of one school cannot open the other's evening.
    assert login(first, "coordinator").get(f"/ouderavonden/{b}").status_code == 404


def test_a_new_link_replaces_the_old_one(app, db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client)
    old = db.session.get(ParentEvening, evening_id).response_token
    response = client.post(f"/ouderavonden/{evening_id}/reacties/nieuwe-link")
    assert response.status_code == 303
    db.session.expire_all()
    new = db.session.get(ParentEvening, evening_id).response_token
    assert new != old
    parent = app.test_client()
    assert parent.get("/reactie/" + old).status_code == 404
    assert parent.post("/reactie/" + new, data={"guests": "2"}).status_code == 201
    page = client.get(f"/ouderavonden/{evening_id}/reacties").get_data(as_text=True)
    assert "/reactie/" + new in page
    assert "/reactie/" + old not in page


def test_the_link_expires_once_the_evening_has_taken_place(app, db, school, login) -> None:
    evening_id = create(login(school, "coordinator"))
    evening = db.session.get(ParentEvening, evening_id)
    evening.day = TODAY - timedelta(days=1)  # yesterday: the evening is over
    db.session.commit()
    parent = app.test_client()
    page = english(parent).get("/reactie/" + evening.response_token)
    assert page.status_code == 200
    assert "This evening has already taken place." in page.get_data(as_text=True)
    late = english(parent).post(
        "/reactie/" + evening.response_token,
        data={"guests": "2"},
    )
    assert late.status_code == 409
    assert "This evening has already taken place." in late.get_data(as_text=True)
    assert evening.responses == []


def test_checklist_ticked_with_who_and_when(db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client)
    evening = db.session.get(ParentEvening, evening_id)
    assert [item.key for item in evening.checklist] == list(operations.STANDARD_CHECKLIST)
    room = evening.checklist[0]
    client.post(f"/ouderavonden/{evening_id}/checklist/{room.id}", data={"done": "1"})
    client.post(f"/ouderavonden/{evening_id}/checklist", data={"label": "Koffie en thee"})
    db.session.refresh(evening)
    assert evening.checklist[0].done_by == "Coordinator De Regenboog"
    assert evening.checklist[0].done_at is not None
    assert evening.checklist[-1].label == "Koffie en thee"
    assert (
        login(school, "teacher")
        .post(f"/ouderavonden/{evening_id}/checklist/{room.id}", data={"done": "0"})
        .status_code
        == 403
    )


def test_handout_has_key_points_and_help_lines(db, school, login) -> None:
    client = login(school, "coordinator")
    evening_id = create(client)
    client.post(f"/ouderavonden/{evening_id}/blokken", data={"module": "signalen-van-cyberpesten"})
    page = client.get(f"/ouderavonden/{evening_id}/handout").get_data(as_text=True)
    assert "Signalen van cyberpesten" in page  # the module's key points
    assert "0800-0432" in page  # the Kindertelefoon, for a Dutch school
    assert "We praten thuis geregeld met ons kind" in page  # the school's agreements for parents


def test_evening_shows_in_the_plans_of_the_classes_it_concerns(db, school, login) -> None:
    from planner.schools.models import SchoolClass
    from planner.schools.operations import save_class

    upper = save_class(
        school, SchoolClass(), name="Groep 7", grades=[7], head_count=20, teachers=[]
    )
    lower = save_class(
        school, SchoolClass(), name="Groep 2", grades=[2], head_count=20, teachers=[]
    )
    db.session.commit()
    client = login(school, "coordinator")
    client.post("/schooljaar", data={"year": "2026-2027"})
    create(client)
    assert "Ouderavond online" in client.get(f"/jaarplan/klas/{upper.id}").get_data(as_text=True)
    assert "Ouderavond online" not in client.get(f"/jaarplan/klas/{lower.id}").get_data(
        as_text=True
    )
    assert "Ouderavond online" in client.get(f"/school/kalender?klas={upper.id}").get_data(
        as_text=True
    )


def test_a_provider_must_come_from_the_catalogue(db, school, login) -> None:
    client = login(school, "coordinator")
    for slug in ("bestaat-niet", "kindertelefoon"):  # unknown, and a help line
        response = english(client).post(
            "/ouderavonden/nieuw",
            data={
                "title": "Ouderavond online",
                "day": DAY.isoformat(),
                "start_time": "19:30",
                "end_time": "21:00",
                "place": "De aula",
                "provider": slug,
            },
        )
        assert response.status_code == 400
        assert "Choose a provider from the list" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ParentEvening.id))) == 0
    evening_id = create(client, provider="gastles-jeugdagent")
    assert db.session.get(ParentEvening, evening_id).provider_item.slug == "gastles-jeugdagent"


def test_a_question_keeps_emoji_and_right_to_left_text_but_no_control_characters(
    app, db, school, login
) -> None:
    evening_id = create(login(school, "coordinator"))
    token = db.session.get(ParentEvening, evening_id).response_token
    question = "Mag mijn 👨‍👩‍👧 mee? \u200fمرحبا\u200f\x00\x07 Dank!"
    response = app.test_client().post(
        "/reactie/" + token, data={"guests": "2", "question": question}
    )
    assert response.status_code == 201
    stored = db.session.scalar(select(EveningResponse.question))
    assert stored == "Mag mijn 👨‍👩‍👧 mee? \u200fمرحبا\u200f Dank!"
