"""A teacher browses the catalogue in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_filter_open_lesson_preview_and_switch_language(
    page, live_server: str, assert_accessible
) -> None:
    page.goto(f"{live_server}/catalogus/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)

    # Filter by groep 7 and lessons: the list updates and the URL can be shared.
    page.locator(".facet--kind label", has_text="Les").first.click()
    page.wait_for_url(re.compile(r"kind=lesson"))
    page.locator(".facet--grade label", has_text="groep 7").click()
    page.wait_for_url(re.compile(r"grade=7"))
    cards = page.locator(".card")
    expect(cards.first).to_be_visible()
    for grade_badge in cards.locator(".meta__grade").all_inner_texts():
        assert "7" in grade_badge
    shared = page.url
    page.goto(shared)  # the same filters come back from the URL alone
    expect(page.locator('input[name="grade"][value="7"]')).to_be_checked()

    # Open a lesson and page through its slide preview.
    page.get_by_role("link", name="Cyberpesten: kijk niet weg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cyberpesten: kijk niet weg")
    first_slide = page.locator(".slide").first
    expect(first_slide).to_be_visible()
    expect(page.locator(".slide").nth(1)).to_be_hidden()  # one slide at a time with JS
    page.get_by_role("button", name="Volgende dia").click()
    expect(page.locator(".slide").nth(1)).to_be_visible()
    expect(page.locator(".slide").nth(1).locator(".slide__notes")).to_contain_text("")
    expect(page.locator(".slide--help .slide__help")).to_contain_text("Kindertelefoon")
    assert_accessible(page)

    # Switch to English: the choice sticks on the next page.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name=re.compile("Slides"))).to_be_visible()
    page.get_by_role("link", name="Catalogue", exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_catalogue_works_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/catalogus/")
    page.locator('input[name="grade"][value="1"]').check()
    page.get_by_role("button", name="Resultaten tonen").click()
    assert "grade=1" in page.url
    expect(page.locator(".card").first).to_be_visible()
    context.close()


def test_protocol_checklist_and_start_page_are_accessible(
    page, live_server: str, assert_accessible
) -> None:
    page.goto(f"{live_server}/")
    assert_accessible(page)
    page.goto(f"{live_server}/catalogus/?kind=protocol")
    page.locator(".card__title a").first.click()
    boxes = page.locator(".checklist__steps input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    boxes.first.check()
    expect(boxes.first).to_be_checked()
    assert_accessible(page)
