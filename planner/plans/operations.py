"""What plans do: generate, edit with undo, roll over, and report coverage and progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import delete, event, select
from sqlalchemy.orm import ORMExecuteState, Session

from planner.catalogue import cache
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import KIND_ORDER, normalize, visible_to
from planner.catalogue.schema import ItemContent
from planner.clock import utcnow
from planner.errors import ConflictError, DomainError
from planner.extensions import db
from planner.plans import coverage, generator
from planner.plans.models import BookingStatus, EntryStatus, Plan, PlanEntry, PlanSnapshot
from planner.schools import operations as schools
from planner.schools.calendar import EventKind, MissingCalendarError, SchoolYear
from planner.schools.models import School, SchoolClass

PLANNABLE_KINDS = ("lesson", "guest_session", "material", "intervention")
SCHOOL_WIDE_KINDS = ("team", "parent_evening")
SNAPSHOTS_KEPT = 20


class PlanError(DomainError):
    """An edit that cannot be done; its code names why (planner/web/messages.py says it)."""


class PlanChangedError(PlanError, ConflictError):
    """A colleague changed the plan meanwhile."""


# --- reading ------------------------------------------------------------------------------


_MEMO = "plans.year_plans"


def _year_plans(school_id: int, year_label: str) -> dict[int | None, Plan]:
    """A school's plans of a year by class id (None: the whole-school plan), loaded with their
    entries once per session until it writes: a page asks for them class by class."""
    session = db.session()
    if session.new or session.dirty or session.deleted:  # unflushed plans: ask the database
        return {
            plan.class_id: plan
            for plan in db.session.scalars(
                select(Plan).where(Plan.school_id == school_id, Plan.school_year == year_label)
            )
        }
    memo = session.info.setdefault(_MEMO, {})
    key = (school_id, year_label)
    if key not in memo:
        memo[key] = {
            plan.class_id: plan
            for plan in db.session.scalars(
                select(Plan).where(Plan.school_id == school_id, Plan.school_year == year_label)
            )
        }
    return memo[key]


def _forget_plans(session: Session, *_args: object) -> None:
    session.info.pop(_MEMO, None)


for _name in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _name, _forget_plans)


@event.listens_for(Session, "do_orm_execute")
def _forget_plans_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget_plans(state.session)


def get_plan(school_class: SchoolClass, year: SchoolYear) -> Plan | None:
    return _year_plans(school_class.school_id, year.label).get(school_class.id)


def get_or_create_plan(school_class: SchoolClass, year: SchoolYear) -> Plan:
    plan = get_plan(school_class, year)
    if plan is None:
        plan = Plan(
            school_id=school_class.school_id,
            class_id=school_class.id,
            school_year=year.label,
            gaps=[],
        )
        db.session.add(plan)
        db.session.flush()
    return plan


def plans_of_school(school: School, year: SchoolYear) -> list[Plan]:
    return list(_year_plans(school.id, year.label).values())


# --- generating ---------------------------------------------------------------------------


def candidates(items: Iterable[CatalogueItem]) -> list[generator.Candidate]:
    """Active catalogue items in the generator's terms."""
    return [
        generator.Candidate(
            slug=item.slug,
            kind=item.kind,
            grades=frozenset(item.grades),
            themes=tuple(item.data["themes"]),
            moments=frozenset(item.data["moments"]),
            countries=frozenset(item.data["country"]),
            language=item.language,
            audience=frozenset(item.data["audience"]),
            duration=item.duration_minutes,
            year=item.data.get("year"),
            builds_on=item.data.get("builds_on"),
        )
        for item in items
        if not item.is_archived
    ]


def candidate_from_content(slug: str, content: ItemContent) -> generator.Candidate:
    """A content file's item in the generator's terms (for reports straight from the files)."""
    return generator.Candidate(
        slug=slug,
        kind=content.kind.value,
        grades=frozenset(content.effective_grades()),
        themes=tuple(theme.value for theme in content.themes),
        moments=frozenset(moment.value for moment in content.moments),
        countries=frozenset(country.value for country in content.country),
        language=content.language.value,
        audience=frozenset(audience.value for audience in content.audience),
        duration=content.duration_minutes,
        year=content.year,
        builds_on=content.builds_on,
    )


