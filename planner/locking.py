"""Serialising writers on one row, the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select, update

from planner.extensions import db


def lock_row(model: type, row_id: int) -> None:
    """Hold the row until this transaction ends: a check made after this sees every write
    committed before, and no other writer of the same row can come between check and write.

    PostgreSQL locks the row (SELECT ... FOR UPDATE). SQLite has no row locks: an UPDATE that
    changes nothing takes its database write lock (its driver begins the transaction at the
    first write), waiting for another writer as long as the busy timeout allows."""
    table = model.__table__  # type: ignore[attr-defined]
    key = next(iter(table.primary_key.columns))
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(table).where(key == row_id).values({key.name: key}))
    else:
        db.session.execute(select(key).where(key == row_id).with_for_update())
