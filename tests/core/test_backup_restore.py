"""`flask backup` and `flask restore`: copies of the SQLite database, checked on the way back."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from planner import MIGRATIONS_DIR
from planner.extensions import db
from planner.schools.models import School, SchoolClass
from planner.schools.operations import create_school, save_class
from tests.conftest import make_test_app


def _sqlite_app(tmp_path: Path, name: str) -> Flask:
    return make_test_app(f"sqlite:///{tmp_path / name}", tmp_path)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Flask]:
    """An app on a SQLite file of its own, migrated, with one school and one class."""
    app = _sqlite_app(tmp_path, "live.sqlite3")
    with app.app_context():
        upgrade()
        school = create_school("De Regenboog", "NL", "midden", "nl")
        save_class(
            school, SchoolClass(), name="Groep 7/8", grades=[7, 8], head_count=27, teachers=[]
        )
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


def _run(app: Flask, *args: str, **kwargs: object):
    return app.test_cli_runner().invoke(args=list(args), **kwargs)


def _school_names() -> list[str]:
    names = list(db.session.scalars(select(School.name).order_by(School.name)))
    db.session.rollback()  # end the read, as a request would
    return names


def _live_path() -> Path:
    return Path(str(db.engine.url.database))


def test_backup_then_restore_brings_the_data_back(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    result = _run(live, "backup", str(copy))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # it holds password hashes
    with closing(sqlite3.connect(copy)) as check:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    school = db.session.scalar(select(School))
    school.name = "Andere naam"
    db.session.delete(db.session.scalar(select(SchoolClass)))
    create_school("Nieuwe school", "BE", "vlaanderen", "nl_BE")
    db.session.commit()
    # A connection that stays open through the restore, as a running app's would.
    with closing(sqlite3.connect(_live_path())) as elsewhere:
        assert elsewhere.execute("SELECT count(*) FROM school").fetchone() == (2,)

        result = _run(live, "restore", "--yes", str(copy))
        assert result.exit_code == 0, result.output
        assert "Restored" in result.output
        assert "Migrated" not in result.output  # the backup was already up to date

        assert elsewhere.execute("SELECT name FROM school").fetchall() == [("De Regenboog",)]
    assert _school_names() == ["De Regenboog"]
    (school_class,) = db.session.scalars(select(SchoolClass))
    assert (school_class.name, school_class.grades) == ("Groep 7/8", [7, 8])


def test_backup_copies_what_is_committed_while_someone_writes(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    with closing(sqlite3.connect(_live_path(), isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE school SET name = 'Half geschreven'")
        result = _run(live, "backup", str(copy))
        writer.execute("COMMIT")
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(copy)) as check:
        assert check.execute("SELECT name FROM school").fetchall() == [("De Regenboog",)]


def test_backup_refuses_to_overwrite_without_force(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    copy.write_bytes(b"something precious")
    result = _run(live, "backup", str(copy))
    assert result.exit_code == 1
    assert "already exists; use --force" in result.output
    assert copy.read_bytes() == b"something precious"
    result = _run(live, "backup", "--force", str(copy))
    assert result.exit_code == 0, result.output
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_backup_into_a_missing_folder_fails_cleanly(live: Flask, tmp_path: Path) -> None:
    result = _run(live, "backup", str(tmp_path / "nergens" / "backup.sqlite3"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_postgresql_points_at_pg_dump(tmp_path: Path) -> None:
    app = make_test_app("postgresql+psycopg://planner@127.0.0.1:1/planner", tmp_path)
    with app.app_context():
        backup = _run(app, "backup", str(tmp_path / "backup.sqlite3"))
        assert backup.exit_code == 1
        assert "pg_dump" in backup.output
        restore = _run(app, "restore", "--yes", str(tmp_path / "backup.sqlite3"))
        assert restore.exit_code == 1
        assert "pg_restore" in restore.output
    assert not (tmp_path / "backup.sqlite3").exists()


def _refused(app: Flask, file: Path, message: str) -> None:
    result = _run(app, "restore", "--yes", str(file))
    assert result.exit_code == 1
    assert message in result.output
    assert _school_names() == ["De Regenboog"]  # nothing changed


def test_restore_refuses_a_missing_file(live: Flask, tmp_path: Path) -> None:
    _refused(live, tmp_path / "er-niet.sqlite3", "does not exist")


def test_restore_refuses_a_file_that_is_not_sqlite(live: Flask, tmp_path: Path) -> None:
    not_sqlite = tmp_path / "plan.json"
    not_sqlite.write_text('{"school": "De Regenboog"}')
    _refused(live, not_sqlite, "is not an SQLite database")


def test_restore_refuses_a_damaged_backup(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    assert _run(live, "backup", str(copy)).exit_code == 0
    raw = bytearray(copy.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    raw[page_size:] = b"\xa5" * (len(raw) - page_size)  # every page after the header is garbage
    copy.write_bytes(bytes(raw))
    _refused(live, copy, "is damaged")


def test_restore_refuses_a_database_of_another_app(live: Flask, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT)")
        connection.commit()
    _refused(live, other, "not one of this app")


def test_restore_refuses_an_unknown_revision(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    assert _run(live, "backup", str(copy)).exit_code == 0
    with closing(sqlite3.connect(copy)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
        connection.commit()
    _refused(live, copy, "revision ffffffffffff")


def test_restore_asks_first(live: Flask, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite3"
    assert _run(live, "backup", str(copy)).exit_code == 0
    create_school("Nieuwe school", "BE", "vlaanderen", "nl_BE")
    db.session.commit()
    result = _run(live, "restore", str(copy), input="n\n")
    assert result.exit_code == 1
    assert _school_names() == ["De Regenboog", "Nieuwe school"]


def test_an_older_backup_is_migrated_up(live: Flask, tmp_path: Path) -> None:
    scripts = ScriptDirectory(MIGRATIONS_DIR)
    head = scripts.get_current_head()
    previous = scripts.get_revision(head).down_revision
    assert isinstance(previous, str)
    old = _sqlite_app(tmp_path, "old.sqlite3")
    with old.app_context():
        upgrade(revision=previous)
        db.engine.dispose()
    result = _run(live, "restore", "--yes", str(tmp_path / "old.sqlite3"))
    assert result.exit_code == 0, result.output
    assert f"Migrated the restored database from revision {previous}" in result.output
    with closing(sqlite3.connect(_live_path())) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
    assert _school_names() == []
