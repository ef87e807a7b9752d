"""Page speed under load: the pages a teacher opens daily, next to a bare Flask page.

Loads 1,000 generated items into a temporary SQLite database, adds a school of 24 classes with
their plans (one class plan of 50 entries) and a coordinator, serves the app and a bare Flask
page (bench/bare_app.py) each under gunicorn with 2 workers, and drives every URL with 10
concurrent connections for a fixed time. Prints throughput, p50, p95 and p99 for every URL
next to the bare page's from the same run, the ratios, and whether each meets its target.
Prints figures; asserts nothing.

    .venv/bin/python bench/catalogue_bench.py [--items 1000] [--seconds 8] [--concurrency 10]
"""

from __future__ import annotations

import argparse
import functools
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

print = functools.partial(print, flush=True)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-wachtwoord-lang-genoeg"
EMAIL = "coordinator@bench.example"
# label -> (path, minimum share of the bare page's throughput; the catalogue's p99 also
# at most twice the bare page's)
URLS: dict[str, tuple[str, float]] = {
    "catalogue page, unfiltered": ("/catalogus/", 0.60),
    "catalogue page, filtered": (
        "/catalogus/?kind=lesson&grade=7&theme=privacy&q=wachtwoord",
        0.60,
    ),
    "API, unfiltered (limit 200)": ("/api/v1/catalogue", 0.40),
    "API, filtered": ("/api/v1/catalogue?kind=lesson&grade=7&theme=privacy&q=wachtwoord", 0.40),
    "start page": ("/", 0.40),
    "class plan, 50 entries": ("/jaarplan/klas/{class_id}", 0.40),
    "item page (lesson)": ("/catalogus/item-3", 0.40),
    "school overview, 24 classes": ("/jaarplan/overzicht", 0.25),
}
P99_LIMITED = {"catalogue page, unfiltered", "catalogue page, filtered"}


def generate_items(database_url: str, count: int) -> None:
    """Fill a fresh database with `count` varied, valid catalogue items."""
    from flask_migrate import upgrade

    from planner import create_app
    from planner.catalogue import vocab
    from planner.catalogue.models import CatalogueItem
    from planner.catalogue.operations import apply_content
    from planner.catalogue.schema import ItemContent
    from planner.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    kinds = [k for k in vocab.Kind if k not in {vocab.Kind.LESSON, vocab.Kind.PARENT_EVENING}]
    themes = list(vocab.Theme)
    words = [
        "wachtwoord",
        "groepsapp",
        "sticker",
        "game",
        "privacy",
        "foto",
        "scherm",
        "nepnieuws",
        "afspraak",
    ]
    with app.app_context():
        upgrade()
        for n in range(count):
            low = 1 + n % 7
            content = ItemContent.model_validate(
                {
                    "kind": kinds[n % len(kinds)] if n % 3 else vocab.Kind.LESSON,
                    "title": {"nl": f"Item {n} over {words[n % len(words)]}", "en": f"Item {n}"},
                    "summary": {"nl": f"Samenvatting {n} met {words[(n * 7) % len(words)]}."},
                    "grades": [low, low + 1],
                    "themes": sorted({themes[n % len(themes)], themes[(n * 3 + 1) % len(themes)]}),
                    "competences": ["reflecteren"],
                    "audience": ["pupils"],
                    "country": ["NL", "BE"] if n % 2 else ["NL"],
                    "duration_minutes": 15 + (n % 6) * 10,
                    "source": "bench",
                    "goals": ["Ik leer iets."],
                    "conversation": [{"question": "Wat vind jij?", "answers": ["Niks"]}],
                    "provider": f"Aanbieder {n % 25}",
                }
            )
            body = "\n".join(
                f"## Dia {s}\n- {words[(n + s) % len(words)]}\n\n> Notitie {s}\n" for s in range(8)
            )
            item = CatalogueItem(
                slug=f"item-{n}", origin="curated", tags=[], content_hash="x", source_path=None
            )
            apply_content(item, content, body)
            db.session.add(item)
        db.session.commit()


