"""Printable A4 pages after the slides, and the rules that judge whether a lesson is ready:
what the needs ask to print, what the slides show, pictures for young classes."""

from __future__ import annotations

import pytest

from planner.catalogue.checks import (
    item_warnings,
    missing_printables,
    needed_printables,
    slide_text_problems,
)
from planner.catalogue.markdown import Slide
from planner.catalogue.variants import variant
from tests.catalogue.conftest import FRONT, WriteLesson, filler_slides

SLIDES = filler_slides(6)


def printables_of(write_lesson: WriteLesson, pages: str, country: str = "NL"):
    written = write_lesson(SLIDES + "\n" + pages)
    assert written.errors == [], written.errors
    return variant(written.item, country).printables


def test_cards_each_list_item_is_a_card(write_lesson: WriteLesson) -> None:
    [page] = printables_of(
        write_lesson,
        "# Situatiekaartjes {.cards}\nKnip de kaartjes los.\n\n"
        "- ![Een telefoon](picture:mobile-phone) Kaartje 1: een bericht\n- Kaartje 2: een foto\n\n"
        "> Lees ze in deze volgorde voor.\n",
    )
    assert (page.kind, page.title) == ("cards", "Situatiekaartjes")
    assert [item.text for item in page.items] == ["Kaartje 1: een bericht", "Kaartje 2: een foto"]
    assert page.items[0].picture.slug == "mobile-phone"
    assert page.blocks[0].text == "Knip de kaartjes los."
    assert page.notes == "Lees ze in deze volgorde voor."


def test_worksheet_with_tick_boxes_writing_lines_and_blanks(write_lesson: WriteLesson) -> None:
    [page] = printables_of(
        write_lesson,
        "# Werkblad: mijn schermplan {.worksheet}\nNaam: ________\n\n"
        "## Wat doe ik na school?\n- [ ] Buiten spelen\n- [ ] Gamen\n\n"
        "Mijn plan:\n\n_____\n\n_____\n\n_____\n",
    )
    kinds = [block.kind for block in page.blocks]
    assert kinds == ["text", "heading", "list", "text", "lines"]
    assert page.blocks[0].text == "Naam: ________"
    assert [(i.text, i.tick) for i in page.blocks[2].items] == [
        ("Buiten spelen", True),
        ("Gamen", True),
    ]
    assert page.blocks[4].count == 3


def test_poster_and_script(write_lesson: WriteLesson) -> None:
    poster, script = printables_of(
        write_lesson,
        "# Onze afspraken {.poster}\n![Handen](picture:handshake)\n\n1. We lachen niet mee.\n"
        "2. We helpen.\n\n"
        "# Rollenspel {.script}\nSam en Noor zitten in de game.\n\n"
        "- Sam: Doe je mee?\n- Noor: Nee, ik vind het niet leuk.\n",
    )
    assert poster.blocks[0].kind == "picture"
    assert poster.blocks[1].ordered
    assert [(i.role, i.text) for i in script.items] == [
        ("Sam", "Doe je mee?"),
        ("Noor", "Nee, ik vind het niet leuk."),
    ]
    assert script.as_dict()["blocks"][1]["items"][0]["role"] == "Sam"


def test_a_heading_level_two_inside_a_printable_is_not_a_slide(
    write_lesson: WriteLesson,
) -> None:
    written = write_lesson(SLIDES + "\n# Werkblad {.worksheet}\n## Deel 1\n- [ ] Klaar\n")
    assert written.errors == []
    assert len(variant(written.item, "NL").slides) == 6


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("# Kaartjes\n- a\n- b\n", "ends its '# ' heading with one of {.cards}"),
        ("# Kaartjes {.flyer}\n- a\n- b\n", "ends its '# ' heading with one of"),
        (
            "# Kaartjes {.cards}\n- alleen een\n",
            "2 to 12 cards (one list item each), this one has 1",
        ),
        ("# Kaartjes {.cards}\n" + "".join(f"- {n}\n" for n in range(13)), "has 13"),
        ("# Werkblad {.worksheet}\nAlleen tekst.\n", "needs something to fill in"),
        ("# Werkblad {.worksheet}\n- [ ] a\n\n---\n", "write a line to write on as _____"),
        ("# Poster {.poster}\n", "a {.poster} needs text, a list or a picture"),
        ("# Rollen {.script}\n- Sam: Hoi\n- zomaar tekst\n", "script line 2 ('zomaar tekst')"),
        ("# Rollen {.script}\n- Sam: Hoi\n", "2 to 20 lines"),
        ("# {.cards}\n- a\n- b\n", "needs a title"),
        ("# Kaartjes {.cards size=A5}\n- a\n- b\n", "cannot read {.cards size=A5}"),
    ],
)
def test_printable_rules_name_file_line_and_field(
    write_lesson: WriteLesson, page: str, message: str
) -> None:
    written = write_lesson(SLIDES + "\n" + page)
    marked = "---" if "_____" in message else page.split("\n")[0]
    line = max(
        i for i, text in enumerate(written.path.read_text().splitlines(), 1) if marked in text
    )
    assert any(f":{line}: printable:" in e and message in e for e in written.errors), written.errors


