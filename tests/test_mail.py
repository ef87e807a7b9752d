"""E-mail through a real SMTP server (aiosmtpd, started by the tests on the loopback network):
invitations, password links and the parent-evening invitation."""

from __future__ import annotations

import html
import re
import socket
from collections.abc import Iterator
from datetime import time, timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from planner.accounts.models import User
from planner.clock import utcnow
from planner.evenings.operations import create_evening
from planner.plans.operations import next_school_day
from tests.conftest import english

EN = {"Accept-Language": "en"}
NEW = "een-heel-nieuw-wachtwoord"


@pytest.fixture(autouse=True)
def _english_by_choice(client) -> None:
    """These tests read the English messages: for staff the school's language beats the
    browser's, so the person chooses English with the switch (a cookie)."""
    english(client)


class Inbox:
    """What the local SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(app) -> Iterator[Inbox]:
    """A local SMTP server, and the app configured to send through it."""
    received = Inbox()
    port = _free_port()
    server = Controller(received, hostname="127.0.0.1", port=port)
    server.start()
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_SECURITY="none",
        SMTP_SENDER="planner@deregenboog.example",
    )
    try:
        yield received
    finally:
        server.stop()


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()


def link_in(message: Message) -> str:
    return re.search(r"http://localhost(/\S+)", body(message))[1]


def test_an_invitation_is_e_mailed(app, db, make_school, login, inbox) -> None:
    school = make_school("De Regenboog")
    response = login(school, "coordinator").post(
        "/school/collegas/uitnodigen",
        data={"email": "nieuw@deregenboog.example", "role": "teacher"},
        headers=EN,
    )
    assert response.status_code == 201
    assert "The invitation has been sent to nieuw@deregenboog.example" in response.get_data(
        as_text=True
    )
    [(recipients, message)] = inbox.messages
    assert recipients == ["nieuw@deregenboog.example"]
    assert message["From"] == "planner@deregenboog.example"
    assert "De Regenboog" in message["Subject"]
    accept = app.test_client().get(link_in(message))
    assert accept.status_code == 200  # the link in the e-mail works


def test_a_forgotten_password_is_reset_through_the_e_mailed_link_once(
    app, db, make_school, inbox
) -> None:
    make_school("De Regenboog")
    person = app.test_client()
    asked = person.post(
        "/wachtwoord-vergeten", data={"email": "teacher@deregenboog.example"}, headers=EN
    )
    assert asked.status_code == 200
    assert "a link to choose a new password is on its way" in asked.get_data(as_text=True)
    unknown = person.post("/wachtwoord-vergeten", data={"email": "niemand@x.example"}, headers=EN)
    assert unknown.get_data(as_text=True).count("is on its way") == 1  # the same answer
    [(recipients, message)] = inbox.messages  # and no e-mail for the unknown address
    assert recipients == ["teacher@deregenboog.example"]
    path = link_in(message)
    done = person.post(path, data={"password": NEW, "password_again": NEW})
    assert done.status_code == 303
    again = app.test_client().post(
        path, data={"password": "nog-een-wachtwoord-x", "password_again": "nog-een-wachtwoord-x"}
    )
    assert again.status_code == 404
    fresh = app.test_client().post(
        "/inloggen", data={"email": "teacher@deregenboog.example", "password": NEW}
    )
    assert fresh.status_code == 303


def test_asking_again_and_again_sends_at_most_three_links_an_hour(app, make_school, inbox):
    make_school("De Regenboog")
    for _ in range(5):
        app.test_client().post("/wachtwoord-vergeten", data={"email": "viewer@deregenboog.example"})
    assert len(inbox.messages) == 3


def test_a_password_link_from_the_coordinator_is_e_mailed(app, db, make_school, login, inbox):
    school = make_school("De Regenboog")
    viewer = db.session.scalar(select(User).where(User.role == "viewer"))
    response = login(school, "coordinator").post(f"/school/collegas/{viewer.id}/wachtwoordlink")
    assert response.status_code == 303
    [(recipients, message)] = inbox.messages
    assert recipients == [viewer.email]
    assert app.test_client().get(link_in(message)).status_code == 200


def test_the_parent_evening_invitation_goes_out_as_blind_copies(
    app, db, make_school, login, inbox
) -> None:
    school = make_school("De Regenboog")
    evening = create_evening(
        school,
        title="Ouderavond online",
        day=next_school_day(school, utcnow().date() + timedelta(days=14), 1),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[],
    )
    db.session.commit()
    client = login(school, "coordinator")
    page = client.get(f"/ouderavonden/{evening.id}/uitnodiging", headers=EN)
    assert "Send the invitation" in page.get_data(as_text=True)
    sent = client.post(
        f"/ouderavonden/{evening.id}/uitnodiging/versturen",
        data={"addresses": "ouders-groep5@lijst.example;\n ouders-groep6@lijst.example"},
    )
    assert sent.status_code == 303
    [(recipients, message)] = inbox.messages
    assert recipients == ["ouders-groep5@lijst.example", "ouders-groep6@lijst.example"]
    assert message["To"] == "planner@deregenboog.example"  # nobody sees the other addresses
    assert message["Subject"] == "Ouderavond online"
    assert f"/reactie/{evening.response_token}" in body(message)
    wrong = client.post(
        f"/ouderavonden/{evening.id}/uitnodiging/versturen",
        data={"addresses": "geen-adres, <script>"},
        headers=EN,
    )
    assert wrong.status_code == 400
    assert "These are not e-mail addresses" in html.unescape(wrong.get_data(as_text=True))
    assert len(inbox.messages) == 1


def test_a_mail_server_that_is_down_leaves_the_link_on_the_page(app, make_school, login):
    school = make_school("De Regenboog")
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=_free_port(), SMTP_SECURITY="none")
    app.config["SMTP_SENDER"] = "planner@deregenboog.example"
    response = login(school, "coordinator").post(
        "/school/collegas/uitnodigen",
        data={"email": "nieuw@deregenboog.example", "role": "teacher"},
        headers=EN,
    )
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    assert "The e-mail could not be sent" in page
    assert 'id="invite-link"' in page
