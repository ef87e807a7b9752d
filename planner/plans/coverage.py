"""School coverage, the one read model of "which themes does each grade get this year".

The school overview page, the school workbook and anything else that shows grades against
themes ask this module; none of them counts for itself. A class counts for each of its grades
(a combination class 5/6 adds its plan to both); skipped entries and hand-written entries
without a catalogue item count for nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.catalogue.vocab import Theme
from planner.plans.generator import required_themes
from planner.plans.models import Plan
from planner.schools.models import SchoolClass

THEMES: tuple[str, ...] = tuple(theme.value for theme in Theme)


@dataclass(frozen=True)
class GradeCoverage:
    """One grade's row: planned activities per theme, and the core themes for its age."""

    grade: int
    counts: Mapping[str, int]
    required: frozenset[str]

    def count(self, theme: str) -> int:
        return self.counts.get(theme, 0)

    def is_gap(self, theme: str) -> bool:
        """A core theme for this age that no plan covers."""
        return theme in self.required and not self.count(theme)

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(theme for theme in THEMES if self.is_gap(theme))


@dataclass(frozen=True)
class Coverage:
    """Grades (in order) against every theme (in the catalogue's order)."""

    rows: tuple[GradeCoverage, ...] = ()
    themes: tuple[str, ...] = field(default=THEMES)

    @property
    def grades(self) -> tuple[int, ...]:
        return tuple(row.grade for row in self.rows)

    def row(self, grade: int) -> GradeCoverage | None:
        return next((row for row in self.rows if row.grade == grade), None)

    @property
    def gaps(self) -> tuple[tuple[int, str], ...]:
        """Every (grade, theme) that is a core theme for the grade's age and not planned."""
        return tuple((row.grade, theme) for row in self.rows for theme in row.gaps)


def _counts(plan: Plan | None, field: str) -> Counter[str]:
    """How many entries of a plan touch each value of a field (skipped ones excluded)."""
    counts: Counter[str] = Counter()
    for entry in plan.entries if plan else []:
        if entry.item is not None and entry.status != "skipped":
            counts.update(entry.item.data[field])
    return counts


def theme_counts(plan: Plan | None) -> Counter[str]:
    """How many entries of a plan touch each theme (skipped ones and free text excluded)."""
    return _counts(plan, "themes")


def competence_counts(plan: Plan | None) -> Counter[str]:
    """How many entries of a plan touch each competence of the frameworks."""
    return _counts(plan, "competences")


def missing_themes(grades: Iterable[int], plan: Plan | None) -> list[str]:
    """Core themes for a class's grades that its plan does not touch, in teaching order."""
    covered = theme_counts(plan)
    return [theme for theme in required_themes(grades) if not covered[theme]]


def coverage(classes: Iterable[tuple[Sequence[int], Mapping[str, int]]]) -> Coverage:
    """The coverage of (grades, theme counts) pairs, one pair per class.

    Every grade of a class appears, also with nothing planned; a theme the catalogue no
    longer knows is left out."""
    totals: dict[int, Counter[str]] = {}
    for grades, counts in classes:
        for grade in grades:
            totals.setdefault(grade, Counter()).update(counts)
    return Coverage(
        rows=tuple(
            GradeCoverage(
                grade=grade,
                counts={theme: totals[grade][theme] for theme in THEMES},
                required=frozenset(required_themes([grade])),
            )
            for grade in sorted(totals)
        )
    )


def school_coverage(classes: Iterable[SchoolClass], plans: Mapping[int | None, Plan]) -> Coverage:
    """The coverage of a school's classes by their plans (`plans` by class id)."""
    return coverage((c.grades, theme_counts(plans.get(c.id))) for c in classes)
