"""Load: 20 staff members using the app at the same time, under gunicorn, driven by locust.

Prepares a database (a fresh SQLite file in a temporary folder, or PLANNER_DATABASE_URL when
set) with `flask db upgrade`, `flask catalogue sync` and `flask demo --password ...`, serves
the app with gunicorn on a free local port and runs simulated users for a bounded time. Each
user logs in as the coordinator or the teacher of a demo school and then mixes browsing (start
page, catalogue with filters and search, item pages, year plans, class plans, the overview),
generating a class plan (a POST with the CSRF token from the page) and downloading exports
(xlsx, ics, pptx). Before the load, one user alone requests every page kind a few times:
the report shows each kind's p50 and p95 under load beside that single-user time, so that
waiting for the CPU (load p50 far above the time alone) can be told apart from slow code (slow
alone too). Prints requests, errors and latency percentiles per kind of request and overall;
exits 1 on any error response or server error. gunicorn is stopped in every case.
A database given in PLANNER_DATABASE_URL that already has the demo schools must have been made
by this script (their password is left as it is).

Two users generating the plan of the same class at the same moment may meet the plan's
optimistic locking: the later one is refused with a message. That is correct behaviour and is
counted as "refused concurrent edits", not as an error.

    make load                                   # or:
    .venv/bin/python bench/load_bench.py [--duration 45] [--users 20] [--workers 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import gevent
from locust import FastHttpUser, between, task
from locust.env import Environment
from locust.exception import CatchResponseError, RescheduleTask, StopUser

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-bench-wachtwoord"  # for the demo accounts of a fresh database
DOMAINS = ("deregenboog.example", "devlinder.example")
ROLES = ("coordinator", "leerkracht")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CATALOGUE_FILTERS = (
    "",
    "?kind=lesson",
    "?kind=lesson&grade=5",
    "?grade=7&grade=8",
    "?theme=privacy",
    "?theme=cyberpesten&kind=lesson",
    "?kind=guest_session",
    "?kind=material&page=2",
    "?duration=31-60",
    "?audience=parents",
)
SEARCH_WORDS = ("privacy", "pesten", "wachtwoord", "groepsapp", "nepnieuws", "game", "foto")
DOWNLOADS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PERCENTILES = (50, 90, 95, 99)


@dataclass
class Record:
    """What the run saw: response times per kind, error responses, refused edits."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, what happened)
    refused: int = 0
    generated: int = 0


RECORD = Record()
ALONE: dict[str, float] = {}  # request kind -> median milliseconds for one user alone
ALONE_REPEAT = 5
_accounts = itertools.count()


