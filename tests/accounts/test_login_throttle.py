"""Password guessing is slowed down: failed sign-ins are counted per account and per client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from planner.accounts import operations
from planner.accounts.models import LoginAttempt

PASSWORD = "lang-genoeg-wachtwoord"
TEACHER = "teacher@deregenboog.example"


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog")


def attempt(client, email: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/inloggen",
        data={"email": email, "password": password},
        headers={"Accept-Language": "en"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_an_account_is_locked_for_a_while_after_five_wrong_passwords(client, regenboog) -> None:
    for _ in range(operations.LOGIN_FAILURES_PER_ACCOUNT):
        assert attempt(client, TEACHER, "fout-wachtwoord").status_code == 400
    blocked = attempt(client, TEACHER, PASSWORD)
    assert blocked.status_code == 429
    page = blocked.get_data(as_text=True)
    assert "Too many failed attempts. Try again in 15 minutes" in page
    assert int(blocked.headers["Retry-After"]) == 15 * 60
    # The right password does not get through either, also not from another address.
    assert attempt(client, TEACHER, PASSWORD, address="10.0.0.2").status_code == 429
    # Other accounts are not affected.
    other = attempt(client, "coordinator@deregenboog.example", PASSWORD)
    assert other.status_code == 303


def test_the_lock_ends_when_the_failures_leave_the_window(client, db, regenboog) -> None:
    for _ in range(operations.LOGIN_FAILURES_PER_ACCOUNT):
        attempt(client, TEACHER, "fout-wachtwoord")
    assert attempt(client, TEACHER, PASSWORD).status_code == 429
    db.session.execute(
        update(LoginAttempt).values(at=LoginAttempt.at - operations.LOGIN_WINDOW - timedelta(1))
    )
    db.session.commit()
    assert attempt(client, TEACHER, PASSWORD).status_code == 303


def test_a_successful_login_clears_earlier_failures(client, db, regenboog) -> None:
    for _ in range(operations.LOGIN_FAILURES_PER_ACCOUNT - 1):
        attempt(client, TEACHER, "fout-wachtwoord")
    assert attempt(client, TEACHER, PASSWORD).status_code == 303
    client.post("/uitloggen")
    for _ in range(operations.LOGIN_FAILURES_PER_ACCOUNT - 1):
        assert attempt(client, TEACHER, "fout-wachtwoord").status_code == 400
    assert attempt(client, TEACHER, PASSWORD).status_code == 303


def test_one_client_trying_many_accounts_is_slowed_down(client, regenboog) -> None:
    for number in range(operations.LOGIN_FAILURES_PER_CLIENT):
        attempt(client, f"iemand{number}@example.org", "fout-wachtwoord", address="10.9.9.9")
    assert attempt(client, TEACHER, PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt(client, TEACHER, PASSWORD, address="10.9.9.8").status_code == 303


def test_the_message_is_in_the_users_language(client, regenboog) -> None:
    for _ in range(operations.LOGIN_FAILURES_PER_ACCOUNT):
        attempt(client, TEACHER, "fout-wachtwoord")
    blocked = client.post(
        "/inloggen",
        data={"email": TEACHER, "password": PASSWORD},
        headers={"Accept-Language": "nl"},
    )
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen" in blocked.get_data(as_text=True)


def test_attempts_store_no_address_in_the_clear(client, db, regenboog) -> None:
    attempt(client, TEACHER, "fout-wachtwoord", address="10.1.2.3")
    stored = db.session.scalars(select(LoginAttempt)).one()
    assert TEACHER not in (stored.email_hash, stored.client)
    assert "10.1.2.3" not in stored.client
    assert db.session.scalar(select(func.count(LoginAttempt.id))) == 1
