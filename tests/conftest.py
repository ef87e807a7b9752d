"""Shared fixtures: an app per database backend, a client, the db, and content helpers.

Database tests run on SQLite, and also on PostgreSQL when PLANNER_TEST_DATABASE_URL is set
(.ci/run sets it). Every test works in a database of its own, copied from a template made once
per session; PostgreSQL databases are dropped afterwards, so nothing is left on the server.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from flask import Flask, g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from planner import create_app
from planner.clock import SCHOOL_TIME_ZONE
from planner.extensions import db as _db

ROOT = Path(__file__).resolve().parent.parent
# The suite runs at a known moment, whatever the machine's clock says: a Tuesday morning in the
# school year 2026-2027, after the autumn holiday. Tests about a particular day move the clock
# themselves (time_machine.travel); tests/test_every_week.py walks a whole school year.
FROZEN_AT = datetime(2026, 11, 17, 10, 0, tzinfo=SCHOOL_TIME_ZONE)
TODAY = FROZEN_AT.date()
# Plans made the day before the school year 2026-2027 began: whole-year plans, as the tests
# of the generator's choices expect them.
BEFORE_THE_YEAR = date(2026, 7, 31)
FIXTURE_CATALOGUE = Path(__file__).parent / "data" / "catalogue"
PG_URL = os.environ.get("PLANNER_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow", action="store_true", help="also run the tests marked slow (CI always does)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long property-based runs belong to CI; a developer's run leaves them out (and says
    so) unless asked with --run-slow."""
    if os.environ.get("CI") or config.getoption("--run-slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(scope="session", autouse=True)
def frozen_clock() -> Iterator[None]:
    """Every test starts from FROZEN_AT; the clock ticks on from there."""
    with time_machine.travel(FROZEN_AT, tick=True):
        yield


@pytest.fixture
def before_school_starts() -> Iterator[None]:
    """A summer morning before the school year 2026-2027 begins (NL and Flanders): plans
    generated now cover the whole year."""
    with time_machine.travel(datetime(2026, 8, 14, 10, 0, tzinfo=SCHOOL_TIME_ZONE), tick=True):
        yield


# --- databases: templates made once per session, a fresh copy per test -----------------------
#
# Migrating and loading the 100-odd content files takes seconds; restoring a database takes
# milliseconds. So each session prepares, per backend, three starting points (empty, the small
# fixture catalogue of tests/data, the curated catalogue of lessons/) and every test starts from
# the one its fixtures ask for: `loaded` or `real_catalogue`, else the empty one.
# SQLite: a template file per starting point, copied per test. PostgreSQL: one database per
# session whose tables are emptied and refilled from template schemas per test (a CREATE
# DATABASE ... TEMPLATE per test costs a quarter of a second; this costs a few milliseconds).

STARTING_POINTS = {"empty": None, "fixture": FIXTURE_CATALOGUE, "real": ROOT / "lessons"}


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test: sqlite, and postgresql when configured."""
    return request.param


@pytest.fixture(scope="session")
def databases(backend: str, tmp_path_factory: pytest.TempPathFactory):
    """The session's starting points for one backend."""
    folder = tmp_path_factory.mktemp(f"databases-{backend}")
    if backend == "sqlite":
        yield SqliteStartingPoints(folder)
    else:
        points = PostgresStartingPoints()
        yield points
        points.drop()


def _migrate_and_load(url: str, catalogue: Path | None) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        if catalogue is not None:
            from planner.catalogue.operations import sync_catalogue

            sync_catalogue(catalogue)
            _db.session.commit()
        if url.startswith("sqlite"):
            with _db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        _db.engine.dispose()


class SqliteStartingPoints:
    """A template file per starting point; each test gets a copy of one."""

    def __init__(self, folder: Path) -> None:
        self.files: dict[str, Path] = {}
        for kind, catalogue in STARTING_POINTS.items():
            path = folder / f"{kind}.sqlite3"
            _migrate_and_load(f"sqlite:///{path}", catalogue)
            self.files[kind] = path

    def fresh(self, kind: str, tmp_path: Path) -> str:
        target = tmp_path / "planner.sqlite3"
        shutil.copyfile(self.files[kind], target)
        return f"sqlite:///{target}"


class PostgresStartingPoints:
    """One database for the session; the rows of each starting point kept in a schema."""

    def __init__(self) -> None:
        assert PG_URL
        self.name = f"planner_test_{secrets.token_hex(4)}"
        _admin(f'CREATE DATABASE "{self.name}"')
        self.url = make_url(PG_URL).set(database=self.name).render_as_string(hide_password=False)
        self.engine = create_engine(self.url)
        _migrate_and_load(self.url, None)
        self.tables = [t.name for t in _db.metadata.sorted_tables]
        self.serial = {t.name for t in _db.metadata.sorted_tables if "id" in t.c}
        self.saved: dict[str, list[str]] = {"empty": []}
        for kind, catalogue in STARTING_POINTS.items():
            if catalogue is not None:
                self._empty()
                _migrate_and_load(self.url, catalogue)
                self.saved[kind] = self._save(f"start_{kind}")
        self._empty()

    def fresh(self, kind: str, _tmp_path: Path) -> str:
        self._empty()
        with self.engine.begin() as connection:
            for table in self.saved[kind]:
                connection.execute(
                    text(f'INSERT INTO "{table}" SELECT * FROM start_{kind}."{table}"')
                )
                if table in self.serial:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                            f'(SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"), false)'
                        )
                    )
        return self.url

    def _save(self, schema: str) -> list[str]:
        """Copy every table that has rows into a schema of its own; returns their names."""
        saved = []
        with self.engine.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
            for table in self.tables:
                if connection.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{table}")')).scalar():
                    connection.execute(text(f'CREATE TABLE {schema}."{table}" AS TABLE "{table}"'))
                    saved.append(table)
        return saved

    def _empty(self) -> None:
        """Delete every row (DELETE is faster than TRUNCATE on small tables) and restart ids."""
        with self.engine.begin() as connection:
            for table in reversed(self.tables):
                connection.execute(text(f'DELETE FROM "{table}"'))
            for table in self.serial:
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), 1, false)")
                )

    def drop(self) -> None:
        self.engine.dispose()
        _admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _admin(statement: str) -> None:
    admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def _postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards (for tests that migrate
    themselves, such as the crash test)."""
    assert PG_URL
    name = f"planner_test_{secrets.token_hex(4)}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(databases, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """This test's own database: a fresh start from what its fixtures ask for. (A test that
    needs a catalogue names `loaded` or `real_catalogue` in its signature: a fixture fetched
    later with getfixturevalue comes too late to choose the starting point.)"""
    names = request.fixturenames
    kind = "real" if "real_catalogue" in names else "fixture" if "loaded" in names else "empty"
    return databases.fresh(kind, tmp_path)


def make_test_app(database_url: str, tmp_path: Path, **overrides: object) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CATALOGUE_PATH": str(FIXTURE_CATALOGUE),
        "WTF_CSRF_ENABLED": False,
        # A cheap hash keeps the suite fast; the setup test checks the real default (scrypt).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    config.update(overrides)
    application = create_app(config)
    # The fixtures keep one app context open for the whole test, so requests would share `g`
    # (where Flask-Login keeps the user and Flask-Babel the locale). In production every
    # request has a fresh one; give each test request a fresh one too, before anything else.
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
    return application


def _fresh_g() -> None:
    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on this test's own fresh database."""
    application = make_test_app(database_url, tmp_path)
    with application.app_context():
        yield application
        _db.session.rollback()
        _db.engine.dispose()


