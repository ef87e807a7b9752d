"""The plan generator on real calendars (three NL regions and Flanders) and the real catalogue."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from planner.catalogue.content import check_tree
from planner.plans.generator import (
    Candidate,
    FixedEntry,
    PlanInput,
    cycle_year,
    generate,
    generate_school_wide,
    required_themes,
)
from planner.schools import calendar
from planner.schools.calendar import EventKind, SchoolYear

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
YEARS = ("2025-2026", "2026-2027", "2027-2028")
PLACES = (("NL", "noord"), ("NL", "midden"), ("NL", "zuid"), ("BE", "vlaanderen"))
BANDS = ((1, 2), (3, 4), (5, 6), (7, 8))


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Candidate]:
    items, errors = check_tree(LESSONS)
    assert errors == []
    return {
        item.slug: Candidate(
            slug=item.slug,
            kind=item.content.kind.value,
            grades=frozenset(item.content.effective_grades()),
            themes=tuple(t.value for t in item.content.themes),
            moments=frozenset(m.value for m in item.content.moments),
            countries=frozenset(c.value for c in item.content.country),
            language=item.content.language.value,
            audience=frozenset(a.value for a in item.content.audience),
            duration=item.content.duration_minutes,
        )
        for item in items
    }


def plan_input(country, region, year_label, grades, **overrides) -> tuple[PlanInput, list]:
    year = SchoolYear.parse(year_label)
    events = calendar.school_calendar(country, region, year, "nl")
    days = tuple(calendar.school_days(year, country, events))
    weeks = {e.key: (e.start, e.end) for e in events if e.kind == EventKind.THEME_WEEK}
    values = {
        "grades": frozenset(grades),
        "country": country,
        "locale": "nl" if country == "NL" else "nl_BE",
        "school_days": days,
        "theme_weeks": weeks,
    } | overrides
    return PlanInput(**values), events


def themes_of(entries, catalogue) -> set[str]:
    return {t for e in entries for t in catalogue[e.slug].themes}


@pytest.mark.parametrize(("country", "region"), PLACES)
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("band", BANDS)
def test_real_calendars(catalogue, country, region, year, band) -> None:
    plan, _events = plan_input(country, region, year, band)
    proposal = generate(plan, list(catalogue.values()))
    entries = proposal.entries
    school_days = set(plan.school_days)
    # Never on a day off: weekend, school holiday, public holiday.
    assert all(entry.day in school_days for entry in entries)
    assert all(entry.day.weekday() < 5 for entry in entries)
    # Only items that fit every grade, the country and the language.
    for entry in entries:
        item = catalogue[entry.slug]
        assert set(band) <= item.grades, entry.slug
        assert country in item.countries, entry.slug
    # Every core theme for the age is covered, with no gaps reported.
    covered = themes_of(entries, catalogue)
    assert set(required_themes(band)) <= covered
    assert [g for g in proposal.gaps if g.theme != "check-in"] == []
    # The anchors sit in their weeks.
    reasons = {entry.reason_code: entry for entry in entries}
    weeks = plan.theme_weeks
    assert "start-schooljaar" in reasons
    assert reasons["start-schooljaar"].day == min(plan.school_days) or (
        (reasons["start-schooljaar"].day - min(plan.school_days)).days < 7
    )
    sid = weeks["safer-internet-day"][0]
    assert abs((reasons["safer-internet-day"].day - sid).days) <= 10
    if country == "NL":
        start, end = weeks["week-tegen-pesten"]
        assert start <= reasons["week-tegen-pesten"].day <= end
        start, end = weeks["week-van-de-mediawijsheid"]
        if band[0] >= 3:  # no kleuter item belongs to this week
            assert start <= reasons["week-van-de-mediawijsheid"].day <= end
        if band[0] >= 5:
            assert reasons["week-van-de-mediawijsheid"].slug == "mediamasters"
    else:
        start, end = weeks["kies-kleur-tegen-pesten"]
        assert (reasons["kies-kleur-tegen-pesten"].day - start).days <= 14
    # About one activity every three to four school weeks.
    lessons = [e for e in entries if e.reason_code != "check-in"]
    assert len(lessons) <= plan.activities
    if band[0] >= 3:
        assert len([e for e in entries if e.reason_code == "check-in"]) == 3


def test_same_inputs_give_the_same_plan(catalogue) -> None:
    plan, _events = plan_input("NL", "zuid", "2026-2027", (5, 6))
    first = generate(plan, list(catalogue.values()))
    second = generate(plan, list(reversed(list(catalogue.values()))))
    assert first == second


def test_spacing_and_weekday_follow_the_settings(catalogue) -> None:
    plan, _ = plan_input("NL", "midden", "2026-2027", (7, 8), min_weeks=4, weekday=3)
    entries = generate(plan, list(catalogue.values())).entries
    assert sum(e.day.weekday() == 3 for e in entries) >= len(entries) - 2
    themed = sorted(e.day for e in entries if e.reason_code in ("theme", "deepens"))
    assert all((b - a).days >= 21 for a, b in itertools.pairwise(themed))


def test_fixed_entries_are_respected(catalogue) -> None:
    locked_day = date(2026, 10, 6)
    fixed = FixedEntry(locked_day, "sexting-en-grenzen-online-groep-7-8", "sexting")
    plan, _ = plan_input("NL", "midden", "2026-2027", (8,), fixed=(fixed,))
    entries = generate(plan, list(catalogue.values())).entries
    assert all(e.slug != "sexting-en-grenzen-online-groep-7-8" for e in entries)
    assert all(e.day != locked_day for e in entries)


def test_combination_class_gets_items_that_fit_both_grades(catalogue) -> None:
    plan, _ = plan_input("NL", "noord", "2026-2027", (4, 5))
    proposal = generate(plan, list(catalogue.values()))
    for entry in proposal.entries:
        assert {4, 5} <= catalogue[entry.slug].grades
    # Themes that no item covers for both grades are named, not silently dropped.
    covered = themes_of(proposal.entries, catalogue)
    for theme in required_themes((4, 5)):
        assert theme in covered or any(g.theme == theme for g in proposal.gaps)


def test_a_theme_nobody_can_teach_is_named(catalogue) -> None:
    without_sexting = [c for c in catalogue.values() if "sexting" not in c.themes]
    plan, _ = plan_input("BE", "vlaanderen", "2026-2027", (8,))
    gaps = generate(plan, without_sexting).gaps
    assert ("sexting", "no-item-fits") in {(g.theme, g.reason) for g in gaps}


def test_too_few_activities_names_the_themes_without_room(catalogue) -> None:
    plan, _ = plan_input("NL", "midden", "2026-2027", (7, 8), activities=4)
    gaps = generate(plan, list(catalogue.values())).gaps
    assert {g.reason for g in gaps} == {"no-room"}


def test_kleuters_get_their_own_check_in_every_term(catalogue) -> None:
    plan, _ = plan_input("NL", "midden", "2026-2027", (1, 2))
    proposal = generate(plan, list(catalogue.values()))
    check_ins = [e for e in proposal.entries if e.reason_code == "check-in"]
    assert [e.slug for e in check_ins] == ["kleuterthermometer"] * 3
    assert "check-in" not in {g.theme for g in proposal.gaps}


def test_without_a_check_in_that_fits_the_plan_says_why(catalogue) -> None:
    plan, _ = plan_input("NL", "midden", "2026-2027", (1, 2))
    others = [c for c in catalogue.values() if c.kind != "intervention"]
    proposal = generate(plan, others)
    assert ("check-in", "no-item-fits") in {(g.theme, g.reason) for g in proposal.gaps}


def test_school_wide_plan_has_team_items_and_evenings(catalogue) -> None:
    plan, _ = plan_input("BE", "vlaanderen", "2026-2027", (3,))
    entries = generate_school_wide(plan.school_days, "BE", 1, list(catalogue.values()))
    kinds = {catalogue[e.slug].kind for e in entries}
    assert kinds == {"team", "parent_evening"}
    assert all("BE" in catalogue[e.slug].countries for e in entries)
    assert all(e.day in set(plan.school_days) for e in entries)


@pytest.mark.parametrize(("country", "region"), PLACES)
@pytest.mark.parametrize(
    "made_on", [date(2026, 10, 1), date(2026, 12, 7), date(2027, 3, 15), date(2027, 6, 20)]
)
def test_a_plan_made_during_the_year_starts_after_the_day_it_was_made(
    catalogue, country, region, made_on
) -> None:
    start = date.fromordinal(made_on.toordinal() + 1)
    plan, _events = plan_input(country, region, "2026-2027", (5, 6), start=start)
    proposal = generate(plan, list(catalogue.values()))
    early = [(e.day, e.reason_code) for e in proposal.entries if e.day < start]
    assert early == []
    reasons = {e.reason_code: e for e in proposal.entries}
    # The start of the year and the anti-bullying moment are caught up, at the first free
    # school weeks; the media-literacy week belongs to its own dates and is named as passed.
    start_of_year = reasons.get("start-schooljaar")
    if start_of_year is not None:
        assert start_of_year.reason_value == "late"
        assert start_of_year.day < start + (plan.school_days[-1] - start) / 4
    passed = {gap.theme for gap in proposal.gaps if gap.reason == "passed"}
    if country == "NL" and made_on >= date(2026, 11, 14):
        assert "week-van-de-mediawijsheid" in passed
        assert "week-van-de-mediawijsheid" not in reasons
    if made_on >= date(2027, 2, 10):
        assert "safer-internet-day" in passed


def test_a_plan_made_before_the_year_has_every_moment_in_its_week(catalogue) -> None:
    plan, _events = plan_input("NL", "midden", "2026-2027", (5, 6), start=date(2026, 8, 1))
    proposal = generate(plan, list(catalogue.values()))
    assert [gap for gap in proposal.gaps if gap.reason == "passed"] == []
    assert all(e.reason_value != "late" for e in proposal.entries)
    week = plan.theme_weeks["week-tegen-pesten"]
    [anti_bullying] = [e for e in proposal.entries if e.reason_code == "week-tegen-pesten"]
    assert week[0] <= anti_bullying.day <= week[1]


def test_the_whole_school_plan_made_in_december_starts_after_that_day(catalogue) -> None:
    plan, _events = plan_input("NL", "midden", "2026-2027", ())
    start = date(2026, 12, 8)
    entries = generate_school_wide(plan.school_days, "NL", 1, list(catalogue.values()), start)
    assert entries
    assert min(e.day for e in entries) >= start
    assert len({e.day for e in entries}) == len(entries)  # not all on the first free day


def spiral_lessons() -> list[Candidate]:
    """Eight lessons for groep 7 and eight for groep 8, each for the band 7-8."""
    themes = ("online-gedrag", "cyberpesten", "privacy", "mediabalans", "groepsdruk", "informatie")
    themes += ("gamen", "sexting")
    return [
        Candidate(
            slug=f"les-{year}-{n}",
            kind="lesson",
            grades=frozenset({7, 8}),
            themes=(themes[n],),
            year=year,
            builds_on=f"les-{year}-{n - 1}" if n else None,
        )
        for year in (7, 8)
        for n in range(8)
    ]


@pytest.mark.parametrize(
    ("grades", "first_year", "expected"),
    [
        ((5,), 2026, 5),
        ((5,), 2027, 5),
        ((7, 8), 2026, 7),
        ((7, 8), 2027, 8),
        ((1, 2), 2025, 2),
    ],
)
def test_the_cycle_year_of_a_class(grades, first_year, expected) -> None:
    assert cycle_year(grades, first_year) == expected


def test_a_class_gets_every_lesson_of_its_year_and_none_of_another(catalogue) -> None:
    plan, _events = plan_input("NL", "midden", "2026-2027", (7, 8), cycle_year=7)
    proposal = generate(plan, spiral_lessons())
    slugs = [e.slug for e in proposal.entries]
    assert sorted(slugs) == [f"les-7-{n}" for n in range(8)]
    # Each lesson after the lesson it builds on.
    days = {e.slug: e.day for e in proposal.entries}
    assert all(days[f"les-7-{n - 1}"] < days[f"les-7-{n}"] for n in range(1, 8))


def test_a_combination_class_shares_no_lesson_between_the_two_years_of_its_cycle() -> None:
    first, _events = plan_input("NL", "midden", "2026-2027", (7, 8), cycle_year=7)
    second, _events = plan_input(
        "NL",
        "midden",
        "2027-2028",
        (7, 8),
        cycle_year=8,
        avoid=frozenset(e.slug for e in generate(first, spiral_lessons()).entries),
    )
    one = {e.slug for e in generate(first, spiral_lessons()).entries}
    two = {e.slug for e in generate(second, spiral_lessons()).entries}
    assert one
    assert two
    assert one.isdisjoint(two)


def test_a_lesson_covers_every_theme_it_has(catalogue) -> None:
    lessons = [
        Candidate("grooming", "lesson", frozenset({7, 8}), ("gamen", "sexting"), year=7),
        *[c for c in spiral_lessons() if c.year == 7 and c.themes != ("sexting",)],
    ]
    plan, _events = plan_input("NL", "midden", "2026-2027", (7,), cycle_year=7)
    gaps = generate(plan, lessons).gaps
    assert "sexting" not in {gap.theme for gap in gaps}


def test_the_curated_spiral_has_a_year_of_new_lessons_for_every_grade() -> None:
    """At least 8 lessons written for every year; plans of consecutive single-grade years
    share no lesson, nor do the two years of a combination class's cycle (NL and Flanders)."""
    from planner.plans.spiral import spiral_report

    items, errors = check_tree(LESSONS)
    assert errors == []
    report = spiral_report(items, date(2026, 11, 17))
    assert {row.grade: row.written >= 8 for row in report.years} == dict.fromkeys(range(1, 9), True)
    assert all(row.planned["NL"] >= 8 and row.planned["BE"] >= 8 for row in report.years)
    assert [pair.shared for pair in report.consecutive] == [{"NL": 0, "BE": 0}] * 7
    assert [pair.shared for pair in report.combinations] == [{"NL": 0, "BE": 0}] * 4
    lessons = {item.slug for item in items if item.content.kind.value == "lesson"}
    assert len(lessons) >= 56