def build_school(database_url: str) -> int:
    """A school of 24 classes with plans (the first of 50 entries) and a coordinator; returns
    the id of the class with 50 entries."""
    from planner import clock, create_app
    from planner.accounts.models import Role
    from planner.accounts.operations import create_user
    from planner.catalogue.models import CatalogueItem
    from planner.extensions import db
    from planner.plans.models import Plan, PlanEntry
    from planner.schools.models import SchoolClass
    from planner.schools.operations import create_school, current_school_year, save_class

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    grade_sets = ([1, 2], [3], [4], [5], [6], [7, 8], [7], [8], [3, 4], [5, 6])
    with app.app_context():
        school = create_school("Bench school", "NL", "midden", "nl")
        create_user(school, email=EMAIL, name="Bench", password=PASSWORD, role=Role.COORDINATOR)
        year = current_school_year(school, clock.today())
        start = year.start(school.country)
        items = db.session.scalars(select_items(CatalogueItem)).all()
        classes = []
        for index in range(24):
            school_class = save_class(
                school,
                SchoolClass(),
                name=f"Klas {index}",
                grades=grade_sets[index % len(grade_sets)],
                head_count=25,
                teachers=[],
            )
            classes.append(school_class)
            plan = Plan(school_id=school.id, class_id=school_class.id, school_year=year.label)
            count = 50 if index == 0 else 20
            plan.entries = [
                PlanEntry(
                    day=start + timedelta(days=7 * (n % 40) + n // 40),
                    item_id=items[(index * 37 + n * 11) % len(items)].id,
                    reason_code="theme",
                    reason_value="privacy",
                )
                for n in range(count)
            ]
            db.session.add(plan)
        db.session.commit()
        return classes[0].id


def select_items(model):
    from sqlalchemy import select

    return select(model).order_by(model.id)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(target: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [
            gunicorn,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "--chdir",
            str(ROOT),
            target,
        ],
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"gunicorn for {target} did not start")


def request(
    port: int, method: str, path: str, headers: dict[str, str], body: str | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def log_in(port: int) -> str:
    """The session cookie of the bench coordinator (valid in every worker)."""
    page = request(port, "GET", "/inloggen", {})
    cookie = page.getheader("Set-Cookie", "").split(";", 1)[0]
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page.body)[1].decode()
    from urllib.parse import urlencode

    form = urlencode({"csrf_token": token, "email": EMAIL, "password": PASSWORD})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    answer = request(port, "POST", "/inloggen", headers, form)
    if answer.status != 303:
        raise RuntimeError(f"login failed: HTTP {answer.status}")
    return answer.getheader("Set-Cookie", "").split(";", 1)[0]


def fetch(port: int, path: str, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    response = request(port, "GET", path, headers)
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return (time.perf_counter() - start) * 1000


def measure(
    port: int, path: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> tuple[float, list[float]]:
    """Requests per second and every request's milliseconds, `concurrency` connections busy
    for `seconds`."""
    for _ in range(10):
        fetch(port, path, headers)  # warm up both workers
    times: list[float] = []
    errors: list[Exception] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def connection() -> None:
        mine = []
        while time.perf_counter() < stop:
            try:
                mine.append(fetch(port, path, headers))
            except (OSError, RuntimeError) as error:  # counted, and shown once
                with lock:
                    if not errors:
                        print(f"  error: {error}")
                    errors.append(error)
        with lock:
            times.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=connection) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {path}: {len(errors)} requests failed")
    return len(times) / (time.perf_counter() - started), sorted(times) or [float("nan")]


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def row(label: str, rate: float, times: list[float], bare: tuple[float, float]) -> str:
    p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
    return (
        f"{label:30}{rate:8.1f}{p50:8.1f}{p95:8.1f}{p99:8.1f}"
        f"{rate / bare[0]:9.0%}{p99 / bare[1]:8.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=8, help="per URL (8)")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--only", help="measure only the URLs whose label contains this")
    args = parser.parse_args()
    # Stopped (SIGTERM, e.g. by timeout): stop the servers too, in the finally below.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))

    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        started = time.perf_counter()
        generate_items(database_url, args.items)
        class_id = build_school(database_url)
        print(f"loaded {args.items} items and a school in {time.perf_counter() - started:.1f} s")
        env = dict(os.environ, PLANNER_DATABASE_URL=database_url, PLANNER_SECRET_KEY="bench")
        app_port, bare_port = free_port(), free_port()
        servers = [
            start_gunicorn("planner:create_app()", app_port, env),
            start_gunicorn("bench.bare_app:app", bare_port, env),
        ]
        try:
            headers = {"Accept-Language": "nl", "Cookie": log_in(app_port)}
            rate, times = measure(bare_port, "/", args.seconds, args.concurrency, {})
            bare = (rate, percentile(times, 99))
            print(
                f"\n{args.concurrency} connections for {args.seconds:.0f} s per URL, gunicorn "
                f"with 2 workers, {os.cpu_count()} cores; req/s and milliseconds"
            )
            print(
                f"{'':30}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'of bare':>9}"
                f"{'p99 x':>8}  target"
            )
            print(row("bare Flask page, 50 rows", rate, times, bare))
            for label, (path, share) in URLS.items():
                if args.only and args.only not in label:
                    continue
                path = path.format(class_id=class_id)
                rate, times = measure(app_port, path, args.seconds, args.concurrency, headers)
                met = rate / bare[0] >= share
                target = f">= {share:.0%}"
                if label in P99_LIMITED:
                    met = met and percentile(times, 99) <= 2 * bare[1]
                    target += ", p99 <= 2x"
                print(f"{row(label, rate, times, bare)}  {target} {'met' if met else 'MISSED'}")
        finally:
            for server in servers:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


if __name__ == "__main__":
    main()
