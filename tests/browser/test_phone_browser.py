"""A teacher on a phone (390x844): the catalogue shows results first, the top bar folds behind
a menu button, nothing scrolls the page sideways, and axe finds no serious problem."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD

PHONE = {"width": 390, "height": 844}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_catalogue_start_page_and_class_plan_on_a_phone(
    browser, demo_server: str, assert_accessible
) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("leerkracht@deregenboog.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))

    # Start page: the top bar is one slim row; the menu opens and closes from the keyboard.
    assert page.locator(".topbar").bounding_box()["height"] < 70
    expect(page.locator(".brand__name")).to_be_visible()
    menu = page.get_by_role("button", name="Menu")
    expect(page.get_by_role("link", name="Catalogus", exact=True)).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Catalogus", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Catalogus", exact=True)).to_be_hidden()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)

    # Catalogue: the first result within the first screen, the filters behind one button.
    page.goto(demo_server + "/catalogus/")
    first = page.locator(".card").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < PHONE["height"]
    toggle = page.locator(".filters__toggle")
    expect(page.get_by_label("Leeftijd van de kinderen")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Leeftijd van de kinderen")).to_be_visible()
    page.locator(".facet--kind .chip", has_text="Gastles").click()
    expect(page.locator(".results__count")).not_to_have_text(re.compile(r"^135 "))
    expect(toggle).to_contain_text("1 gekozen")
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)

    # The item page: title, grades and the slides before the details, nothing sideways.
    page.goto(demo_server + "/catalogus/cyberpesten-kijk-niet-weg-groep-7-8")
    slides = page.locator("#slides-heading").bounding_box()["y"]
    assert slides < page.locator(".facts").bounding_box()["y"]
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)

    # Class plan: usable at phone width, no sideways scrolling.
    page.goto(demo_server + "/jaarplan/")
    page.get_by_role("link", name="Groep 7/8").first.click()
    expect(page.locator("li.entry").first).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)

    # School overview: the wide tables scroll in their own box, not the page.
    page.goto(demo_server + "/jaarplan/overzicht")
    box = page.locator(".table-scroll[aria-label='Groepen per maand']")
    expect(box).to_be_visible()
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page_width(page) <= PHONE["width"]
    context.close()


def test_the_product_name_shows_on_a_school_laptop(browser, live_server: str) -> None:
    for width in (1024, 1280, 1366, 1440):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server + "/catalogus/")
        expect(page.locator(".brand__name")).to_be_visible()
        assert page_width(page) <= width
        context.close()
