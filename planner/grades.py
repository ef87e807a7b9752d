"""Grades: one neutral number per grade and the way each country names it in each locale.

Grades are stored as Dutch groep numbers 1-8. Flanders maps onto the same ages: groep 1-2 are
the 2de and 3de kleuterklas, groep 3-8 are the 1ste to 6de leerjaar. This module is the only
place that knows these names and the typical age of each grade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


# --- reading grades from a class name ------------------------------------------------------

_ORDINALS = {
    "1": 1,
    "1e": 1,
    "1ste": 1,
    "eerste": 1,
    "2": 2,
    "2e": 2,
    "2de": 2,
    "tweede": 2,
    "3": 3,
    "3e": 3,
    "3de": 3,
    "derde": 3,
    "4": 4,
    "4e": 4,
    "4de": 4,
    "vierde": 4,
    "5": 5,
    "5e": 5,
    "5de": 5,
    "vijfde": 5,
    "6": 6,
    "6e": 6,
    "6de": 6,
    "zesde": 6,
}
_ORDINAL = r"(?:[1-6](?:ste|de|e)?|eerste|tweede|derde|vierde|vijfde|zesde)"
_ORDINAL_RUN = rf"{_ORDINAL}(?:\s*(?:[-/+&]|en|tot)\s*{_ORDINAL})*"
_GROEP = re.compile(r"\b(?:groep|gr\.?|group|grade)\s*([1-8](?:\s*[-/+&]\s*[1-8])*)", re.I)
_LEERJAAR = re.compile(rf"\b({_ORDINAL_RUN})\s*(?:leerjaar|lj\.?)(?![a-z])", re.I)
_KLEUTER = re.compile(rf"\b({_ORDINAL_RUN})\s*(?:kleuterklas|kleuters|kk)(?![a-z])", re.I)
_SHORT_BE = re.compile(r"\b([KL])\s?([1-6])\b", re.I)
# "L5-6", "L5/6", "K1-K3": the second number belongs to the first letter.
_SHORT_BE_RUN = re.compile(r"\b([KL])\s?([1-6])\s*([-/])\s*(?:\1\s?)?([1-6])\b", re.I)


def _numbers(run: str) -> list[int]:
    """The numbers of a run such as "7/8", "5de-6de" or "1ste en 2de"; a dash spans a range."""
    parts = re.split(r"\s*(-|/|\+|&|\ben\b|\btot\b)\s*", run.strip().lower())
    values: list[int] = []
    spans = False
    for part in parts:
        if part in {"-", "tot"}:
            spans = True
            continue
        if part in {"/", "+", "&", "en", ""}:
            continue
        number = _ORDINALS.get(part) or (int(part) if part.isdigit() else None)
        if number is None:
            continue
        if spans and values:
            values.extend(range(values[-1] + 1, number + 1))
        else:
            values.append(number)
        spans = False
    return values


@dataclass(frozen=True)
class ReadGrades:
    """What a class name says about its grades; `nursery_one` when it names the 1ste
    kleuterklas (3-year-olds), which the planner has no grade for."""

    grades: tuple[int, ...]
    nursery_one: bool = False


def _short_flemish(name: str) -> set[tuple[str, int]]:
    """Short Flemish names: K3 (3de kleuterklas), L5 (5de leerjaar), L5-6, K3/L1."""
    found = {(m.group(1).upper(), int(m.group(2))) for m in _SHORT_BE.finditer(name)}
    for m in _SHORT_BE_RUN.finditer(name):
        first, last = int(m.group(2)), int(m.group(4))
        numbers = range(first, last + 1) if m.group(3) == "-" else (first, last)
        found.update((m.group(1).upper(), n) for n in numbers)
    return found


def grades_from_name(name: str) -> ReadGrades:
    """The grades a class name names, in either country's words: "Groep 7/8" -> 7 and 8,
    "5de leerjaar" -> 7, "3de kleuterklas" -> 2, "K3/L1" -> 2 and 3; nothing when it names
    none ("De Vlinders")."""
    found: set[int] = set()
    nursery_one = False
    for match in _GROEP.finditer(name):
        found.update(n for n in _numbers(match.group(1)) if 1 <= n <= 8)
    for match in _LEERJAAR.finditer(name):
        found.update(n + 2 for n in _numbers(match.group(1)) if 1 <= n <= 6)
    for match in _KLEUTER.finditer(name):
        for n in _numbers(match.group(1)):
            if n == 1:
                nursery_one = True
            elif n in (2, 3):
                found.add(n - 1)
    for letter, n in _short_flemish(name):
        if letter == "L":
            found.add(n + 2)
        elif n == 1:
            nursery_one = True
        elif n <= 3:
            found.add(n - 1)
    return ReadGrades(tuple(sorted(found)), nursery_one)
