"""Search that understands Dutch: stems, accents, the content team's synonyms, Flemish words,
ranking with the title first, "did you mean", and caches that follow the database.

Every test here runs on SQLite (FTS5) and, with PLANNER_TEST_DATABASE_URL, on PostgreSQL
(tsvector): the same words must find the same items in the same order on both.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import CatalogueQuery, apply_content, search
from planner.catalogue.schema import ItemContent
from planner.catalogue.search import parse_synonyms, plan_query

# slug -> (title, summary, body, first grade); the grade sets the catalogue order.
ITEMS = {
    "samen-in-de-app": ("Samen in de groepsapp", "Afspraken voor de klas.", "", 5),
    "na-school": ("Na school", "Wat doe je als je gepest wordt?", "", 5),
    "creeren": ("Creëren met apps", "Zelf iets maken.", "", 5),
    "echt-of-nep": ("Echt of nep?", "Plaatjes die niet kloppen.", "", 5),
    "je-gsm": ("Je gsm op school", "Regels op de speelplaats.", "", 5),
    "de-telefoon": ("De telefoon aan tafel", "Thuis afspraken maken.", "", 6),
    # wachtwoord: only in the body of the first (which comes first in catalogue order) and in
    # the title of the second.
    "sterk-account": ("Een sterk account", "Inloggen.", "Een goed wachtwoord is lang.", 3),
    "wachtwoord-kiezen": ("Een wachtwoord kiezen", "Inloggen.", "Lang en geheim.", 7),
}


def add_item(slug: str, title: str, summary: str, body: str, grade: int) -> None:
    content = ItemContent.model_validate(
        {
            "kind": "material",
            "title": {"nl": title},
            "summary": {"nl": summary},
            "grades": [grade],
            "themes": ["privacy"],
            "competences": ["reflecteren"],
            "audience": ["pupils"],
            "country": ["NL", "BE"],
            "source": "test",
            "url": "https://example.org/",
            "cost": "free",
        }
    )
    item = CatalogueItem(slug=slug, origin="curated", tags=[], content_hash="x")
    apply_content(item, content, body)
    from planner.extensions import db

    db.session.add(item)


@pytest.fixture
def items(db) -> None:
    for slug, (title, summary, body, grade) in ITEMS.items():
        add_item(slug, title, summary, body, grade)
    db.session.commit()


def found(q: str) -> list[str]:
    """The slugs a search finds, in the order shown (only the items of these tests)."""
    return [item.slug for item in search(CatalogueQuery(q=q)).items if item.slug in ITEMS]


@pytest.mark.usefixtures("items")
class TestDutch:
    def test_word_forms_find_the_same_stem(self) -> None:
        assert found("groepsapps") == ["samen-in-de-app"]
        assert found("groepsapp") == ["samen-in-de-app"]

    def test_the_verb_finds_its_past_participle(self) -> None:
        assert found("pesten") == ["na-school"]

    def test_accents_and_case_do_not_matter(self) -> None:
        assert found("creeren") == found("CREËREN") == ["creeren"]

    def test_the_start_of_a_word_finds_it(self) -> None:
        assert found("wachtwoo") == ["wachtwoord-kiezen", "sterk-account"]

    def test_apps_lead_to_group_chats(self) -> None:
        assert found("whatsapp") == ["samen-in-de-app"]
        assert found("TikTok") == ["samen-in-de-app"]

    def test_fake_leads_to_real_or_fake(self) -> None:
        assert found("fake") == ["echt-of-nep"]

    def test_flemish_and_dutch_words_find_each_other(self) -> None:
        assert set(found("gsm")) == set(found("telefoon")) == {"je-gsm", "de-telefoon"}
        assert found("klasgroep") == ["samen-in-de-app"]

    def test_every_word_must_match(self) -> None:
        assert found("gsm speelplaats") == ["je-gsm"]
        assert found("gsm groepsapp") == []

    def test_a_title_match_comes_before_a_body_match(self) -> None:
        # In catalogue order "sterk-account" (grade 3) comes first; for the search the item
        # with the word in its title does.
        in_order = [item.slug for item in search(CatalogueQuery()).items if item.slug in ITEMS]
        assert in_order.index("sterk-account") < in_order.index("wachtwoord-kiezen")
        assert found("wachtwoord") == ["wachtwoord-kiezen", "sterk-account"]

    def test_stopwords_are_left_out(self) -> None:
        assert found("de groepsapp") == found("groepsapp")


def test_synonym_rules() -> None:
    synonyms = parse_synonyms("# comment\ngsm, telefoon\nwhatsapp => groepsapp, sociale media\n")
    assert synonyms.of("gsm") == ("telefoon",)
    assert synonyms.of("telefoon") == ("gsm",)
    assert synonyms.of("whatsapp") == ("groepsapp", "sociale media")
    assert synonyms.of("groepsapp") == ()  # one way only
    phrases = [a.terms for a in plan_query("whatsapp", synonyms)[0]]
    assert ("social", "media") in phrases  # a phrase: its words in a row, each stemmed


@pytest.mark.usefixtures("items")
def test_did_you_mean_when_nothing_is_found(client) -> None:
    client.set_cookie("planner_locale", "en")
    html = client.get("/catalogus/?q=wachtwoort").get_data(as_text=True)
    assert "Nothing matches these filters." in html
    suggestion = re.search(r'class="did-you-mean">Did you mean <a href="([^"]+)">(\w+)</a>', html)
    assert suggestion is not None
    assert suggestion[2] == "wachtwoord"
    followed = client.get(suggestion[1].replace("&amp;", "&")).get_data(as_text=True)
    assert "Een wachtwoord kiezen" in followed


@pytest.mark.usefixtures("items")
def test_no_suggestion_for_words_the_catalogue_does_not_know(client) -> None:
    html = client.get("/catalogus/?q=xylofoonzzz").get_data(as_text=True)
    assert "did-you-mean" not in html


@pytest.mark.usefixtures("items")
def test_a_change_made_by_another_worker_is_seen(app, db) -> None:
    """The cache is keyed on the revision in the database, so a change that another process
    commits (here: its own connection) shows at once."""
    assert found("groepsapp") == ["samen-in-de-app"]
    db.session.commit()  # end this transaction, as the end of a request does
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with other.begin() as connection:
        connection.execute(
            text("UPDATE catalogue_item SET archived_at = CURRENT_TIMESTAMP WHERE slug = :slug"),
            {"slug": "samen-in-de-app"},
        )
        connection.execute(text("UPDATE catalogue_revision SET token = 'another-worker'"))
    other.dispose()
    assert found("groepsapp") == []


@pytest.mark.usefixtures("items")
def test_archiving_through_the_app_updates_the_results(db) -> None:
    assert set(found("gsm")) == {"je-gsm", "de-telefoon"}
    item = db.session.query(CatalogueItem).filter_by(slug="je-gsm").one()
    item.archived_at = item.created_at
    db.session.commit()
    assert found("gsm") == ["de-telefoon"]
