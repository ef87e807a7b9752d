"""A coordinator subscribes to a class calendar, uploads the school's slide template and reads
the change log; every page passes axe."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from tests.browser.conftest import english_context
from tests.browser.test_policy_browser import log_in


@pytest.fixture
def page(browser):
    context = english_context(browser, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def template_file(tmp_path) -> str:
    prs = Presentation()
    prs.slide_layouts[0]._element.cSld.set("name", "Titeldia")
    path = tmp_path / "huisstijl.pptx"
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_subscription_template_and_change_log(
    page, browser, demo_server: str, assert_accessible, tmp_path
) -> None:
    log_in(page, demo_server, "coordinator@deregenboog.example")

    # A class plan offers a subscription; the link is shown once and then works without login.
    page.get_by_role("link", name="Year plan", exact=True).click()
    page.get_by_role("link", name="Groep 6", exact=True).first.click()
    page.get_by_role("link", name="Subscribe").click()
    page.get_by_label("Calendar").select_option(label="Groep 6")
    page.get_by_role("button", name="Make a subscription link").click()
    link = page.get_by_label("Subscription link").input_value()
    assert re.fullmatch(r"https?://\S+/agenda/[\w-]{40,}\.ics", link)
    expect(page.get_by_role("table")).to_contain_text("Groep 6")
    assert_accessible(page)
    calendar_program = browser.new_context()
    fetched = calendar_program.request.get(link)
    assert fetched.status == 200
    assert "BEGIN:VEVENT" in fetched.text()
    calendar_program.close()

    # The school's template.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="School").click()
    page.get_by_role("link", name="Slide template").click()
    assert_accessible(page)
    page.get_by_label("PowerPoint template (.pptx or .potx)").set_input_files(
        template_file(tmp_path)
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").or_(page.locator(".flash"))).to_contain_text(
        "The template is saved"
    )
    expect(page.locator(".facts")).to_contain_text("“Titeldia”")
    assert_accessible(page)

    # The change log shows who changed what.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="School").click()
    page.get_by_role("link", name="Change log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change log")
    expect(page.locator(".auditlog__event").first).to_be_visible()
    assert_accessible(page)
