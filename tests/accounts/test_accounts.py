"""Accounts: log in and out, passwords, invitations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from planner.accounts.models import Invitation, User
from planner.clock import utcnow
from planner.core.redirects import safe_next
from tests.conftest import english

PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog")


def test_login_with_right_and_wrong_password(client, regenboog) -> None:
    wrong = client.post(
        "/inloggen",
        data={"email": "teacher@deregenboog.example", "password": "fout-wachtwoord"},
        headers={"Accept-Language": "en"},
    )
    assert wrong.status_code == 400
    assert "E-mail address or password is not right." in wrong.get_data(as_text=True)
    unknown = client.post("/inloggen", data={"email": "nobody@x.example", "password": "x"})
    assert unknown.status_code == 400
    right = client.post(
        "/inloggen", data={"email": " Teacher@DeRegenboog.example ", "password": PASSWORD}
    )
    assert right.status_code == 303
    assert client.get("/school/").status_code == 200


def test_pages_need_a_login(client, regenboog) -> None:
    response = client.get("/school/klassen")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_login_redirects_only_to_local_pages(client, regenboog) -> None:
    response = client.post(
        "/inloggen?next=https://evil.example/",
        data={"email": "teacher@deregenboog.example", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(
    "target", ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_tricky_next_addresses_go_home(target: str) -> None:
    assert safe_next(target) == "/"
    assert safe_next("/jaarplan/?q=a%20b") == "/jaarplan/?q=a%20b"


def test_logout(login, regenboog) -> None:
    client = login(regenboog, "teacher")
    assert client.post("/uitloggen").status_code == 303
    assert client.get("/school/").status_code == 302


def test_change_password_ends_other_sessions(app, login, regenboog) -> None:
    client = login(regenboog, "teacher")
    other = app.test_client()
    other.post("/inloggen", data={"email": "teacher@deregenboog.example", "password": PASSWORD})
    assert other.get("/school/").status_code == 200
    wrong = client.post(
        "/account/wachtwoord",
        data={
            "current": "niet-het-wachtwoord",
            "password": "nieuw-wachtwoord-123",
            "password_again": "nieuw-wachtwoord-123",
        },
    )
    assert wrong.status_code == 400
    ok = client.post(
        "/account/wachtwoord",
        data={
            "current": PASSWORD,
            "password": "nieuw-wachtwoord-123",
            "password_again": "nieuw-wachtwoord-123",
        },
    )
    assert ok.status_code == 303
    assert client.get("/school/").status_code == 200  # this session goes on
    assert other.get("/school/").status_code == 302  # the other one ended
    client.post("/uitloggen")
    assert (
        client.post(
            "/inloggen",
            data={"email": "teacher@deregenboog.example", "password": "nieuw-wachtwoord-123"},
        ).status_code
        == 303
    )


@pytest.mark.parametrize("password", ["kort", "aaaaaaaaaaaaaa", "teacher@deregenboog.example"])
def test_password_rules(login, regenboog, password) -> None:
    client = login(regenboog, "teacher")
    response = client.post(
        "/account/wachtwoord",
        data={"current": PASSWORD, "password": password, "password_again": password},
    )
    assert response.status_code == 400


def invite(client, email="nieuw@deregenboog.example", role="teacher") -> str:
    response = client.post("/school/collegas/uitnodigen", data={"email": email, "role": role})
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    return re.search(
        r'value="(http[^"]+/uitnodiging/[^"]+)"', response.get_data(as_text=True)
    ).group(1)


def test_invitation_link_works_once(app, db, login, regenboog) -> None:
    link = invite(login(regenboog, "coordinator"))
    path = link.split("localhost", 1)[1]
    invitee = app.test_client()
    assert invitee.get(path).status_code == 200
    response = invitee.post(
        path,
        data={"name": "Noor", "password": "welkom-op-school", "password_again": "welkom-op-school"},
    )
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.email == "nieuw@deregenboog.example"))
    assert (user.name, user.role, user.school_id) == ("Noor", "teacher", regenboog.id)
    assert app.test_client().get(path).status_code == 404  # used


def test_invitation_tokens_are_stored_hashed_and_unguessable(db, login, regenboog) -> None:
    link = invite(login(regenboog, "coordinator"))
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 40
    stored = db.session.scalar(select(Invitation.token_hash))
    assert token not in stored


def test_expired_and_withdrawn_invitations_do_not_work(app, db, login, regenboog) -> None:
    client = login(regenboog, "coordinator")
    first = invite(client, "een@deregenboog.example").split("localhost", 1)[1]
    second = invite(client, "twee@deregenboog.example").split("localhost", 1)[1]
    expired = db.session.scalar(
        select(Invitation).where(Invitation.email == "een@deregenboog.example")
    )
    expired.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert app.test_client().get(first).status_code == 404
    withdrawn = db.session.scalar(
        select(Invitation).where(Invitation.email == "twee@deregenboog.example")
    )
    assert client.post(f"/school/uitnodigingen/{withdrawn.id}/intrekken").status_code == 303
    assert app.test_client().get(second).status_code == 404
    assert app.test_client().get("/uitnodiging/verzonnen-token").status_code == 404


def test_only_coordinators_invite(login, regenboog) -> None:
    client = login(regenboog, "teacher")
    response = client.post(
        "/school/collegas/uitnodigen",
        data={"email": "x@deregenboog.example", "role": "coordinator"},
    )
    assert response.status_code == 403


def test_an_existing_email_cannot_be_invited(login, regenboog) -> None:
    client = login(regenboog, "coordinator")
    response = english(client).post(
        "/school/collegas/uitnodigen",
        data={"email": "viewer@deregenboog.example", "role": "teacher"},
    )
    assert response.status_code == 400
    assert "There is already an account with this e-mail address." in response.get_data(
        as_text=True
    )


def test_the_invitation_names_the_school_and_who_invited(app, db, login, regenboog) -> None:
    coordinator = login(regenboog, "coordinator")
    page = coordinator.get("/school/collegas").get_data(as_text=True)
    assert "data-copy" not in page  # no link yet, no copy button
    created = coordinator.post(
        "/school/collegas/uitnodigen",
        data={"email": "nieuw@deregenboog.example", "role": "teacher"},
    ).get_data(as_text=True)
    assert 'data-copy="invite-link"' in created  # a copy button next to the link
    link = re.search(r'value="(http[^"]+/uitnodiging/[^"]+)"', created).group(1)
    inviter = db.session.scalar(
        select(User).where(User.school_id == regenboog.id, User.role == "coordinator")
    )
    welcome = app.test_client().get(link.split("localhost", 1)[1]).get_data(as_text=True)
    assert "Welkom bij De Regenboog" in welcome
    assert f"{inviter.name} nodigt je uit" in welcome
