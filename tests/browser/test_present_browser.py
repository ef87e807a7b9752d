"""Present mode: a parent evening full-screen in the browser, moved with the keys a clicker
sends, with the speaker's notes in a second window that follows along."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD


def test_present_an_evening_with_the_keys_and_the_notes_window(
    browser, demo_server: str, assert_accessible
) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("coordinator@deregenboog.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Ouderavonden", exact=True).first.click()
    page.get_by_role("link", name="Ouderavond: online opgroeien").first.click()
    programme_url = page.url

    page.get_by_role("link", name="Presenteren", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ouderavonden/\d+/presenteren"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    slides = page.locator("[data-slide]")
    total = slides.count()
    assert 10 < total <= 30
    counter = page.locator(".present-controls [data-count]")
    expect(counter).to_have_text(f"1 / {total}")
    expect(slides.nth(0)).to_be_visible()
    expect(slides.nth(0).get_by_role("heading", level=2)).to_have_text(
        "Ouderavond: online opgroeien"
    )
    expect(slides.nth(1)).to_be_hidden()
    assert_accessible(page)

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"2 / {total}")
    expect(slides.nth(0)).to_be_hidden()
    expect(slides.nth(1).get_by_role("heading", level=2)).to_have_text("Het programma van vanavond")
    expect(page.locator("[data-announce]")).to_contain_text("Het programma van vanavond")
    page.keyboard.press("PageDown")  # what a clicker sends
    expect(counter).to_have_text(f"3 / {total}")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"2 / {total}")
    page.keyboard.press("End")
    expect(counter).to_have_text(f"{total} / {total}")
    expect(slides.nth(total - 1)).to_contain_text("Vragen? Hier vind je hulp")
    page.keyboard.press("Home")
    expect(counter).to_have_text(f"1 / {total}")
    page.keyboard.press("ArrowRight")
    assert_accessible(page)

    # The speaker's window: notes, the next slide and a timer, and it follows the deck.
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Notities (S)").click()
    notes = popup.value
    notes.set_viewport_size({"width": 1366, "height": 768})
    expect(notes.locator(".notes-view [data-count]")).to_have_text(f"2 / {total}")
    expect(notes.locator("[data-notes]")).to_contain_text("Loop de avond door")
    expect(notes.locator("[data-next]")).to_contain_text("Welkom en waarom vanavond")
    expect(notes.locator("[data-timer]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    page.bring_to_front()
    page.keyboard.press("ArrowRight")
    expect(notes.locator(".notes-view [data-count]")).to_have_text(f"3 / {total}")
    expect(notes.locator("[data-current]")).to_contain_text("Welkom en waarom vanavond")
    notes.keyboard.press("ArrowRight")  # moving in the notes window moves the deck too
    expect(counter).to_have_text(f"4 / {total}")
    assert_accessible(notes)

    page.keyboard.press("Escape")
    expect(page).to_have_url(programme_url)
    context.close()
