"""Slide decks as .pptx: re-opened with python-pptx and inspected slide by slide."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from planner.catalogue.content import Link, Slide
from planner.catalogue.operations import get_item, helplines_for
from planner.exports.deck import Deck, DeckOptions, lesson_deck
from planner.exports.pptx import (
    MAX_TEMPLATE_BYTES,
    PptxOptions,
    TemplateError,
    check_template,
    render_deck,
)

LESSON = "cyberpesten-kijk-niet-weg-groep-7-8"


def reopen(data: bytes):
    return Presentation(io.BytesIO(data))


def body_text(slide) -> list[str]:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
            return [p.text for p in shape.text_frame.paragraphs]
    return []


def all_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def title_size(slide) -> float:
    return slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt


def links_of(slide) -> dict[str, str]:
    return {
        run.text: run.hyperlink.address
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }


@pytest.fixture
def lesson(app, real_catalogue) -> Deck:
    item = get_item(LESSON)
    options = DeckOptions(
        locale="nl", country="NL", class_name="Groep 7/8", day=date(2026, 9, 22), teacher="Juf Anna"
    )
    return lesson_deck(item, helplines_for("NL", 10, 12, "pupils"), options)


def small_deck(*slides: Slide, locale: str = "en") -> Deck:
    title = Slide("Online samen", ("Groep 7/8",), "Welcome the class.", role="title")
    return Deck("Online samen", (title, *slides), locale)


def test_a_lesson_becomes_a_16_9_deck_with_notes_and_live_links(lesson: Deck) -> None:
    prs = reopen(render_deck(lesson))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    slides = list(prs.slides)
    assert [s.shapes.title.text for s in slides] == [s.title for s in lesson.slides]
    for pptx_slide, slide in zip(slides, lesson.slides, strict=True):
        assert pptx_slide.has_notes_slide
        assert pptx_slide.notes_slide.notes_text_frame.text == slide.notes
        assert slide.notes
    first = slides[0]
    assert first.slide_layout.name == "Title Slide"
    subtitle = next(
        s for s in first.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE
    )
    assert [p.text for p in subtitle.text_frame.paragraphs] == [
        "Groep 7/8",
        "dinsdag 22 september 2026",
        "Juf Anna",
    ]
    assert {s.slide_layout.name for s in slides[1:]} == {"Title and Content"}
    help_slide = lesson.slides[-1]
    assert help_slide.role == "help"
    assert all(bullet in all_text(slides[-1]) for bullet in help_slide.bullets)
    assert links_of(slides[-1]) == {link.text: link.url for link in help_slide.links}
    assert prs.core_properties.title == lesson.title


def test_bullets_are_readable_sizes(lesson: Deck) -> None:
    prs = reopen(render_deck(lesson))
    for pptx_slide in list(prs.slides)[1:]:
        bullet_sizes = {
            run.font.size.pt
            for shape in pptx_slide.placeholders
            if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        }
        assert all(24 <= size <= 32 for size in bullet_sizes)
        drawn_sizes = {
            run.font.size.pt
            for shape in pptx_slide.shapes
            if shape.has_text_frame and not shape.is_placeholder
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
            if "OpenMoji" not in run.text  # the pictures' credit line on the last slide
        }
        assert bullet_sizes or drawn_sizes
        assert all(size >= 18 for size in drawn_sizes)


def test_twelve_bullets_continue_on_a_second_slide(app) -> None:
    bullets = tuple(f"Point number {n}" for n in range(1, 13))
    deck = small_deck(Slide("Twelve things", bullets, "Take your time."))
    slides = list(reopen(render_deck(deck)).slides)
    assert len(slides) == 3
    assert [s.shapes.title.text for s in slides[1:]] == [
        "Twelve things",
        "Twelve things (continued)",
    ]
    assert body_text(slides[1]) + body_text(slides[2]) == list(bullets)
    assert len(body_text(slides[1])) == len(body_text(slides[2])) == 6
    assert all(s.notes_slide.notes_text_frame.text == "Take your time." for s in slides[1:])


def test_the_continuation_title_is_in_the_decks_language(app) -> None:
    bullets = tuple(f"Punt {n}" for n in range(1, 9))
    deck = small_deck(Slide("Acht dingen", bullets, "Rustig aan."), locale="nl")
    slides = list(reopen(render_deck(deck)).slides)
    assert slides[-1].shapes.title.text == "Acht dingen (vervolg)"


def test_long_bullets_continue_before_they_overflow(app) -> None:
    long = "A long explanation that takes up several lines on the slide, " * 3
    deck = small_deck(Slide("Long", (long, long, long, long), "Notes"))
    slides = list(reopen(render_deck(deck)).slides)
    assert len(slides) > 2
    assert sum(len(body_text(s)) for s in slides[1:]) == 4


def test_a_long_title_gets_a_smaller_font_but_not_below_24pt(app) -> None:
    long_title = ("Wat doe je als je in de groepsapp iets ziet dat niet klopt? " * 4)[:200]
    deck = small_deck(Slide("Short title", ("one",), "n"), Slide(long_title, ("two",), "n"))
    slides = list(reopen(render_deck(deck)).slides)
    assert len(long_title) == 200
    normal, shrunk = title_size(slides[1]), title_size(slides[2])
    assert normal == 40
    assert 24 <= shrunk < normal
    assert slides[2].shapes.title.text == long_title


def test_links_inside_bullets_are_hyperlinks(app) -> None:
    slide = Slide(
        "Meer weten",
        ("Kijk op Mediawijsheid.nl voor tips", "Vraag het je juf"),
        "Laat de site zien.",
        links=(
            Link("Mediawijsheid.nl", "https://www.mediawijsheid.nl"),
            Link("Het Klokhuis", "https://www.hetklokhuis.nl"),
        ),
    )
    pptx_slide = list(reopen(render_deck(small_deck(slide))).slides)[1]
    assert body_text(pptx_slide) == [
        "Kijk op Mediawijsheid.nl voor tips",
        "Vraag het je juf",
        "Het Klokhuis",  # a link no bullet mentions gets a line of its own
    ]
    assert links_of(pptx_slide) == {
        "Mediawijsheid.nl": "https://www.mediawijsheid.nl",
        "Het Klokhuis": "https://www.hetklokhuis.nl",
    }


# --- school templates ---------------------------------------------------------------------


def make_template(names: dict[int, str], example_slides: int = 1) -> bytes:
    """The default template with renamed layouts and example slides of its own."""
    prs = Presentation()
    for index, name in names.items():
        prs.slide_layouts[index]._element.cSld.set("name", name)
    for _number in range(example_slides):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Example from the template"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_a_template_is_used_by_its_dutch_layout_names(app) -> None:
    template = make_template({0: "Aangepast", 1: "Nog iets", 2: "Titeldia", 3: "Titel en object"})
    deck = small_deck(Slide("Eerste dia", ("een", "twee"), "notities"))
    prs = reopen(render_deck(deck, PptxOptions(template=template)))
    slides = list(prs.slides)
    assert [s.slide_layout.name for s in slides] == ["Titeldia", "Titel en object"]
    assert [s.shapes.title.text for s in slides] == ["Online samen", "Eerste dia"]
    assert prs.slide_width == 9144000  # the template's own size is kept
    assert slides[1].notes_slide.notes_text_frame.text == "notities"


def test_a_missing_layout_falls_back_to_one_with_the_right_placeholders(app) -> None:
    template = make_template({0: "Opening", 1: "Inhoud"}, example_slides=3)
    deck = small_deck(Slide("Eerste dia", ("een",), "n"))
    slides = list(reopen(render_deck(deck, PptxOptions(template=template))).slides)
    assert len(slides) == 2  # the template's own slides are gone
    assert [s.slide_layout.name for s in slides] == ["Opening", "Inhoud"]
    assert body_text(slides[1]) == ["een"]


def test_a_powerpoint_template_file_is_accepted(app) -> None:
    pptx = make_template({})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as source, zipfile.ZipFile(out, "w") as potx:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            potx.writestr(info, content)
    check_template(out.getvalue())
    slides = list(reopen(render_deck(small_deck(), PptxOptions(out.getvalue()))).slides)
    assert [s.shapes.title.text for s in slides] == ["Online samen"]


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.4 this is not a presentation", "not_a_presentation"),
        (b"", "not_a_presentation"),
        (b"PK\x03\x04 broken zip", "not_a_presentation"),
        (b"x" * (MAX_TEMPLATE_BYTES + 1), "too_large"),
    ],
)
def test_templates_that_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(TemplateError) as refused:
        check_template(data)
    assert refused.value.code == code
    assert isinstance(refused.value, ValueError)
    assert str(refused.value)


def test_a_spreadsheet_is_not_a_template() -> None:
    with pytest.raises(TemplateError) as refused:
        check_template(workbook_bytes())
    assert refused.value.code == "not_a_presentation"


def test_a_template_that_unpacks_into_something_huge_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/huge.bin", b"\0" * (61 * 1024 * 1024))
    assert len(out.getvalue()) < MAX_TEMPLATE_BYTES
    with pytest.raises(TemplateError) as refused:
        check_template(out.getvalue())
    assert refused.value.code == "too_large"


def test_a_stored_template_that_cannot_be_used_gives_the_apps_own_design(app) -> None:
    bad = reopen(render_deck(small_deck(), PptxOptions(template=b"not a pptx")))
    assert len(bad.slides) == len(small_deck().slides)
    assert bad.slide_width == reopen(render_deck(small_deck())).slide_width


def test_the_deck_prints_one_page_per_slide(lesson: Deck, to_pdf) -> None:
    data = render_deck(lesson)
    assert to_pdf(data, ".pptx") == len(reopen(data).slides) == len(lesson.slides)


def test_text_runs_carry_the_deck_language(lesson: Deck) -> None:
    slide = list(reopen(render_deck(lesson)).slides)[1]
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert run._r.rPr.get("lang") == "nl-NL"
    assert run.font.size == Pt(40)
