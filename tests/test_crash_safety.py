"""Crash safety: every write the server acknowledged survives the server being killed.

The app runs as it does in production, as gunicorn with two workers, on a fresh database
(SQLite in a temporary folder; also PostgreSQL when PLANNER_TEST_DATABASE_URL is set). Several
threads log in and add activities of their own to one class plan over HTTP, each with a title
of its own, and note every addition that the server acknowledged (303 to the new entry). Once
enough writes are acknowledged, the whole server process group gets SIGKILL in the middle of
the burst. Then every acknowledged entry must be in the database under the id the server
named, exactly once; the app must start again on the same database, show them and take new
writes; and the database must pass its integrity checks.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import gunicorn.config
import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from planner import clock, create_app
from planner.extensions import db
from tests.conftest import BACKENDS, FIXTURE_CATALOGUE, ROOT, _postgres_database

PASSWORD = "crash-test-wachtwoord"
EMAIL = "coordinator@crash.example"
SECRET_KEY = "crash-test-secret"
WRITERS = 6
KILL_AFTER = 60  # acknowledged writes before the kill
DEADLINE = 25.0  # seconds for any one phase: start, burst, stop
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ENTRY_LOCATION = re.compile(r"/jaarplan/klas/(\d+)#entry-(\d+)$")


@pytest.fixture(params=BACKENDS)
def crash_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of its own for each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'planner.sqlite3'}"
    else:
        databases = _postgres_database()
        yield next(databases)
        databases.close()


@dataclass(frozen=True)
class Setup:
    class_id: int
    day: date


def _prepare(url: str) -> Setup:
    """Migrate, and make a school with a coordinator and a class, as the app would."""
    from planner.accounts.models import Role
    from planner.accounts.operations import create_user
    from planner.plans.operations import get_or_create_plan, next_school_day
    from planner.schools import operations as schools
    from planner.schools.models import SchoolClass

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": SECRET_KEY,
            "CATALOGUE_PATH": str(FIXTURE_CATALOGUE),
            # The hash is stored with the password: logging in to the server stays cheap too.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        upgrade()
        school = schools.create_school("Crashschool", "NL", "midden", "nl")
        create_user(
            school, email=EMAIL, name="Coördinator", password=PASSWORD, role=Role.COORDINATOR
        )
        school_class = schools.save_class(
            school, SchoolClass(), name="Groep 5", grades=[5], head_count=25, teachers=[]
        )
        # The year the app shows by default (see schools.views.selected_year).
        known = schools.school_years(school)
        year = schools.current_school_year(school, clock.today())
        if known and year not in known:
            year = known[-1]
        day = next_school_day(school, year.start(school.country), school.plan_weekday)
        # The plan exists before the burst: writers that make it together are refused, rightly.
        get_or_create_plan(school_class, year)
        setup = Setup(class_id=school_class.id, day=day)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return setup


class Server:
    """gunicorn with two workers in a process group of its own, on a free local port."""

    def __init__(self, url: str, folder: Path, name: str, *options: str) -> None:
        self.log = folder / f"{name}.log"
        env = dict(os.environ)
        env.update(
            PLANNER_DATABASE_URL=url,
            PLANNER_SECRET_KEY=SECRET_KEY,
            PLANNER_CATALOGUE_PATH=str(FIXTURE_CATALOGUE),
        )
        command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:0"]
        command += ["--error-logfile", str(self.log), *options]
        if "control_socket_disable" in gunicorn.config.Config().settings:  # gunicorn 25+
            command.append("--no-control-socket")  # shared by default: one per user
        command.append("planner:create_app()")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the workers die with it
        )
        try:
            self.port = self._wait_until_ready()
        except BaseException:
            self.kill()
            raise

    def _log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def _wait_until_ready(self) -> int:
        deadline = time.monotonic() + DEADLINE
        port = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self._log_text()}")
            if port is None:
                found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", self._log_text())
                port = int(found[1]) if found else None
            if port is not None:
                try:
                    status, _headers, _body = Client(port).get("/inloggen")
                except (OSError, http.client.HTTPException):
                    status = None
                if status == 200:
                    return port
            time.sleep(0.05)
        pytest.fail(f"gunicorn was not ready within {DEADLINE} s:\n{self._log_text()}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no shutdown code runs."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=DEADLINE)

    def stop(self) -> None:
        """The ordinary shutdown: SIGTERM, then wait."""
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


class Client:
    """A minimal browser: one connection per request, the cookies kept, no redirects followed."""

    def __init__(self, port: int, source: str | None = None) -> None:
        self.port = port
        self.source = (source, 0) if source else None  # another loopback address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, str]:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=DEADLINE, source_address=self.source
        )
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            body = None
            if form is not None:
                body = urlencode(form)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            data = response.read().decode()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, response.headers, data

    def get(self, path: str) -> tuple[int, http.client.HTTPMessage, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, http.client.HTTPMessage, str]:
        return self.request("POST", path, form)

    def log_in(self) -> None:
        status, _headers, page = self.get("/inloggen")
        assert status == 200, page[:500]
        form = {"csrf_token": _csrf(page), "email": EMAIL, "password": PASSWORD}
        status, _headers, page = self.post("/inloggen", form)
        assert status == 303, page[:500]

    def class_page(self, class_id: int) -> str:
        status, _headers, page = self.get(f"/jaarplan/klas/{class_id}")
        assert status == 200, page[:500]
        return page


def _csrf(page: str) -> str:
    found = CSRF.search(page)
    assert found, page[:500]
    return found[1]


@dataclass
class Burst:
    """What the writers saw: acknowledged writes (title -> entry id) and anything else."""

    acknowledged: dict[str, int]
    unexpected: list[str]
    lock: threading.Lock


def _write(client: Client, setup: Setup, token: str, title: str) -> tuple[int | None, str]:
    """Add a free-text activity; the entry id when the server acknowledged it, else why not."""
    form = {"csrf_token": token, "day": setup.day.isoformat(), "slug": "", "title": title}
    status, headers, page = client.post(f"/jaarplan/klas/{setup.class_id}/toevoegen", form)
    found = ENTRY_LOCATION.search(headers.get("Location", ""))
    if status == 303 and found and int(found[1]) == setup.class_id:
        return int(found[2]), ""
    return None, f"{title}: {status} {headers.get('Location')} {page[:300]}"


def _writer(number: int, port: int, setup: Setup, burst: Burst, stop: threading.Event) -> None:
    client = Client(port)
    try:
        client.log_in()
        token = _csrf(client.class_page(setup.class_id))
    except (OSError, http.client.HTTPException, AssertionError) as error:
        with burst.lock:
            burst.unexpected.append(f"writer {number} could not start: {error!r}")
        return
    sequence = 0
    while not stop.is_set():
        title = f"crash-{number}-{sequence}"
        sequence += 1
        try:
            entry_id, problem = _write(client, setup, token, title)
        except (OSError, http.client.HTTPException):
            return  # the server is gone: this write was never acknowledged
        with burst.lock:
            if entry_id is None:
                burst.unexpected.append(problem)
                return
            burst.acknowledged[title] = entry_id


def _burst_then_kill(server: Server, setup: Setup) -> Burst:
    burst = Burst(acknowledged={}, unexpected=[], lock=threading.Lock())
    stop = threading.Event()
    writers = [
        threading.Thread(target=_writer, args=(n, server.port, setup, burst, stop))
        for n in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + DEADLINE
    try:
        while time.monotonic() < deadline:
            with burst.lock:
                if len(burst.acknowledged) >= KILL_AFTER or burst.unexpected:
                    break
            if not any(writer.is_alive() for writer in writers):
                break
            time.sleep(0.002)
        server.kill()  # while the writers are still sending
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=DEADLINE)
    assert burst.unexpected == []
    assert len(burst.acknowledged) >= KILL_AFTER, "too few writes acknowledged before the deadline"
    return burst


def _entries(engine: Engine, class_id: int) -> list[tuple[int, str]]:
    with engine.connect() as connection:
        return [
            (row.id, row.title)
            for row in connection.execute(
                text(
                    "SELECT plan_entry.id, plan_entry.title FROM plan_entry"
                    " JOIN plan ON plan.id = plan_entry.plan_id WHERE plan.class_id = :class_id"
                ),
                {"class_id": class_id},
            )
        ]


def _assert_kept(engine: Engine, setup: Setup, acknowledged: dict[str, int]) -> None:
    """Every acknowledged write is there, once, under the id the server named."""
    entries = _entries(engine, setup.class_id)
    titles = [title for _id, title in entries]
    assert len(titles) == len(set(titles)), "an entry was written twice"
    stored = {title: entry_id for entry_id, title in entries}
    missing = {t: i for t, i in acknowledged.items() if stored.get(t) != i}
    assert missing == {}, f"{len(missing)} acknowledged writes were lost or changed"


def _assert_consistent(engine: Engine) -> None:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        else:
            for table in db.metadata.sorted_tables:  # every row of every table can be read
                connection.execute(table.select()).all()
        for child in ("plan_entry", "plan_snapshot"):
            orphans = connection.execute(
                text(
                    f"SELECT count(*) FROM {child} LEFT JOIN plan ON plan.id = {child}.plan_id"
                    " WHERE plan.id IS NULL"
                )
            ).scalar_one()
            assert orphans == 0, f"{child} rows without their plan"


def test_acknowledged_writes_survive_sigkill(crash_database: str, tmp_path: Path) -> None:
    setup = _prepare(crash_database)
    engine = create_engine(crash_database)
    try:
        server = Server(crash_database, tmp_path, "first")
        try:
            burst = _burst_then_kill(server, setup)
        finally:
            server.kill()  # already done, unless the burst failed

        # Straight after the crash, before anything else opens the database.
        _assert_kept(engine, setup, burst.acknowledged)
        engine.dispose()

        # The app starts again on the same database, shows the entries and takes new writes.
        server = Server(crash_database, tmp_path, "second")
        try:
            client = Client(server.port)
            client.log_in()
            page = client.class_page(setup.class_id)
            unseen = [title for title in burst.acknowledged if f">{title}<" not in page]
            assert unseen == [], "acknowledged entries missing from the class plan page"
            entry_id, problem = _write(client, setup, _csrf(page), "after-the-crash")
            assert entry_id is not None, problem
        finally:
            server.stop()

        _assert_kept(engine, setup, {**burst.acknowledged, "after-the-crash": entry_id})
        _assert_consistent(engine)
    finally:
        engine.dispose()
