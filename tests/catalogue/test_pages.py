"""The catalogue pages as a browser without JavaScript sees them."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("loaded")


def titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_list_shows_cards_and_filter_counts(client) -> None:
    html = client.get("/catalogus/").get_data(as_text=True)
    assert len(titles(html)) == 12
    assert 'name="grade" value="7"' in html
    assert "12 items" in html


def test_filter_by_grade_is_a_shareable_url(client) -> None:
    html = client.get("/catalogus/?kind=lesson&grade=1").get_data(as_text=True)
    assert titles(html) == ["Lief zijn, ook op de tablet"]
    assert 'name="grade" value="1" checked' in html


def test_search_from_the_page(client) -> None:
    html = client.get("/catalogus/?q=jeugdagent").get_data(as_text=True)
    assert titles(html) == ["Bezoek van de jeugdagent"]


def test_empty_result_says_what_to_do(client) -> None:
    html = client.get("/catalogus/?q=zebrapad", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Nothing matches these filters." in html
    assert "Clear all filters" in html


def test_bad_filter_gets_400_page_naming_it(client) -> None:
    response = client.get("/catalogus/?grade=12", headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "grade" in html
    assert '<html lang="nl">' in html


def test_paging(app, client) -> None:
    app.config["CATALOGUE_PAGE_SIZE"] = 5
    first = client.get("/catalogus/").get_data(as_text=True)
    third = client.get("/catalogus/?page=3").get_data(as_text=True)
    assert len(titles(first)) == 5
    assert len(titles(third)) == 2
    assert client.get("/catalogus/?page=0").status_code == 400


def test_grades_in_the_users_terms(client) -> None:
    slug = "/catalogus/groepsapp-groep-7-8"
    assert "groep 7-8" in client.get(slug, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    flemish = client.get(slug, headers={"Accept-Language": "nl-BE"}).get_data(as_text=True)
    assert "5de-6de leerjaar" in flemish
    english = client.get(slug, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "groups 7-8 (age 10-12)" in english


def test_lesson_page_previews_the_deck(client) -> None:
    html = client.get("/catalogus/groepsapp-groep-7-8").get_data(as_text=True)
    # title slide, goals, six lesson slides, conversation, help: ten slides
    assert html.count('class="slide slide--') == 10
    assert "Een nieuwe groepsapp" in html
    assert "Begin met de vraag wie er in een klassenapp zit." in html
    assert "Ik herken buitensluiten in een groepsapp." in html
    assert "0800-0432" in html  # the Dutch help line on the closing slide
    roles = re.findall(r'class="slide slide--(\w+)"', html)
    assert roles == ["title", "goals", *["content"] * 5, "conversation", "content", "help"]
    assert "102" not in html.split("slide--help")[1].split("</ol>")[0]


def test_flemish_viewer_gets_flemish_help_lines(client) -> None:
    html = client.get(
        "/catalogus/groepsapp-groep-7-8", headers={"Accept-Language": "nl-BE"}
    ).get_data(as_text=True)
    help_slide = html.split("slide--help")[1].split("</ol>")[0]
    assert "Awel: 102" in help_slide
    assert "CLB" in help_slide


def test_young_children_get_no_helpline_above_their_age(client) -> None:
    html = client.get("/catalogus/vriendelijk-online-groep-1-2").get_data(as_text=True)
    help_slide = html.split("slide--help")[1].split("</ol>")[0]
    assert "Kindertelefoon" not in help_slide  # 8-18, the lesson is for ages 4-6


def test_protocol_page_is_a_checklist(client) -> None:
    html = client.get("/catalogus/eerste-stappen").get_data(as_text=True)
    assert html.count('type="checkbox"') == 3
    assert "Neem de tijd en maak geen verwijten." in html


def test_item_page_shows_fields_and_links(client) -> None:
    html = client.get("/catalogus/kindertelefoon").get_data(as_text=True)
    assert 'href="tel:08000432"' in html
    assert 'href="https://www.kindertelefoon.nl"' in html
    html = client.get("/catalogus/ouderavond").get_data(as_text=True)
    assert 'href="/catalogus/signalen"' in html


def test_unknown_item_is_a_friendly_404(client) -> None:
    response = client.get("/catalogus/bestaat-niet")
    assert response.status_code == 404
    assert "<html lang=" in response.get_data(as_text=True)


def test_markdown_html_is_escaped(app, db, client) -> None:
    from planner.catalogue.operations import apply_content, get_item

    item = get_item("slim-online")
    apply_content(item, item.content, "<script>alert(1)</script> tekst")
    db.session.commit()
    html = client.get("/catalogus/slim-online").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
