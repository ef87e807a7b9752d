"""Each country its own product: the school's language and country lead.

A Flemish school reads leerjaren and infoavonden whatever its browser says, sees no SLO and
no Dutch-only items; a Dutch school never sees Flemish-only ones; pickers offer titles of
items that fit the class; the language is the person's choice, else the school's, else the
browser's, else Dutch.
"""

from __future__ import annotations

import io
import re
from datetime import time

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import get_item
from planner.evenings import operations as evenings
from planner.plans import operations as plans
from planner.policy.proposals import PROPOSALS, ProposalSpec, proposals_for
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import BEFORE_THE_YEAR, TODAY, english

YEAR = SchoolYear.parse("2026-2027")
GROEP = re.compile(r"\bgroep [1-8]\b", re.IGNORECASE)
DUTCH_BROWSER = {"Accept-Language": "nl"}
# Titles the issue found in the wrong country's catalogue.
FLEMISH_ONLY = ("Hulplijnen en meldpunten in Vlaanderen", "Infoavond lager onderwijs")


def visible_text(page: str) -> str:
    """What a reader sees: the text of the body, without scripts."""
    tree = lxml_html.fromstring(page)
    for script in tree.xpath("//script|//style"):
        script.drop_tree()
    return " ".join(tree.body.text_content().split())


def with_classes(db, school, classes) -> dict[str, SchoolClass]:
    made = {}
    for name, grades in classes:
        made[name] = save_class(
            school, SchoolClass(), name=name, grades=grades, head_count=24, teachers=[]
        )
    db.session.commit()
    plans.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    return made


@pytest.fixture
def vlinder(db, make_school, real_catalogue):
    """A Flemish school with a kleuterklas, a 1ste leerjaar and a 5de-6de leerjaar."""
    school = make_school("De Vlinder", country="BE", region="vlaanderen")
    school.classes_by_name = with_classes(
        db,
        school,
        (("Kleuters", [2]), ("Eerste", [3]), ("Vijfde en zesde", [7, 8])),
    )
    return school


@pytest.fixture
def regenboog(db, make_school, real_catalogue):
    """A Dutch school with a combination class 7/8."""
    school = make_school("De Regenboog")
    school.classes_by_name = with_classes(db, school, (("Bovenbouw", [7, 8]), ("Middenbouw", [5])))
    return school


def country_of(db, slug: str) -> list[str]:
    return get_item(slug).data["country"]


# --- the language --------------------------------------------------------------------------


def lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_anonymous_pages_follow_the_browser_then_dutch(client, real_catalogue) -> None:
    assert lang(client.get("/catalogus/", headers={"Accept-Language": "en"})) == "en"
    assert lang(client.get("/catalogus/", headers={"Accept-Language": "nl-BE"})) == "nl-BE"
    assert lang(client.get("/catalogus/", headers={"Accept-Language": "fr"})) == "nl"
    assert lang(client.get("/catalogus/")) == "nl"


def test_the_schools_language_wins_over_the_browser(db, vlinder, login) -> None:
    client = login(vlinder, "coordinator")
    for browser in ("nl", "en", "nl-NL"):
        page = client.get("/ouderavonden/", headers={"Accept-Language": browser})
        assert lang(page) == "nl-BE"
        assert "Infoavonden" in page.get_data(as_text=True)
    vlinder.locale = "en"
    db.session.commit()
    assert lang(client.get("/", headers=DUTCH_BROWSER)) == "en"


def test_the_persons_own_choice_wins_over_the_school(db, vlinder, login) -> None:
    client = english(login(vlinder, "coordinator"))
    page = client.get("/ouderavonden/", headers=DUTCH_BROWSER)
    assert lang(page) == "en"
    assert "Parent evenings" in page.get_data(as_text=True)


def test_dutch_takes_the_variant_of_the_schools_country(db, vlinder, regenboog, login) -> None:
    """Dutch chosen by a Flemish coordinator is Flemish Dutch: country-specific words
    (infoavond, klas) follow the school's country, not the button."""
    client = login(vlinder, "coordinator")
    client.set_cookie("planner_locale", "nl")
    page = client.get("/ouderavonden/")
    assert lang(page) == "nl-BE"
    assert "Infoavond plannen" in page.get_data(as_text=True)
    assert "Ouderavond" not in page.get_data(as_text=True)
    client = login(regenboog, "coordinator")
    client.set_cookie("planner_locale", "nl_BE")
    page = client.get("/ouderavonden/")
    assert lang(page) == "nl"
    assert "Ouderavond plannen" in page.get_data(as_text=True)


