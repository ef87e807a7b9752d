"""Slide layouts chosen in the content file, the lead text, and what each layout needs."""

from __future__ import annotations

import pytest

from planner.catalogue.markdown import split_layout
from planner.catalogue.variants import variant
from tests.catalogue.conftest import WriteLesson


def first_slide(write_lesson: WriteLesson, slide: str):
    written = write_lesson(slide, fill=5)
    assert written.errors == [], written.errors
    return variant(written.item, "NL").slides[0]


def test_default_slide_is_title_and_bullets(write_lesson: WriteLesson) -> None:
    slide = first_slide(write_lesson, "## Gewoon\n- een\n- twee\n\n> n\n")
    assert (slide.layout, slide.lead, slide.piles, slide.picture) == ("bullets", "", (), None)
    assert slide.bullets == ("een", "twee")


def test_statement_shows_its_lead_text(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        "## Eens of oneens? {.statement}\n![Een duim](picture:thumbs-up)\n\n"
        "Je mag alles delen wat je leuk vindt.\n\n> Laat de kinderen stemmen met hun duim.\n",
    )
    assert slide.layout == "statement"
    assert slide.title == "Eens of oneens?"
    assert slide.lead == "Je mag alles delen wat je leuk vindt."
    assert slide.picture.slug == "thumbs-up"
    assert slide.notes == "Laat de kinderen stemmen met hun duim."


def test_choice_has_a_situation_and_its_options(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        "## Wat zou jij doen? {.choice}\nIn de groepsapp lacht iedereen om een foto van Sam.\n\n"
        "- Ik lach mee\n- Ik zeg er iets van\n- Ik stuur Sam een berichtje\n- Ik vertel het\n\n"
        "> Hoek A tot D.\n",
    )
    assert slide.layout == "choice"
    assert slide.lead == "In de groepsapp lacht iedereen om een foto van Sam."
    assert len(slide.bullets) == 4


def test_sort_has_two_piles_and_items_with_pictures(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        '## Echt of nep? {.sort piles="Echt|Nep"}\n'
        "- ![Een haai](picture:shark) Een haai op de snelweg\n- Een poes op de bank\n\n"
        "> Nep: de haai. Echt: de poes.\n",
    )
    assert slide.layout == "sort"
    assert slide.piles == ("Echt", "Nep")
    assert slide.bullet_items()[0][1].slug == "shark"


def test_steps_are_numbered(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        "## Zo doe je dat {.steps}\n1. Screenshot\n2. Blokkeren\n3. Vertellen\n\n> n\n",
    )
    assert slide.layout == "steps"
    assert slide.bullets == ("Screenshot", "Blokkeren", "Vertellen")


def test_picture_layout_shows_one_big_picture(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        "## Wat zie je? {.picture}\n![Een robot die een tekening maakt](picture:robot)\n\n"
        "Wie heeft deze tekening gemaakt?\n\n> n\n",
    )
    assert slide.layout == "picture"
    assert slide.picture.alt == "Een robot die een tekening maakt"
    assert slide.lead == "Wie heeft deze tekening gemaakt?"


def test_slide_dict_carries_every_field_the_renderers_need(write_lesson: WriteLesson) -> None:
    slide = first_slide(
        write_lesson,
        '## Sorteer {.sort piles="Goed|Niet goed"}\nWat hoort waar?\n\n'
        "- ![Robot](picture:robot) Een\n- Twee\n\n> n\n",
    )
    assert slide.as_dict() == {
        "role": "content",
        "layout": "sort",
        "title": "Sorteer",
        "lead": "Wat hoort waar?",
        "picture": None,
        "bullets": ["Een", "Twee"],
        "bullet_pictures": [{"slug": "robot", "alt": "Robot"}, None],
        "piles": ["Goed", "Niet goed"],
        "notes": "n",
        "links": [],
    }


@pytest.mark.parametrize(
    ("slide", "message"),
    [
        ("## S {.statement}\n- alleen bullets\n", "a {.statement} slide shows its statement"),
        ("## C {.choice}\n- een\n", "2 to 4 options as bullets, this one has 1"),
        ("## C {.choice}\n" + "".join(f"- {n}\n" for n in range(5)), "this one has 5"),
        ("## S {.sort}\n- a\n- b\n", 'names two piles: {.sort piles="Echt|Nep"}'),
        ('## S {.sort piles="Echt"}\n- a\n- b\n', "names two piles"),
        ('## S {.sort piles="A|B"}\n- a\n', "2 to 8 items to sort, this one has 1"),
        ('## S {.sort piles="A|B"}\n' + "".join(f"- {n}\n" for n in range(9)), "has 9"),
        ("## T {.steps}\n- een\n- twee\n", "2 to 5 numbered steps (1. 2. 3.)"),
        ("## T {.steps}\n1. een\n", "numbered steps"),
        ("## T {.steps}\n" + "".join(f"{n}. stap\n" for n in range(1, 7)), "6 numbered"),
        ("## P {.picture}\nWat zie je?\n", "a {.picture} slide needs a picture"),
        ("## X {.grid}\n- a\n", "unknown layout {.grid}"),
        ("## X {.choice colour=rood}\n- a\n- b\n", "cannot read {.choice colour=rood}"),
        ('## X {.choice piles="A|B"}\n- a\n- b\n', "{.choice} has no attribute 'piles'"),
        ("## L\n" + "woord " * 31 + "\n", "the text under the title has 31 words"),
        ("## B\n" + "".join(f"- {n}\n" for n in range(7)), "has 7 bullets; at most 6"),
        ("## N\n- a\n  - genest\n", "a bullet is one short line"),
        ("## H\n### Kopje\n- a\n", "a slide has one heading"),
    ],
)
def test_layout_rules_name_file_line_and_field(
    write_lesson: WriteLesson, slide: str, message: str
) -> None:
    written = write_lesson(slide + "\n> n\n", fill=5)
    heading = slide.split("\n")[0]
    fields = ("layout", "body")
    assert any(written.error_at(heading, field, message) for field in fields) or any(
        message in error and ": body:" in error for error in written.errors
    ), written.errors


def test_lead_text_is_a_plain_paragraph_not_a_bullet_or_a_quote(
    write_lesson: WriteLesson,
) -> None:
    slide = first_slide(
        write_lesson, "## Dia\nDe situatie.\n\n- Een optie\n\n> Een notitie\n\nNog een zin.\n"
    )
    assert slide.lead == "De situatie.\n\nNog een zin."
    assert slide.bullets == ("Een optie",)
    assert slide.notes == "Een notitie"


def test_split_layout_reads_classes_and_attributes() -> None:
    assert split_layout('Echt? {.sort piles="Echt|Nep"}') == (
        "Echt?",
        "sort",
        {"piles": "Echt|Nep"},
        None,
    )
    assert split_layout("Gewoon een titel") == ("Gewoon een titel", "bullets", {}, None)
