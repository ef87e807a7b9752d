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


def test_kleuters_get_no_check_in_and_hear_why(catalogue) -> None:
    plan, _ = plan_input("NL", "midden", "2026-2027", (1, 2))
    proposal = generate(plan, list(catalogue.values()))
    assert ("check-in", "no-item-fits") in {(g.theme, g.reason) for g in proposal.gaps}


def test_school_wide_plan_has_team_items_and_evenings(catalogue) -> None:
    plan, _ = plan_input("BE", "vlaanderen", "2026-2027", (3,))
    entries = generate_school_wide(plan.school_days, "BE", 1, list(catalogue.values()))
    kinds = {catalogue[e.slug].kind for e in entries}
    assert kinds == {"team", "parent_evening"}
    assert all("BE" in catalogue[e.slug].countries for e in entries)
    assert all(e.day in set(plan.school_days) for e in entries)
