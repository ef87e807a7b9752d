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
    # The demo made the plan before the year began and ticked off what lay before today,
    # except the teacher's latest entry.
    entries = page.locator("li.entry")
    expect(entries.first).to_be_visible()
    expect(page.locator(".entries")).to_contain_text("Week tegen Pesten")
    expect(page.locator(".entries")).to_contain_text("Safer Internet Day")
    overdue = page.locator("li.entry--overdue")
    expect(overdue).to_have_count(1)
    expect(overdue.locator(".status")).to_have_text("Nog niet afgevinkt")
    assert_accessible(page)

    # One click ticks the overdue entry off.
    overdue.get_by_role("button", name=re.compile("Ja, dat heb ik gedaan")).click()
    expect(page.locator("li.entry--overdue")).to_have_count(0)

    # Move a coming entry to another school day.
    coming = page.locator("li.entry--planned")
    third = coming.nth(2)
    third.locator("summary").click()
    third.get_by_label("Verplaatsen naar").fill("2026-11-24")
    third.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(page.locator(".flash--success")).to_contain_text("24 november 2026")

    # Try to move another one into the Christmas holiday: refused, with the reason.
    second = page.locator("li.entry--planned").nth(1)
    second.locator("summary").click()
    second.get_by_label("Verplaatsen naar").fill("2026-12-24")
    second.get_by_role("button", name="Verplaatsen", exact=True).click()
    refusal = page.locator(".flash--error")
    expect(refusal).to_contain_text("Kerstvakantie")
    expect(refusal).to_contain_text("Kies een schooldag.")

    # Mark a coming one done with a short note.
    first = page.locator("li.entry--planned").first
    entry_id = first.get_attribute("id")
    first.locator("summary").click()
    first.get_by_label("Notitie").fill("Ja, dat heb ik gedaan")
    first.get_by_role("button", name="Gedaan", exact=True).click()
    done = page.locator(f"#{entry_id}")
    expect(done).to_contain_text("Ja, dat heb ik gedaan")
    expect(done.locator(".status")).to_have_text("Gedaan")
    assert_accessible(page)
