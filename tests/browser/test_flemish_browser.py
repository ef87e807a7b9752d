"""A Flemish coordinator whose browser asks for Dutch (nl-NL) gets the Flemish product.

Start page, catalogue, class plan and the parent evening: Flemish Dutch (the school's
language), leerjaren and kleuterklassen, and never a Dutch grade name ("groep 7"). The word
"groep" alone may still occur in content (groepschat, groepsdruk); the grade pattern may not.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD

GRADE_NL = re.compile(r"\bgroep [1-8]\b", re.IGNORECASE)


def no_dutch_grades(page) -> str:
    text = page.locator("body").inner_text()
    found = GRADE_NL.search(text)
    assert found is None, f"{page.url}: {text[max(0, found.start() - 80) : found.end() + 80]}"
    return text


def test_a_flemish_coordinator_with_a_dutch_browser(page, demo_server: str) -> None:
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("coordinator@devlinder.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()

    expect(page.locator("html")).to_have_attribute("lang", "nl-BE")
    start = no_dutch_grades(page)
    assert "leerjaar" in start  # the progress tiles name each class's grades

    page.get_by_role("link", name="Catalogus", exact=True).click()
    expect(page.get_by_label("Aanbod van beide landen tonen")).not_to_be_checked()
    no_dutch_grades(page)
    page.get_by_role("link", name="Vandaag", exact=True).click()

    page.get_by_role("link", name="Jaarplan", exact=True).click()
    no_dutch_grades(page)
    page.locator("table a[href*='/jaarplan/klas/']").first.click()
    expect(page.locator("li.entry").first).to_be_visible()
    plan = no_dutch_grades(page)
    assert "SLO" not in plan
    picker = page.get_by_label("Onderdeel uit de catalogus", exact=True)
    assert picker.locator("option").count() > 1

    page.get_by_role("link", name="Infoavonden", exact=True).click()
    no_dutch_grades(page)
    page.locator(".tiles a[href*='/ouderavonden/']").first.click()
    evening = no_dutch_grades(page)
    assert "leerjaar" in evening
    ready_made = page.get_by_label("Kant-en-klare avond")
    assert ready_made.locator("option").all_inner_texts()
    assert not [o for o in ready_made.locator("option").all_inner_texts() if "Ouderavond" in o]
