"""Sessions end: at logout (on the server too), everywhere at once, after a school day idle."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from sqlalchemy import func, select

from planner.accounts.models import User, UserSession
from planner.clock import utcnow
from tests.conftest import PASSWORD

EN = {"Accept-Language": "en"}
TEACHER = "teacher@deregenboog.example"


def log_in(client, email: str = TEACHER):
    response = client.post("/inloggen", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303
    return client


def goes_to_login(response) -> bool:
    return response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_a_replayed_cookie_after_logout_goes_to_the_login_page(app, make_school) -> None:
    make_school("De Regenboog")
    client = log_in(app.test_client())
    cookie = client.get_cookie("session")
    assert client.get("/jaarplan/").status_code == 200
    assert client.post("/uitloggen").status_code == 303
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)  # the cookie as it was before logging out
    assert goes_to_login(thief.get("/jaarplan/"))
    assert goes_to_login(thief.get("/school/incidenten"))


def test_logging_out_here_keeps_other_devices_logged_in(app, make_school) -> None:
    make_school("De Regenboog")
    laptop, classroom = log_in(app.test_client()), log_in(app.test_client())
    classroom.post("/uitloggen")
    assert goes_to_login(classroom.get("/jaarplan/"))
    assert laptop.get("/jaarplan/").status_code == 200


def test_log_out_everywhere_ends_every_session(app, db, make_school) -> None:
    make_school("De Regenboog")
    laptop, classroom = log_in(app.test_client()), log_in(app.test_client())
    response = laptop.post("/account/overal-uitloggen")
    assert response.status_code == 303
    assert goes_to_login(laptop.get("/jaarplan/"))
    assert goes_to_login(classroom.get("/jaarplan/"))
    assert db.session.scalar(select(func.count(UserSession.id))) == 0


def test_the_account_page_offers_log_out_everywhere(app, make_school) -> None:
    make_school("De Regenboog")
    page = log_in(app.test_client()).get("/account/wachtwoord", headers=EN)
    assert 'action="/account/overal-uitloggen"' in page.get_data(as_text=True)


def test_a_session_unused_for_a_school_day_ends(app, make_school) -> None:
    make_school("De Regenboog")
    client = log_in(app.test_client())
    idle = app.config["SESSION_IDLE_MINUTES"]
    assert idle == 9 * 60
    with time_machine.travel(timedelta(minutes=idle - 5)):
        assert client.get("/jaarplan/", headers=EN).status_code == 200  # in use: starts again
    with time_machine.travel(timedelta(minutes=2 * idle - 10)):
        assert client.get("/jaarplan/", headers=EN).status_code == 200
    with time_machine.travel(timedelta(minutes=3 * idle)):
        response = client.get("/jaarplan/", headers=EN)
        assert goes_to_login(response)
        page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
        assert "You were logged out because you had not used the planner for a while" in page
    assert goes_to_login(client.get("/jaarplan/"))  # and it stays ended


def test_the_idle_time_is_a_setting(app, make_school, monkeypatch) -> None:
    make_school("De Regenboog")
    app.config["SESSION_IDLE_MINUTES"] = 30
    client = log_in(app.test_client())
    with time_machine.travel(timedelta(minutes=31)):
        assert goes_to_login(client.get("/jaarplan/"))


def test_a_new_password_ends_the_other_sessions_only(app, make_school) -> None:
    make_school("De Regenboog")
    here, elsewhere = log_in(app.test_client()), log_in(app.test_client())
    changed = here.post(
        "/account/wachtwoord",
        data={
            "current": PASSWORD,
            "password": "een-nieuw-lang-wachtwoord",
            "password_again": "een-nieuw-lang-wachtwoord",
        },
    )
    assert changed.status_code == 303
    assert here.get("/jaarplan/").status_code == 200
    assert goes_to_login(elsewhere.get("/jaarplan/"))


def test_sessions_are_stored_as_hashes_only(app, db, make_school) -> None:
    make_school("De Regenboog")
    client = log_in(app.test_client())
    stored = db.session.scalars(select(UserSession.key_hash)).all()
    assert len(stored) == 1
    cookie = client.get_cookie("session").value
    assert stored[0] not in cookie
    user = db.session.scalar(select(User).where(User.email == TEACHER))
    row = db.session.scalar(select(UserSession))
    assert row.user_id == user.id
    assert row.created_at <= utcnow()
