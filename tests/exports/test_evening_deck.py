"""The parent-evening deck tells the evening in order, once, for the audience and country."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pptx import Presentation

from planner.catalogue.operations import get_item
from planner.catalogue.variants import variant
from planner.evenings import operations
from planner.evenings.models import ParentEvening
from planner.exports import documents
from planner.exports.deck import Deck
from planner.policy.contacts import save_contact
from planner.policy.models import Contact, ContactRole

DAY = date(2026, 11, 24)  # a Tuesday, a school day in both countries


@pytest.fixture
def regenboog(make_school, real_catalogue):
    return make_school("De Regenboog")


@pytest.fixture
def vlinder(make_school, real_catalogue):
    return make_school("De Vlinder", country="BE", region="vlaanderen")


def evening_of(
    db, school, ready_made: str, *, end: time = time(21, 0), grades=(5, 6, 7, 8), drop=()
) -> ParentEvening:
    """An evening like the demo's: a ready-made programme for an audience, some blocks left
    out to fit the time."""
    title = (
        "Infoavond: online opgroeien" if school.country == "BE" else "Ouderavond: online opgroeien"
    )
    evening = operations.create_evening(
        school,
        title=title,
        day=DAY,
        start_time=time(19, 30),
        end_time=end,
        place="Aula",
        grades=list(grades),
        speaker=None,
        max_guests=80,
    )
    operations.start_from_ready_made(evening, get_item(ready_made), school.country)
    for block in [b for b in evening.blocks if b.item is not None and b.item.slug in drop]:
        operations.remove_block(block)
    db.session.commit()
    return evening


def with_contact(db, school) -> None:
    """The school's anti-bullying coordinator, on the handout (and so in the deck)."""
    save_contact(
        school,
        Contact(),
        role=ContactRole.COORDINATOR,
        label=None,
        name="Juf Anna",
        phone=None,
        email=f"anna@{school.name.lower().replace(' ', '')}.example",
        note=None,
        on_handout=True,
    )
    db.session.commit()


def identities(deck: Deck) -> list[tuple[str, tuple[str, ...]]]:
    return [(slide.title, slide.bullets) for slide in deck.slides]


def text_of(deck: Deck) -> str:
    return "\n".join(
        "\n".join([slide.title, slide.lead, *slide.bullets, slide.notes]) for slide in deck.slides
    )


def test_a_90_minute_evening_tells_the_evening_in_order(db, regenboog) -> None:
    with_contact(db, regenboog)
    evening = evening_of(db, regenboog, "ouderavond-bovenbouw", drop=("smartphone-afspraken",))
    assert sum(block.minutes for block in evening.blocks) == 90
    deck = documents.evening_deck_for(evening)
    slides = deck.slides
    roles = [slide.role for slide in slides]

    assert len(slides) <= 30
    # Title with the date, the times and the place.
    assert roles[0] == "title"
    assert "dinsdag 24 november 2026" in slides[0].bullets
    assert "19:30–21:00 · Aula" in slides[0].bullets
    # The whole programme with start and end times on one slide.
    assert roles[1] == "programme"
    assert roles.count("programme") == 1
    timed = operations.timed_programme(evening)
    assert slides[1].bullets == tuple(
        f"{t.start:%H:%M}–{t.end:%H:%M}  {operations.block_title(t.block, 'nl')}" for t in timed
    )
    assert slides[1].bullets[0].startswith("19:30–19:40")
    assert slides[1].bullets[-1].startswith("20:50–21:00")
    # A section per block, in the programme's order, each with some of its module's slides.
    sections = [i for i, role in enumerate(roles) if role == "section"]
    assert [slides[i].title for i in sections] == [
        operations.block_title(t.block, "nl") for t in timed
    ]
    for start, end in zip(sections, [*sections[1:], roles.index("agreements")], strict=True):
        assert end - start >= 2, f"{slides[start].title} has no slides of its own"
    # The school's agreements and contacts, then one closing slide, last.
    assert roles.index("agreements") > sections[-1]
    assert roles.index("contacts") > roles.index("agreements")
    assert roles[-1] == "closing"
    assert roles.count("closing") == 1
    assert "contacts" not in roles[roles.index("closing") :]


def test_the_demo_evening_has_no_slide_twice_and_no_empty_questions_slide(db, regenboog) -> None:
    evening = evening_of(db, regenboog, "ouderavond-bovenbouw", end=time(21, 15))
    deck = documents.evening_deck_for(evening)
    assert len(deck.slides) <= 30
    seen = identities(deck)
    assert len(seen) == len(set(seen)), "a slide appears twice"
    assert all(slide.bullets or slide.lead for slide in deck.slides), "an empty slide"
    assert "Vragen?" not in [slide.title for slide in deck.slides]
    # Without contacts of its own, the school is still the first place to ask.
    assert deck.slides[-1].bullets[0].startswith("Praat met de school")
    # Each help line for parents is on the closing slide, and nowhere else on its own.
    closing = deck.slides[-1]
    assert "Ouders & Onderwijs: 0800-5010" in closing.bullets
    elsewhere = [s for s in deck.slides[:-1] if any("Ouders & Onderwijs" in b for b in s.bullets)]
    assert elsewhere == []


