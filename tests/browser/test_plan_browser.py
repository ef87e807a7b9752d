"""A teacher generates a plan, moves entries (one into a holiday) and ticks one off."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD


def test_generate_move_refuse_and_mark_done(page, demo_server: str, assert_accessible) -> None:
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("leerkracht@deregenboog.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    with page.expect_navigation():
        page.get_by_label("Schooljaar").select_option("2026-2027")

    page.get_by_role("link", name="Jaarplan", exact=True).click()
    page.get_by_role("link", name="Groep 7/8").click()
    page.get_by_role("button", name="Plan maken").first.click()
    entries = page.locator("li.entry")
    expect(entries.first).to_be_visible()
    expect(page.locator(".entries")).to_contain_text("Week tegen Pesten")
    expect(page.locator(".entries")).to_contain_text("Safer Internet Day")
    assert_accessible(page)

    # Move the third entry to another school day.
    third = entries.nth(2)
    third.locator("summary").click()
    third.get_by_label("Verplaatsen naar").fill("2026-11-17")
    third.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(page.locator(".flash--success")).to_contain_text("17 november 2026")

    # Try to move another one into the Christmas holiday: refused, with the reason.
    second = page.locator("li.entry").nth(1)
    second.locator("summary").click()
    second.get_by_label("Verplaatsen naar").fill("2026-12-24")
    second.get_by_role("button", name="Verplaatsen", exact=True).click()
    refusal = page.locator(".flash--error")
    expect(refusal).to_contain_text("Kerstvakantie")
    expect(refusal).to_contain_text("Kies een schooldag.")

    # Mark the first one done with a short note.
    first = page.locator("li.entry").first
    first.locator("summary").click()
    first.get_by_label("Notitie").fill("Ja, dat heb ik gedaan")
    first.get_by_role("button", name="Gedaan", exact=True).click()
    done = page.locator("li.entry").first
    expect(done).to_contain_text("Ja, dat heb ik gedaan")
    expect(done.locator(".status")).to_have_text("Gedaan")
    expect(page.locator(".page-head .lead")).to_contain_text(re.compile(r"1 gedaan"))
    assert_accessible(page)
