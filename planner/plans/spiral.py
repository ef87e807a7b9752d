"""The spiral curriculum as the generator lays it out: lessons per year, and what the plans of
consecutive years (and of a combination class's two years) have in common.

Straight from the content files and the calendars, without a database: for
`flask catalogue report` and the tests that hold the curriculum to its promise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planner import grades as grade_map
from planner.catalogue.content import ParsedItem
from planner.plans import generator
from planner.plans.operations import candidate_from_content
from planner.schools import calendar
from planner.schools.calendar import EventKind, SchoolYear

COUNTRIES = {"NL": ("midden", "nl"), "BE": ("vlaanderen", "nl_BE")}
COMBINATIONS = ((1, 2), (3, 4), (5, 6), (7, 8))


@dataclass(frozen=True)
class YearRow:
    grade: int
    label: str
    written: int  # lessons whose `year` is this grade
    planned: dict[str, int]  # lessons in a single-grade class's generated plan, per country


@dataclass(frozen=True)
class Shared:
    label: str
    shared: dict[str, int]  # per country


@dataclass(frozen=True)
class SpiralReport:
    school_year: SchoolYear
    years: list[YearRow]
    consecutive: list[Shared]
    combinations: list[Shared]


def spiral_report(items: Sequence[ParsedItem], today: date) -> SpiralReport:
    """Generate single-grade and combination-class plans for the school year of `today` (and
    the next, for combination classes) and count lessons written, planned and shared."""
    candidates = [candidate_from_content(item.slug, item.content) for item in items]
    lessons = {c.slug for c in candidates if c.kind == "lesson"}
    year = SchoolYear.containing(today, "NL")
    plans = {
        country: {
            g: _lessons_in_plan(country, year, (g,), candidates, lessons) for g in range(1, 9)
        }
        for country in COUNTRIES
    }
    years = [
        YearRow(
            grade,
            f"{grade_map.grade_label([grade], 'nl', 'NL')} / "
            f"{grade_map.grade_label([grade], 'nl_BE', 'BE')}",
            sum(1 for c in candidates if c.kind == "lesson" and c.year == grade),
            {country: len(plans[country][grade]) for country in COUNTRIES},
        )
        for grade in range(1, 9)
    ]
    consecutive = [
        Shared(
            f"groep {grade} and {grade + 1}",
            {c: len(plans[c][grade] & plans[c][grade + 1]) for c in COUNTRIES},
        )
        for grade in range(1, 8)
    ]
    combinations = [
        Shared(
            f"groep {low}/{high}",
            {c: _combination_overlap(c, year, (low, high), candidates, lessons) for c in COUNTRIES},
        )
        for low, high in COMBINATIONS
    ]
    return SpiralReport(year, years, consecutive, combinations)


def _plan_input(
    country: str, year: SchoolYear, grades: tuple[int, ...], avoid: frozenset[str] = frozenset()
) -> generator.PlanInput:
    region, locale = COUNTRIES[country]
    events = calendar.school_calendar(country, region, year, locale)
    return generator.PlanInput(
        grades=frozenset(grades),
        country=country,
        locale=locale,
        school_days=tuple(calendar.school_days(year, country, events)),
        theme_weeks={e.key: (e.start, e.end) for e in events if e.kind == EventKind.THEME_WEEK},
        cycle_year=generator.cycle_year(grades, year.first_year),
        avoid=avoid,
    )


def _lessons_in_plan(country, year, grades, candidates, lessons, avoid=frozenset()) -> set[str]:
    proposal = generator.generate(_plan_input(country, year, grades, avoid), candidates)
    return {entry.slug for entry in proposal.entries if entry.slug in lessons}


def _combination_overlap(country, year, grades, candidates, lessons) -> int:
    first = _lessons_in_plan(country, year, grades, candidates, lessons)
    second = _lessons_in_plan(country, year.next(), grades, candidates, lessons, frozenset(first))
    return len(first & second)