def test_the_closing_has_the_help_lines_of_the_schools_country(db, regenboog, vlinder) -> None:
    with_contact(db, regenboog)
    with_contact(db, vlinder)
    dutch = documents.evening_deck_for(evening_of(db, regenboog, "ouderavond-bovenbouw"))
    flemish = documents.evening_deck_for(evening_of(db, vlinder, "infoavond-lager"))
    dutch_closing = "\n".join(dutch.slides[-1].bullets)
    flemish_closing = "\n".join(flemish.slides[-1].bullets)
    assert "Veilig Thuis" in dutch_closing
    assert "De Regenboog: de leerkracht van je kind, of anna@deregenboog.example" in dutch_closing
    assert "Child Focus" in flemish_closing
    assert "De Vlinder: de klasleraar van je kind, of anna@devlinder.example" in flemish_closing
    for word in ("Child Focus", "Awel", "1712", "CLB", "Mediawijs (Vlaanderen)"):
        assert word not in text_of(dutch), word
    for word in ("Veilig Thuis", "Kindertelefoon", "Ouders & Onderwijs", "intern begeleider"):
        assert word not in text_of(flemish), word
    assert "1712: 1712" not in flemish_closing  # a number is never its own label
    # The Flemish deck speaks Flemish Dutch: the school's language.
    assert flemish.locale == "nl_BE"


def test_an_upper_grades_evening_shows_nothing_for_the_youngest(db, regenboog) -> None:
    evening = evening_of(db, regenboog, "ouderavond-bovenbouw")
    young = get_item("wat-jonge-kinderen-online-doen")
    operations.add_block(evening, item=young)  # added before the pickers filtered
    db.session.commit()
    deck = documents.evening_deck_for(evening)
    young_titles = {slide.title for slide in variant(young, "NL").slides}
    older_titles = {
        slide.title for slide in variant(get_item("wat-oudere-kinderen-online-doen"), "NL").slides
    }
    shown = {slide.title for slide in deck.slides}
    assert not (young_titles - older_titles) & shown
    assert "jongsten" not in text_of(deck).lower()


def test_the_module_picker_offers_only_what_fits_the_audience_and_country(
    db, regenboog, vlinder, login
) -> None:
    upper = evening_of(db, regenboog, "ouderavond-bovenbouw")
    client = login(regenboog, "coordinator")
    page = client.get(f"/ouderavonden/{upper.id}").get_data(as_text=True)
    assert 'value="wat-oudere-kinderen-online-doen"' in page
    assert 'value="wat-jonge-kinderen-online-doen"' not in page  # groep 1-4 only
    assert 'value="smartphone-afspraken-vlaanderen"' not in page  # Flemish
    assert 'value="ouderavond-onderbouw"' not in page  # a ready-made evening for groep 1-4
    assert 'value="infoavond-lager"' not in page
    assert "Wat oudere kinderen online doen" in page  # titles, not slugs
    refused = client.post(
        f"/ouderavonden/{upper.id}/blokken", data={"module": "wat-jonge-kinderen-online-doen"}
    )
    assert refused.status_code == 303
    db.session.expire_all()
    assert "wat-jonge-kinderen-online-doen" not in [
        b.item.slug for b in db.session.get(ParentEvening, upper.id).blocks if b.item
    ]

    flemish = evening_of(db, vlinder, "infoavond-lager")
    page = login(vlinder, "coordinator").get(f"/ouderavonden/{flemish.id}").get_data(as_text=True)
    assert 'value="smartphone-afspraken-vlaanderen"' in page
    assert 'value="smartphone-afspraken"' not in page
    assert 'value="hulplijnen-en-melden"' not in page
    assert 'value="ouderavond-bovenbouw"' not in page


def test_handout_key_points_follow_the_schools_country(db, vlinder) -> None:
    evening = evening_of(db, vlinder, "infoavond-lager")
    points = dict(operations.key_points(evening, "nl_BE", "BE"))
    titles = [title for slides in points.values() for title in slides]
    assert "Bij wie kan je terecht?" in titles
    assert "Bij wie kun je terecht?" not in titles


def test_the_evening_file_has_a_clean_name_and_one_page_per_slide(
    db, regenboog, login, to_pdf
) -> None:
    evening = evening_of(db, regenboog, "ouderavond-bovenbouw", end=time(21, 15))
    response = login(regenboog, "teacher").get(f"/ouderavonden/{evening.id}/presentatie.pptx")
    disposition = response.headers["Content-Disposition"]
    assert 'filename="ouderavond-online-opgroeien-2026-11-24.pptx"' in disposition
    deck = documents.evening_deck_for(evening)
    prs = Presentation(io.BytesIO(response.data))
    assert len(prs.slides) == len(deck.slides)
    assert to_pdf(response.data, ".pptx") == len(deck.slides)
