"""A school's data as a whole: the JSON export and deleting the school with everything in it."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    func,
    select,
    text,
)

from planner import clock
from planner.accounts.models import Invitation, Role, User
from planner.accounts.operations import invite, reset_link
from planner.accounts.sessions import start_session
from planner.catalogue.models import CatalogueItem, CatalogueTag
from planner.demo.policy import seed_policy
from planner.evenings.models import BlockedSender
from planner.evenings.operations import (
    add_block,
    add_checklist_item,
    browser_key,
    create_evening,
    respond,
)
from planner.exports.models import CalendarFeed, DeckTemplate
from planner.plans.models import PlanEntry
from planner.plans.operations import get_or_create_plan, next_school_day, snapshot
from planner.policy.incidents import record_incident, set_retention_days
from planner.policy.models import IncidentKind, IncidentStep
from planner.schools.calendar import SchoolYear
from planner.schools.data import SchoolData, _plain, export_school, is_secret
from planner.schools.models import School, SchoolClass
from planner.schools.operations import add_closure, save_class
from tests.conftest import PASSWORD, english

# Tables the fixture below fills for each school; an export must have rows in every one.
FILLED = {
    "school",
    "user_account",
    "invitation",
    "school_class",
    "class_grade",
    "class_teacher",
    "closure",
    "plan",
    "plan_entry",
    "plan_snapshot",
    "parent_evening",
    "programme_block",
    "evening_response",
    "evening_checklist_item",
    "policy_item",
    "policy_settings",
    "school_contact",
    "school_agreement",
    "incident",
    "incident_step",
    "catalogue_item",
    "catalogue_tag",
    "deck_template",
    "calendar_feed",
    "user_session",
    "password_reset",
    "evening_blocked_sender",
}
TEMPLATE_BYTES = b"PK\x03\x04 not really a presentation \x00\xff"


def _fill(db, school: School) -> dict[str, str]:
    """A row in every table a school uses; returns the secrets that must never be exported."""
    teacher = db.session.scalar(
        select(User).where(User.school_id == school.id, User.role == Role.TEACHER)
    )
    coordinator = db.session.scalar(
        select(User).where(User.school_id == school.id, User.role == Role.COORDINATOR)
    )
    school_class = save_class(
        school, SchoolClass(), name="Groep 7/8", grades=[7, 8], head_count=27, teachers=[teacher]
    )
    add_closure(school, "Studiedag", date(2026, 11, 16), date(2026, 11, 16))
    own_item = CatalogueItem(
        slug=f"eigen-les-{school.id}",
        kind="lesson",
        data={"title": {"nl": "Eigen les"}, "summary": {"nl": "Door de school gemaakt."}},
        body="",
        language="nl",
        sort_key="eigen les",
        search_text="eigen les",
        origin="school",
        content_hash="0" * 64,
        school_id=school.id,
        tags=[CatalogueTag(facet="theme", value="privacy")],
    )
    db.session.add(own_item)
    db.session.flush()
    plan = get_or_create_plan(school_class, SchoolYear.parse("2026-2027"))
    plan.entries.append(
        PlanEntry(day=date(2026, 11, 10), title="Kringgesprek", reason_code="custom")
    )
    # A RESTRICT key from the plan to the school's own item: deleting must still succeed.
    plan.entries.append(
        PlanEntry(day=date(2026, 11, 24), item_id=own_item.id, reason_code="custom")
    )
    db.session.flush()
    snapshot(plan, "generate")
    evening = create_evening(
        school,
        title="Ouderavond",
        day=next_school_day(school, clock.today() + timedelta(days=14), 1),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[7, 8],
    )
    add_block(evening, title="Welkom", minutes=10)
    add_checklist_item(evening, "Koffie")
    browser = browser_key(f"browser-key-of-{school.id}-0123456789")
    question = "Hoe lang mag mijn kind gamen?"
    respond(evening, 2, question, "afzender-" + school.name, browser, clock.today())
    db.session.add(
        BlockedSender(
            evening_id=evening.id, sender="geblokkeerd", browser="ook", created_at=clock.utcnow()
        )
    )
    seed_policy(school, clock.today())
    set_retention_days(school, 200)
    incident = record_incident(
        school_class,
        happened_on=date(2026, 11, 9),
        kind=IncidentKind.EXCLUSION,
        summary=None,
        follow_up_on=None,
        recorded_by=teacher,
    )
    db.session.add(
        IncidentStep(incident_id=incident.id, step_key="1.1", text="Luister", done_on=clock.today())
    )
    _invitation, token = invite(school, f"nieuw@{school.id}.example", Role.TEACHER, coordinator)
    db.session.add(
        DeckTemplate(
            school_id=school.id,
            filename="huisstijl.pptx",
            data=TEMPLATE_BYTES,
            size=len(TEMPLATE_BYTES),
            uploaded_by_id=coordinator.id,
        )
    )
    feed_token = f"feed-{school.id}-geheim"
    db.session.add(
        CalendarFeed(
            school_id=school.id,
            class_id=school_class.id,
            token_hash=CalendarFeed.hash_token(feed_token),
            locale="nl",
            created_by_id=coordinator.id,
        )
    )
    db.session.commit()
    invitation = db.session.scalar(select(Invitation).where(Invitation.school_id == school.id))
    return {
        "password hash": coordinator.password_hash,
        "session key": start_session(coordinator, clock.utcnow()),
        "reset token": reset_link(coordinator),
        "invitation token": token,
        "invitation token hash": invitation.token_hash,
        "response token": evening.response_token,
        "sender": evening.responses[0].sender,
        "feed token": feed_token,
        "feed token hash": CalendarFeed.hash_token(feed_token),
    }


@pytest.fixture
def two_schools(db, make_school):
    """Two schools filled alike: (school, its secrets) for each."""
    made = []
    for name, country, region in (
        ("De Regenboog", "NL", "midden"),
        ("De Vlinder", "BE", "vlaanderen"),
    ):
        school = make_school(name, country, region)
        made.append((school, _fill(db, school)))
    return made


def _exported(school: School | int) -> dict:
    return json.loads(export_school(school if isinstance(school, int) else school.id))


def _reachable_from_school(metadata: MetaData) -> set[str]:
    """Tables from which a chain of foreign keys leads to school, found without the app's code."""
    found = {"school"}
    grew = True
    while grew:
        grew = False
        for table in metadata.sorted_tables:
            if table.name not in found and any(
                key.column.table.name in found for key in table.foreign_keys
            ):
                found.add(table.name)
                grew = True
    return found


