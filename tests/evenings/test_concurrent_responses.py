"""Parents answering at the same moment never take more seats than the evening has.

The app runs as gunicorn (two workers, four threads each) on a fresh database: SQLite, and
PostgreSQL when PLANNER_TEST_DATABASE_URL is set. Sixteen parents, each from an address of
their own on the loopback network, open the response page and then send their answer at the
same moment, to an evening with six seats. Six answers are accepted, the ten others are told
the evening is full, and the database holds six guests. (Without the lock on the evening's
row, eight were enough to overbook now and then; sixteen do it nearly every run.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path

import pytest
import time_machine
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from planner import create_app
from planner.clock import SCHOOL_TIME_ZONE
from planner.evenings.operations import create_evening
from planner.extensions import db
from planner.plans.operations import next_school_day
from planner.schools import operations as schools
from tests.conftest import BACKENDS, _postgres_database
from tests.test_crash_safety import SECRET_KEY, Client, Server, _csrf

PARENTS = 16
SEATS = 6


@pytest.fixture(params=BACKENDS)
def live_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'planner.sqlite3'}"
    else:
        databases = _postgres_database()
        yield next(databases)
        databases.close()


def _evening_with_six_seats(url: str) -> str:
    """Migrate, make a school with an evening of six seats; its response link."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "CATALOGUE_PATH": "x"}
    )
    with app.app_context():
        upgrade()
        school = schools.create_school("Drukke school", "NL", "midden", "nl")
        # The server runs at the machine's real time, not at the suite's frozen moment.
        real_today = time_machine.escape_hatch.datetime.datetime.now(SCHOOL_TIME_ZONE).date()
        day = next_school_day(school, real_today + timedelta(days=14), 1)
        evening = create_evening(
            school,
            title="Ouderavond",
            day=day,
            start_time=time(19, 30),
            end_time=time(21, 0),
            place="Aula",
            grades=[],
            max_guests=SEATS,
        )
        path = f"/reactie/{evening.response_token}"
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return path


def _parent(port: int, number: int, path: str, start: threading.Barrier, codes: list[int]):
    client = Client(port, source=f"127.0.0.{number + 2}")
    status, _headers, page = client.get(path)
    assert status == 200, page[:300]
    token = _csrf(page)
    start.wait()
    status, _headers, _page = client.post(path, {"csrf_token": token, "guests": "1"})
    codes.append(status)


def test_simultaneous_answers_never_overbook(live_database: str, tmp_path: Path) -> None:
    path = _evening_with_six_seats(live_database)
    server = Server(
        live_database, tmp_path, "responses", "--threads", "4", "--worker-class", "gthread"
    )
    try:
        codes: list[int] = []
        start = threading.Barrier(PARENTS)
        parents = [
            threading.Thread(target=_parent, args=(server.port, n, path, start, codes))
            for n in range(PARENTS)
        ]
        for parent in parents:
            parent.start()
        for parent in parents:
            parent.join(timeout=60)
    finally:
        server.stop()
    engine = create_engine(live_database)
    try:
        with engine.connect() as connection:
            guests = connection.execute(text("SELECT sum(guests) FROM evening_response")).scalar()
    finally:
        engine.dispose()
    assert sorted(codes) == [201] * SEATS + [409] * (PARENTS - SEATS)
    assert guests == SEATS
