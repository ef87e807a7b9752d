"""Copies of the SQLite database: an online backup, and a restore that checks what it gets.

Both go through SQLite's online backup API (sqlite3.Connection.backup), which copies one
consistent snapshot while other connections keep reading and writing. A plain file copy of a
database in WAL mode can miss committed writes, or catch a write half-way.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Collection
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import URL

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 30


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def sqlite_database(url: URL, action: str) -> Path:
    """The file of the app's SQLite database; other databases have their own tools."""
    if url.get_backend_name() == "postgresql":
        how = "back it up with pg_dump" if action == "backup" else "restore it with pg_restore"
        raise BackupError(
            f"The app uses PostgreSQL; {how} "
            "(see 'Deploying with PostgreSQL and gunicorn' in the README)."
        )
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            f"Only SQLite databases can be handled here, not {url.get_backend_name()}."
        )
    if not url.database or url.database == ":memory:" or url.database.startswith("file::memory:"):
        raise BackupError("The app's database lives in memory; there is no file to copy.")
    return Path(url.database)


def backup(database: Path, target: Path, *, force: bool = False) -> None:
    """Write a consistent copy of a live database to `target`, readable only by its owner."""
    if not database.is_file():
        raise BackupError(f"There is no database at {database}.")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give the name of the file to write.")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; use --force to overwrite it.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    # Write next to the target and rename, so that a failed backup never leaves half a file.
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with (
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
            # The copy is one self-contained file, not a database waiting for its WAL.
            copy.execute("PRAGMA journal_mode = DELETE")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy {database}: {error}") from None
    finally:
        partial.unlink(missing_ok=True)


def check_backup(file: Path, known_revisions: Collection[str]) -> str:
    """The migration revision of a backup of this app; BackupError if it is anything else."""
    if not file.exists():
        raise BackupError(f"{file} does not exist.")
    if not file.is_file():
        raise BackupError(f"{file} is not a file.")
    with file.open("rb") as opened:
        if opened.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{file} is not an SQLite database.")
    try:
        with closing(_open_read_only(file)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"{file} is damaged: {problems[0]}")
            revision = _revision(connection, file)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{file} is damaged: {error}") from None
    if revision not in known_revisions:
        raise BackupError(
            f"{file} is at database revision {revision}, which this version of the app does not "
            "know: it comes from another app, or from a newer version of this one."
        )
    return revision


def _open_read_only(file: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)


def _revision(connection: sqlite3.Connection, file: Path) -> str:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:
        raise BackupError(
            f"{file} is an SQLite database, but not one of this app (it has no alembic_version)."
        ) from None
    if len(rows) != 1:
        raise BackupError(f"{file} does not record one database revision, but {len(rows)}.")
    return str(rows[0][0])


def restore(file: Path, database: Path) -> None:
    """Replace the contents of the live database with a checked backup, page by page.

    Through the backup API the database file stays where it is, so connections that are open
    elsewhere (a running app) see the restored data with their next query."""
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(_open_read_only(file)) as source,
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)) as live,
        ):
            source.backup(live)
    except sqlite3.Error as error:
        raise BackupError(f"Could not restore into {database}: {error}") from None
