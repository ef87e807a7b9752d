"""Country variants: [NL]/[BE] markers everywhere a writer needs them, and word lists."""

from __future__ import annotations

import pytest

from planner.catalogue.markdown import parse_steps, render_markdown
from planner.catalogue.markers import Words
from planner.catalogue.schema import LocalizedText
from planner.catalogue.variants import summary_for, title_for, variant
from tests.catalogue.conftest import FRONT, WriteLesson, filler_slides

BODY = """\
Voor iedereen.

[NL] Alleen in Nederland.

[BE] Alleen in Vlaanderen, op het schoolplein.

## Samen
- Voor iedereen
- [NL] De Kindertelefoon
- [BE] Awel

> Notitie voor iedereen.
>
> [BE] Overleg met het CLB.
>
> [NL] Volg de meldcode.

## [BE] De klasgroep ontploft
- Een Vlaamse dia

> Alleen in Vlaanderen.

## [NL] De groepsapp ontploft
- Een Nederlandse dia

> Alleen in Nederland.
"""


def test_markers_choose_slides_bullets_notes_and_intro_per_country(
    write_lesson: WriteLesson,
) -> None:
    written = write_lesson(BODY, fill=4)
    assert written.errors == []
    dutch, flemish = variant(written.item, "NL"), variant(written.item, "BE")
    assert dutch.intro == "Voor iedereen.\n\nAlleen in Nederland."
    assert flemish.intro == "Voor iedereen.\n\nAlleen in Vlaanderen, op het schoolplein."
    assert dutch.slides[0].bullets == ("Voor iedereen", "De Kindertelefoon")
    assert flemish.slides[0].bullets == ("Voor iedereen", "Awel")
    assert dutch.slides[0].notes == "Notitie voor iedereen.\n\nVolg de meldcode."
    assert flemish.slides[0].notes == "Notitie voor iedereen.\n\nOverleg met het CLB."
    assert dutch.slides[1].title == "De groepsapp ontploft"
    assert flemish.slides[1].title == "De klasgroep ontploft"
    assert flemish.slides[1].notes == "Alleen in Vlaanderen."
    assert len(dutch.slides) == len(flemish.slides) == 6


def test_a_marked_printable_is_one_countrys(write_lesson: WriteLesson) -> None:
    body = (
        filler_slides(6) + "\n# [BE] Kaartjes {.cards}\n- Een\n- Twee\n"
        "\n# Voor iedereen {.cards}\n- [NL] Groepsapp\n- [BE] Klasgroep\n- Drie\n"
    )
    written = write_lesson(body)
    assert written.errors == []
    dutch, flemish = variant(written.item, "NL"), variant(written.item, "BE")
    assert [p.title for p in dutch.printables] == ["Voor iedereen"]
    assert [p.title for p in flemish.printables] == ["Kaartjes", "Voor iedereen"]
    assert [i.text for i in dutch.printables[0].items] == ["Groepsapp", "Drie"]
    assert [i.text for i in flemish.printables[1].items] == ["Klasgroep", "Drie"]


def test_protocol_phases_steps_and_details_per_country() -> None:
    body = (
        "## [BE] Met het CLB\n1. Bel het CLB.\n"
        "## Meteen\n1. Luister.\n\n   [NL] Volg de meldcode.\n\n   [BE] Overleg met het CLB.\n"
        "2. [NL] Betrek de intern begeleider.\n3. [BE] Betrek de zorgcoördinator.\n"
    )
    dutch, flemish = parse_steps(body, "NL"), parse_steps(body, "BE")
    assert [phase.title for phase in dutch] == ["Meteen"]
    assert [phase.title for phase in flemish] == ["Met het CLB", "Meteen"]
    assert dutch[0].steps[0].detail == "Volg de meldcode."
    assert flemish[1].steps[0].detail == "Overleg met het CLB."
    assert [s.text for s in dutch[0].steps] == ["Luister.", "Betrek de intern begeleider."]
    assert [s.text for s in flemish[1].steps] == ["Luister.", "Betrek de zorgcoördinator."]


def test_free_text_paragraphs_list_items_and_sections_per_country() -> None:
    body = (
        "Voor iedereen.\n\n[NL] In Nederland de meldcode.\n\n[BE] In Vlaanderen het CLB.\n\n"
        "- [NL] Veilig Thuis\n- Voor iedereen\n\n## [BE] Alleen Vlaams\nTekst onder de kop.\n\n"
        "## Samen\nSlot.\n"
    )
    dutch, flemish = render_markdown(body, "NL"), render_markdown(body, "BE")
    assert "meldcode" in dutch
    assert "CLB" not in dutch
    assert "Alleen Vlaams" not in dutch
    assert "CLB" in flemish
    assert "Veilig Thuis" not in flemish
    assert "Tekst onder de kop." in flemish
    assert "Slot." in dutch
    assert "[NL]" not in dutch + flemish
    assert "[BE]" not in dutch + flemish


