"""Every curated lesson deck, as a teacher downloads it: re-opened slide by slide.

Pictures where the class needs them, the layouts the content files ask for, text that fits
its shapes, one language, clean file properties, and a help slide for the class's age and
country.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from sqlalchemy import select

from planner.catalogue.models import CatalogueItem
from planner.exports.deck import Deck
from planner.exports.documents import deck_filename, item_deck
from planner.exports.pptx import BULLET_INDENT_PT, PptxOptions, render_deck, text_fits
from planner.extensions import db
from planner.schools.data import APP_NAME

LANGUAGE_TAGS = {"NL": "nl-NL", "BE": "nl-BE"}
PHONE = re.compile(r"\d{3}[\d -]*")
NL_LINES = ("Kindertelefoon", "Stop Pesten NU", "Helpwanted", "Meldknop", "Veilig Thuis")
BE_LINES = ("Awel", "CyberSquad", "WAT WAT", "Nupraatikerover", "1712", "Child Focus")
OTHER_COUNTRY = {"NL": BE_LINES, "BE": NL_LINES}
FIRST_LINE = {"NL": "De Kindertelefoon", "BE": "Awel"}


def lessons() -> list[CatalogueItem]:
    return list(
        db.session.scalars(
            select(CatalogueItem)
            .where(CatalogueItem.kind == "lesson", CatalogueItem.origin == "curated")
            .order_by(CatalogueItem.sort_key)
        )
    )


def decks(tmp_path) -> list[tuple[CatalogueItem, str, Deck, Presentation]]:
    """Every curated lesson in each of its countries, as a deck and as the .pptx it makes."""
    options = PptxOptions(picture_dir=tmp_path / "pictures")
    found = []
    for item in lessons():
        for country in item.content.countries:
            deck = item_deck(item, "en", country)
            found.append(
                (item, country, deck, Presentation(io.BytesIO(render_deck(deck, options))))
            )
    return found


def title_of(pptx_slide) -> str:
    return pptx_slide.shapes.title.text_frame.text if pptx_slide.shapes.title else ""


def texts(pptx_slide) -> list[str]:
    return [shape.text_frame.text for shape in pptx_slide.shapes if shape.has_text_frame]


def pictures_on(pptx_slide) -> int:
    return sum(1 for shape in pptx_slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)


def pairs(deck: Deck, prs) -> list[tuple[object, object]]:
    """Each slide of the description with the first .pptx slide drawn for it (a long bullet
    slide continues on further slides)."""
    pptx_slides = list(prs.slides)
    matched, position = [], 0
    for slide in deck.slides:
        while title_of(pptx_slides[position]) != slide.title:
            position += 1
        matched.append((slide, pptx_slides[position]))
        position += 1
    return matched


def overflowing(pptx_slide) -> list[str]:
    """The texts that do not fit their shape, by the renderer's own measure."""
    found = []
    for shape in pptx_slide.shapes:
        if not shape.has_text_frame or not shape.text_frame.text:
            continue
        paragraphs = [p.text for p in shape.text_frame.paragraphs]
        sizes = [
            run.font.size.pt
            for p in shape.text_frame.paragraphs
            for run in p.runs
            if run.font.size is not None
        ]
        bullets = shape.is_placeholder and shape.placeholder_format.type in (
            PP_PLACEHOLDER.BODY,
            PP_PLACEHOLDER.OBJECT,
        )
        indent = BULLET_INDENT_PT if bullets else 0
        if sizes and not text_fits(shape.width, shape.height, paragraphs, max(sizes), indent):
            found.append(shape.text_frame.text[:60])
    return found


@pytest.mark.usefixtures("real_catalogue")
def test_every_curated_lesson_deck_has_its_pictures_layouts_and_fitting_text(app, tmp_path):
    problems: dict[str, list[str]] = {}
    young_total = young_with = older_total = older_with = 0
    for item, country, deck, prs in decks(tmp_path):
        where = f"{item.slug} ({country})"
        found = problems.setdefault(where, [])
        young = max(item.grades) <= 4
        for slide, pptx_slide in pairs(deck, prs):
            shown = texts(pptx_slide)
            if slide.role == "content":
                has = pictures_on(pptx_slide) > 0
                if young:
                    young_total, young_with = young_total + 1, young_with + has
                    if not has:
                        found.append(f"no picture on {slide.title!r}")
                else:
                    older_total, older_with = older_total + 1, older_with + has
            if slide.layout == "choice":
                letters = [text for text in shown if text in "ABCD" and text]
                assert letters == list("ABCD"[: len(slide.bullets)]), where
                assert all(option in shown for option in slide.bullets), where
            elif slide.layout == "sort":
                assert all(pile in shown for pile in slide.piles), where
                assert all(card in shown for card in slide.bullets), where
            elif slide.layout == "steps":
                numbers = [text for text in shown if text.isdigit()]
                assert numbers == [str(n) for n in range(1, len(slide.bullets) + 1)], where
            elif slide.layout in ("statement", "picture"):
                assert slide.lead in shown, where
                assert pictures_on(pptx_slide) >= (1 if slide.picture else 0), where
        for pptx_slide in prs.slides:
            found.extend(f"overflows: {text!r}" for text in overflowing(pptx_slide))
    assert {where: found for where, found in problems.items() if found} == {}
    assert young_with == young_total > 0
    assert older_with >= 0.8 * older_total  # most slides of the older classes have one