class Staff(FastHttpUser):
    """A coordinator or teacher of one of the demo schools, using the app for a while."""

    wait_time = between(0.2, 1.0)
    host = "http://127.0.0.1"  # replaced by the served address

    def on_start(self) -> None:
        number = next(_accounts)
        self.email = f"{ROLES[number % 2]}@{DOMAINS[(number // 2) % 2]}"
        try:
            self._look_around()
        except RescheduleTask:
            raise StopUser() from None  # its error is counted; this user cannot go on

    def _look_around(self) -> None:
        """Log in and find the classes, lessons and parent evenings to use."""
        login = self.page("/inloggen", "login page")
        form = {"csrf_token": _csrf(login), "email": self.email, "password": PASSWORD}
        self.send("/inloggen", form, "login")
        index = self.page("/jaarplan/", "year plans")
        self.classes = sorted({int(n) for n in re.findall(r'href="/jaarplan/klas/(\d+)"', index)})
        self.editable = [
            class_id
            for class_id in self.classes
            if f'action="/jaarplan/klas/{class_id}/genereren"'
            in self.page(f"/jaarplan/klas/{class_id}", "class plan")
        ]
        lessons = self.page("/catalogus/?kind=lesson", "catalogue list")
        self.lessons = sorted(
            set(re.findall(r'card__title"><a href="/catalogus/([a-z0-9-]+)"', lessons))
        )
        evenings = self.page("/ouderavonden/", "parent evenings")
        self.evenings = sorted(
            {int(n) for n in re.findall(r'href="/ouderavonden/(\d+)"', evenings)}
        )
        found = {"classes": self.classes, "editable classes": self.editable}
        found |= {"lessons": self.lessons, "parent evenings": self.evenings}
        if not all(found.values()):
            missing = ", ".join(name for name, values in found.items() if not values)
            RECORD.errors.append(("demo data", f"{self.email} sees no {missing}"))
            raise RescheduleTask()

    # --- requests ----------------------------------------------------------------------------

    def page(self, path: str, kind: str) -> str:
        """GET an HTML page that must answer 200."""
        return self._request("GET", path, kind, 200, "text/html").text or ""

    def download(self, path: str, kind: str, extension: str) -> None:
        self._request("GET", path, kind, 200, DOWNLOADS[extension])

    def send(self, path: str, form: dict[str, str], kind: str) -> str:
        """POST a form that must answer 303; returns where it sends the browser."""
        response = self._request("POST", path, kind, 303, None, form)
        return response.headers.get("Location", "")

    def _request(
        self,
        method: str,
        path: str,
        kind: str,
        status: int,
        content_type: str | None,
        form: dict[str, str] | None = None,
    ):
        with self.client.request(
            method, path, name=kind, data=form, allow_redirects=False, catch_response=True
        ) as response:
            problem = None
            headers = response.headers or {}  # none when no answer came
            if response.status_code != status:
                location = headers.get("Location", "")
                problem = f"{response.status_code} {location}".strip()
            elif content_type and not (headers.get("Content-Type") or "").startswith(content_type):
                problem = f"{response.status_code} {headers.get('Content-Type')}"
            elif status == 200 and not response.content:
                problem = f"{response.status_code} empty body"
            if problem:
                text = (response.text or "")[:200].replace("\n", " ")
                response.failure(f"{method} {path} ({self.email}): {problem} {text}")
                raise RescheduleTask()  # counted as an error by the request event
            response.success()
            return response

    # --- what staff do -----------------------------------------------------------------------

    @task(3)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(4)
    def catalogue(self) -> None:
        self.page("/catalogus/" + random.choice(CATALOGUE_FILTERS), "catalogue list")

    @task(2)
    def search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        self.page(f"/catalogus/?q={word}&grade={random.randint(1, 8)}", "catalogue search")

    @task(3)
    def item(self) -> None:
        self.page(f"/catalogus/{random.choice(self.lessons)}", "catalogue item")

    @task(2)
    def year_plans(self) -> None:
        self.page("/jaarplan/", "year plans")

    @task(3)
    def class_plan(self) -> None:
        self.page(f"/jaarplan/klas/{random.choice(self.classes)}", "class plan")

    @task(2)
    def overview(self) -> None:
        self.page("/jaarplan/overzicht", "overview")

    @task(2)
    def generate(self) -> None:
        """Open a class plan, press "generate", and read the message on the page it returns."""
        class_id = random.choice(self.editable)
        page = self.page(f"/jaarplan/klas/{class_id}", "class plan")
        location = self.send(
            f"/jaarplan/klas/{class_id}/genereren", {"csrf_token": _csrf(page)}, "generate plan"
        )
        path = re.sub(r"^https?://[^/]+", "", location)
        if path != f"/jaarplan/klas/{class_id}":
            RECORD.errors.append(("generate plan", f"{self.email}: sent to {location}"))
            return
        result = self.page(path, "class plan")
        if "flash--error" in result:
            RECORD.refused += 1
        elif "flash--success" in result:
            RECORD.generated += 1
        else:
            RECORD.errors.append(("generate plan", f"{self.email}: no message on {path}"))

    @task(1)
    def class_xlsx(self) -> None:
        class_id = random.choice(self.classes)
        self.download(f"/jaarplan/klas/{class_id}/plan.xlsx", "export xlsx (class)", "xlsx")

    @task(1)
    def school_xlsx(self) -> None:
        self.download("/jaarplan/overzicht/school.xlsx", "export xlsx (school)", "xlsx")

    @task(1)
    def class_ics(self) -> None:
        class_id = random.choice(self.classes)
        self.download(f"/jaarplan/klas/{class_id}/plan.ics", "export ics (class)", "ics")

    @task(1)
    def school_ics(self) -> None:
        self.download("/jaarplan/school.ics", "export ics (school)", "ics")

    @task(1)
    def lesson_pptx(self) -> None:
        slug = random.choice(self.lessons)
        self.download(f"/catalogus/{slug}/dia.pptx", "export pptx (lesson)", "pptx")

    @task(1)
    def evening_pptx(self) -> None:
        evening = random.choice(self.evenings)
        self.download(f"/ouderavonden/{evening}/presentatie.pptx", "export pptx (evening)", "pptx")


