"""Security headers on every response, and no inline script in any page."""

from __future__ import annotations

import re

import pytest

from tests.conftest import english


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    "path", ["/catalogus/", "/catalogus/groepsapp-groep-7-8", "/api/v1/catalogue", "/setup"]
)
def test_headers(client, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert all("src=" in attrs and not body.strip() for attrs, body in scripts)
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_session_cookie_is_httponly_and_samesite(app, client, make_school) -> None:
    make_school("De Regenboog")
    response = client.post(
        "/inloggen",
        data={"email": "teacher@deregenboog.example", "password": "lang-genoeg-wachtwoord"},
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_behind_a_proxy_the_client_address_comes_from_the_proxy(database_url, tmp_path) -> None:
    from flask import request

    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path, BEHIND_PROXY=True)
    client = app.test_client()
    seen = {}

    @app.get("/_test-address")
    def address() -> str:
        seen["addr"], seen["secure"] = request.remote_addr, request.is_secure
        return "ok"

    client.get(
        "/_test-address", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"addr": "203.0.113.7", "secure": True}


@pytest.mark.usefixtures("loaded")
def test_every_page_and_download_behind_a_login_is_not_stored(app, db, login) -> None:
    """Walk the URL map as a logged-in coordinator: every GET answer says no-store."""
    from tests.test_permissions import MATRIX

    client, ids = _logged_in_world(app, db, login)
    checked = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in (
            "static",
            "policy.static",
            "catalogue.picture",  # the same picture for everyone: kept for a year
        ):
            continue
        route = MATRIX[rule.endpoint]
        if route.method != "GET":
            continue
        path = route.path.format(**{k: v for k, v in ids.items() if isinstance(v, int | str)})
        response = client.get(path)
        response.close()
        if response.status_code in (302, 404) and rule.endpoint in NOT_BEHIND_A_LOGIN:
            continue
        assert response.headers.get("Cache-Control") == "no-store", (path, response.status_code)
        checked.append(rule.endpoint)
    assert len(checked) > 40
    static = client.get("/static/css/app.css")
    assert static.headers.get("Cache-Control") != "no-store"  # the style sheet may be cached
    static.close()


# Public routes whose sample path in the permission matrix names no real object.
NOT_BEHIND_A_LOGIN = {
    "catalogue.detail",
    "catalogue_api.get_item",
    "exports.lesson_slides",
    "accounts.accept",
    "accounts.reset_password",
    "schools.setup",
    "accounts.login",
    "accounts.forgot_password",
}


def _logged_in_world(app, db, login):
    from datetime import date, time

    from planner.accounts.models import Role
    from planner.accounts.operations import create_user
    from planner.catalogue.operations import get_item
    from planner.evenings.operations import add_block, create_evening
    from planner.exports.operations import create_feed
    from planner.plans.models import PlanEntry
    from planner.plans.operations import get_or_create_plan
    from planner.policy.models import Contact, ContactRole, IncidentKind
    from planner.policy.operations import record_incident, save_contact
    from planner.schools.calendar import SchoolYear
    from planner.schools.models import SchoolClass
    from planner.schools.operations import add_closure, create_school, save_class
    from tests.conftest import PASSWORD

    school = create_school("De Regenboog", "NL", "midden", "nl")
    coordinator = create_user(
        school,
        email="coordinator@deregenboog.example",
        name="C",
        password=PASSWORD,
        role=Role.COORDINATOR,
    )
    school_class = save_class(
        school, SchoolClass(), name="Klas A", grades=[5], head_count=20, teachers=[coordinator]
    )
    evening = create_evening(
        school,
        title="Ouderavond",
        day=date(2026, 11, 24),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[],
    )
    block = add_block(evening, title="Welkom", minutes=10)
    contact = save_contact(
        school,
        Contact(),
        role=ContactRole.CONFIDENTIAL,
        label=None,
        name="V",
        phone=None,
        email=None,
        note=None,
        on_handout=True,
    )
    incident = record_incident(
        school_class,
        happened_on=date(2026, 11, 9),
        kind=IncidentKind.EXCLUSION,
        summary=None,
        follow_up_on=None,
        recorded_by=coordinator,
    )
    plan = get_or_create_plan(school_class, SchoolYear.parse("2026-2027"))
    lesson = PlanEntry(
        day=date(2026, 11, 24), item=get_item("groepsapp-groep-7-8"), reason_code="custom"
    )
    plan.entries.append(lesson)
    closure = add_closure(school, "Studiedag", date(2026, 11, 16), date(2026, 11, 16))
    feed, feed_token = create_feed(school, None, coordinator, "nl")
    db.session.commit()
    ids = {
        "class_id": school_class.id,
        "evening_id": evening.id,
        "block_id": block.id,
        "contact_id": contact.id,
        "incident_id": incident.id,
        "lesson_entry_id": lesson.id,
        "closure_id": closure.id,
        "feed_id": feed.id,
        "feed_token": feed_token,
        "token": evening.response_token,
        "checklist_id": evening.checklist[0].id,
        "user_id": coordinator.id,
    }
    return login(school, "coordinator"), ids


def test_hsts_only_with_secure_cookies(database_url, tmp_path, app) -> None:
    from tests.conftest import make_test_app

    assert "Strict-Transport-Security" not in app.test_client().get("/catalogus/").headers
    secure = make_test_app(database_url, tmp_path, SESSION_COOKIE_SECURE=True)
    # A file, not a page: this second app opens no database connection of its own.
    with secure.app_context():
        response = secure.test_client().get("/static/css/app.css")
        response.close()
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize("path", ["/inloggen", "/reactie/{token}", "/wachtwoord-vergeten"])
def test_a_huge_anonymous_post_is_refused_before_it_is_read(app, db, make_school, path) -> None:
    """11 MB to a small public form: 413 from the Content-Length, nothing parsed."""
    from datetime import time, timedelta

    from planner.clock import utcnow
    from planner.evenings.operations import create_evening
    from planner.plans.operations import next_school_day

    school = make_school("De Regenboog")
    evening = create_evening(
        school,
        title="Ouderavond",
        day=next_school_day(school, utcnow().date() + timedelta(days=14), 1),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[],
    )
    db.session.commit()
    body = "question=" + "a" * (11 * 1024 * 1024)
    response = english(app.test_client()).post(
        path.format(token=evening.response_token),
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "What was sent is too large." in response.get_data(as_text=True)


def test_an_oversize_field_is_refused_without_cleaning_each_character(app) -> None:
    from planner.core.forms import length_first

    seen = []

    def cleaning(value):
        seen.append(value)
        return value

    bounded = length_first(cleaning, 10)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert bounded("kort") == "kort"
        with pytest.raises(ValueError, match="at most 10 characters"):
            bounded("x" * 11)
    assert seen == ["kort"]
