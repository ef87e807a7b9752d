"""Coordinators manage colleagues' accounts; people reset a forgotten password by a link."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from planner.accounts.models import PasswordReset, User
from planner.accounts.operations import RESET_LINK_HOURS, change_role, deactivate
from tests.conftest import PASSWORD, english

EN = {"Accept-Language": "en"}
NEW = "een-heel-nieuw-wachtwoord"


@pytest.fixture(autouse=True)
def _english_by_choice(client) -> None:
    """These tests read the English messages: for staff the school's language beats the
    browser's, so the person chooses English with the switch (a cookie)."""
    english(client)


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog")


def user(db, role: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{role}@deregenboog.example"))


def log_in(client, role: str, password: str = PASSWORD):
    return client.post(
        "/inloggen",
        data={"email": f"{role}@deregenboog.example", "password": password},
        headers=EN,
    )


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_deactivated_colleague_cannot_log_in_and_is_logged_out(app, db, regenboog, login):
    teacher_client = app.test_client()
    assert log_in(teacher_client, "teacher").status_code == 303
    coordinator = login(regenboog, "coordinator")
    teacher = user(db, "teacher")
    done = coordinator.post(f"/school/collegas/{teacher.id}/deactiveren", headers=EN)
    assert done.status_code == 303
    assert teacher_client.get("/jaarplan/").status_code == 302  # the open session ended
    refused = log_in(app.test_client(), "teacher")
    assert refused.status_code == 400
    assert "E-mail address or password is not right." in text(refused)
    page = text(coordinator.get("/school/collegas", headers=EN))
    assert "(deactivated)" in page
    # Invited again? The form says the account exists and can be reactivated.
    again = coordinator.post(
        "/school/collegas/uitnodigen",
        data={"email": teacher.email, "role": "teacher"},
        headers=EN,
    )
    assert again.status_code == 400
    assert "already has an account, which is deactivated. Reactivate it" in text(again)
    back = coordinator.post(f"/school/collegas/{teacher.id}/activeren")
    assert back.status_code == 303
    assert log_in(app.test_client(), "teacher").status_code == 303


def test_the_last_coordinator_cannot_be_demoted_or_deactivated(db, regenboog, login):
    coordinator = user(db, "coordinator")
    client = login(regenboog, "coordinator")
    refused = client.post(
        f"/school/collegas/{coordinator.id}/rol", data={"role": "teacher"}, headers=EN
    )
    assert refused.status_code == 303
    page = text(client.get(refused.headers["Location"], headers=EN))
    assert "is the school's only coordinator" in page
    db.session.expire_all()
    assert user(db, "coordinator").role == "coordinator"
    yourself = client.post(f"/school/collegas/{coordinator.id}/deactiveren")
    assert yourself.status_code == 303
    assert user(db, "coordinator").active
    # With a second coordinator the first may become a teacher.
    client.post(f"/school/collegas/{user(db, 'viewer').id}/rol", data={"role": "coordinator"})
    moved = client.post(f"/school/collegas/{coordinator.id}/rol", data={"role": "teacher"})
    assert moved.status_code == 303
    db.session.expire_all()
    assert user(db, "coordinator").role == "teacher"
    assert user(db, "viewer").role == "coordinator"


def test_the_domain_keeps_a_coordinator(db, regenboog):
    from planner.accounts.models import Role
    from planner.accounts.operations import AccountError

    other = user(db, "viewer")
    change_role(other, Role.COORDINATOR)
    deactivate(user(db, "coordinator"), other)
    with pytest.raises(AccountError):
        change_role(other, Role.TEACHER)
    with pytest.raises(AccountError):
        deactivate(other, user(db, "teacher"))


def test_another_schools_colleague_cannot_be_touched(db, make_school, login):
    make_school("De Regenboog")
    vlinder = make_school("De Vlinder", "BE", "vlaanderen")
    teacher = user(db, "teacher")
    client = login(vlinder, "coordinator")
    for action in ("deactiveren", "activeren", "wachtwoordlink"):
        assert client.post(f"/school/collegas/{teacher.id}/{action}").status_code == 404
    assert (
        client.post(f"/school/collegas/{teacher.id}/rol", data={"role": "viewer"}).status_code
        == 404
    )
    db.session.expire_all()
    assert user(db, "teacher").active
    assert user(db, "teacher").role == "teacher"


def test_a_reset_link_from_the_coordinator_works_once(app, db, regenboog, login):
    teacher = user(db, "teacher")
    page = login(regenboog, "coordinator").post(
        f"/school/collegas/{teacher.id}/wachtwoordlink", headers=EN
    )
    assert page.status_code == 201
    body = text(page)
    assert "This planner does not send e-mail" in body
    link = re.search(r'id="reset-link"[^>]*value="([^"]+)"', body)[1]
    path = link.removeprefix("http://localhost")
    stored = db.session.scalar(select(PasswordReset))
    assert stored.token_hash not in link
    person = app.test_client()
    assert person.get(path).status_code == 200
    done = person.post(path, data={"password": NEW, "password_again": NEW})
    assert done.status_code == 303
    assert person.get("/jaarplan/").status_code == 200
    assert log_in(app.test_client(), "teacher", NEW).status_code == 303
    twice = app.test_client().post(
        path,
        data={"password": "nog-een-wachtwoord-x", "password_again": "nog-een-wachtwoord-x"},
        headers=EN,
    )
    assert twice.status_code == 404
    assert "This password link does not work (any more)" in text(twice)
    assert log_in(app.test_client(), "teacher", NEW).status_code == 303


def test_a_reset_link_expires(app, db, regenboog, login):
    teacher = user(db, "teacher")
    body = text(
        login(regenboog, "coordinator").post(f"/school/collegas/{teacher.id}/wachtwoordlink")
    )
    path = re.search(r'id="reset-link"[^>]*value="([^"]+)"', body)[1].removeprefix(
        "http://localhost"
    )
    with time_machine.travel(timedelta(hours=RESET_LINK_HOURS, minutes=1)):
        assert app.test_client().get(path).status_code == 404


def test_forgot_password_without_e_mail_says_to_ask_the_coordinator(app, regenboog):
    login_page = text(app.test_client().get("/inloggen", headers=EN))
    assert 'href="/wachtwoord-vergeten"' in login_page
    page = app.test_client().get("/wachtwoord-vergeten", headers=EN)
    assert page.status_code == 200
    assert "Ask the coordinator of your school for a password link" in text(page)


@pytest.mark.parametrize("password", ["1234567890", "Password123", "qwertyuiop", "iloveyou12"])
def test_common_passwords_are_refused(db, regenboog, login, password):
    response = login(regenboog, "teacher").post(
        "/account/wachtwoord",
        data={"current": PASSWORD, "password": password, "password_again": password},
        headers=EN,
    )
    assert response.status_code == 400
    assert "one that many people use" in text(response)


def test_typing_the_current_password_is_limited_like_the_login(app, db, regenboog, login):
    client = login(regenboog, "teacher")
    wrong = {"current": "niet-het-wachtwoord", "password": NEW, "password_again": NEW}
    codes = [client.post("/account/wachtwoord", data=wrong).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    right = {"current": PASSWORD, "password": NEW, "password_again": NEW}
    blocked = client.post("/account/wachtwoord", data=right, headers=EN)
    assert blocked.status_code == 429
    assert "Too many failed attempts" in text(blocked)


def test_deleting_the_school_counts_wrong_passwords(app, db, regenboog, login):
    client = login(regenboog, "coordinator")
    wrong = {"school_name": "De Regenboog", "password": "niet-het-wachtwoord"}
    codes = [client.post("/school/verwijderen", data=wrong).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    right = {"school_name": "De Regenboog", "password": PASSWORD}
    assert client.post("/school/verwijderen", data=right).status_code == 429
    assert db.session.scalar(select(User).where(User.email == "coordinator@deregenboog.example"))
