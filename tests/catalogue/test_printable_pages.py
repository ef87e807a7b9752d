"""Printable A4 pages of a lesson: from the item page and from a planned lesson on the class
plan, in the school's country variant, for the school's staff only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import select

from planner.accounts.models import User
from planner.catalogue.content import SourceFile
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import import_school_items
from planner.catalogue.variants import variant
from planner.catalogue.vocab import Kind
from planner.plans.models import PlanEntry
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.catalogue.conftest import FRONT, filler_slides
from tests.conftest import english

_BLANKS = re.compile(r"_{3,}")


def shown_parts(text: str) -> list[str]:
    """The pieces of an item's text a page must show: the words between its blanks."""
    return [str(escape(part.strip())) for part in _BLANKS.split(text) if part.strip()]


def curated_lessons(db) -> list[CatalogueItem]:
    items = db.session.scalars(
        select(CatalogueItem).where(CatalogueItem.school_id.is_(None)).order_by(CatalogueItem.slug)
    ).all()
    return [item for item in items if item.kind == Kind.LESSON.value and not item.is_archived]


@pytest.mark.parametrize(("country", "name"), [("NL", "De Regenboog"), ("BE", "De Vlinder")])
def test_every_curated_printable_renders_with_its_items(
    db, make_school, login, real_catalogue, country: str, name: str
) -> None:
    school = make_school(
        name, country=country, region="midden" if country == "NL" else "vlaanderen"
    )
    client = login(school, "teacher")
    pages = 0
    for item in curated_lessons(db):
        if country not in [c.value for c in item.content.country]:
            continue
        for number, printable in enumerate(variant(item, country).printables, start=1):
            response = client.get(f"/catalogus/{item.slug}/afdrukken/{number}")
            assert response.status_code == 200, (item.slug, number)
            html = response.get_data(as_text=True)
            assert str(escape(printable.title)) in html, (item.slug, number)
            assert name in html
            for entry in printable.items:
                for part in shown_parts(entry.text):
                    assert part in html, (item.slug, number, part)
                if entry.role:
                    assert f"<dt>{escape(entry.role)}</dt>" in html
            if printable.kind == "cards":
                assert html.count('<li class="pr-card') == len(printable.items)
            pages += 1
    assert pages >= 100


def test_the_flemish_school_prints_the_flemish_variant(db, make_school, login, real_catalogue):
    """A printable whose Flemish variant words a card differently prints the Flemish words for
    a Flemish school and the Dutch ones for a Dutch school."""
    found = []
    for item in curated_lessons(db):
        if {c.value for c in item.content.country} != {"NL", "BE"}:
            continue
        dutch, flemish = variant(item, "NL").printables, variant(item, "BE").printables
        for number, (nl_page, be_page) in enumerate(zip(dutch, flemish, strict=False), start=1):
            for nl_item, be_item in zip(nl_page.items, be_page.items, strict=False):
                nl_parts, be_parts = shown_parts(nl_item.text), shown_parts(be_item.text)
                only_nl = [p for p in nl_parts if p not in be_parts]
                only_be = [p for p in be_parts if p not in nl_parts]
                if only_nl and only_be:
                    found.append((item.slug, number, only_nl[0], only_be[0]))
    assert found, "no curated printable has a Flemish variant"
    slug, number, dutch_text, flemish_text = found[0]
    be = make_school("De Vlinder", country="BE", region="vlaanderen")
    nl = make_school("De Regenboog")
    be_html = login(be, "teacher").get(f"/catalogus/{slug}/afdrukken/{number}").get_data(True)
    assert flemish_text in be_html
    assert dutch_text not in be_html
    nl_html = login(nl, "teacher").get(f"/catalogus/{slug}/afdrukken/{number}").get_data(True)
    assert dutch_text in nl_html


def test_the_item_page_links_each_printable_for_staff_only(
    db, make_school, login, client, real_catalogue
) -> None:
    item = next(i for i in curated_lessons(db) if len(variant(i, "NL").printables) >= 2)
    printables = variant(item, "NL").printables
    anonymous = client.get(f"/catalogus/{item.slug}").get_data(as_text=True)
    assert "/afdrukken/1" not in anonymous
    refused = client.get(f"/catalogus/{item.slug}/afdrukken/1")
    assert refused.status_code in (302, 401)
    school = make_school("De Regenboog")
    staff = english(login(school, "viewer"))
    html = staff.get(f"/catalogus/{item.slug}").get_data(as_text=True)
    for number, printable in enumerate(printables, start=1):
        assert f'href="/catalogus/{item.slug}/afdrukken/{number}"' in html
        assert str(escape(printable.title)) in html
    assert "To print" in html
    labels = {"cards": "Print the cards", "worksheet": "Print the worksheet"}
    for printable in printables:
        if printable.kind in labels:
            assert labels[printable.kind] in html
    page = staff.get(f"/catalogus/{item.slug}/afdrukken/1").get_data(as_text=True)
    assert f'href="/catalogus/{item.slug}"' in page  # the back link
    assert "data-print" in page
    assert staff.get(f"/catalogus/{item.slug}/afdrukken/{len(printables) + 1}").status_code == 404
    assert staff.get(f"/catalogus/{item.slug}/afdrukken/0").status_code == 404
    assert staff.get("/catalogus/bestaat-niet/afdrukken/1").status_code == 404


