"""The plan generator: pure logic from a calendar, a class and the catalogue to dated entries.

No database and no Flask here: the same inputs always give the same plan. The year's moments
anchor it (start of the year, Week tegen Pesten or the Flemish campaign, Week van de
Mediawijsheid with MediaMasters, Safer Internet Day); a short check-in each term; then the
core themes for the class's age, spread over the remaining school weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# Core themes per grade band (the curated catalogue covers each of them).
CORE_THEMES: tuple[str, ...] = ("online-gedrag", "cyberpesten", "privacy", "mediabalans")
FROM_GROEP_3: tuple[str, ...] = ("groepsdruk", "informatie", "gamen")
FROM_GROEP_7: tuple[str, ...] = ("sexting",)
THEME_ORDER: tuple[str, ...] = (
    "online-gedrag",
    "cyberpesten",
    "privacy",
    "groepsdruk",
    "informatie",
    "mediabalans",
    "gamen",
    "ai",
    "reclame",
    "schadelijke-content",
    "sexting",
    "veiligheid",
    "smartphone",
)
KIND_PREFERENCE = {"lesson": 0, "guest_session": 1, "material": 2, "intervention": 3}
CHECK_IN_MAX_MINUTES = 30
TERMS = 3
# The start of the year is its first school weeks, when a class makes its agreements.
START_OF_YEAR_WEEKS = 3
# Moments a plan made later in the year still holds: it places them at the first free school
# days. The others belong to their week (MediaMasters is only played then) and are left out.
CAUGHT_UP_MOMENTS = frozenset({"start-schooljaar", "week-tegen-pesten", "kies-kleur-tegen-pesten"})
LATE = "late"  # reason_value of a moment placed after its date had passed


@dataclass(frozen=True)
class Candidate:
    """A catalogue item as the generator sees it."""

    slug: str
    kind: str
    grades: frozenset[int]
    themes: tuple[str, ...]
    moments: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset({"NL", "BE"})
    language: str = "nl"
    audience: frozenset[str] = frozenset({"pupils"})
    duration: int | None = None
    year: int | None = None  # the groep a lesson is written for (the spiral curriculum)
    builds_on: str | None = None

    @property
    def main_theme(self) -> str:
        return self.themes[0]


@dataclass(frozen=True)
class FixedEntry:
    """An entry that stays where it is: locked, done, skipped or written by hand."""

    day: date
    slug: str | None
    main_theme: str | None = None
    moments: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlanInput:
    grades: frozenset[int]
    country: str
    locale: str
    school_days: tuple[date, ...]
    theme_weeks: dict[str, tuple[date, date]]
    activities: int = 10
    min_weeks: int = 3
    weekday: int = 1
    fixed: tuple[FixedEntry, ...] = ()
    # The first day new entries may be placed on: the next school day for a plan made during
    # the school year; None places them over the whole year.
    start: date | None = None
    # The year of the spiral this class follows this school year (see cycle_year); None plans
    # by grades alone. Lessons written for another year are left out.
    cycle_year: int | None = None
    # Items this class must not get again (a combination class's lessons of last year).
    avoid: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProposedEntry:
    day: date
    slug: str
    reason_code: str
    reason_value: str | None = None


@dataclass(frozen=True)
class Gap:
    theme: str  # a theme, "check-in", or a moment of the year
    reason: str  # "no-item-fits", "no-room", or "passed" (a moment before the plan was made)


@dataclass
class Proposal:
    entries: list[ProposedEntry] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def _week_key(day: date) -> tuple[int, int]:
    """The ISO year and week of a day."""
    iso = day.isocalendar()
    return (iso.year, iso.week)


def required_themes(grades: Iterable[int]) -> list[str]:
    """The core themes for a class's grades, in teaching order."""
    grades = set(grades)
    wanted = set(CORE_THEMES)
    if any(grade >= 3 for grade in grades):
        wanted |= set(FROM_GROEP_3)
    if any(grade >= 7 for grade in grades):
        wanted |= set(FROM_GROEP_7)
    return [theme for theme in THEME_ORDER if theme in wanted]


