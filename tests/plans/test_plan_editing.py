"""Plans in the database: generate, edit with refusals and undo, roll over, see progress."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from planner.plans import operations
from planner.plans.models import Plan
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import add_closure, save_class
from planner.web.messages import describe
from tests.conftest import BEFORE_THE_YEAR

YEAR = SchoolYear.parse("2026-2027")


@pytest.fixture
def school(make_school, real_catalogue, db):
    school = make_school("De Regenboog")
    for name, grades in (("Groep 3", [3]), ("Groep 7/8", [7, 8])):
        save_class(school, SchoolClass(), name=name, grades=grades, head_count=25, teachers=[])
    db.session.commit()
    return school


def klas(db, name: str) -> SchoolClass:
    return db.session.scalar(select(SchoolClass).where(SchoolClass.name == name))


def generated(db, school, name="Groep 7/8") -> Plan:
    operations.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    return operations.get_plan(klas(db, name), YEAR)


def test_generate_for_the_whole_school(db, school) -> None:
    operations.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    plans = operations.plans_of_school(school, YEAR)
    assert len(plans) == 3  # two classes and the whole school
    wide = operations.get_school_plan(school, YEAR)
    assert {e.item.kind for e in wide.entries} == {"team", "parent_evening"}
    upper = operations.school_entries_for(klas(db, "Groep 7/8"), wide)
    assert any(e.item.slug == "ouderavond-bovenbouw" for e in upper)
    assert not any(e.item.slug == "ouderavond-onderbouw" for e in upper)


def test_move_refuses_days_off_with_a_reason(app, db, school) -> None:
    plan = generated(db, school)
    entry = plan.entries[3]
    add_closure(school, "Studiedag", date(2026, 11, 18), date(2026, 11, 18))
    # No request here: the refusal is data, and the sentence is made in the language asked for.
    for day, words in (
        (date(2026, 10, 20), "Autumn holiday"),
        (date(2026, 12, 25), "Christmas"),
        (date(2026, 11, 21), "weekend"),
        (date(2026, 11, 18), "Studiedag"),
        (date(2027, 8, 17), "not in school year"),
    ):
        with pytest.raises(operations.PlanError) as refused:
            operations.move_entry(entry, day)
        with force_locale("en"):
            assert words in describe(refused.value)
    with pytest.raises(operations.PlanError) as refused:
        operations.move_entry(entry, date(2026, 12, 25))
    with force_locale("nl"):
        assert "Kerstvakantie" in describe(refused.value)
    operations.move_entry(entry, date(2026, 11, 17))
    db.session.commit()
    assert entry.day == date(2026, 11, 17)


def test_every_edit_can_be_undone(app, db, school) -> None:
    plan = generated(db, school)
    before = [(e.day, e.item_id, e.status, e.locked) for e in plan.entries]
    entry = plan.entries[0]
    with app.test_request_context():
        operations.set_status(entry, operations.EntryStatus.DONE, "Ja, dat heb ik gedaan")
        operations.set_locked(entry, True)
        operations.move_entry(entry, date(2026, 9, 3))
        extra = operations.add_entry(plan, date(2026, 9, 10), title="Kringgesprek na de vakantie")
        operations.remove_entry(plan.entries[5])
        db.session.commit()
        assert extra in plan.entries
        for _change in range(5):
            operations.undo(plan)
        db.session.commit()
    assert [(e.day, e.item_id, e.status, e.locked) for e in plan.entries] == before
    untouched = operations.get_plan(klas(db, "Groep 3"), YEAR)
    with app.test_request_context(), pytest.raises(operations.PlanError):
        operations.undo(untouched)  # a first generation leaves nothing to undo


def test_regeneration_keeps_locked_done_and_own_entries(app, db, school) -> None:
    plan = generated(db, school)
    locked, done = plan.entries[4], plan.entries[1]
    with app.test_request_context():
        operations.move_entry(locked, date(2026, 10, 8))
        operations.set_locked(locked, True)
        operations.set_status(done, operations.EntryStatus.DONE, "Ging goed")
        operations.add_entry(plan, date(2026, 9, 24), title="Eigen kringgesprek")
    db.session.commit()
    kept = {(locked.day, locked.item_id), (done.day, done.item_id)}
    context = operations.year_context(school, YEAR)
    operations.generate_plan(
        klas(db, "Groep 7/8"), context, operations.plannable_items(), BEFORE_THE_YEAR
    )
    db.session.commit()
    after = {(e.day, e.item_id) for e in plan.entries}
    assert kept <= after
    assert any(e.title == "Eigen kringgesprek" for e in plan.entries)
    assert sum(e.item_id == locked.item_id for e in plan.entries) == 1  # not planned twice


def test_replace_and_add_need_real_items_and_school_days(app, db, school) -> None:
    plan = generated(db, school)
    entry = plan.entries[2]
    from planner.catalogue.operations import get_item

    operations.replace_item(entry, get_item("hackshield-in-de-klas"))
    assert entry.booking == "proposed"
    assert entry.reason_code == "chosen"
    with app.test_request_context(), pytest.raises(operations.PlanError):
        operations.add_entry(plan, date(2026, 9, 10))  # neither item nor text
    with app.test_request_context(), pytest.raises(operations.PlanError):
        operations.add_entry(plan, date(2026, 9, 12), title="Op zaterdag")


def test_roll_over_keeps_the_order_of_school_weeks(app, db, school) -> None:
    plan = generated(db, school)
    with app.test_request_context():
        own = operations.add_entry(plan, date(2026, 10, 8), title="Eigen les over TikTok")
        operations.set_locked(plan.entries[0], True)
    db.session.commit()
    with app.test_request_context():
        new_plan = operations.roll_over(klas(db, "Groep 7/8"), YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    assert new_plan.school_year == "2027-2028"
    carried = next(e for e in new_plan.entries if e.title == "Eigen les over TikTok")
    old_index = _school_week(db, school, YEAR, own.day)
    new_index = _school_week(db, school, YEAR.next(), carried.day)
    assert old_index == new_index
    days_off = set(operations.year_context(school, YEAR.next()).school_days)
    assert all(e.day in days_off for e in new_plan.entries)
    assert any(e.locked for e in new_plan.entries)


def _school_week(db, school, year, day) -> int:
    days = operations.year_context(school, year).school_days
    weeks = sorted({tuple(d.isocalendar())[:2] for d in days})
    return weeks.index(tuple(day.isocalendar())[:2])


def test_progress_and_coverage(app, db, school) -> None:
    plan = generated(db, school, "Groep 3")
    with app.test_request_context():
        operations.set_status(plan.entries[0], operations.EntryStatus.DONE, None)
        operations.set_status(plan.entries[1], operations.EntryStatus.SKIPPED, "Zieke juf")
    progress = operations.progress(plan)
    assert (progress.done, progress.skipped) == (1, 1)
    assert progress.planned == len(plan.entries) - 2
    assert operations.missing_themes(klas(db, "Groep 3"), plan) == []


def test_guest_bookings_warn_about_a_provider_booked_twice(app, db, school) -> None:
    from planner.catalogue.operations import get_item

    item = get_item("gastles-jeugdagent")
    day = date(2026, 11, 17)
    for name in ("Groep 3", "Groep 7/8"):
        plan = operations.get_or_create_plan(klas(db, name), YEAR)
        with app.test_request_context():
            operations.add_entry(plan, day, item=item)
    db.session.commit()
    bookings, clashes = operations.guest_bookings(school, YEAR)
    assert len(bookings) == 2
    assert bookings[0].entry.booking == "proposed"
    assert [(c.day, set(c.classes)) for c in clashes] == [(day, {"Groep 3", "Groep 7/8"})]