# --- needs and printables -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "kinds"),
    [
        ("zes situatiekaartjes, losgeknipt", {"cards"}),
        ("per kind drie gezichtjeskaarten", {"cards"}),
        ("role cards for the play", {"script", "cards"}),
        ("zes rolkaartjes voor het rollenspel", {"script", "cards"}),
        ("het script van het toneelstukje", {"script", "cards"}),
        ("per tweetal een werkblad", {"worksheet"}),
        ("a worksheet per pupil", {"worksheet"}),
        ("een afsprakenposter", {"poster"}),
        ("een affiche voor de gang", {"poster"}),
        ("een lege stoel voor het rollenspel", None),  # the activity, nothing to print
        ("digibord", None),
    ],
)
def test_what_a_needs_line_asks_to_print(need: str, kinds: set[str] | None) -> None:
    found = needed_printables([need])
    assert (set(found[0][3]) if found else None) == kinds


def test_missing_printables_are_named() -> None:
    assert missing_printables(["zes situatiekaartjes"], []) == [
        "'zes situatiekaartjes' asks for cards to print, but the lesson has no "
        "'# ... {.cards}' page"
    ]


def test_a_lesson_that_needs_cards_without_a_cards_page_is_warned(
    write_lesson: WriteLesson,
) -> None:
    extra = "needs:\n  - digibord\n  - zes situatiekaartjes\n  - BE: een werkblad\n"
    written = write_lesson(SLIDES, extra=extra)
    assert written.errors == []
    warnings = [str(w) for w in item_warnings(written.item)]
    needs_line = written.line("needs:")
    assert any(
        f"stuk.md:{needs_line}: needs: 'zes situatiekaartjes' asks for cards" in w
        and "(for" not in w
        for w in warnings
    ), warnings
    assert any("'een werkblad' asks for a worksheet" in w and "(for BE)" in w for w in warnings)
    ready = write_lesson(
        SLIDES + "\n# Kaartjes {.cards}\n- a\n- b\n\n# Werkblad {.worksheet}\n- [ ] klaar\n",
        extra=extra,
        slug="klaar",
    )
    assert not any(w.field == "needs" for w in item_warnings(ready.item))


# --- what the slides show -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slide", "message"),
    [
        (Slide("Kies je hoek", ("Kies A, B, C of D",)), "options A, B, C or D"),
        (Slide("Wat doe jij?", ("Loop naar de hoek die past",)), "corners of the room"),
        (Slide("Stem", ("Eens? Ga naar rechts",)), "left and right"),
        (Slide("Kijk goed", ("Zie de notities",)), "cannot read the notes"),
        (Slide("Kijk", (), lead="Meer staat in de notities."), "cannot read the notes"),
        (Slide("Look", ("See notes",)), "cannot read the notes"),
    ],
)
def test_slides_must_show_what_they_refer_to(slide: Slide, message: str) -> None:
    [problem] = slide_text_problems([slide])
    assert message in str(problem)
    assert str(problem).startswith(f"slide {slide.title!r}:")


@pytest.mark.parametrize(
    "slide",
    [
        Slide("Kies je hoek", ("Ik lach mee", "Ik zeg stop"), layout="choice"),
        Slide("Kies", ("A: ik lach mee", "B: ik zeg stop"), lead="Kies A of B"),
        Slide("Links of rechts?", ("Links: eens", "Rechts: oneens")),
        Slide("Echt of nep", ("Een haai", "Een poes"), layout="sort", piles=("Echt", "Nep")),
        Slide("Klik niet op links", ("Links in een mail kunnen nep zijn",)),
    ],
)
def test_slides_that_show_their_options_pass(slide: Slide) -> None:
    assert slide_text_problems([slide]) == []


def test_slide_warnings_name_the_slide_line(write_lesson: WriteLesson) -> None:
    written = write_lesson("## Kies je hoek\n- Kies A, B, C of D\n\n> n\n", fill=5)
    [warning] = [w for w in item_warnings(written.item) if w.field == "body"]
    assert warning.line == written.line("## Kies je hoek")
    assert "options A, B, C or D" in warning.message


