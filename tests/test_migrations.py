"""Migrations: upgrade from empty, down one step and up again, and models match them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from planner.catalogue.search import outside_the_models
from planner.extensions import db


def test_models_and_migrations_agree(app) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_the_models})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_downgrade_one_step_and_upgrade_again(app) -> None:
    tables_before = set(inspect(db.engine).get_table_names())
    downgrade(revision="-1")
    db.engine.dispose()
    assert set(inspect(db.engine).get_table_names()) < tables_before
    upgrade()
    db.engine.dispose()
    assert set(inspect(db.engine).get_table_names()) == tables_before