def _csrf(page: str) -> str:
    found = CSRF.search(page)
    if not found:
        RECORD.errors.append(("csrf", "no CSRF token on the page"))
        raise RescheduleTask()
    return found[1]


# --- the server -------------------------------------------------------------------------------


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the catalogue, make the demo schools (nothing changes if they exist)."""
    flask = [sys.executable, "-m", "flask", "--app", "planner"]
    for command in (["db", "upgrade"], ["catalogue", "sync"], ["demo", "--password", PASSWORD]):
        done = subprocess.run(
            flask + command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.exit(f"flask {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


class Gunicorn:
    """gunicorn in a process group of its own, so that stopping it stops every worker."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        import gunicorn.config

        self.log = log
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers)]
        command += ["--bind", "127.0.0.1:0", "--error-logfile", str(log)]
        if "control_socket_disable" in gunicorn.config.Config().settings:  # gunicorn 25+
            command.append("--no-control-socket")
        command.append("planner:create_app()")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for_port(self, timeout: float = 30) -> int:
        """The port gunicorn bound, once every worker answers."""
        import http.client

        deadline = time.monotonic() + timeout
        port = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_text()}")
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", self.log_text())
            booted = len(re.findall(r"Booting worker", self.log_text()))
            port = int(found[1]) if found else None
            if port and booted:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                try:
                    connection.request("GET", "/inloggen")
                    if connection.getresponse().status == 200:
                        return port
                except OSError:
                    pass
                finally:
                    connection.close()
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log_text()}")

    def stop(self) -> None:
        """SIGTERM to the group, and SIGKILL if it has not stopped after 15 seconds."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass

    def server_errors(self) -> list[str]:
        """Tracebacks and errors that the app or gunicorn logged."""
        text = self.log_text()
        return re.findall(r"^.*(?:\[ERROR\]|\[CRITICAL\]| ERROR in ).*$", text, re.MULTILINE)


# --- one user alone ------------------------------------------------------------------------


def single_user(port: int) -> None:
    """Each GET kind of the load test a few times by one user with the server to itself;
    fills ALONE with the median milliseconds per kind."""
    import http.client
    import statistics
    from urllib.parse import urlencode

    cookie = ""

    def get(path: str) -> tuple[float, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"single user: {path}: HTTP {response.status}")
        return elapsed, body.decode("utf-8", "replace") if path[-4:] not in DOWNLOAD_ENDS else ""

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/inloggen")
    page = connection.getresponse()
    cookie = (page.getheader("Set-Cookie") or "").split(";", 1)[0]
    token = CSRF.search(page.read().decode())[1]
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    form = {"csrf_token": token, "email": f"coordinator@{DOMAINS[0]}", "password": PASSWORD}
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/inloggen", body=urlencode(form), headers=headers)
    answer = connection.getresponse()
    answer.read()
    cookie = (answer.getheader("Set-Cookie") or cookie).split(";", 1)[0]
    connection.close()
    class_id = re.search(r'href="/jaarplan/klas/(\d+)"', get("/jaarplan/")[1])[1]
    lessons = get("/catalogus/?kind=lesson")[1]
    slug = re.search(r'card__title"><a href="/catalogus/([a-z0-9-]+)"', lessons)[1]
    evening = re.search(r'href="/ouderavonden/(\d+)"', get("/ouderavonden/")[1])[1]
    paths = {
        "start page": "/",
        "catalogue list": "/catalogus/?kind=lesson",
        "catalogue search": "/catalogus/?q=privacy&grade=5",
        "catalogue item": f"/catalogus/{slug}",
        "year plans": "/jaarplan/",
        "class plan": f"/jaarplan/klas/{class_id}",
        "overview": "/jaarplan/overzicht",
        "export xlsx (class)": f"/jaarplan/klas/{class_id}/plan.xlsx",
        "export xlsx (school)": "/jaarplan/overzicht/school.xlsx",
        "export ics (class)": f"/jaarplan/klas/{class_id}/plan.ics",
        "export ics (school)": "/jaarplan/school.ics",
        "export pptx (lesson)": f"/catalogus/{slug}/dia.pptx",
        "export pptx (evening)": f"/ouderavonden/{evening}/presentatie.pptx",
    }
    for kind, path in paths.items():
        get(path)  # warm up
        ALONE[kind] = statistics.median(get(path)[0] for _ in range(ALONE_REPEAT))


DOWNLOAD_ENDS = ("xlsx", ".ics", "pptx")


# --- the run ------------------------------------------------------------------------------


def run_users(host: str, users: int, duration: float) -> float:
    """Run the simulated users for `duration` seconds; returns the seconds they ran."""
    environment = Environment(user_classes=[Staff], host=host, stop_timeout=30)

    def on_request(name, response_time, exception, url=None, **_kwargs) -> None:
        RECORD.times[name].append(response_time)
        if isinstance(exception, CatchResponseError):  # a failed check: it names the path
            RECORD.errors.append((name, str(exception)))
        elif exception is not None:  # no answer at all
            RECORD.errors.append((name, f"{url}: {exception!r}"))

    def on_user_error(user_instance, exception, tb, **_kwargs) -> None:
        RECORD.errors.append(("user", f"{getattr(user_instance, 'email', '?')}: {exception!r}"))

    environment.events.request.add_listener(on_request)
    environment.events.user_error.add_listener(on_user_error)
    runner = environment.create_local_runner()
    started = time.monotonic()
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(duration, runner.quit)
    try:
        runner.greenlet.join()
    except BaseException:  # interrupted: stop the users at once, before the server goes
        environment.stop_timeout = None
        runner.quit()
        raise
    return time.monotonic() - started


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def report(seconds: float, users: int, workers: int, database: str) -> None:
    print(f"\n{users} users for {seconds:.0f} s, gunicorn with {workers} workers, {database}")
    header = f"{'request kind':<24}{'requests':>9}{'errors':>7}"
    header += "".join(f"{'p' + str(p):>8}" for p in PERCENTILES) + f"{'max':>8}"
    header += f"{'alone':>8}{'p50/alone':>10}{'p95/alone':>10}   (ms)"
    print(header)
    everything: list[float] = []
    for kind in sorted(RECORD.times):
        times = sorted(RECORD.times[kind])
        everything += times
        print(_row(kind, times, sum(1 for name, _ in RECORD.errors if name == kind)))
    print(_row("all", sorted(everything), len(RECORD.errors)))
    print(f"throughput: {len(everything) / seconds:.1f} requests/s")
    print(f"plans generated: {RECORD.generated}; refused concurrent edits: {RECORD.refused}")


def _row(kind: str, times: list[float], errors: int) -> str:
    cells = "".join(f"{percentile(times, p):>8.0f}" for p in PERCENTILES) if times else ""
    maximum = f"{max(times):>8.0f}" if times else ""
    alone = ""
    if times and kind in ALONE:
        single = ALONE[kind]
        alone = f"{single:>8.0f}{percentile(times, 50) / single:>10.1f}"
        alone += f"{percentile(times, 95) / single:>10.1f}"
    return f"{kind:<24}{len(times):>9}{errors:>7}{cells}{maximum}{alone}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=45, help="seconds of load (45)")
    parser.add_argument("--users", type=int, default=20, help="simulated users (20)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    options = parser.parse_args()

    def stop_on_signal(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    with tempfile.TemporaryDirectory(prefix="planner-load-") as folder:
        database = os.environ.get("PLANNER_DATABASE_URL") or f"sqlite:///{folder}/planner.sqlite3"
        env = dict(os.environ)
        env.update(
            PLANNER_DATABASE_URL=database,
            PLANNER_SECRET_KEY=os.environ.get("PLANNER_SECRET_KEY") or "load-bench-secret",
            PLANNER_CATALOGUE_PATH=os.environ.get("PLANNER_CATALOGUE_PATH")
            or str(ROOT / "lessons"),
        )
        print("Preparing the database ...", flush=True)
        prepare(env)
        server = Gunicorn(env, options.workers, Path(folder) / "gunicorn.log")
        try:
            port = server.wait_for_port()
            print("One user alone, every page kind ...", flush=True)
            single_user(port)
            print(f"Serving on 127.0.0.1:{port}; {options.users} users for {options.duration} s")
            seconds = run_users(f"http://127.0.0.1:{port}", options.users, options.duration)
        finally:
            server.stop()
        server_errors = server.server_errors()
        shown = database.split("@")[-1] if "@" in database else database.split(":")[0]
        report(seconds, options.users, options.workers, shown)
    for kind, line in RECORD.errors:
        print(f"error: [{kind}] {line}")
    for line in server_errors:
        print(f"server: {line}")
    if RECORD.errors or server_errors:
        print(f"FAILED: {len(RECORD.errors)} error responses, {len(server_errors)} server errors")
        return 1
    print("errors: 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