def test_free_text_items_of_other_kinds_are_checked_and_shown_per_country(
    write_lesson: WriteLesson,
) -> None:
    front = FRONT.replace("kind: lesson", "kind: team").split("goals:")[0]
    written = write_lesson("[NL] Nederlands.\n\n[BE] Vlaams.\n", front=front, kind="team")
    assert written.errors == []
    assert "Vlaams" in variant(written.item, "BE").html
    assert "Vlaams" not in variant(written.item, "NL").html
    broken = write_lesson("[FR] Frans.\n", front=front, kind="team", slug="frans")
    assert broken.error_at("[FR] Frans.", "marker", "unknown country marker [FR]")


def test_front_matter_lines_per_country(write_lesson: WriteLesson) -> None:
    front = FRONT.split("goals:")[0] + (
        "needs:\n  - digibord\n  - NL: een poster van de Week tegen Pesten\n"
        '  - "[BE] de affiche van Kies Kleur"\n'
        "goals:\n  - Ik weet iets.\n  - BE: Ik ken Awel.\n  - NL: Ik ken de Kindertelefoon.\n"
        "conversation:\n"
        "  - question: Wie helpt?\n    answers:\n      - De juf\n      - BE: Awel\n"
        "      - NL: De Kindertelefoon\n"
        "  - question: Wat doet het CLB?\n    country: BE\n    answers: [Helpen]\n"
        '  - question: "[NL] Wat doet Veilig Thuis?"\n'
    )
    written = write_lesson("", fill=6, front=front)
    assert written.errors == []
    dutch, flemish = variant(written.item, "NL"), variant(written.item, "BE")
    assert dutch.goals == ["Ik weet iets.", "Ik ken de Kindertelefoon."]
    assert flemish.goals == ["Ik weet iets.", "Ik ken Awel."]
    assert dutch.needs == ["digibord", "een poster van de Week tegen Pesten"]
    assert flemish.needs == ["digibord", "de affiche van Kies Kleur"]
    assert [q.question for q in dutch.conversation] == ["Wie helpt?", "Wat doet Veilig Thuis?"]
    assert [q.question for q in flemish.conversation] == ["Wie helpt?", "Wat doet het CLB?"]
    assert dutch.conversation[0].answers == ["De juf", "De Kindertelefoon"]
    assert flemish.conversation[0].answers == ["De juf", "Awel"]


@pytest.mark.parametrize(
    ("extra_front", "marked_line", "message"),
    [
        ("needs:\n  - FR: un tableau\n", "  - FR: un tableau", "unknown country 'FR'"),
        ('needs:\n  - "[FR] un tableau"\n', "un tableau", "unknown country marker [FR]"),
        ("needs:\n  - {NL: a, BE: b}\n", "{NL: a, BE: b}", "write one country and its text"),
    ],
)
def test_unknown_country_in_front_matter_names_line_and_field(
    write_lesson: WriteLesson, extra_front: str, marked_line: str, message: str
) -> None:
    written = write_lesson("", fill=6, extra=extra_front)
    assert written.error_at(marked_line, "needs.0", message), written.errors


def test_unquoted_marker_in_yaml_gets_a_hint(write_lesson: WriteLesson) -> None:
    written = write_lesson("", fill=6, extra="needs:\n  - [BE] een affiche\n")
    assert any("not valid YAML" in e and "- BE: text" in e for e in written.errors)


def test_a_line_for_a_country_the_item_is_not_for_is_refused(write_lesson: WriteLesson) -> None:
    front = FRONT.replace("country: [NL, BE]", "country: [NL]")
    written = write_lesson("", fill=6, front=front, extra="needs:\n  - BE: een affiche\n")
    assert written.error_at("needs:", "needs", "is for BE, but the item is only for NL")
    words = write_lesson("", fill=6, front=front, extra="words:\n  BE: {a: b}\n", slug="w")
    assert words.error_at("words:", "words", "is for BE, but the item is only for NL")


@pytest.mark.parametrize(
    ("body", "marked", "message"),
    [
        ("## [FR] Een dia\n- a\n\n> n\n", "## [FR]", "unknown country marker [FR]"),
        ("## Dia\n- [XX] a\n\n> n\n", "- [XX] a", "unknown country marker [XX]"),
        ("## Dia\n- a\n\n> [fr] n\n", "> [fr] n", "unknown country marker [fr]"),
        ("[DE] Intro.\n\n## Dia\n- a\n\n> n\n", "[DE] Intro.", "unknown country marker [DE]"),
        ("## Dia\n- a [BE] b\n\n> n\n", "- a [BE] b", "goes at the very start"),
    ],
)
def test_unknown_or_misplaced_markers_name_file_line_and_field(
    write_lesson: WriteLesson, body: str, marked: str, message: str
) -> None:
    written = write_lesson(body, fill=5)
    assert written.error_at(marked, "marker", message), written.errors


def test_a_block_for_a_country_the_item_is_not_for_is_refused(write_lesson: WriteLesson) -> None:
    front = FRONT.replace("country: [NL, BE]", "country: [NL]")
    written = write_lesson("## Dia\n- [BE] Awel\n\n> n\n", fill=5, front=front)
    assert written.error_at("- [BE] Awel", "marker", "[BE] marks a part for BE")