def cycle_year(grades: Iterable[int], first_year: int) -> int:
    """Which year's lessons a class gets in the school year starting in `first_year`.

    A single-grade class gets its own year. A combination class (1/2, 3/4, 7/8, ...) takes its
    grades in turn, one per school year, so two consecutive years share no lesson; every
    combination class of a school is in step (the lower year in years starting even).
    """
    ordered = sorted(set(grades))
    return ordered[first_year % len(ordered)]


def fits(candidate: Candidate, plan: PlanInput) -> bool:
    """Whether an item suits the class: for a lesson of the spiral, its year is the class's
    year in the cycle; for anything else, every grade of the class. And the country, the
    audience and the language."""
    if candidate.kind == "lesson" and candidate.year is not None and plan.cycle_year is not None:
        for_the_class = candidate.year == plan.cycle_year
    else:
        for_the_class = plan.grades <= candidate.grades
    return (
        for_the_class
        and candidate.slug not in plan.avoid
        and plan.country in candidate.countries
        and "pupils" in candidate.audience
        and (candidate.language in ("nl", "nl_BE") or candidate.language == plan.locale)
    )


class _Year:
    """The school weeks of a year and the day the planner would pick in each.

    Weeks are numbered over the whole year; only days from `start` on are free to place
    entries on, so a plan made in December leaves the autumn alone.
    """

    def __init__(self, plan: PlanInput) -> None:
        by_week: dict[tuple[int, int], list[date]] = {}
        for day in plan.school_days:
            by_week.setdefault(_week_key(day), []).append(day)
        self.weeks: list[list[date]] = [by_week[key] for key in sorted(by_week)]
        self.week_index = {day: i for i, days in enumerate(self.weeks) for day in days}
        self.start = plan.start or (plan.school_days[0] if plan.school_days else date.min)
        self.index_of = {day: i for day, i in self.week_index.items() if day >= self.start}
        self.first_week = min(self.index_of.values(), default=len(self.weeks))
        self.weekday = plan.weekday

    @property
    def open_weeks(self) -> range:
        """The weeks that still have a day to place an entry on."""
        return range(self.first_week, len(self.weeks))

    def slot(self, week: int) -> date:
        """The preferred weekday of a school week, or the nearest open school day in it."""
        days = [day for day in self.weeks[week] if day >= self.start]
        return min(
            days, key=lambda d: (abs(d.weekday() - self.weekday), d.weekday() < self.weekday)
        )

    def week_of(self, day: date) -> int | None:
        """The open school week of a day, or of the nearest open school day within a week."""
        for offset in range(0, 8):
            for candidate in (day + timedelta(days=offset), day - timedelta(days=offset)):
                if candidate in self.index_of:
                    return self.index_of[candidate]
        return None

    def has_passed(self, end: date) -> bool:
        """Whether a moment ending on this day lies before the first open day."""
        return end < self.start

    def day_in_range(self, start: date, end: date) -> date | None:
        """The preferred open school day within a theme week, or the nearest one after it."""
        inside = [d for d in self._days_between(start, end) if d in self.index_of]
        if inside:
            return min(inside, key=lambda d: (abs(d.weekday() - self.weekday), d))
        week = self.week_of(end + timedelta(days=1))
        return None if week is None else self.slot(week)

    @staticmethod
    def _days_between(start: date, end: date) -> Iterable[date]:
        day = start
        while day <= end:
            yield day
            day += timedelta(days=1)


def _rank(candidate: Candidate, plan: PlanInput, theme: str | None = None) -> tuple:
    return (
        0 if theme is None or candidate.main_theme == theme else 1,
        KIND_PREFERENCE.get(candidate.kind, 9),
        0 if candidate.language == plan.locale else 1,
        candidate.slug,
    )


