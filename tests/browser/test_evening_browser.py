"""A coordinator organises a parent evening; a parent responds from another, logged-out browser."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from planner.schools.calendar import SchoolYear, is_school_day, school_calendar
from tests.browser.conftest import DEMO_PASSWORD, english_context


def upcoming_school_tuesday() -> date:
    """A Tuesday a few weeks ahead on which De Regenboog (NL, midden) is open."""
    day = date.today() + timedelta(weeks=3)
    while True:
        events = school_calendar("NL", "midden", SchoolYear.containing(day, "NL"))
        if day.weekday() == 1 and is_school_day(day, events):
            return day
        day += timedelta(days=1)


def test_create_programme_reorder_and_respond(browser, demo_server: str, assert_accessible):
    context = english_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mail address").fill("coordinator@deregenboog.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Parent evenings", exact=True).click()
    page.get_by_role("link", name="Plan a parent evening").first.click()
    page.get_by_label("Title").fill("Online opgroeien")
    page.get_by_label("Date").fill(upcoming_school_tuesday().isoformat())
    page.get_by_label("Starts at").fill("19:30")
    page.get_by_label("Ends at").fill("21:00")
    page.get_by_label("Place").fill("Aula")
    page.get_by_label("Maximum number of guests").fill("50")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/ouderavonden/\d+$"))

    for module in ("welkom-en-waarom-vanavond", "signalen-van-cyberpesten"):
        page.get_by_label("Module from the catalogue").select_option(module)
        page.get_by_role("button", name="Add", exact=True).click()
    blocks = page.locator(".programme-block")
    expect(blocks).to_have_count(2)
    expect(blocks.first).to_contain_text("19:30")
    expect(blocks.nth(1)).to_contain_text("19:40")
    assert_accessible(page)

    # Reorder with the keyboard-friendly buttons: the second block moves up.
    blocks.nth(1).get_by_role("button", name=re.compile("^Up")).click()
    expect(page.locator(".programme-block").first).to_contain_text("cyberbullying")
    expect(page.locator(".programme-block").first).to_contain_text("19:30")

    page.get_by_role("link", name="Invitation", exact=True).click()
    invitation = page.get_by_role("textbox", name="Invitation")
    expect(invitation).to_have_value(re.compile("Online opgroeien"))
    link = re.search(r"https?://\S+/reactie/\S+", invitation.input_value()).group(0)
    assert_accessible(page)

    parent_context = english_context(browser)
    parent = parent_context.new_page()
    parent.goto(link)
    assert_accessible(parent)
    parent.get_by_label("How many people will come?").fill("2")
    parent.get_by_label("A question for the evening (optional)").fill("Wanneer een eigen telefoon?")
    parent.get_by_role("button", name="Send").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Thank you!")
    assert_accessible(parent)
    parent_context.close()

    page.get_by_role("link", name="Responses", exact=True).click()
    expect(page.locator(".bigfigure")).to_contain_text("2 guests")
    expect(page.locator(".questions")).to_contain_text("Wanneer een eigen telefoon?")
    assert_accessible(page)
    page.get_by_role("link", name="Checklist", exact=True).click()
    assert_accessible(page)
    context.close()
