"""The curated catalogue in lessons/ holds enough to plan a full year for every class."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planner.catalogue.checks import item_warnings, slide_text_problems
from planner.catalogue.cli import GRADE_BANDS
from planner.catalogue.content import ParsedItem, check_tree
from planner.catalogue.variants import variant
from planner.catalogue.vocab import Audience, Country, Kind, Moment, Theme

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
CORE_THEMES = {Theme.ONLINE_GEDRAG, Theme.CYBERPESTEN, Theme.PRIVACY, Theme.MEDIABALANS}
FROM_GROEP_3 = {Theme.GROEPSDRUK, Theme.INFORMATIE, Theme.GAMEN}
MINIMUM_PER_KIND = {
    Kind.LESSON: 28,
    Kind.MATERIAL: 15,
    Kind.GUEST_SESSION: 5,
    Kind.PARENT_MODULE: 8,
    Kind.PARENT_EVENING: 2,
    Kind.TEAM: 4,
    Kind.INTERVENTION: 5,
    Kind.PROTOCOL: 3,
    Kind.HELPLINE: 6,
}


@pytest.fixture(scope="module")
def items() -> list[ParsedItem]:
    parsed, errors = check_tree(LESSONS)
    assert [str(e) for e in errors] == []
    return parsed


def lessons_for(items: list[ParsedItem], band: tuple[int, int], theme: Theme) -> list[str]:
    grades = set(range(band[0], band[1] + 1))
    return [
        item.slug
        for item in items
        if item.content.kind == Kind.LESSON
        and theme in item.content.themes
        and grades <= set(item.content.effective_grades())
    ]


def required_themes(band: tuple[int, int]) -> set[Theme]:
    themes = set(CORE_THEMES)
    if band[0] >= 3:
        themes |= FROM_GROEP_3
    if band == (7, 8):
        themes.add(Theme.SEXTING)
    return themes


@pytest.mark.parametrize("band", GRADE_BANDS, ids=lambda b: f"groep-{b[0]}-{b[1]}")
def test_every_grade_band_has_a_lesson_on_each_required_theme(items, band) -> None:
    missing = [
        theme.value for theme in required_themes(band) if not lessons_for(items, band, theme)
    ]
    assert missing == []


@pytest.mark.parametrize(("kind", "minimum"), MINIMUM_PER_KIND.items(), ids=str)
def test_minimum_count_of_each_kind(items, kind: Kind, minimum: int) -> None:
    assert sum(item.content.kind == kind for item in items) >= minimum


def test_lessons_for_the_national_moments(items) -> None:
    moments = Counter(
        moment
        for item in items
        if item.content.kind == Kind.LESSON
        for moment in item.content.moments
    )
    assert moments[Moment.SAFER_INTERNET_DAY] >= 1
    assert moments[Moment.WEEK_TEGEN_PESTEN] >= 1
    assert moments[Moment.START_SCHOOLJAAR] >= 4  # one per grade band


def test_every_lesson_has_six_to_twelve_slides_with_notes(items) -> None:
    for item in items:
        if item.content.kind != Kind.LESSON:
            continue
        for country in item.content.countries:
            shown = variant(item, country)
            assert 6 <= len(shown.slides) <= 12, (item.slug, country)
            assert all(slide.notes for slide in shown.slides), (item.slug, country)
            assert 1 <= len(shown.goals) <= 3, (item.slug, country)
            assert shown.conversation, (item.slug, country)
            assert shown.needs, (item.slug, country)
        assert item.content.duration_minutes, item.slug


def test_every_curated_item_is_ready_to_teach(items) -> None:
    """No warnings: pictures for young classes, options and situations on the slide, a
    printable page for what the needs list (`flask catalogue check --strict`)."""
    not_ready = {item.slug: [str(w) for w in item_warnings(item)] for item in items}
    assert {slug: warnings for slug, warnings in not_ready.items() if warnings} == {}


@pytest.mark.usefixtures("real_catalogue")
def test_no_rendered_lesson_deck_sends_the_class_to_the_notes_or_hides_its_options(app) -> None:
    from planner.catalogue.models import CatalogueItem
    from planner.exports.documents import item_deck
    from planner.extensions import db

    lessons = db.session.scalars(db.select(CatalogueItem).where(CatalogueItem.kind == "lesson"))
    problems = {}
    for item in lessons:
        for country in item.content.countries:
            found = slide_text_problems(item_deck(item, "nl", country).slides)
            if found:
                problems[(item.slug, country)] = [str(problem) for problem in found]
    assert problems == {}


def test_every_item_is_fully_tagged_in_two_languages(items) -> None:
    for item in items:
        content = item.content
        assert content.effective_grades() or content.age_min is not None, item.slug
        assert content.themes, item.slug
        assert content.audience, item.slug
        assert content.country, item.slug
        assert content.competences, f"{item.slug} has no competences"
        assert content.title.en, f"{item.slug} has no English title"
        assert content.summary.en, f"{item.slug} has no English summary"


def test_help_lines_for_children_in_both_countries(items) -> None:
    for country in Country:
        assert any(
            item.content.kind == Kind.HELPLINE
            and country in item.content.country
            and Audience.PUPILS in item.content.audience
            and item.content.phone
            for item in items
        ), country


def test_ready_made_evenings_are_made_of_modules(items) -> None:
    modules = {item.slug: item for item in items if item.content.kind == Kind.PARENT_MODULE}
    for item in items:
        if item.content.kind != Kind.PARENT_EVENING:
            continue
        assert all(slug in modules for slug in item.content.modules), item.slug
        for slug in item.content.modules:
            assert 10 <= (modules[slug].content.duration_minutes or 0) <= 30, slug


def test_no_shared_slugs_or_titles(items) -> None:
    slugs = Counter(item.slug for item in items)
    titles = Counter(item.content.title.nl.casefold() for item in items)
    assert [s for s, n in slugs.items() if n > 1] == []
    assert [t for t, n in titles.items() if n > 1] == []


def test_secondary_school_material_is_marked(items) -> None:
    by_slug = {item.slug: item for item in items}
    for slug in ("the-web-we-want", "safe-and-social-digitale-weerbaarheid"):
        assert "secondary" in by_slug[slug].content.levels
        assert by_slug[slug].content.effective_grades() == []


def test_report_prints_the_coverage_matrix(app) -> None:
    result = app.test_cli_runner().invoke(args=["catalogue", "report", str(LESSONS)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "groep 7-8" in lines[1]
    sexting = next(line for line in lines if line.startswith("sexting"))
    assert int(sexting.split()[-1]) >= 1  # groep 7-8 column
    assert any(line.startswith("lesson") and "NL" in line for line in lines)