def _all_rows(db, table: Table) -> set[tuple]:
    keys = list(table.primary_key.columns)
    return set(db.session.execute(select(*keys)).all())


def _keys(rows: list[dict], table: Table) -> set[tuple]:
    return {tuple(row[column.name] for column in table.primary_key.columns) for row in rows}


def test_the_export_has_every_table_that_leads_to_the_school(db, two_schools) -> None:
    exported = _exported(two_schools[0][0])
    assert set(exported["tables"]) == _reachable_from_school(db.metadata)
    empty = {name for name, rows in exported["tables"].items() if not rows}
    assert FILLED - _reachable_from_school(db.metadata) == set(), "FILLED names a lost table"
    assert empty & FILLED == set()


def test_every_row_belongs_to_exactly_one_schools_export(db, two_schools) -> None:
    first, second = (_exported(school) for school, _secrets in two_schools)
    for name in first["tables"]:
        table = db.metadata.tables[name]
        mine, theirs = _keys(first["tables"][name], table), _keys(second["tables"][name], table)
        assert mine & theirs == set(), name
        if name in FILLED:
            assert mine | theirs == _all_rows(db, table), name


def test_no_secret_is_in_the_export(db, two_schools) -> None:
    school, secrets = two_schools[0]
    raw = export_school(school.id)
    for what, secret in secrets.items():
        assert secret.encode() not in raw, what
    assert PASSWORD.encode() not in raw
    exported = json.loads(raw)
    for name, rows in exported["tables"].items():
        table = db.metadata.tables[name]
        for column in table.columns:
            if is_secret(column):
                assert all(column.name not in row for row in rows), (name, column.name)
    assert exported["left_out_columns"]["user_account"] == ["password_hash"]
    assert exported["left_out_columns"]["user_session"] == ["key_hash"]
    assert exported["left_out_columns"]["password_reset"] == ["token_hash"]
    assert "browser" in exported["left_out_columns"]["evening_response"]
    assert exported["left_out_columns"]["invitation"] == ["token_hash"]
    assert "response_token" in exported["left_out_columns"]["parent_evening"]


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("password_hash", True),
        ("session_token", True),
        ("token_hash", True),
        ("response_token", True),
        ("feed_token", True),
        ("token", True),
        ("ip_hash", True),
        ("name", False),
        ("key", False),
        ("sort_key", False),
        ("created_at", False),
    ],
)
def test_secret_columns_are_recognised_by_name(name: str, secret: bool) -> None:
    assert is_secret(Column(name, String)) is secret


