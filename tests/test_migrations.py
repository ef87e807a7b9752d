"""Migrations: upgrade from empty, down one step and up again, and models match them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from planner.catalogue.search import outside_the_models
from planner.extensions import db


def _revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_models_and_migrations_agree(app) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_the_models})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_downgrade_one_step_and_upgrade_again(app) -> None:
    tables_before = set(inspect(db.engine).get_table_names())
    head = _revision()
    downgrade(revision="-1")
    db.engine.dispose()
    assert _revision() != head
    upgrade()
    db.engine.dispose()
    assert _revision() == head
    assert set(inspect(db.engine).get_table_names()) == tables_before
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_the_models})
        assert compare_metadata(context, db.metadata) == []


def _entry_with_booking(connection, booking: str) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO school (id, name, country, region, locale, created_at)"
            " VALUES (1, 'De Regenboog', 'NL', 'midden', 'nl', '2026-08-01')"
        )
    )
    connection.execute(
        sa.text(
            "INSERT INTO plan (id, school_id, school_year, gaps, created_at)"
            " VALUES (1, 1, '2026-2027', '[]', '2026-08-01')"
        )
    )
    connection.execute(
        sa.text(
            "INSERT INTO plan_entry (plan_id, day, title, reason_code, status, locked, booking,"
            " version) VALUES (1, '2026-10-06', 'Gastles', 'custom', 'planned', false, :b, 1)"
        ),
        {"b": booking},
    )


def test_suggestions_of_the_old_planner_become_proposals(app) -> None:
    """Before, the planner wrote 'requested' for its own suggestions: nobody had asked."""
    downgrade(revision="5e4c3b2a1f09")
    db.engine.dispose()
    with db.engine.begin() as connection:
        _entry_with_booking(connection, "requested")
    upgrade()
    db.engine.dispose()
    with db.engine.begin() as connection:
        assert connection.execute(sa.text("SELECT booking FROM plan_entry")).scalar() == (
            "proposed"
        )
        connection.execute(sa.text("UPDATE plan_entry SET booking = 'confirmed'"))
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE plan_entry SET booking = 'maybe'"))
