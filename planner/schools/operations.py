"""What schools do: set up, keep classes and closures, and know their calendar."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

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