def plannable_items(
    kinds: Sequence[str] = PLANNABLE_KINDS, *, school_id: int | None = None
) -> list[CatalogueItem]:
    """Active items of these kinds: the curated ones, and the own items of `school_id`."""
    return list(
        db.session.scalars(
            select(CatalogueItem)
            .where(
                CatalogueItem.kind.in_(kinds),
                CatalogueItem.archived_at.is_(None),
                visible_to(school_id),
            )
            .order_by(CatalogueItem.slug)
        )
    )


def fits_class(item: CatalogueItem, school_class: SchoolClass) -> bool:
    """Whether an item suits a class: made for its school's country and every grade in it."""
    return school_class.school.country in item.data["country"] and set(school_class.grades) <= set(
        item.grades
    )


def items_for_class(
    school_class: SchoolClass, items: Iterable[CatalogueItem], locale: str
) -> list[tuple[str, list[CatalogueItem]]]:
    """The items a teacher can pick for a class, by kind in catalogue order, each kind's
    items by title in the given language."""
    by_kind: dict[str, list[CatalogueItem]] = {}
    for item in items:
        if fits_class(item, school_class):
            by_kind.setdefault(item.kind, []).append(item)
    return [
        (kind.value, sorted(by_kind[kind.value], key=lambda i: normalize(i.title.get(locale))))
        for kind in KIND_ORDER
        if kind.value in by_kind
    ]