def test_young_classes_need_a_picture_on_every_slide(write_lesson: WriteLesson) -> None:
    front = FRONT.replace("grades: [5, 6]", "grades: [3, 4]")
    written = write_lesson(
        "## Met plaatje\n![Robot](picture:robot)\n\n- a\n\n> n\n", fill=5, front=front
    )
    pictures = [w for w in item_warnings(written.item) if w.field == "picture"]
    assert len(pictures) == 5
    assert pictures[0].line == written.line("## Extra 1")
    older = write_lesson("## Zonder\n- a\n\n> n\n", fill=5, slug="ouder")
    [warning] = [w for w in item_warnings(older.item) if w.field == "picture"]
    assert "6 of 6 slides have no picture" in warning.message


def test_check_command_lists_warnings_and_fails_on_them_when_strict(
    app, write_lesson: WriteLesson
) -> None:
    written = write_lesson("## Kies je hoek\n- Kies A, B, C of D\n\n> n\n", fill=5)
    runner = app.test_cli_runner()
    relaxed = runner.invoke(args=["catalogue", "check", str(written.path.parent.parent)])
    assert relaxed.exit_code == 0
    assert "warning: lessons/lesson/stuk.md:" in relaxed.output
    strict = runner.invoke(args=["catalogue", "check", "--strict", str(written.path)])
    assert strict.exit_code == 1


def test_pictures_command_finds_names(app) -> None:
    result = app.test_cli_runner().invoke(args=["catalogue", "pictures", "thumbs"])
    assert "thumbs-up" in result.output
    assert "thumbs-down" in result.output


# --- answer lines and drawing boxes ---------------------------------------------------------


def test_list_items_of_only_underscores_are_answer_lines(write_lesson: WriteLesson) -> None:
    [page] = printables_of(
        write_lesson,
        "# Werkblad {.worksheet}\n1. Wat zag je?\n2. ____\n3. Wie help je?\n\n- ______\n- ___\n",
    )
    first, second = page.blocks
    assert [item.text for item in first.items] == ["Wat zag je?", "_____", "Wie help je?"]
    assert [item.is_line for item in first.items] == [False, True, False]
    assert [item.is_line for item in second.items] == [True, True]
    assert page.as_dict()["blocks"][1]["items"][0]["line"] is True


def test_a_worksheet_with_only_answer_lines_has_something_to_fill_in(
    write_lesson: WriteLesson,
) -> None:
    written = write_lesson(SLIDES + "\n# Werkblad {.worksheet}\nSchrijf op.\n\n- ____\n- ____\n")
    assert written.errors == []


@pytest.mark.parametrize(
    ("paragraph", "caption", "height"),
    [
        ("Teken hier je avatar. {.drawing}", "Teken hier je avatar.", 90),
        ('Teken de poster. {.drawing size="large"}', "Teken de poster.", 150),
        ('{.drawing size="small"}', "", 50),
    ],
)
def test_a_drawing_box_on_a_worksheet(
    write_lesson: WriteLesson, paragraph: str, caption: str, height: int
) -> None:
    [page] = printables_of(
        write_lesson, f"# Mijn avatar {{.worksheet}}\nNaam: ____\n\n{paragraph}\n"
    )
    drawing = page.blocks[-1]
    assert (drawing.kind, drawing.text, drawing.count) == ("drawing", caption, height)


def test_a_drawing_box_alone_is_enough_for_a_worksheet(write_lesson: WriteLesson) -> None:
    written = write_lesson(SLIDES + "\n# Tekenblad {.worksheet}\nTeken jezelf. {.drawing}\n")
    assert written.errors == []


@pytest.mark.parametrize(
    ("page", "marked", "message"),
    [
        (
            '# Werkblad {.worksheet}\n- [ ] a\n\nTeken. {.drawing size="A3"}\n',
            "{.drawing",
            "a {.drawing} size is one of small, medium, large, not 'A3'",
        ),
        (
            '# Werkblad {.worksheet}\n- [ ] a\n\nTeken. {.drawing kleur="rood"}\n',
            "{.drawing",
            "{.drawing} has no attribute 'kleur'",
        ),
        (
            "# Werkblad {.worksheet}\n- [ ] a\n\nTeken. {.tekening}\n",
            "{.tekening}",
            "{.tekening} is not something a printable page knows",
        ),
        (
            "# Kaartjes {.cards}\n- a\n- b\n\nTeken. {.drawing}\n",
            "# Kaartjes",
            "a box to draw in ({.drawing}) belongs on a {.worksheet} or a {.poster}",
        ),
        (
            '# Kaartjes {.cards kleur="rood"}\n- a\n- b\n',
            "# Kaartjes",
            "{.cards} has no attribute 'kleur'",
        ),
    ],
)
def test_drawing_and_attribute_mistakes_name_file_and_line(
    write_lesson: WriteLesson, page: str, marked: str, message: str
) -> None:
    written = write_lesson(SLIDES + "\n" + page)
    assert written.error_at(marked, "printable", message), written.errors