class _Builder:
    def __init__(self, plan: PlanInput, candidates: Sequence[Candidate]) -> None:
        self.plan = plan
        self.year = _Year(plan)
        self.fitting = sorted((c for c in candidates if fits(c, plan)), key=lambda c: c.slug)
        self.used_slugs = {entry.slug for entry in plan.fixed if entry.slug}
        self.taken_weeks: dict[int, int] = {}  # school week -> number of entries
        self.covered: set[str] = set()
        self.proposal = Proposal()
        for entry in plan.fixed:
            week = self.year.week_index.get(entry.day)
            if week is not None:
                self.taken_weeks[week] = self.taken_weeks.get(week, 0) + 1
            if entry.main_theme:
                self.covered.add(entry.main_theme)
        self.fixed_moments = {m for entry in plan.fixed for m in entry.moments}

    # -- choosing items ------------------------------------------------------------------

    def best(
        self,
        *,
        moment: str | None = None,
        theme: str | None = None,
        kinds: Iterable[str] = ("lesson", "guest_session", "material"),
    ) -> Candidate | None:
        allowed = set(kinds)
        options = [
            c
            for c in self.fitting
            if c.slug not in self.used_slugs
            and c.kind in allowed
            and (moment is None or moment in c.moments)
            and (theme is None or theme in c.themes)
        ]
        return min(options, key=lambda c: _rank(c, self.plan, theme)) if options else None

    # -- placing entries -----------------------------------------------------------------

    def add(self, day: date, candidate: Candidate, reason: str, value: str | None = None) -> None:
        self.proposal.entries.append(ProposedEntry(day, candidate.slug, reason, value))
        self.used_slugs.add(candidate.slug)
        week = self.year.index_of[day]
        self.taken_weeks[week] = self.taken_weeks.get(week, 0) + 1
        if candidate.kind != "intervention":
            self.covered.update(candidate.themes)

    def anchor(self, reason: str, day: date | None, candidate: Candidate | None) -> None:
        if day is None or candidate is None or reason in self.fixed_moments:
            return
        self.add(day, candidate, reason)

    def anchor_moment(
        self, reason: str, window: tuple[date, date], candidate: Candidate | None
    ) -> None:
        """Place a moment of the year in its window; when the window has passed, place the
        important moments at the first free school week and name the others as passed."""
        if candidate is None or reason in self.fixed_moments:
            return
        if not self.year.has_passed(window[1]):
            self.anchor(reason, self.year.day_in_range(*window), candidate)
        elif reason in CAUGHT_UP_MOMENTS:
            self.catch_up(reason, candidate)
        else:
            self.proposal.gaps.append(Gap(reason, "passed"))

    def catch_up(self, reason: str, candidate: Candidate) -> None:
        """A moment that had passed, placed at the first free open school week."""
        week = self.free_week(near=self.year.first_week)
        if week is not None:
            self.add(self.year.slot(week), candidate, reason, LATE)

    def free_week(self, near: int | None = None, spacing: int = 0) -> int | None:
        """The free open school week farthest from other entries (or nearest to `near`)."""
        weeks = self.year.open_weeks
        free = [w for w in weeks if w not in self.taken_weeks]
        if not free:
            return None
        if near is not None:
            return min(free, key=lambda w: (abs(w - near), w))

        def distance(week: int) -> int:
            return min(
                (abs(week - other) for other in self.taken_weeks), default=len(self.year.weeks)
            )

        spaced = [w for w in free if distance(w) >= spacing]
        if not spaced:
            return None
        return max(spaced, key=lambda w: (distance(w), -w))

    def lessons_counted(self) -> int:
        check_ins = sum(1 for e in self.proposal.entries if e.reason_code == "check-in")
        return len(self.plan.fixed) + len(self.proposal.entries) - check_ins


def generate(plan: PlanInput, candidates: Sequence[Candidate]) -> Proposal:
    """A proposal of dated entries and the themes that could not be filled."""
    builder = _Builder(plan, candidates)
    year = builder.year
    if not year.open_weeks:
        return builder.proposal
    _anchors(builder, plan)
    _check_ins(builder)
    _themes(builder, plan)
    _year_lessons(builder, plan)
    _extras(builder, plan)
    _builds_on_in_order(builder)
    builder.proposal.entries.sort(key=lambda e: (e.day, e.slug))
    return builder.proposal


