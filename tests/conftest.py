"""Shared fixtures: an app per database backend, a client, the db, and content helpers.

Database tests run on SQLite, and also on PostgreSQL when PLANNER_TEST_DATABASE_URL is set
(.ci/run sets it). Each PostgreSQL session works in a database of its own that it drops at
the end, so nothing is left behind on the shared server.
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


def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    assert PG_URL
    server = make_url(PG_URL)
    name = f"planner_test_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One migrated database per backend for the whole session."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "planner.sqlite3"
        url = f"sqlite:///{path}"
        _migrate(url)
        yield url
    else:
        generator = _postgres_database()
        url = next(generator)
        _migrate(url)
        yield url
        generator.close()


def _migrate(url: str) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        _db.engine.dispose()


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
    """An app on a clean database (tables emptied after each test)."""
    application = make_test_app(database_url, tmp_path)
    with application.app_context():
        yield application
        _db.session.rollback()
        _empty_tables()
        _db.engine.dispose()


def _empty_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


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
    """The fixture catalogue loaded into the database."""
    from planner.catalogue.operations import sync_catalogue

    sync_catalogue(FIXTURE_CATALOGUE)
    db.session.commit()


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
    """The curated catalogue in lessons/ loaded into the database."""
    from planner.catalogue.operations import sync_catalogue

    sync_catalogue(ROOT / "lessons")
    db.session.commit()


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
