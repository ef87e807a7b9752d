"""Languages: the choice sticks, the browser decides otherwise, every page declares it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from planner import grades

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "nl"),
        ("en-GB,en;q=0.9", "en"),
        ("nl-BE,nl;q=0.9", "nl-BE"),
        ("fr-BE,nl-BE;q=0.5", "nl-BE"),
        ("de-DE", "nl"),
        ("nl-NL", "nl"),
    ],
)
def test_accept_language_decides_without_a_choice(client, header, expected) -> None:
    headers = {"Accept-Language": header} if header else {}
    assert lang_of(client.get("/catalogus/", headers=headers)) == expected


def test_choice_sticks_over_the_browser(client) -> None:
    response = client.post("/taal", data={"locale": "en", "next": "/catalogus/?grade=7"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/catalogus/?grade=7"
    page = client.get("/catalogus/", headers={"Accept-Language": "nl"})
    assert lang_of(page) == "en"
    assert "Catalogue" in page.get_data(as_text=True)
    client.post("/taal", data={"locale": "nl_BE", "next": "/"})
    assert lang_of(client.get("/catalogus/")) == "nl-BE"


def test_switch_refuses_unknown_locale_and_foreign_redirects(client) -> None:
    response = client.post("/taal", data={"locale": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert "planner_locale" not in response.headers.get("Set-Cookie", "")
    assert client.post("/taal", data={"locale": "en", "next": "//evil"}).headers["Location"] == "/"


def test_pages_are_translated(client) -> None:
    dutch = client.get("/catalogus/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    english = client.get("/catalogus/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Catalogus" in dutch
    assert "Zoeken" in dutch
    assert "Catalogue" in english
    assert "Search" in english


@pytest.mark.parametrize(
    ("values", "locale", "country", "label"),
    [
        ([7], "nl", "NL", "groep 7"),
        ([7], "nl_BE", "NL", "groep 7"),
        ([7], "en", "NL", "group 7 (age 10-11)"),
        ([1, 2], "nl", "NL", "groep 1-2"),
        ([7, 8], "en", "NL", "groups 7-8 (age 10-12)"),
        ([1, 2, 5], "nl", "NL", "groep 1-2, 5"),
        ([7], "nl_BE", "BE", "5de leerjaar"),
        ([7], "nl", "BE", "5de leerjaar"),
        ([3], "nl_BE", "BE", "1ste leerjaar"),
        ([8], "nl", "BE", "6de leerjaar"),
        ([2], "nl", "BE", "3de kleuterklas"),
        ([1, 2], "nl_BE", "BE", "2de-3de kleuterklas"),
        ([2, 3], "nl_BE", "BE", "3de kleuterklas, 1ste leerjaar"),
        ([3], "en", "BE", "year 1 (1ste leerjaar, age 6-7)"),
        ([7, 8], "en", "BE", "years 5-6 (5de-6de leerjaar, age 10-12)"),
        (
            [2, 3],
            "en",
            "BE",
            "nursery year 3 (3de kleuterklas, age 5-6), year 1 (1ste leerjaar, age 6-7)",
        ),
    ],
)
def test_grade_labels_follow_the_country_in_every_language(values, locale, country, label) -> None:
    assert grades.grade_label(values, locale, country) == label


def test_grades_and_ages_map_both_ways() -> None:
    assert grades.grades_for_ages(8, 12) == [5, 6, 7, 8]
    assert grades.grades_for_ages(4, 8) == [1, 2, 3, 4, 5]
    assert grades.grades_for_ages(13, 16) == []
    assert grades.ages_for_grades([7, 8]) == (10, 12)


@pytest.mark.parametrize("locale", ["nl", "nl_BE", "en"])
def test_every_message_is_translated_and_not_fuzzy(locale: str) -> None:
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    with (LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing, fuzzy = [], []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is None or not (
            all(found.string) if isinstance(found.string, tuple) else found.string
        ):
            missing.append(message.id)
        elif found.fuzzy:
            fuzzy.append(message.id)
    assert missing == [], f"untranslated in {locale}: {missing[:10]}"
    assert fuzzy == [], f"fuzzy in {locale}: {fuzzy[:10]}"


def test_dates_follow_the_locale(app) -> None:
    from datetime import date

    from flask_babel import force_locale

    from planner.i18n import long_date

    with app.test_request_context(), force_locale("nl"):
        assert long_date(date(2026, 9, 21)) == "maandag 21 september 2026"
    with app.test_request_context(), force_locale("en"):
        assert long_date(date(2026, 9, 21)) == "Monday, September 21, 2026"