def _anchors(builder: _Builder, plan: PlanInput) -> None:
    year = builder.year
    start = builder.best(moment="start-schooljaar", theme="online-gedrag") or builder.best(
        moment="start-schooljaar"
    )
    if year.first_week < START_OF_YEAR_WEEKS:
        builder.anchor("start-schooljaar", year.slot(year.first_week), start)
    elif start is not None and "start-schooljaar" not in builder.fixed_moments:
        builder.catch_up("start-schooljaar", start)
    weeks = plan.theme_weeks
    if plan.country == "NL":
        if "week-tegen-pesten" in weeks:
            item = builder.best(moment="week-tegen-pesten", theme="cyberpesten") or builder.best(
                moment="week-tegen-pesten"
            )
            builder.anchor_moment("week-tegen-pesten", weeks["week-tegen-pesten"], item)
        if "week-van-de-mediawijsheid" in weeks:
            builder.anchor_moment(
                "week-van-de-mediawijsheid",
                weeks["week-van-de-mediawijsheid"],
                _media_masters(builder),
            )
    elif "kies-kleur-tegen-pesten" in weeks:
        item = builder.best(moment="kies-kleur-tegen-pesten") or builder.best(
            moment="week-tegen-pesten", theme="cyberpesten"
        )
        _kies_kleur(builder, weeks["kies-kleur-tegen-pesten"], item)
    if "safer-internet-day" in weeks:
        item = builder.best(moment="safer-internet-day", theme="privacy") or builder.best(
            moment="safer-internet-day"
        )
        builder.anchor_moment("safer-internet-day", weeks["safer-internet-day"], item)


def _kies_kleur(builder: _Builder, window: tuple[date, date], item: Candidate | None) -> None:
    """The Flemish campaign sits in the second school week, often the start-of-year week:
    then its lesson moves one week on."""
    year = builder.year
    day = None if year.has_passed(window[1]) else year.day_in_range(*window)
    if day is not None and year.index_of[day] in builder.taken_weeks:
        later = [w for w in year.open_weeks if w > year.index_of[day]]
        day = year.slot(later[0]) if later else day
    if day is None:
        builder.anchor_moment("kies-kleur-tegen-pesten", window, item)
    else:
        builder.anchor("kies-kleur-tegen-pesten", day, item)


def _media_masters(builder: _Builder) -> Candidate | None:
    """MediaMasters where it fits the class (groep 5-8), else another lesson for the week."""
    for candidate in builder.fitting:
        if candidate.slug == "mediamasters" and candidate.slug not in builder.used_slugs:
            return candidate
    return builder.best(moment="week-van-de-mediawijsheid", kinds=("lesson", "material"))


