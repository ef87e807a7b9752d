"""Catalogue speed: the list page and the API with 1,000 items, next to a bare Flask page.

Loads 1,000 generated items into a temporary SQLite database, serves the app and a bare
Flask page (bench/bare_app.py) each under gunicorn with 2 workers, and prints the time per
request for every URL and its ratio to the bare page. Prints figures; asserts nothing.

    .venv/bin/python bench/catalogue_bench.py [--items 1000] [--requests 200]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URLS = {
    "catalogue page, unfiltered": "/catalogus/",
    "catalogue page, filtered": "/catalogus/?kind=lesson&grade=7&theme=privacy&q=wachtwoord",
    "API, unfiltered (limit 200)": "/api/v1/catalogue",
    "API, filtered": "/api/v1/catalogue?kind=lesson&grade=7&theme=privacy&q=wachtwoord",
}


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
                    "themes": [themes[n % len(themes)], themes[(n * 3 + 1) % len(themes)]],
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


def fetch(port: int, path: str) -> float:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Language": "nl"})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return (time.perf_counter() - start) * 1000


def measure(port: int, path: str, requests: int, concurrency: int) -> list[float]:
    for _ in range(10):
        fetch(port, path)  # warm up both workers
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda _: fetch(port, path), range(requests)))


def describe(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return (
        statistics.fmean(ordered),
        ordered[len(ordered) // 2],
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        started = time.perf_counter()
        generate_items(database_url, args.items)
        print(f"loaded {args.items} items in {time.perf_counter() - started:.1f} s")
        env = dict(os.environ, PLANNER_DATABASE_URL=database_url, PLANNER_SECRET_KEY="bench")
        app_port, bare_port = free_port(), free_port()
        servers = [
            start_gunicorn("planner:create_app()", app_port, env),
            start_gunicorn("bench.bare_app:app", bare_port, env),
        ]
        try:
            bare = describe(measure(bare_port, "/", args.requests, args.concurrency))
            print(
                f"\n{args.requests} requests per URL, {args.concurrency} at a time, "
                "gunicorn with 2 workers; milliseconds per request"
            )
            print(f"{'':34}{'mean':>8}{'p50':>8}{'p95':>8}{'x bare':>9}")
            print(
                f"{'bare Flask page, 50-row table':34}{bare[0]:8.2f}{bare[1]:8.2f}{bare[2]:8.2f}"
                f"{1:9.1f}"
            )
            for label, path in URLS.items():
                mean, p50, p95 = describe(measure(app_port, path, args.requests, args.concurrency))
                print(f"{label:34}{mean:8.2f}{p50:8.2f}{p95:8.2f}{mean / bare[0]:9.1f}")
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
