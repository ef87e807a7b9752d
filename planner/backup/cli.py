"""`flask backup FILE` and `flask restore FILE`: copies of the SQLite database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from planner.backup import sqlite as backup
from planner.extensions import db


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it already exists.")
@with_appcontext
def backup_command(file: Path, force: bool) -> None:
    """Write a consistent copy of the SQLite database to FILE; the app may keep running."""
    try:
        database = backup.sqlite_database(db.engine.url, "backup")
        backup.backup(database, file, force=force)
    except backup.BackupError as error:
        _fail(error)
    click.echo(f"Backup of {database} written to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace the SQLite database with the backup in FILE, then migrate it to this version."""
    scripts = ScriptDirectory(current_app.extensions["migrate"].directory)
    known = {script.revision for script in scripts.walk_revisions()}
    try:
        database = backup.sqlite_database(db.engine.url, "restore")
        revision = backup.check_backup(file, known)
    except backup.BackupError as error:
        _fail(error)
    if not yes:
        click.confirm(
            f"Replace everything in {database} with the backup in {file}?", abort=True, err=True
        )
    db.engine.dispose()
    try:
        backup.restore(file, database)
    except backup.BackupError as error:
        _fail(error)
    click.echo(f"Restored {file} into {database}.")
    if revision not in scripts.get_heads():
        upgrade()
        click.echo(f"Migrated the restored database from revision {revision} to this version.")
    db.engine.dispose()


def _fail(error: Exception) -> NoReturn:
    click.echo(f"Error: {error}", err=True)
    sys.exit(1)