def _check_ins(builder: _Builder) -> None:
    """A short class check-in (such as the klasthermometer) in the middle of each term."""
    options = [
        c
        for c in builder.fitting
        if c.kind == "intervention" and (c.duration or 99) <= CHECK_IN_MAX_MINUTES
    ]
    if not options:
        builder.proposal.gaps.append(Gap("check-in", "no-item-fits"))
        return
    check_in = min(options, key=lambda c: c.slug)
    year = builder.year
    weeks = len(year.weeks)
    for term in range(TERMS):
        term_end = (weeks * (term + 1)) // TERMS - 1
        if term_end < year.first_week:
            continue  # the term is over
        middle = max((weeks * (2 * term + 1)) // (2 * TERMS), year.first_week)
        week = builder.free_week(near=middle)
        if week is None:
            return
        day = year.slot(week)
        builder.proposal.entries.append(
            ProposedEntry(day, check_in.slug, "check-in", str(term + 1))
        )
        builder.taken_weeks[week] = builder.taken_weeks.get(week, 0) + 1


def _themes(builder: _Builder, plan: PlanInput) -> None:
    for theme in required_themes(plan.grades):
        if theme in builder.covered:
            continue
        item = builder.best(theme=theme)
        if item is None:
            builder.proposal.gaps.append(Gap(theme, "no-item-fits"))
            continue
        week = (
            builder.free_week(spacing=plan.min_weeks)
            if builder.lessons_counted() < plan.activities
            else None
        )
        if week is None:
            builder.proposal.gaps.append(Gap(theme, "no-room"))
            continue
        builder.add(builder.year.slot(week), item, "theme", theme)


def _year_lessons(builder: _Builder, plan: PlanInput) -> None:
    """Every lesson written for the class's year in the spiral, as far as the year has room:
    the earlier lesson of a builds_on pair first."""
    if plan.cycle_year is None:
        return
    waiting = [
        c
        for c in builder.fitting
        if c.kind == "lesson" and c.year == plan.cycle_year and c.slug not in builder.used_slugs
    ]
    for candidate in _in_builds_on_order(waiting):
        if builder.lessons_counted() >= plan.activities:
            return
        week = builder.free_week(spacing=plan.min_weeks)
        if week is None:
            week = builder.free_week()
        if week is None:
            return
        builder.add(builder.year.slot(week), candidate, "theme", candidate.main_theme)


def _in_builds_on_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates sorted so that one comes after the lesson it builds on (when both are here)."""
    by_slug = {c.slug: c for c in candidates}

    def depth(candidate: Candidate, seen: frozenset[str] = frozenset()) -> int:
        earlier = by_slug.get(candidate.builds_on or "")
        if earlier is None or earlier.slug in seen:
            return 0
        return 1 + depth(earlier, seen | {candidate.slug})

    return sorted(candidates, key=lambda c: (depth(c), c.slug))


def _builds_on_in_order(builder: _Builder) -> None:
    """The lessons placed for their theme take their days in builds_on order, so a lesson
    comes after the one it builds on; moments stay in their own week."""
    by_slug = {c.slug: c for c in builder.fitting}
    movable = [
        (i, entry)
        for i, entry in enumerate(builder.proposal.entries)
        if entry.reason_code in ("theme", "deepens") and entry.slug in by_slug
    ]
    ordered = _in_builds_on_order([by_slug[entry.slug] for _i, entry in movable])
    days = sorted(entry.day for _i, entry in movable)
    placed = {entry.slug: entry for _i, entry in movable}
    for (i, _entry), candidate, day in zip(
        sorted(movable, key=lambda pair: pair[1].day), ordered, days, strict=True
    ):
        entry = placed[candidate.slug]
        builder.proposal.entries[i] = ProposedEntry(
            day, entry.slug, entry.reason_code, entry.reason_value
        )


def _extras(builder: _Builder, plan: PlanInput) -> None:
    """Fill the remaining activities: more on the core themes, then guest sessions."""
    themes = required_themes(plan.grades)
    rounds = 0
    while builder.lessons_counted() < plan.activities and rounds < 3:
        rounds += 1
        for theme in themes:
            if builder.lessons_counted() >= plan.activities:
                return
            item = builder.best(theme=theme)
            week = builder.free_week(spacing=plan.min_weeks) if item else None
            if item is None or week is None:
                continue
            builder.add(builder.year.slot(week), item, "deepens", theme)


def generate_school_wide(
    school_days: Sequence[date],
    country: str,
    weekday: int,
    candidates: Sequence[Candidate],
    start: date | None = None,
) -> list[ProposedEntry]:
    """The whole-school plan: team items over the year and the parent evenings in autumn.

    Team items that suit the start of the year come in the second school week; the others are
    spread over the year, the last one in the final month. Parent evenings (one per audience)
    follow in the weeks after the anti-bullying moment, when parents have just heard about it.
    A plan made during the year moves what would have passed to the first open weeks.
    """
    plan = PlanInput(
        frozenset(), country, "nl", tuple(school_days), {}, weekday=weekday, start=start
    )
    year = _Year(plan)
    count = len(year.weeks)
    if not year.open_weeks:
        return []
    team = sorted(
        (c for c in candidates if c.kind == "team" and country in c.countries),
        key=lambda c: ("start-schooljaar" not in c.moments, c.slug),
    )
    evenings = sorted(
        (c for c in candidates if c.kind == "parent_evening" and country in c.countries),
        key=lambda c: (min(c.grades, default=9), c.slug),
    )
    wanted = [
        (1 if index == 0 else (count * index) // len(team), item.slug, "team")
        for index, item in enumerate(team)
    ] + [(5 + 2 * index, item.slug, "parent-evening") for index, item in enumerate(evenings)]
    taken: set[int] = set()
    entries = []
    for week, slug, reason in sorted(wanted):
        week = min(max(week, year.first_week), count - 1)
        while week in taken and week + 1 < count:
            week += 1
        taken.add(week)
        entries.append(ProposedEntry(year.slot(week), slug, reason))
    return sorted(entries, key=lambda e: (e.day, e.slug))
