"""Real-browser tests: Playwright drives Debian's chromium against a live server.

In CI (CI=true) a missing chromium is an error, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from planner import create_app
from planner.catalogue.operations import sync_catalogue
from planner.extensions import db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


DEMO_PASSWORD = "demo-wachtwoord-1"


@pytest.fixture(scope="session")
def loaded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with the curated catalogue, made once and copied per server."""
    path = tmp_path_factory.mktemp("browser-template") / "planner.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        sync_catalogue(ROOT / "lessons")
        db.session.commit()
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.engine.dispose()
    return path


def _serve(template: Path, database: Path, demo: bool = False) -> Iterator[str]:
    """The app with the real catalogue on a fresh database, served on a free local port."""
    shutil.copyfile(template, database)
    app = create_app(
        {
            "TESTING": False,
            "SECRET_KEY": "browser-tests",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "CATALOGUE_PATH": str(ROOT / "lessons"),
        }
    )
    if demo:
        result = app.test_cli_runner().invoke(args=["demo", "--password", DEMO_PASSWORD])
        assert result.exit_code == 0, result.output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, loaded_template: Path) -> Iterator[str]:
    """A server shared by the tests that only read."""
    yield from _serve(loaded_template, tmp_path_factory.mktemp("live") / "planner.sqlite3")


@pytest.fixture
def demo_server(tmp_path: Path, loaded_template: Path) -> Iterator[str]:
    """A server of its own with the two demo schools."""
    yield from _serve(loaded_template, tmp_path / "planner.sqlite3", demo=True)


@pytest.fixture
def fresh_server(tmp_path: Path, loaded_template: Path) -> Iterator[str]:
    """A server of its own, with no school yet: the first run."""
    yield from _serve(loaded_template, tmp_path / "planner.sqlite3")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs the Debian package")
        pytest.skip("chromium is not installed (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def english_context(browser, **options):
    """A browser whose person chose English with the language switch: for staff and parents
    the school's language wins over the browser's own, so an English browser alone would not
    do."""
    context = browser.new_context(locale="en-GB", **options)
    context.add_cookies(
        [{"name": "planner_locale", "value": "en", "domain": "127.0.0.1", "path": "/"}]
    )
    return context


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def assert_accessible():
    """Check that axe-core finds no serious or critical violation on a page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert bad == [], "\n".join(bad)

    return check