OWN_LESSON = (
    "## Start\n- Welkom\n\n> Notitie\n"
    + filler_slides(5)
    + """
# Mijn avatar {.worksheet}
Naam: ______

1. Wat deel je online?
2. ____
3. Wie help je?

- [ ] Ik vraag het eerst
- [ ] Ik klik meteen

Teken je avatar. {.drawing size="small"}

> Deel het werkblad pas na de kring uit.

# Situatiekaartjes {.cards}
Knip de kaartjes los.

- ![Een telefoon](picture:mobile-phone) Kaartje 1: een bericht
- Kaartje 2: een foto <script>
- Kaartje 3: een game
- Kaartje 4: een app
- Kaartje 5: een filmpje
- Kaartje 6: een spel
- Kaartje 7: een chat
- Kaartje 8: een quiz
- Kaartje 9: een meme

# Het gesprek {.script}
Sam en Noor zitten in de kring.

- Sam: Doe je mee?
- Noor: Nee, ik vind het niet leuk.
- Sam: Waarom niet?
"""
)


@pytest.fixture
def own_lesson(db, make_school):
    school = make_school("De Regenboog")
    front = FRONT.replace("title:\n  nl: Een les", "title:\n  nl: Onze eigen les")
    source = SourceFile(
        "lesson/eigen-les.md",
        "eigen-les",
        "lesson",
        f"---\n{front}---\n{OWN_LESSON}".encode(),
    )
    item = import_school_items(school.id, [source]).created[0]
    db.session.commit()
    return school, item


def test_a_worksheet_prints_ticks_answer_lines_blanks_and_a_drawing_box(own_lesson, login):
    school, item = own_lesson
    client = login(school, "teacher")
    html = client.get(f"/catalogus/{item.slug}/afdrukken/1").get_data(as_text=True)
    assert "De Regenboog · Onze eigen les" in html
    assert html.count('class="pr-tick"') == 2
    assert html.count("☐") == 2
    assert 'class="pr-item pr-item--line"' in html  # the answer line `2. ____`
    assert 'class="blank"' in html  # Naam: ______
    assert '<div class="pr-drawing__box" style="height: 50mm" role="img"' in html
    assert "<figcaption>Teken je avatar.</figcaption>" in html
    # The teacher's note shows on screen and not on paper.
    assert re.search(r'<aside class="pr-notes no-print"[^>]*>.*Deel het werkblad', html, re.S)


def test_cards_are_cut_in_sheets_with_cut_lines_and_pictures(own_lesson, login):
    school, item = own_lesson
    html = (
        login(school, "teacher").get(f"/catalogus/{item.slug}/afdrukken/2").get_data(as_text=True)
    )
    assert html.count('<li class="pr-card') == 9
    assert html.count('<section class="pr-sheet') == 2  # 8 cards on a sheet, then 1
    assert "Knip langs de stippellijnen." in html
    assert "Vel 1 van 2" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="Een telefoon"' in html
    assert "een foto &lt;script&gt;" in html


def test_a_script_names_its_roles(own_lesson, login):
    school, item = own_lesson
    html = (
        login(school, "teacher").get(f"/catalogus/{item.slug}/afdrukken/3").get_data(as_text=True)
    )
    assert "Rollen:</strong> Sam, Noor" in html
    assert "<dt>Sam</dt>" in html
    assert '<p class="pr-stage">Sam en Noor zitten in de kring.</p>' in html


def test_another_school_cannot_print_a_schools_own_lesson(own_lesson, make_school, login):
    _school, item = own_lesson
    other = make_school("De Vlinder", country="BE", region="vlaanderen")
    assert login(other, "coordinator").get(f"/catalogus/{item.slug}/afdrukken/1").status_code == 404


YEAR = SchoolYear.parse("2026-2027")


@pytest.mark.usefixtures("before_school_starts")
def test_a_planned_lesson_prints_with_the_class_and_the_day(
    db, make_school, login, real_catalogue
) -> None:
    school = make_school("De Regenboog")
    teacher = db.session.scalar(select(User).where(User.role == "teacher"))
    school_class = save_class(
        school, SchoolClass(), name="Groep 5b", grades=[5], head_count=25, teachers=[teacher]
    )
    db.session.commit()
    client = login(school, "teacher")
    client.post("/schooljaar", data={"year": YEAR.label})
    assert client.post(f"/jaarplan/klas/{school_class.id}/genereren").status_code == 303
    entries = db.session.scalars(select(PlanEntry)).all()
    entry = next(e for e in entries if e.item is not None and variant(e.item, "NL").printables)
    printable = variant(entry.item, "NL").printables[0]
    plan_page = client.get(f"/jaarplan/klas/{school_class.id}").get_data(as_text=True)
    address = f"/jaarplan/regel/{entry.id}/afdrukken/1"
    assert f'href="{address}"' in plan_page
    html = client.get(address).get_data(as_text=True)
    assert "Groep 5b" in html
    assert str(escape(printable.title)) in html
    day = entry.day
    assert isinstance(day, date)
    assert str(day.year) in html
    assert str(day.day) in html
    assert f'href="/jaarplan/klas/{school_class.id}#entry-{entry.id}"' in html
    # Another school's staff never reach it.
    other = make_school("De Vlinder", country="BE", region="vlaanderen")
    assert login(other, "teacher").get(address).status_code == 404