def test_each_countrys_deck_has_six_to_twelve_slides_with_notes(
    write_lesson: WriteLesson,
) -> None:
    body = "".join(f"## [BE] Vlaams {n}\n- a\n\n> n\n" for n in range(3))
    written = write_lesson(body, fill=5)
    assert any("this one has 5 (for NL)" in e for e in written.errors), written.errors
    assert not any("(for BE)" in e for e in written.errors)
    no_notes = write_lesson("## [BE] Zonder notities\n- a\n", fill=6, slug="notities")
    assert no_notes.error_at("## [BE] Zonder", "body", "has no speaker notes")


def test_word_list_replaces_whole_words_and_phrases_in_that_countrys_text(
    write_lesson: WriteLesson,
) -> None:
    extra = (
        "words:\n  BE:\n    groepsapp: klasgroep\n    het schoolplein: de speelplaats\n"
        "    telefoon: gsm\n"
    )
    front = FRONT.replace(
        "goals: [Ik weet iets.]", "goals: [Ik weet wat een groepsapp is.]"
    ).replace("answers: [Niks]", "answers: [Op het schoolplein]")
    body = (
        "Het schoolplein en de groepsapp.\n\n"
        "## Groepsapp op het schoolplein\n"
        "![Een telefoon op het schoolplein](picture:mobile-phone)\n\n"
        "- Telefoon weg, [groepsapp](https://example.org/groepsapp) uit\n"
        "- De groepsapp-regels en de Kindertelefoon blijven\n"
        "- Een groepsappje ook\n\n"
        "> Op het schoolplein\n> gaat de telefoon mee.\n"
    )
    written = write_lesson(body, fill=5, front=front, extra=extra)
    assert written.errors == []
    flemish, dutch = variant(written.item, "BE"), variant(written.item, "NL")
    slide = flemish.slides[0]
    assert flemish.intro == "De speelplaats en de klasgroep."
    assert slide.title == "Klasgroep op de speelplaats"
    assert slide.bullets[0] == "Gsm weg, klasgroep uit"
    assert slide.links[0].url == "https://example.org/groepsapp"  # addresses are not words
    # Whole words only: compounds, hyphenated words and longer words stay.
    assert slide.bullets[1:] == (
        "De groepsapp-regels en de Kindertelefoon blijven",
        "Een groepsappje ook",
    )
    assert slide.notes == "Op de speelplaats gaat de gsm mee."  # across a line break
    assert slide.picture.alt == "Een gsm op de speelplaats"
    assert slide.picture.slug == "mobile-phone"
    assert flemish.goals == ["Ik weet wat een klasgroep is."]
    assert flemish.conversation[0].answers == ["Op de speelplaats"]
    assert dutch.slides[0].title == "Groepsapp op het schoolplein"
    assert written.item.content.title.nl == "Een les"  # titles are not replaced


def test_words_longest_first_and_capital_kept() -> None:
    words = Words(
        {"plein": "speelplaats", "op het plein": "op de speelplaats", "Jeugdjournaal": "Karrewiet"}
    )
    assert words("Op het plein en het plein.") == "Op de speelplaats en het speelplaats."
    assert words("het jeugdjournaal, Het Jeugdjournaal") == "het Karrewiet, Het Karrewiet"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("words:\n  FR: {a: b}\n", "words.FR"),
        ("words:\n  BE: {groepsapp: klasgroep, Groepsapp: Klasgroep}\n", "listed twice"),
        ("words:\n  BE: {groepsapp: ''}\n", "cannot be empty"),
    ],
)
def test_bad_word_lists_are_refused(write_lesson: WriteLesson, words: str, message: str) -> None:
    written = write_lesson("", fill=6, extra=words)
    assert any(message in e for e in written.errors), written.errors
    assert all(f":{written.line('words:')}:" in e or "words.FR" in e for e in written.errors)


def test_titles_for_a_school() -> None:
    title = LocalizedText(nl="De groepsapp", nl_BE="De klasgroep", en="The group chat")
    assert title.for_school("nl", "BE") == "De klasgroep"
    assert title.for_school("nl_BE", "BE") == "De klasgroep"
    assert title.for_school("nl", "NL") == "De groepsapp"
    assert title.for_school("nl_BE", "NL") == "De groepsapp"
    assert title.for_school("en", "BE") == "The group chat"
    plain = LocalizedText(nl="Alleen Nederlands")
    assert plain.for_school("en", "BE") == plain.for_school("nl", "BE") == "Alleen Nederlands"


def test_title_and_summary_helpers_on_items(write_lesson: WriteLesson) -> None:
    front = FRONT.replace("  nl: Een les\n", "  nl: Een les\n  nl_BE: Een Vlaamse les\n")
    written = write_lesson("", fill=6, front=front)
    assert title_for(written.item, "nl", "BE") == "Een Vlaamse les"
    assert title_for(written.item, "nl", "NL") == "Een les"
    assert summary_for(written.item, "en", "BE") == "Kort."


def test_variant_refuses_an_unknown_country(write_lesson: WriteLesson) -> None:
    written = write_lesson("", fill=6)
    with pytest.raises(ValueError, match="NL or BE"):
        variant(written.item, "FR")