@pytest.mark.usefixtures("real_catalogue")
def test_every_deck_speaks_one_language_with_clean_properties(app, tmp_path):
    for item, country, deck, prs in decks(tmp_path)[:24]:
        tag = LANGUAGE_TAGS[country]
        assert deck.locale == ("nl_BE" if country == "BE" else "nl")
        languages = {
            run.font._rPr.get("lang")
            for pptx_slide in prs.slides
            for frame in [
                *(s.text_frame for s in pptx_slide.shapes if s.has_text_frame),
                *([pptx_slide.notes_slide.notes_text_frame] if pptx_slide.has_notes_slide else []),
            ]
            for paragraph in frame.paragraphs
            for run in paragraph.runs
        }
        assert languages == {tag}, item.slug
        props = prs.core_properties
        assert props.title == deck.title == item.title.get(deck.locale)
        assert props.author == props.last_modified_by == APP_NAME
        assert props.language == tag
        assert props.created.year == props.modified.year == 2026
        assert props.comments == props.keywords == ""
        # Generated slides follow the content: no English heading over Dutch content.
        assert "What we learn today" not in {slide.title for slide in deck.slides}


def test_no_python_pptx_leftovers_in_the_file(app) -> None:
    from planner.catalogue.content import Slide

    deck = Deck("De groepschat", (Slide("De groepschat", ("Groep 7",), role="title"),), "nl")
    data = render_deck(deck)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "Steve Canny" not in core
    assert "python-pptx" not in core
    assert "2013" not in core
    assert APP_NAME in core


def test_deck_file_names_are_clean_slugs_with_their_date() -> None:
    from datetime import date

    assert deck_filename("De groepschat", date(2026, 11, 24)) == "de-groepschat-2026-11-24.pptx"
    assert deck_filename("Ouderavond: online opgroeien!") == "ouderavond-online-opgroeien.pptx"
    assert deck_filename("Eén zin, twee gevoelens") == "een-zin-twee-gevoelens.pptx"


@pytest.mark.usefixtures("real_catalogue")
def test_a_lesson_download_is_named_after_its_title(client) -> None:
    response = client.get("/catalogus/mag-ik-een-foto-van-je-maken-groep-1-2/dia.pptx")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert 'filename="mag-ik-een-foto-van-je-maken.pptx"' in disposition


@pytest.mark.usefixtures("real_catalogue")
def test_help_slides_fit_the_age_and_the_country(app) -> None:
    for item in lessons():
        for country in item.content.countries:
            help_slide = item_deck(item, "nl", country).slides[-1]
            where = f"{item.slug} ({country})"
            on_slide = " ".join([help_slide.title, help_slide.lead, *help_slide.bullets])
            assert help_slide.role == "help", where
            assert not any(name in on_slide for name in OTHER_COUNTRY[country]), where
            assert not re.search(r"(\b[\w ]+): \1\b", on_slide), where  # never "1712: 1712"
            if max(item.grades) <= 2:
                assert not PHONE.search(on_slide), where  # no numbers for kleuters
                assert help_slide.picture is not None, where
                assert "grote mens" in help_slide.lead, where
                assert re.search(r"0800-5010|116 000", help_slide.notes), where  # for parents
            else:
                lines = help_slide.bullets[1:]
                assert lines[0].startswith(FIRST_LINE[country]), where
                assert len(lines) <= 3, where


@pytest.mark.usefixtures("real_catalogue")
def test_a_kleuter_picture_deck_prints_one_page_per_slide(app, tmp_path, to_pdf) -> None:
    item = db.session.scalar(
        select(CatalogueItem).where(CatalogueItem.slug == "mag-ik-een-foto-van-je-maken-groep-1-2")
    )
    deck = item_deck(item, "nl", "BE")
    data = render_deck(deck, PptxOptions(picture_dir=tmp_path / "pictures"))
    prs = Presentation(io.BytesIO(data))
    assert sum(pictures_on(pptx_slide) for pptx_slide in prs.slides) >= len(deck.slides)
    assert to_pdf(data, ".pptx") == len(prs.slides) == len(deck.slides)


# Words that belong to one country's schools: a deck for the other country never says them,
# not on a slide and not in the teacher's notes.
DUTCH_ONLY_WORDS = (
    "Kindertelefoon",
    "intern begeleider",
    "anti-pestcoördinator",
    "groepsapp",
    "Jeugdjournaal",
    "Stop Pesten NU",
    "Veilig Thuis",
    "meldcode",
    "SLO",
)
FLEMISH_ONLY_WORDS = (
    "Awel",
    "CLB",
    "zorgcoördinator",
    "vertrouwensleerkracht",
    "klasgroep",
    "Karrewiet",
    "leerjaar",
    "kleuterklas",
)
NOT_FOR = {"BE": DUTCH_ONLY_WORDS, "NL": FLEMISH_ONLY_WORDS}


@pytest.mark.usefixtures("real_catalogue")
def test_no_deck_says_the_other_countrys_words(app) -> None:
    checked = 0
    for item in lessons():
        for country in item.content.countries:
            deck = item_deck(item, "nl", country)
            text = " ".join(
                " ".join([slide.title, slide.lead, *slide.bullets, slide.notes])
                for slide in deck.slides
            )
            found = [w for w in NOT_FOR[country] if re.search(rf"\b{re.escape(w)}\b", text)]
            assert found == [], f"{item.slug} ({country}): {found}"
            checked += 1
    assert checked >= 2 * 68  # every curated lesson, for both countries
