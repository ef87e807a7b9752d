"""Present mode pages: the same deck as the download, for staff, in the deck's language."""

from __future__ import annotations

import re

import pytest

from planner.catalogue.operations import get_item
from planner.exports import documents

SLUG = "echt-of-nep-plaatjes-en-filmpjes-groep-3-4"


@pytest.fixture
def regenboog(make_school, real_catalogue):
    return make_school("De Regenboog")


def test_an_item_is_presented_slide_for_slide_as_downloaded(db, regenboog, login, client) -> None:
    anonymous = client.get(f"/catalogus/{SLUG}").get_data(as_text=True)
    assert f"/catalogus/{SLUG}/presenteren" not in anonymous  # staff only
    assert client.get(f"/catalogus/{SLUG}/presenteren").status_code == 302

    staff = login(regenboog, "teacher")
    assert f"/catalogus/{SLUG}/presenteren" in staff.get(f"/catalogus/{SLUG}").get_data(
        as_text=True
    )
    page = staff.get(f"/catalogus/{SLUG}/presenteren").get_data(as_text=True)
    deck = documents.item_deck(get_item(SLUG), "nl", "NL")
    assert '<html lang="nl">' in page
    assert page.count("data-slide ") == len(deck.slides)
    titles = re.findall(r'<h2 class="pslide__title">([^<]*)</h2>', page)
    assert titles == [
        slide.title.replace("'", "&#39;").replace('"', "&#34;") for slide in deck.slides
    ]
    # Pictures come from the app itself, so the page works without a network.
    pictures = re.findall(r'<img[^>]+src="([^"]+)"', page)
    assert pictures
    assert all(src.startswith("/catalogus/plaatjes/") for src in pictures)
    assert staff.get(pictures[0]).headers["Content-Type"].startswith("image/svg+xml")
    assert "https://" not in "".join(re.findall(r"<(?:script|link)[^>]+>", page))


def test_the_notes_view_holds_the_notes(db, regenboog, login) -> None:
    page = (
        login(regenboog, "viewer")
        .get(f"/catalogus/{SLUG}/presenteren?weergave=notities")
        .get_data(as_text=True)
    )
    assert "data-notes" in page
    assert "data-timer" in page
    assert "Leid de les in met je eigen woorden" in page  # the title slide's notes


def test_an_unknown_picture_is_not_found(client) -> None:
    assert client.get("/catalogus/plaatjes/geen-plaatje.svg").status_code == 404
    assert client.get("/catalogus/plaatjes/..%2F..%2Fetc.svg").status_code == 404
