"""Grades: one neutral number per grade and the way each country names it in each locale.

Grades are stored as Dutch groep numbers 1-8. Flanders maps onto the same ages: groep 1-2 are
the 2de and 3de kleuterklas, groep 3-8 are the 1ste to 6de leerjaar. This module is the only
place that knows these names and the typical age of each grade.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

GRADES: tuple[int, ...] = tuple(range(1, 9))

# Flemish names, indexed by groep number.
_FLEMISH = {
    1: "2de kleuterklas",
    2: "3de kleuterklas",
    3: "1ste leerjaar",
    4: "2de leerjaar",
    5: "3de leerjaar",
    6: "4de leerjaar",
    7: "5de leerjaar",
    8: "6de leerjaar",
}
_FLEMISH_SHORT = {1: "2de", 2: "3de", 3: "1ste", 4: "2de", 5: "3de", 6: "4de", 7: "5de", 8: "6de"}


def age_range(grade: int) -> tuple[int, int]:
    """Typical ages of a grade over the school year: groep g is g+3 at the start, g+4 later."""
    return grade + 3, grade + 4


def grades_for_ages(age_min: int, age_max: int) -> list[int]:
    """Grades whose typical ages lie within an age range given in whole years."""
    return [g for g in GRADES if age_min <= g + 3 and g + 4 <= age_max + 1]


def ages_for_grades(grades: Iterable[int]) -> tuple[int, int]:
    """The age range that covers the given grades."""
    ordered = sorted(grades)
    return age_range(ordered[0])[0], age_range(ordered[-1])[1]


def _runs(grades: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs in a set of grades, e.g. [1, 2, 5] -> [(1, 2), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for grade in sorted(set(grades)):
        if runs and grade == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], grade)
        else:
            runs.append((grade, grade))
    return runs


def _flemish_run(first: int, last: int) -> str:
    if first == last:
        return _FLEMISH[first]
    kleuter = first <= 2
    if kleuter and last >= 3:
        return f"{_flemish_run(first, 2)}, {_flemish_run(3, last)}"
    noun = "kleuterklas" if kleuter else "leerjaar"
    return f"{_FLEMISH_SHORT[first]}-{_FLEMISH_SHORT[last]} {noun}"


def grade_label(grades: Iterable[int], locale: str, country: str) -> str:
    """Name a set of grades the way a teacher of that country says it, in that locale.

    The names follow the school's country whatever the language: a Flemish school says
    "5de-6de leerjaar" in Dutch and "years 5-6 (5de-6de leerjaar, age 10-12)" in English; a
    Dutch school says "groep 7-8" in Dutch and "groups 7-8 (age 10-12)" in English.
    """
    runs = _runs(grades)
    if not runs:
        return ""
    if country == "BE":
        if locale == "en":
            return ", ".join(
                _english_flemish_run(first, last) for first, last in _split_kleuter(runs)
            )
        return ", ".join(_flemish_run(first, last) for first, last in runs)
    if locale == "en":
        return ", ".join(_english_run(first, last) for first, last in runs)
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    return "groep " + ", ".join(parts)


def _english_run(first: int, last: int) -> str:
    low, high = age_range(first)[0], age_range(last)[1]
    if first == last:
        return f"group {first} (age {low}-{high})"
    return f"groups {first}-{last} (age {low}-{high})"


def _split_kleuter(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs cut where the kleuterklassen end and the leerjaren begin (groep 2 | groep 3)."""
    split: list[tuple[int, int]] = []
    for first, last in runs:
        if first <= 2 < last:
            split += [(first, 2), (3, last)]
        else:
            split.append((first, last))
    return split


def _english_flemish_run(first: int, last: int) -> str:
    """A run of Flemish grades in English, with the Flemish name a teacher recognises."""
    low, high = age_range(first)[0], age_range(last)[1]
    flemish = _flemish_run(first, last)
    if first <= 2:
        years = f"{first + 1}" if first == last else f"{first + 1}-{last + 1}"
        noun = "nursery year" if first == last else "nursery years"
    else:
        years = f"{first - 2}" if first == last else f"{first - 2}-{last - 2}"
        noun = "year" if first == last else "years"
    return f"{noun} {years} ({flemish}, age {low}-{high})"


def grade_choices(locale: str, country: str) -> list[tuple[int, str]]:
    """Every grade with its label, for filters and forms."""
    return [(g, grade_label([g], locale, country)) for g in GRADES]


def age_label(age_min: int | None, age_max: int | None) -> str:
    """An age range in words of the active locale."""
    if age_min is None or age_max is None:
        return ""
    return _("%(low)s-%(high)s years", low=age_min, high=age_max)