def test_the_export_has_a_header_and_iso_dates(two_schools) -> None:
    school = two_schools[0][0]
    exported = json.loads(export_school(school.id, datetime(2026, 11, 21, 9, 30)))
    assert exported["app"] == "Jaarplanner Mediawijsheid"
    assert exported["format_version"] == 1
    assert exported["exported_at"] == "2026-11-21T09:30:00+00:00"
    assert exported["school"] == {"id": school.id, "name": "De Regenboog"}
    assert exported["tables"]["school"][0]["region"] == "midden"
    closure = exported["tables"]["closure"][0]
    assert (closure["start_date"], closure["end_date"]) == ("2026-11-16", "2026-11-16")
    evening = exported["tables"]["parent_evening"][0]
    assert (evening["start_time"], evening["grades"]) == ("19:30:00", [7, 8])
    datetime.fromisoformat(exported["tables"]["user_account"][0]["created_at"])
    grades = sorted(row["grade"] for row in exported["tables"]["class_grade"])
    assert grades == [7, 8]


def test_binary_values_become_base64(two_schools) -> None:
    exported = _exported(two_schools[0][0])
    (template,) = exported["tables"]["deck_template"]
    assert base64.b64decode(template["data"]) == TEMPLATE_BYTES
    assert base64.b64decode(str(_plain(memoryview(b"\x00\x01")))) == b"\x00\x01"


def test_the_coordinator_downloads_the_export(two_schools, login) -> None:
    client = login(two_schools[0][0], "coordinator")
    response = client.get("/school/gegevens.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="de-regenboog-')
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_json()["school"]["name"] == "De Regenboog"
    assert "/school/gegevens.json" in client.get("/school/").get_data(as_text=True)


def test_teachers_do_not_see_the_data_links(two_schools, login) -> None:
    page = login(two_schools[0][0], "teacher").get("/school/").get_data(as_text=True)
    assert "/school/gegevens.json" not in page
    assert "/school/verwijderen" not in page


# Deleting the school


def _counts(db) -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in db.metadata.sorted_tables
    }


def _without_time(exported: dict) -> dict:
    return {key: value for key, value in exported.items() if key != "exported_at"}


def test_the_delete_page_offers_the_export_first(two_schools, login) -> None:
    page = login(two_schools[0][0], "coordinator").get("/school/verwijderen")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "/school/gegevens.json" in body
    assert "De Regenboog" in body