def test_the_language_switch_offers_the_schools_dutch_and_english(vlinder, login, client) -> None:
    anonymous = client.get("/catalogus/").get_data(as_text=True)
    assert all(f'value="{code}"' in anonymous for code in ("nl", "nl_BE", "en"))
    page = login(vlinder, "coordinator").get("/").get_data(as_text=True)
    switch = page[page.index('class="langswitch"') :]
    switch = switch[: switch.index("</form>")]
    assert re.findall(r'name="locale" value="([^"]+)"', switch) == ["nl_BE", "en"]


def test_parents_read_the_language_of_the_evenings_school(app, db, vlinder) -> None:
    evening = evenings.create_evening(
        vlinder,
        title="Infoavond",
        day=TODAY.replace(day=26),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Refter",
        grades=[7, 8],
    )
    db.session.commit()
    path = f"/reactie/{evening.response_token}"
    parent = app.test_client()
    page = parent.get(path, headers={"Accept-Language": "en"})
    assert lang(page) == "nl-BE"
    assert lang(english(app.test_client()).get(path)) == "en"


# --- grade names ---------------------------------------------------------------------------

FLEMISH_PAGES = ("/school/klassen", "/jaarplan/", "/jaarplan/overzicht", "/")


def test_a_flemish_coordinator_with_a_dutch_browser_sees_leerjaren(db, vlinder, login) -> None:
    client = login(vlinder, "coordinator")
    pages = [*FLEMISH_PAGES]
    pages += [f"/jaarplan/klas/{c.id}" for c in vlinder.classes_by_name.values()]
    for path in pages:
        text = visible_text(client.get(path, headers=DUTCH_BROWSER).get_data(as_text=True))
        assert "leerjaar" in text or "kleuterklas" in text, path
        assert not GROEP.search(text), (path, GROEP.search(text))
    overview = visible_text(client.get("/jaarplan/overzicht").get_data(as_text=True))
    assert "3de kleuterklas" in overview


def test_flemish_grade_names_in_english_too(db, vlinder, login) -> None:
    page = english(login(vlinder, "coordinator")).get("/school/klassen").get_data(as_text=True)
    assert "year 1 (1ste leerjaar, age 6-7)" in page
    assert "years 5-6 (5de-6de leerjaar, age 10-12)" in page


