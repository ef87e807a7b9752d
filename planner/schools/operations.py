"""What schools do: set up, keep classes and closures, and know their calendar."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from planner import grades as grade_map
from planner.clock import utcnow
from planner.extensions import db
from planner.schools import calendar
from planner.schools.calendar import CalendarEvent, DayOff, EventKind, SchoolYear
from planner.schools.models import Closure, School, SchoolClass

# Which provinces belong to which NL holiday region (reference §1.6), for the region picker.
NL_REGION_PROVINCES = {
    "noord": "Groningen, Friesland, Drenthe, Overijssel, Noord-Holland, Flevoland "
    "(behalve Zeewolde), Hattem en Eemnes",
    "midden": "Zuid-Holland, Utrecht, Zeewolde en een deel van Gelderland "
    "(o.a. Apeldoorn, Ede, Barneveld)",
    "zuid": "Zeeland, Noord-Brabant, Limburg en het zuiden van Gelderland "
    "(o.a. Arnhem, Nijmegen, Tiel)",
}


@dataclass(frozen=True)
class Week:
    """One ISO week of a school year, with what happens in it."""

    monday: date
    number: int
    events: tuple[CalendarEvent, ...]
    closures: tuple[Closure, ...]

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=offset) for offset in range(5)]

    @property
    def is_holiday(self) -> bool:
        """The whole school week falls in a school holiday."""
        holidays = [e for e in self.events if e.kind == EventKind.SCHOOL_HOLIDAY]
        return all(any(e.covers(day) for e in holidays) for day in self.days)


def school_count() -> int:
    """How many schools this installation holds."""
    return len(db.session.scalars(select(School.id).limit(2)).all())


def create_school(name: str, country: str, region: str, locale: str) -> School:
    """A new school; flushes, never commits."""
    calendar.check_region(country, region)
    school = School(name=name.strip(), country=country, region=region, locale=locale)
    db.session.add(school)
    db.session.flush()
    return school


def find_school(name: str) -> School | None:
    return db.session.scalar(select(School).where(School.name == name))


def current_school_year(school: School, today: date) -> SchoolYear:
    """The school year running today (in summer: the one about to start)."""
    return SchoolYear.containing(today, school.country)


def school_years(school: School) -> list[SchoolYear]:
    """School years whose calendar the app knows for this school."""
    return calendar.supported_school_years(school.country, school.region, data_dirs=_data_dirs())


def _data_dirs() -> tuple[Path, ...]:
    """Imported holiday files in the instance folder come before the packaged ones."""
    return (Path(current_app.instance_path) / "holidays" / "nl",)


def calendar_events(
    country: str, region: str, year: SchoolYear, locale: str
) -> list[CalendarEvent]:
    """Days off and theme weeks of a school year for a country and region."""
    return calendar.school_calendar(country, region, year, locale, data_dirs=_data_dirs())


def closures_in(school: School, year: SchoolYear) -> list[Closure]:
    start, end = year.start(school.country), year.end(school.country)
    return [c for c in school.closures if c.end_date >= start and c.start_date <= end]


def year_weeks(school: School, year: SchoolYear, locale: str) -> list[Week]:
    """Every ISO week of the school year with its holidays, theme weeks and closures."""
    events = calendar_events(school.country, school.region, year, locale)
    closures = closures_in(school, year)
    start, end = year.start(school.country), year.end(school.country)
    monday = start - timedelta(days=start.weekday())
    weeks: list[Week] = []
    while monday <= end:
        friday = monday + timedelta(days=4)
        weeks.append(
            Week(
                monday=monday,
                number=monday.isocalendar().week,
                events=tuple(e for e in events if e.start <= friday and e.end >= monday),
                closures=tuple(
                    c for c in closures if c.start_date <= friday and c.end_date >= monday
                ),
            )
        )
        monday += timedelta(days=7)
    return weeks


def day_off(school: School, day: date) -> DayOff | None:
    """Why the school is closed on a day (weekend, closure, holiday), or None on a school day.

    Raises MissingCalendarError when the holidays of that day's school year are not known.
    """
    year = SchoolYear.containing(day, school.country)
    events = calendar_events(school.country, school.region, year, "nl")
    return calendar.day_off(day, school.country, events, closure_days(school.closures))


def is_school_day(school: School, day: date) -> bool:
    """Whether the school is open on a day: no weekend, holiday, public holiday or closure."""
    return day_off(school, day) is None


def school_days(school: School, year: SchoolYear) -> tuple[date, ...]:
    """Every day of a school year on which the school is open, in order."""
    events = calendar_events(school.country, school.region, year, "nl")
    closed = closure_days(school.closures)
    return tuple(calendar.school_days(year, school.country, events, closed))


def closure_days(closures: Iterable[Closure]) -> dict[date, str]:
    """Every day covered by the given closures, with the closure's name."""
    days: dict[date, str] = {}
    for closure in closures:
        day = closure.start_date
        while day <= closure.end_date:
            days.setdefault(day, closure.name)
            day += timedelta(days=1)
    return days