def plannable_choices(
    school_class: SchoolClass, locale: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """What items_for_class gives, as (kind, [(slug, title)]): computed once per revision of
    the catalogue for every class of the same school and grades (planner/catalogue/cache.py)."""
    school = school_class.school
    key = (school.id, school.country, tuple(sorted(school_class.grades)), locale)

    def compute() -> list[tuple[str, list[tuple[str, str]]]]:
        groups = items_for_class(school_class, plannable_items(school_id=school.id), locale)
        return [(kind, [(i.slug, i.title.get(locale)) for i in items]) for kind, items in groups]

    return cache.cached("plans.choices", key, compute)


@dataclass(frozen=True)
class YearContext:
    """A school's calendar for one year, computed once and shared by all its classes."""

    school: School
    year: SchoolYear
    school_days: tuple[date, ...]
    theme_weeks: dict[str, tuple[date, date]]


def year_context(school: School, year: SchoolYear) -> YearContext:
    events = schools.calendar_events(school.country, school.region, year, "nl")
    weeks = {e.key: (e.start, e.end) for e in events if e.kind == EventKind.THEME_WEEK}
    return YearContext(school, year, schools.school_days(school, year), weeks)


def first_open_day(today: date) -> date:
    """The first day a plan made today may put new entries on: tomorrow (the generator then
    takes the first school day from there)."""
    return today + timedelta(days=1)


def _kept(entry: PlanEntry) -> bool:
    """Entries a new generation keeps: locked (moving an entry locks it), already done or
    skipped, chosen or written by hand. The others are the generator's own proposals, made
    again from today on."""
    return (
        entry.locked
        or entry.status != EntryStatus.PLANNED
        or entry.item_id is None
        or entry.reason_code == "chosen"
    )


def _fixed(entry: PlanEntry) -> generator.FixedEntry:
    item = entry.item
    return generator.FixedEntry(
        day=entry.day,
        slug=item.slug if item else None,
        main_theme=item.data["themes"][0] if item else None,
        moments=frozenset([entry.reason_code])
        if entry.reason_code in _ANCHOR_REASONS
        else frozenset(),
    )


_ANCHOR_REASONS = {
    "start-schooljaar",
    "week-tegen-pesten",
    "week-van-de-mediawijsheid",
    "safer-internet-day",
    "kies-kleur-tegen-pesten",
}


def _had_last_year(school_class: SchoolClass, year: SchoolYear) -> frozenset[str]:
    """A combination class keeps its children for two years: what it had last year is not
    proposed again. (A single-grade class has new children every year.)"""
    if len(set(school_class.grades)) < 2:
        return frozenset()
    last = get_plan(school_class, year.previous())
    if last is None:
        return frozenset()
    return frozenset(e.item.slug for e in last.entries if e.item and e.item.kind == "lesson")


def generate_plan(
    school_class: SchoolClass,
    context: YearContext,
    items: Sequence[CatalogueItem],
    today: date,
    candidate_list: Sequence[generator.Candidate] | None = None,
) -> Plan:
    """(Re)generate a class plan from the day after `today` on; keeps locked, done, skipped,
    chosen and hand-written entries where they are."""
    plan = get_or_create_plan(school_class, context.year)
    if plan.entries:
        snapshot(plan, "generate")
    kept = [entry for entry in plan.entries if _kept(entry)]
    school = context.school
    plan_input = generator.PlanInput(
        grades=frozenset(school_class.grades),
        country=school.country,
        locale=school.locale,
        school_days=context.school_days,
        theme_weeks=context.theme_weeks,
        activities=school.plan_activities,
        min_weeks=school.plan_min_weeks,
        weekday=school.plan_weekday,
        fixed=tuple(_fixed(entry) for entry in kept),
        start=first_open_day(today),
        cycle_year=generator.cycle_year(school_class.grades, context.year.first_year),
        avoid=_had_last_year(school_class, context.year),
    )
    proposal = generator.generate(plan_input, candidate_list or candidates(items))
    by_slug = {item.slug: item for item in items}
    plan.entries = kept + [
        PlanEntry(
            day=proposed.day,
            item=by_slug[proposed.slug],
            reason_code=proposed.reason_code,
            reason_value=proposed.reason_value,
            booking=_first_booking(by_slug[proposed.slug]),
        )
        for proposed in proposal.entries
    ]
    plan.gaps = [{"theme": gap.theme, "reason": gap.reason} for gap in proposal.gaps]
    plan.generated_at = utcnow()
    db.session.flush()
    return plan


@dataclass(frozen=True)
class Regeneration:
    """What making plans again would change: how many of the planner's own proposals are made
    anew from `start` on, and how many activities stay where they are."""

    replaced: int
    kept: int
    start: date


def regeneration_preview(plans: Iterable[Plan | None], today: date) -> Regeneration:
    """Count, before anything changes, what generating these plans again replaces and keeps."""
    start = first_open_day(today)
    entries = [entry for plan in plans if plan is not None for entry in plan.entries]
    kept = sum(_kept(entry) for entry in entries)
    return Regeneration(replaced=len(entries) - kept, kept=kept, start=start)


def regenerated(plan: Plan | None) -> bool:
    """The plan's last change was a new generation over existing entries (undo puts them back)."""
    last = last_change(plan) if plan is not None else None
    return last is not None and last.action == "generate"


def undo_generation(plans: Iterable[Plan]) -> list[Plan]:
    """Undo the last generation of every plan whose last change was one; those plans."""
    undone = []
    for plan in plans:
        if regenerated(plan):
            undo(plan)
            undone.append(plan)
    return undone


@dataclass(frozen=True)
class PlanSize:
    """What the class plans of a year hold on average: lessons and guest sessions (what the
    plan settings count), check-ins, and all activities."""

    plans: int
    lessons: float
    check_ins: float

    @property
    def total(self) -> float:
        return self.lessons + self.check_ins


def plan_size(plans: Iterable[Plan]) -> PlanSize:
    """The average size of the class plans given (the school-wide plan is not counted)."""
    class_plans = [plan for plan in plans if plan.class_id is not None and plan.entries]
    if not class_plans:
        return PlanSize(0, 0, 0)
    check_ins = sum(e.reason_code == "check-in" for p in class_plans for e in p.entries)
    entries = sum(len(p.entries) for p in class_plans)
    count = len(class_plans)
    return PlanSize(count, round((entries - check_ins) / count, 1), round(check_ins / count, 1))


def get_school_plan(school: School, year: SchoolYear) -> Plan | None:
    """The whole-school plan (team items, parent evenings) of a year."""
    return _year_plans(school.id, year.label).get(None)


def generate_school_wide(school: School, context: YearContext, today: date) -> Plan:
    """(Re)generate the whole-school plan from the day after `today` on; keeps locked, done
    and hand-written entries."""
    plan = get_school_plan(school, context.year)
    if plan is None:
        plan = Plan(school_id=school.id, class_id=None, school_year=context.year.label, gaps=[])
        db.session.add(plan)
        db.session.flush()
    elif plan.entries:
        snapshot(plan, "generate")
    items = plannable_items(SCHOOL_WIDE_KINDS, school_id=school.id)
    by_slug = {item.slug: item for item in items}
    kept = [entry for entry in plan.entries if _kept(entry)]
    kept_slugs = {entry.item.slug for entry in kept if entry.item}
    proposed = generator.generate_school_wide(
        context.school_days,
        school.country,
        school.plan_weekday,
        candidates(items),
        start=first_open_day(today),
    )
    plan.entries = kept + [
        PlanEntry(day=p.day, item=by_slug[p.slug], reason_code=p.reason_code)
        for p in proposed
        if p.slug not in kept_slugs
    ]
    plan.generated_at = utcnow()
    db.session.flush()
    return plan


def generate_school(school: School, year: SchoolYear, today: date) -> list[Plan]:
    """Generate the whole-school plan and the plans of every active class at once."""
    context = year_context(school, year)
    generate_school_wide(school, context, today)
    items = plannable_items(school_id=school.id)
    candidate_list = candidates(items)
    return [
        generate_plan(school_class, context, items, today, candidate_list)
        for school_class in schools.active_classes(school)
    ]


def school_entries_for(school_class: SchoolClass, school_plan: Plan | None) -> list[PlanEntry]:
    """Whole-school entries that concern a class: team items, and evenings for its grades."""
    if school_plan is None:
        return []
    grades = set(school_class.grades)
    return [
        entry
        for entry in school_plan.entries
        if entry.item is None or entry.item.kind == "team" or grades & set(entry.item.grades)
    ]


# --- undo ---------------------------------------------------------------------------------

_ENTRY_FIELDS = (
    "day",
    "start_time",
    "item_id",
    "title",
    "reason_code",
    "reason_value",
    "status",
    "note",
    "locked",
    "booking",
)


def snapshot(plan: Plan, action: str) -> None:
    """Remember the plan as it is, before a change."""
    rows = [{name: _json(getattr(entry, name)) for name in _ENTRY_FIELDS} for entry in plan.entries]
    db.session.add(PlanSnapshot(plan_id=plan.id, action=action, entries=rows, gaps=plan.gaps))
    db.session.flush()
    old = db.session.scalars(
        select(PlanSnapshot.id)
        .where(PlanSnapshot.plan_id == plan.id)
        .order_by(PlanSnapshot.id.desc())
        .offset(SNAPSHOTS_KEPT)
    ).all()
    if old:
        # One statement, not row by row: a concurrent edit of the same plan may have trimmed
        # these rows already, and deleting nothing is fine.
        db.session.execute(delete(PlanSnapshot).where(PlanSnapshot.id.in_(old)))


def _json(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def last_change(plan: Plan) -> PlanSnapshot | None:
    return db.session.scalar(
        select(PlanSnapshot)
        .where(PlanSnapshot.plan_id == plan.id)
        .order_by(PlanSnapshot.id.desc())
        .limit(1)
    )


def undo(plan: Plan) -> str:
    """Put the plan back as it was before its last change; returns what was undone."""
    last = last_change(plan)
    if last is None:
        raise PlanError("plan.nothing_to_undo")
    entries = []
    for row in last.entries:
        values = dict(row)
        values["day"] = date.fromisoformat(values["day"])
        if values["start_time"]:
            values["start_time"] = time.fromisoformat(values["start_time"])
        entries.append(PlanEntry(**values))
    action, gaps = last.action, last.gaps
    # Take the snapshot first: if a colleague's undo already took it, ours must not run too.
    taken = db.session.execute(delete(PlanSnapshot).where(PlanSnapshot.id == last.id))
    if taken.rowcount != 1:
        raise PlanChangedError("plan.changed_meanwhile")
    plan.entries = entries
    plan.gaps = gaps
    db.session.flush()
    return action


# --- editing ------------------------------------------------------------------------------


def _check_day(plan: Plan, day: date) -> None:
    school = db.session.get(School, plan.school_id)
    assert school is not None
    year = SchoolYear.parse(plan.school_year)
    if not year.start(school.country) <= day <= year.end(school.country):
        raise PlanError("plan.outside_year", day=day, year=year.label)
    day_off = schools.day_off(school, day)
    if day_off is not None:
        raise PlanError("plan.day_off", day_off=day_off)


def move_entry(entry: PlanEntry, day: date) -> None:
    """Move an entry to another school day; refused on a day off. A hand-moved entry is locked,
    so that making the plan again leaves it on the day the teacher chose."""
    _check_day(entry.plan, day)
    snapshot(entry.plan, "move")
    entry.day = day
    entry.locked = True
    db.session.flush()


def replace_item(entry: PlanEntry, item: CatalogueItem) -> None:
    """Put another catalogue item in an entry's place."""
    if item.is_archived:
        raise PlanError("catalogue.item_gone")
    snapshot(entry.plan, "replace")
    entry.item = item
    entry.title = None
    entry.reason_code = "chosen"
    entry.reason_value = None
    entry.booking = _first_booking(item)
    db.session.flush()


def add_entry(
    plan: Plan, day: date, *, item: CatalogueItem | None = None, title: str | None = None
) -> PlanEntry:
    """Add a catalogue item or a free-text activity on a school day."""
    _check_day(plan, day)
    if item is None and not (title and title.strip()):
        raise PlanError("plan.item_or_title")
    if item is not None and item.is_archived:
        raise PlanError("catalogue.item_gone")
    snapshot(plan, "add")
    entry = PlanEntry(
        day=day,
        item=item,
        title=None if item else title.strip(),
        reason_code="chosen" if item else "custom",
        booking=_first_booking(item),
    )
    plan.entries.append(entry)
    db.session.flush()
    return entry


def remove_entry(entry: PlanEntry) -> None:
    plan = entry.plan
    snapshot(plan, "remove")
    plan.entries.remove(entry)
    db.session.flush()


def set_locked(entry: PlanEntry, locked: bool) -> None:
    snapshot(entry.plan, "lock" if locked else "unlock")
    entry.locked = locked
    db.session.flush()


def set_status(entry: PlanEntry, status: EntryStatus, note: str | None) -> None:
    """Mark an entry done, skipped or planned again, with a short note."""
    snapshot(entry.plan, "status")
    entry.status = status.value
    entry.note = (note or "").strip() or None
    db.session.flush()


def _first_booking(item: CatalogueItem | None) -> str | None:
    """A guest session enters a plan as a suggestion: nobody has asked the provider yet."""
    if item is not None and item.kind == "guest_session":
        return BookingStatus.PROPOSED.value
    return None


def set_booking(
    entry: PlanEntry, booking: BookingStatus, day: date | None = None, start: time | None = None
) -> None:
    """Move a guest session along: asked the provider, booked (on the date and at the time the
    provider confirmed), or back to a suggestion."""
    if entry.item is None or entry.item.kind != "guest_session":
        raise PlanError("plan.not_a_guest_session")
    if booking is BookingStatus.CONFIRMED:
        if day is None or start is None:
            raise PlanError("plan.booking_needs_time")
        _check_day(entry.plan, day)
    snapshot(entry.plan, "booking")
    entry.booking = booking.value
    if booking is BookingStatus.CONFIRMED:
        entry.day, entry.start_time = day, start
    db.session.flush()


def next_school_day(school: School, after: date, weekday: int | None = None) -> date | None:
    """The first school day from `after` on, preferably on the school's planning weekday; in
    the summer holiday, the first of the next school year. None when no calendar knows one."""
    year = SchoolYear.containing(after, school.country)
    for candidate_year in (year, year.next()):
        try:
            days = [day for day in schools.school_days(school, candidate_year) if day >= after]
        except MissingCalendarError:
            return None
        preferred = [day for day in days if weekday is None or day.weekday() == weekday]
        if days:
            return (preferred or days)[0]
    return None


# --- seeing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    done: int
    planned: int
    skipped: int
    overdue: int = 0  # of the planned ones: their day has passed and nobody ticked them off

    @property
    def total(self) -> int:
        return self.done + self.planned + self.skipped


def is_overdue(entry: PlanEntry, today: date) -> bool:
    """An entry whose day has passed while it is still only planned: not ticked off yet."""
    return entry.status == EntryStatus.PLANNED and entry.day < today


def progress(plan: Plan | None, today: date | None = None) -> Progress:
    """How far a plan is: done, planned, skipped, and (given today) not ticked off in time."""
    entries = plan.entries if plan else []
    counts = Counter(entry.status for entry in entries)
    overdue = sum(1 for e in entries if is_overdue(e, today)) if today is not None else 0
    return Progress(counts["done"], counts["planned"], counts["skipped"], overdue)


def theme_coverage(plan: Plan | None) -> Counter[str]:
    return coverage.theme_counts(plan)


def competence_coverage(plan: Plan | None) -> Counter[str]:
    return coverage.competence_counts(plan)


def missing_themes(school_class: SchoolClass, plan: Plan | None) -> list[str]:
    """Core themes for the class's age that the plan does not touch."""
    return coverage.missing_themes(school_class.grades, plan)


# --- rolling over -------------------------------------------------------------------------


def roll_over(school_class: SchoolClass, year: SchoolYear, today: date) -> Plan:
    """Copy a plan to the next school year: the same order of school weeks, off holidays.

    Locked and hand-written entries come along; the rest is generated anew around them.
    """
    source = get_plan(school_class, year)
    if source is None or not source.entries:
        raise PlanError("plan.nothing_to_copy", year=year.label)
    target_year = year.next()
    school = school_class.school
    old = year_context(school, year)
    new = year_context(school, target_year)
    if not new.school_days:
        raise PlanError("calendar.unknown", year=target_year.label)
    target = get_or_create_plan(school_class, target_year)
    if target.entries:
        snapshot(target, "roll-over")
    old_weeks = _week_index(old.school_days)
    new_weeks = sorted({tuple(d.isocalendar())[:2] for d in new.school_days})
    new_days = _days_by_week(new.school_days)
    carried = []
    for entry in source.entries:
        if not (entry.locked or entry.item_id is None):
            continue
        index = old_weeks.get(entry.day, 0)
        week = new_weeks[min(index, len(new_weeks) - 1)]
        days = new_days[week]
        day = min(days, key=lambda d: (abs(d.weekday() - entry.day.weekday()), d))
        carried.append(
            PlanEntry(
                day=day,
                item_id=entry.item_id,
                title=entry.title,
                reason_code=entry.reason_code,
                reason_value=entry.reason_value,
                locked=entry.locked,
                start_time=entry.start_time,
                booking=BookingStatus.PROPOSED.value if entry.booking else None,
            )
        )
    target.entries = [e for e in target.entries if e.locked] + carried
    db.session.flush()
    return generate_plan(
        school_class, new, plannable_items(school_id=school_class.school_id), today
    )


def _week_index(days: Sequence[date]) -> dict[date, int]:
    weeks = sorted({tuple(d.isocalendar())[:2] for d in days})
    position = {week: i for i, week in enumerate(weeks)}
    return {d: position[tuple(d.isocalendar())[:2]] for d in days}


def _days_by_week(days: Sequence[date]) -> dict[tuple, list[date]]:
    grouped: dict[tuple, list[date]] = {}
    for day in days:
        grouped.setdefault(tuple(day.isocalendar())[:2], []).append(day)
    return grouped


def planned_for(
    item: CatalogueItem, classes: Sequence[SchoolClass], year: SchoolYear
) -> list[tuple[SchoolClass, PlanEntry]]:
    """Where an item already is in these classes' plans of a school year, by date."""
    found = []
    for school_class in classes:
        plan = get_plan(school_class, year)
        found += [(school_class, e) for e in plan.entries if e.item_id == item.id] if plan else []
    return sorted(found, key=lambda pair: (pair[1].day, pair[0].name))


def met_before(school_class: SchoolClass, year: SchoolYear) -> dict[int, SchoolClass]:
    """The lessons this class's children already had last school year, and in which class:
    a lesson in the plan of last year's class one grade lower (the children moved up), or
    of this same class when it combines grades (half of its children stayed)."""
    previous = plans_of_school(school_class.school, year.previous())
    last_year = {plan.class_id: plan for plan in previous}
    earlier_grades = {grade - 1 for grade in school_class.grades}
    met: dict[int, SchoolClass] = {}
    for other in schools.active_classes(school_class.school):
        plan = last_year.get(other.id)
        if plan is None:
            continue
        same_children = other.id == school_class.id and len(set(other.grades)) > 1
        if not (same_children or earlier_grades & set(other.grades)):
            continue
        for entry in plan.entries:
            if entry.item is not None and entry.item.kind == "lesson" and entry.status != "skipped":
                met.setdefault(entry.item.id, other)
    return met


@dataclass(frozen=True)
class Booking:
    entry: PlanEntry
    school_class: SchoolClass
    provider: str


@dataclass(frozen=True)
class BookingClash:
    provider: str
    day: date
    classes: tuple[str, ...]


def guest_bookings(school: School, year: SchoolYear) -> tuple[list[Booking], list[BookingClash]]:
    """Guest sessions planned in the school's classes, and providers booked twice on a day."""
    bookings = []
    for plan in plans_of_school(school, year):
        if plan.school_class is None:
            continue
        for entry in plan.entries:
            if entry.item is not None and entry.item.kind == "guest_session":
                provider = entry.item.provider or entry.item.title.nl
                bookings.append(Booking(entry, plan.school_class, provider))
    bookings.sort(key=lambda b: (b.entry.day, b.provider, b.school_class.name))
    grouped: dict[tuple[str, date], list[str]] = {}
    for booking in bookings:
        grouped.setdefault((booking.provider, booking.entry.day), []).append(
            booking.school_class.name
        )
    clashes = [
        BookingClash(provider, day, tuple(names))
        for (provider, day), names in sorted(grouped.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if len(names) > 1
    ]
    return bookings, clashes


@dataclass(frozen=True)
class Upcoming:
    entry: PlanEntry
    school_class: SchoolClass | None


def upcoming(classes: Sequence[SchoolClass], school: School, start: date, days: int = 14):
    """Entries of these classes (and the whole school) from `start` over the next days."""
    end = start + timedelta(days=days)
    year = SchoolYear.containing(start, school.country)
    found: list[Upcoming] = []
    for school_class in classes:
        plan = get_plan(school_class, year)
        for entry in plan.entries if plan else []:
            if start <= entry.day <= end:
                found.append(Upcoming(entry, school_class))
    school_plan = get_school_plan(school, year)
    for entry in school_plan.entries if school_plan else []:
        if start <= entry.day <= end:
            found.append(Upcoming(entry, None))
    return sorted(found, key=lambda u: (u.entry.day, u.school_class.name if u.school_class else ""))


def overdue(classes: Sequence[SchoolClass], school: School, today: date) -> list[Upcoming]:
    """Entries of these classes, this school year, whose day has passed without a tick."""
    year = SchoolYear.containing(today, school.country)
    found = []
    for school_class in classes:
        plan = get_plan(school_class, year)
        found += (
            [Upcoming(e, school_class) for e in plan.entries if is_overdue(e, today)]
            if plan
            else []
        )
    return sorted(found, key=lambda u: (u.entry.day, u.school_class.name if u.school_class else ""))