def test_a_dutch_school_keeps_groep_in_every_language(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    assert "groep 7-8" in client.get("/school/klassen").get_data(as_text=True)
    client.set_cookie("planner_locale", "nl_BE")
    assert "groep 7-8" in client.get("/school/klassen").get_data(as_text=True)
    assert "groups 7-8 (age 10-12)" in english(client).get("/school/klassen").get_data(as_text=True)


def cells(data: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(data))
    return [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def test_both_flemish_workbooks_name_leerjaren(db, vlinder, login) -> None:
    client = login(vlinder, "coordinator")
    klas = vlinder.classes_by_name["Vijfde en zesde"]
    class_book = cells(
        client.get(f"/jaarplan/klas/{klas.id}/plan.xlsx", headers=DUTCH_BROWSER).data
    )
    school_book = cells(client.get("/jaarplan/overzicht/school.xlsx", headers=DUTCH_BROWSER).data)
    for values in (class_book, school_book):
        assert values
        assert not [v for v in values if GROEP.search(v)]
        assert not [v for v in values if "SLO" in v]
    assert {"3de kleuterklas", "1ste leerjaar", "5de leerjaar", "6de leerjaar"} <= set(school_book)


# --- SLO -----------------------------------------------------------------------------------


def test_no_slo_for_a_flemish_school(db, vlinder, regenboog, login) -> None:
    client = login(vlinder, "coordinator")
    klas = vlinder.classes_by_name["Vijfde en zesde"]
    plan = plans.get_plan(klas, YEAR)
    slo_items = [e.item for e in plan.entries if e.item and "slo-" in str(e.item.data)]
    assert slo_items, "the plan should hold an item the catalogue maps to SLO"
    for path in (
        f"/jaarplan/klas/{klas.id}",
        "/jaarplan/overzicht",
        f"/catalogus/{slo_items[0].slug}",
        "/catalogus/?kind=lesson",
    ):
        text = visible_text(client.get(path, headers=DUTCH_BROWSER).get_data(as_text=True))
        assert "SLO" not in text, path
    plan_page = visible_text(client.get(f"/jaarplan/klas/{klas.id}").get_data(as_text=True))
    assert "Competenties" in plan_page  # the Mediawijsheid competences stay
    api = client.get("/api/v1/catalogue?kind=lesson&both_countries=1").get_json()
    assert not [c for item in api["items"] for c in item["competences"] if c.startswith("slo")]
    dutch = login(regenboog, "coordinator")
    klas = regenboog.classes_by_name["Bovenbouw"]
    assert "SLO" in visible_text(dutch.get(f"/jaarplan/klas/{klas.id}").get_data(as_text=True))


# --- the catalogue -------------------------------------------------------------------------


def test_a_dutch_teacher_sees_no_flemish_only_item_unless_asked(db, regenboog, login) -> None:
    client = login(regenboog, "teacher")
    page = client.get("/catalogus/?grade=7&theme=cyberpesten").get_data(as_text=True)
    assert not [title for title in FLEMISH_ONLY if title in page]
    assert 'name="both_countries"' in page  # the switch is on the page
    items = client.get("/api/v1/catalogue?limit=1000").get_json()["items"]
    assert items
    assert all("NL" in item["country"] for item in items)
    total = db.session.query(CatalogueItem).filter(CatalogueItem.archived_at.is_(None)).count()
    both = client.get("/api/v1/catalogue?limit=1000&both_countries=1").get_json()
    assert both["total"] == total
    page = client.get("/catalogus/?grade=7&theme=cyberpesten&both_countries=1")
    assert any(title in page.get_data(as_text=True) for title in FLEMISH_ONLY)
    assert 'name="both_countries" value="1" checked' in page.get_data(as_text=True)


def test_a_flemish_coordinator_sees_no_dutch_only_item(db, vlinder, login) -> None:
    client = login(vlinder, "coordinator")
    items = client.get("/api/v1/catalogue?limit=1000").get_json()["items"]
    assert items
    assert all("BE" in item["country"] for item in items)
    page = client.get("/catalogus/?kind=parent_evening", headers=DUTCH_BROWSER)
    text = visible_text(page.get_data(as_text=True))
    assert "Infoavond lager onderwijs" in text
    assert "onderbouw" not in text.lower()
    first_page = client.get("/catalogus/").get_data(as_text=True)
    count = int(re.search(r'id="results-heading"[^>]*>(\d+)', first_page).group(1))
    assert count == len(items)
    # Facets of Flanders: no Dutch theme weeks, no SLO domains to filter on.
    assert 'name="moment" value="kies-kleur-tegen-pesten"' in first_page
    assert 'name="moment" value="week-tegen-pesten"' not in first_page
    assert 'name="competence" value="slo-' not in first_page
    both = client.get("/catalogus/?both_countries=1").get_data(as_text=True)
    assert 'name="moment" value="week-tegen-pesten"' in both


def test_an_asked_country_in_the_api_is_given(db, vlinder, login) -> None:
    client = login(vlinder, "coordinator")
    dutch = client.get("/api/v1/catalogue?limit=1000&country=NL").get_json()["items"]
    assert any(item["country"] == ["NL"] for item in dutch)
    refused = client.get("/api/v1/catalogue?both_countries=ja")
    assert refused.status_code == 400
    assert refused.get_json()["error"]["parameter"] == "both_countries"


def test_anonymous_visitors_see_both_countries(client, real_catalogue) -> None:
    items = client.get("/api/v1/catalogue?limit=1000").get_json()["items"]
    assert {"NL", "BE"} <= {country for item in items for country in item["country"]}
    page = client.get("/catalogus/?country=BE&grade=3").get_data(as_text=True)
    assert "1ste leerjaar" in page  # a chosen country names its grades
    assert 'name="both_countries"' not in page


# --- pickers -------------------------------------------------------------------------------


def picker_options(page: str, select_id: str) -> list[tuple[str, str]]:
    tree = lxml_html.fromstring(page)
    return [
        (option.get("value"), option.text_content().strip())
        for option in tree.get_element_by_id(select_id).iter("option")
        if option.get("value")
    ]


@pytest.mark.parametrize(
    ("school_name", "class_name"), [("regenboog", "Bovenbouw"), ("vlinder", "Eerste")]
)
def test_the_class_pickers_offer_titles_of_items_that_fit(
    request, db, real_catalogue, login, school_name, class_name
) -> None:
    school = request.getfixturevalue(school_name)
    klas = school.classes_by_name[class_name]
    page = login(school, "coordinator").get(f"/jaarplan/klas/{klas.id}").get_data(as_text=True)
    assert "<datalist" not in page
    entry = plans.get_plan(klas, YEAR).entries[0]
    for select_id in ("add-slug", f"slug-{entry.id}"):
        options = picker_options(page, select_id)
        assert options, select_id
        for slug, text in options:
            item = get_item(slug)
            assert school.country in item.data["country"], slug
            assert set(klas.grades) <= set(item.grades), slug
            assert text == item.title.get("nl_BE" if school.country == "BE" else "nl")
            assert text != slug


def test_a_class_of_groep_7_8_is_not_offered_lessons_for_groep_3_4(db, regenboog, login) -> None:
    klas = regenboog.classes_by_name["Bovenbouw"]
    page = login(regenboog, "coordinator").get(f"/jaarplan/klas/{klas.id}").get_data(as_text=True)
    slugs = [slug for slug, _text in picker_options(page, "add-slug")]
    assert not [slug for slug in slugs if "groep-3-4" in slug or "groep-1-2" in slug]
    assert [slug for slug in slugs if "7-8" in slug]


def test_a_new_evening_for_groep_5_8_starts_from_the_fitting_ready_made_one(
    db, regenboog, vlinder, login
) -> None:
    for school, grades, expected in (
        (regenboog, [5, 6, 7, 8], "ouderavond-bovenbouw"),
        (regenboog, [1, 2], "ouderavond-onderbouw"),
        (vlinder, [7, 8], "infoavond-lager"),
    ):
        evening = evenings.create_evening(
            school,
            title="Avond",
            day=TODAY.replace(day=26),
            start_time=time(19, 30),
            end_time=time(21, 0),
            place="Aula",
            grades=grades,
        )
        db.session.commit()
        client = login(school, "coordinator")
        page = client.get(f"/ouderavonden/{evening.id}").get_data(as_text=True)
        tree = lxml_html.fromstring(page)
        ready_made = tree.get_element_by_id("ready-made")
        offered = [option.get("value") for option in ready_made.iter("option")]
        chosen = [
            option.get("value")
            for option in ready_made.iter("option")
            if option.get("selected") is not None
        ]
        assert chosen == [expected], (school.name, grades)
        assert all(school.country in country_of(db, slug) for slug in offered)
        modules = [value for value, _text in picker_options(page, "module")]
        assert modules
        assert all(school.country in country_of(db, slug) for slug in modules)


def test_the_evening_form_offers_providers_by_name(db, vlinder, login) -> None:
    page = login(vlinder, "coordinator").get("/ouderavonden/nieuw").get_data(as_text=True)
    options = picker_options(page, "provider")
    assert options
    for slug, text in options:
        assert text != slug
        assert "BE" in country_of(db, slug)


# --- policy, invitation --------------------------------------------------------------------


@pytest.mark.parametrize("school_name", ["regenboog", "vlinder"])
def test_policy_proposals_are_of_the_schools_country(request, db, school_name) -> None:
    school = request.getfixturevalue(school_name)
    for key in PROPOSALS:
        for proposal in proposals_for(school, key, YEAR):
            if proposal.item is not None:
                assert school.country in proposal.item.data["country"], (key, proposal.item.slug)


def test_a_proposal_naming_the_other_countrys_item_is_left_out(db, regenboog, monkeypatch):
    wrong = ProposalSpec("read", {"NL": "infoavond-lager"})  # a Flemish evening
    monkeypatch.setitem(PROPOSALS, "agreements", (*PROPOSALS["agreements"], wrong))
    slugs = [p.item.slug for p in proposals_for(regenboog, "agreements", YEAR) if p.item]
    assert "ouderavond-bovenbouw" in slugs
    assert "infoavond-lager" not in slugs


def test_a_flemish_invitation_says_leerjaar_even_when_the_school_chose_nl(db, vlinder) -> None:
    vlinder.locale = "nl"
    evening = evenings.create_evening(
        vlinder,
        title="Infoavond",
        day=TODAY.replace(day=26),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Refter",
        grades=[7, 8],
    )
    text = evenings.generated_invitation(evening, vlinder, "https://example.org/r")
    assert "5de-6de leerjaar" in text
    assert not GROEP.search(text)
    assert "chatten" in text  # the Flemish wording of the invitation, not "appen"