def add_closure(school: School, name: str, start: date, end: date) -> Closure:
    """A study day or other closure of the school's own; flushes."""
    if end < start:
        raise ValueError("a closure ends before it starts")
    closure = Closure(school=school, name=name.strip(), start_date=start, end_date=end)
    db.session.add(closure)
    db.session.flush()
    return closure


def active_classes(school: School) -> list[SchoolClass]:
    return [c for c in school.classes if not c.is_archived]


def save_class(
    school: School,
    school_class: SchoolClass,
    *,
    name: str,
    grades: Sequence[int],
    head_count: int | None,
    teachers: Iterable[object],
) -> SchoolClass:
    """Fill a class of a school from validated data; flushes."""
    school_class.school = school
    db.session.add(school_class)
    school_class.name = name.strip()
    school_class.grades = list(grades)
    school_class.head_count = head_count
    school_class.teachers = list(teachers)  # type: ignore[arg-type]
    db.session.flush()
    return school_class


def archive_class(school_class: SchoolClass) -> None:
    school_class.archived_at = utcnow()
    db.session.flush()


def restore_class(school_class: SchoolClass) -> None:
    school_class.archived_at = None
    db.session.flush()


# --- adding many classes at once -----------------------------------------------------------

CLASS_NAME_MAX = 60
CLASS_LIST_MAX = 40


@dataclass
class ClassLine:
    """One line of a typed or pasted class list: the name, the grades read from it, and what
    is wrong with it (a message code, or None)."""

    number: int
    name: str
    grades: list[int]
    problem: str | None = None

    @property
    def fixable(self) -> bool:
        """A problem the confirmation table can fix by ticking grades."""
        return self.problem in (None, "class.grades_unknown", "class.nursery_one")


def split_class_list(text: str) -> list[str]:
    """The names in a list typed one per line or separated by commas or semicolons; bullets
    and surrounding spaces dropped, empty parts skipped."""
    parts = []
    for raw in re.split(r"[\n,;]+", text or ""):
        name = re.sub(r"^\s*[-*•·]+\s*", "", raw).strip()
        name = re.sub(r"\s+", " ", name)
        if name:
            parts.append(name)
    return parts


def read_class_list(school: School, text: str) -> list[ClassLine]:
    """Every name of a class list with the grades its name gives and the problem of each line
    (see check_class_rows); the coordinator ticks grades that a name does not say."""
    rows = []
    for name in split_class_list(text):
        read = grade_map.grades_from_name(name)
        rows.append((name, list(read.grades), read.nursery_one))
    return check_class_rows(school, rows)


def check_class_rows(
    school: School, rows: Sequence[tuple[str, Sequence[int], bool]]
) -> list[ClassLine]:
    """Name, grades (and whether the name said 1ste kleuterklas) per row, checked: a name too
    long, already a class of the school, twice in the list, or without grades. Rows without a
    name are left out."""
    taken = {c.name.casefold() for c in school.classes}
    seen: set[str] = set()
    lines = []
    for number, (raw_name, grades, nursery_one) in enumerate(rows, start=1):
        name = re.sub(r"\s+", " ", raw_name).strip()
        if not name:
            continue
        line = ClassLine(number, name, sorted({g for g in grades if g in grade_map.GRADES}))
        key = name.casefold()
        if len(name) > CLASS_NAME_MAX:
            line.problem = "class.name_too_long"
        elif key in taken:
            line.problem = "class.name_taken"
        elif key in seen:
            line.problem = "class.name_twice"
        elif not line.grades:
            line.problem = "class.nursery_one" if nursery_one else "class.grades_unknown"
        seen.add(key)
        lines.append(line)
    return lines


def add_classes(school: School, rows: Sequence[tuple[str, Sequence[int]]]) -> list[SchoolClass]:
    """Add several checked classes at once (name and grades each); flushes."""
    return [
        save_class(school, SchoolClass(), name=name, grades=grades, head_count=None, teachers=[])
        for name, grades in rows
    ]