@pytest.mark.parametrize(
    ("typed", "password", "message"),
    [
        ("De Vlinder", PASSWORD, "This is not the name of your school"),
        ("De Regenboog", "niet-mijn-wachtwoord", "This is not your password"),
        ("", PASSWORD, "Fill in this field"),
        ("De Regenboog", "", "Fill in this field"),
    ],
)
def test_a_wrong_confirmation_deletes_nothing(
    db, two_schools, login, typed: str, password: str, message: str
) -> None:
    client = login(two_schools[0][0], "coordinator")
    before = _counts(db)
    response = english(client).post(
        "/school/verwijderen",
        data={"school_name": typed, "password": password},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    after = _counts(db)
    # A wrong password is counted, as at the login: guessing it is slowed down too.
    counted = password not in ("", PASSWORD)
    assert after.pop("login_attempt") == before.pop("login_attempt") + counted
    assert after == before
    assert client.get("/school/").status_code == 200  # still logged in


def test_deleting_the_school_removes_every_row_that_refers_to_it(db, two_schools, login) -> None:
    (school, _secrets), (other, _other_secrets) = two_schools
    school_id, other_id = school.id, other.id
    other_before = _without_time(_exported(other_id))
    client = login(school, "coordinator")
    response = client.post(
        "/school/verwijderen", data={"school_name": " De Regenboog ", "password": PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    db.session.expire_all()
    assert db.session.get(School, school_id) is None
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name == "school":
                left = select(func.count()).select_from(table).where(key.parent == school_id)
                assert db.session.scalar(left) == 0, f"{table.name}.{key.parent.name}"
    # With the school row gone, any row that still led to it would hang on a broken key.
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
    assert _without_time(_exported(other_id)) == other_before
    assert client.get("/school/").status_code == 302  # logged out


def test_after_the_last_school_is_deleted_setup_opens(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    _fill(db, school)
    client = login(school, "coordinator")
    response = english(client).post(
        "/school/verwijderen",
        data={"school_name": "De Regenboog", "password": PASSWORD},
    )
    assert response.status_code == 303
    start = english(client).get("/")
    assert start.status_code == 302
    assert start.headers["Location"].endswith("/setup")
    assert "De Regenboog and all its data have been deleted." in english(client).get(
        "/setup"
    ).get_data(as_text=True)
    school_tables = _reachable_from_school(db.metadata)
    assert {name: n for name, n in _counts(db).items() if n and name in school_tables} == {}


def test_every_key_that_points_at_school_data_says_what_happens_on_delete(db) -> None:
    data = SchoolData()
    school_tables = {data.root, *data.tables}
    cascading = {table for table in data.tables if data.deleted_with_school(table)}
    for table in db.metadata.sorted_tables:
        for constraint in table.foreign_key_constraints:
            if constraint.referred_table not in school_tables:
                continue
            rule = (constraint.ondelete or "NO ACTION").upper()
            # A RESTRICT key inside the school's own data is fine: its rows go first.
            assert rule in ("CASCADE", "SET NULL") or table in cascading, (
                f"{table.name}.{constraint.column_keys}: ON DELETE {rule}"
            )


# The walk itself, on a schema of its own: a RESTRICT key between two of the school's tables,
# and a SET NULL key that keeps its row.


@pytest.fixture
def toy(db):
    metadata = MetaData()
    school = Table("toy_school", metadata, Column("id", Integer, primary_key=True))
    item = Table(
        "toy_item",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("school_id", ForeignKey("toy_school.id", ondelete="CASCADE"), nullable=True),
    )
    plan = Table(
        "toy_plan",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("school_id", ForeignKey("toy_school.id", ondelete="CASCADE")),
    )
    entry = Table(
        "toy_entry",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("plan_id", ForeignKey("toy_plan.id", ondelete="CASCADE")),
        Column("item_id", ForeignKey("toy_item.id", ondelete="RESTRICT"), nullable=True),
    )
    log = Table(
        "toy_log",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("school_id", ForeignKey("toy_school.id", ondelete="SET NULL"), nullable=True),
    )
    metadata.create_all(db.engine)
    try:
        with db.engine.begin() as connection:
            connection.execute(school.insert(), [{"id": 1}, {"id": 2}])
            connection.execute(
                item.insert(),
                [
                    {"id": 1, "school_id": 1},
                    {"id": 2, "school_id": 2},
                    {"id": 3, "school_id": None},
                ],
            )
            connection.execute(
                plan.insert(), [{"id": 1, "school_id": 1}, {"id": 2, "school_id": 2}]
            )
            connection.execute(
                entry.insert(),
                [
                    {"id": 1, "plan_id": 1, "item_id": 1},
                    {"id": 2, "plan_id": 1, "item_id": 3},
                    {"id": 3, "plan_id": 2, "item_id": 2},
                ],
            )
            connection.execute(log.insert(), [{"id": 1, "school_id": 1}, {"id": 2, "school_id": 2}])
        yield SchoolData(school)
    finally:
        metadata.drop_all(db.engine)


def _ids(connection, data: SchoolData, name: str, school_id: int) -> list[int]:
    table = data.root.metadata.tables[name]
    return [row["id"] for row in data.rows(connection, table, school_id)]


def test_the_walk_finds_rows_through_any_chain_of_keys(db, toy: SchoolData) -> None:
    assert [t.name for t in toy.tables] == ["toy_item", "toy_log", "toy_plan", "toy_entry"]
    with db.engine.connect() as connection:
        assert _ids(connection, toy, "toy_item", 1) == [1]  # not 3, which has no school
        assert _ids(connection, toy, "toy_entry", 1) == [1, 2]
        assert _ids(connection, toy, "toy_log", 1) == [1]


def test_deleting_goes_children_first_past_restrict_keys(db, toy: SchoolData) -> None:
    with db.engine.begin() as connection:
        toy.delete(connection, 1)
    tables = toy.root.metadata.tables
    with db.engine.connect() as connection:

        def ids(name: str) -> list[tuple]:
            table = tables[name]
            return [tuple(row) for row in connection.execute(select(table).order_by(table.c.id))]

        assert ids("toy_school") == [(2,)]
        assert ids("toy_item") == [(2, 2), (3, None)]
        assert ids("toy_plan") == [(2, 2)]
        assert ids("toy_entry") == [(3, 2, 2)]
        assert ids("toy_log") == [(1, None), (2, 2)]  # SET NULL: the row stays, the school goes
