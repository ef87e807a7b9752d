"""A teacher records an online incident, ticks protocol steps and plans the follow-up lesson;
the coordinator's policy pages pass axe as well."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, english_context

LESSON = 'Go along or not? Silent pressure, likes and "she\'s asking for it"'


@pytest.fixture
def page(browser):
    """An English browser: the buttons and labels below are the English ones."""
    context = english_context(browser, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page, server: str, email: str) -> None:
    page.goto(server + "/inloggen")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Good to see you")


def test_record_an_incident_tick_steps_and_plan_the_follow_up(
    page, demo_server: str, assert_accessible
) -> None:
    log_in(page, demo_server, "leerkracht@deregenboog.example")
    # The demo's open incident is due for its follow-up conversation.
    expect(page.locator("#reminders-heading")).to_have_text("Follow-up conversations")

    page.get_by_role("link", name="School", exact=True).click()
    page.get_by_role("link", name="Incidents", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Record an incident").click()
    expect(page.locator(".warning")).to_contain_text("No names")
    expect(page.get_by_label("Class")).to_have_value(re.compile(r"\d+"))
    page.get_by_role("radio", name="Excluded from a group chat").check()
    page.get_by_label("Short description (optional)").fill(
        "Een leerling is uit de groepsapp van de klas gezet."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Record", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Excluded from a group chat · Groep 7/8"
    )
    expect(page.locator(".flash--success")).to_contain_text("Incident recorded")
    page.get_by_label("Neem elk signaal van online pesten serieus").check()
    page.get_by_label("Bel de ouders van de gepeste leerling").check()
    page.get_by_role("button", name="Save protocol steps").click()
    expect(page.locator(".flash--success")).to_contain_text("2 steps done")
    expect(page.get_by_label("Neem elk signaal van online pesten serieus")).to_be_checked()
    expect(page.locator("#protocol-heading")).to_contain_text("2 of 24 steps done")
    expect(page.locator("#date-1-1")).to_have_value(re.compile(r"\d{4}-\d{2}-\d{2}"))
    assert_accessible(page)

    follow_up = page.locator("#follow-up")
    expect(follow_up).to_contain_text("Class thermometer")
    follow_up.get_by_role(
        "button", name=re.compile("Place in the class plan.*" + re.escape(LESSON))
    ).click()
    expect(page.locator(".flash--success")).to_contain_text("Added to the plan of Groep 7/8")
    expect(page.locator("#follow-up")).to_contain_text("In the plan on")

    page.get_by_role("link", name="Year plan", exact=True).click()
    page.get_by_role("link", name="Groep 7/8").click()
    expect(page.locator(".entries").first).to_contain_text(LESSON)


def test_policy_pages_are_accessible(page, demo_server: str, assert_accessible) -> None:
    log_in(page, demo_server, "coordinator@deregenboog.example")
    page.goto(demo_server + "/school/")
    page.get_by_role("link", name="Policy check").click()
    expect(page.locator("#q-positive")).to_contain_text("Missing")
    assert_accessible(page)
    # The demo's whole-school plan already holds the team's social-media guidelines.
    expect(page.locator("#q-staff_guidelines")).to_contain_text("In the whole-school plan on")
    for path in (
        "/school/contacten",
        "/school/afspraken",
        "/school/afspraken/bewerken",
        "/school/verantwoording",
        "/school/beleid/handout",
        "/school/afspraken/poster",
        "/school/beleid/afdrukken",
        "/school/incidenten/1",
    ):
        page.goto(demo_server + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