@pytest.fixture
def db(app: Flask):
    return _db


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture catalogue."""
    target = tmp_path / "lessons"
    shutil.copytree(FIXTURE_CATALOGUE, target)
    return target


@pytest.fixture
def loaded(app: Flask, db) -> None:
    """The fixture catalogue (tests/data/catalogue) is in the database: `database_url` copied
    it from the template that holds it."""


PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def make_school(db):
    """Create a school with one account per role: make_school("De Regenboog")."""
    from planner.accounts.models import Role
    from planner.accounts.operations import create_user
    from planner.schools.operations import create_school

    def make(name: str = "De Regenboog", country: str = "NL", region: str = "midden"):
        school = create_school(name, country, region, "nl" if country == "NL" else "nl_BE")
        slug = name.lower().replace(" ", "")
        for role in Role:
            create_user(
                school,
                email=f"{role.value}@{slug}.example",
                name=f"{role.value.title()} {name}",
                password=PASSWORD,
                role=role,
            )
        db.session.commit()
        return school

    return make


@pytest.fixture
def login(client):
    """Log the test client in as a user of a school by role: login(school, "teacher")."""

    def log_in(school, role: str):
        email = f"{role}@{school.name.lower().replace(' ', '')}.example"
        client.post("/uitloggen")
        response = client.post("/inloggen", data={"email": email, "password": PASSWORD})
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return client

    return log_in


@pytest.fixture
def real_catalogue(app, db) -> None:
    """The curated catalogue of lessons/ is in the database: `database_url` copied it from the
    template that holds it."""


def post_file(client: FlaskClient, path: str, field: str, data: bytes, filename: str, **headers):
    """POST one file as a browser's form does. The test builder spools a large body to a
    temporary file; close it whatever the answer, so no file handle is left open."""
    builder = EnvironBuilder(
        path=path,
        method="POST",
        data={field: (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers=headers,
    )
    environ = builder.get_environ()
    try:
        return client.open(Request(environ))
    finally:
        environ["wsgi.input"].close()
        builder.close()


def english(client: FlaskClient) -> FlaskClient:
    """The client after its person chose English with the language switch: for staff and
    parents the school's language wins over the browser's, so a header would not do."""
    client.set_cookie("planner_locale", "en")
    return client
