"""A coordinator sets up the school on the first run and adds a class, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_setup_then_add_a_class(page, fresh_server: str, assert_accessible) -> None:
    page.goto(fresh_server + "/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    assert_accessible(page)

    # A mistake first: the form says what is wrong and keeps what was typed.
    page.get_by_label("Naam van de school").fill("OBS De Linde")
    page.get_by_role("radio", name="Nederland", exact=True).check()
    page.get_by_role("radio", name="Zuid").check()
    page.get_by_label("Je naam").fill("Sanne de Vries")
    page.get_by_label("Je e-mailadres").fill("sanne@delinde.example")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord nog een keer").fill("kort")
    page.get_by_role("button", name="School instellen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Naam van de school")).to_have_value("OBS De Linde")
    assert_accessible(page)

    page.get_by_label("Wachtwoord", exact=True).fill("een-goed-wachtwoord")
    page.get_by_label("Wachtwoord nog een keer").fill("een-goed-wachtwoord")
    page.get_by_role("button", name="School instellen").click()
    expect(page).to_have_url(re.compile(r"/school/klassen/lijst$"))
    expect(page.locator(".flash")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Eén groep toevoegen met alle gegevens").click()
    page.get_by_label("Naam van de groep").fill("Groep 7/8")
    page.get_by_role("checkbox", name="groep 7").check()
    page.get_by_role("checkbox", name="groep 8").check()
    page.get_by_label("Aantal leerlingen").fill("27")
    page.get_by_role("checkbox", name="Sanne de Vries").check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    row = page.locator("tr", has_text="Groep 7/8")
    expect(row).to_contain_text("groep 7-8")
    expect(row).to_contain_text("Sanne de Vries")
    expect(row).to_contain_text("27")

    page.get_by_role("link", name="School", exact=True).click()
    page.get_by_role("link", name="Jaar in één oogopslag").click()
    expect(page.locator(".yeargrid")).to_contain_text("Herfstvakantie")
    assert_accessible(page)

    page.goto(fresh_server + "/school/collegas")
    page.get_by_label("E-mailadres van je collega").fill("noor@delinde.example")
    page.get_by_role("button", name="Uitnodigingslink maken").click()
    expect(page.get_by_label("Uitnodigingslink")).to_have_value(re.compile(r"/uitnodiging/"))
    assert_accessible(page)
    page.goto(fresh_server + "/account/wachtwoord")
    assert_accessible(page)
