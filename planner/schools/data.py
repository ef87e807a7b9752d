"""A school's data as a whole: every row that belongs to it, to export as JSON or to delete.

Which rows belong to a school is read from the foreign keys, not listed by hand: a row belongs
to the school when a chain of foreign keys leads from it to the school's row. A table added
later is therefore exported and deleted without a change here. Curated catalogue items (no
school) have no such chain and stay. Only secret columns are named here, by name and by the
shape of their name, and they never leave the database.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    ForeignKeyConstraint,
    Table,
    delete,
    false,
    or_,
    select,
    tuple_,
)

from planner.clock import utcnow
from planner.extensions import db

APP_NAME = "Jaarplanner Mediawijsheid"
FORMAT = "jaarplanner-school-export"
FORMAT_VERSION = 1

# Left out of every export: what lets someone log in, open a link or tell people apart.
SECRET_COLUMNS = frozenset(
    {
        "password_hash",
        "token",
        "token_hash",
        "response_token",
        "secret",
        "secret_key",
        "api_key",
        "sender",  # evening_response: a keyed hash of a parent's address
        "browser",  # evening_response: a keyed hash of the key in a parent's browser
    }
)
SECRET_SUFFIXES = ("token", "_hash", "_secret", "password")


def is_secret(column: Column[Any]) -> bool:
    """Whether a column holds a secret (a password hash, a token, a key) that is never exported."""
    name = column.name.lower()
    return name in SECRET_COLUMNS or name.endswith(SECRET_SUFFIXES)


class SchoolData:
    """The tables that hold school data, found by walking the foreign keys towards `root`."""

    def __init__(self, root: Table | None = None) -> None:
        self.root = root if root is not None else db.metadata.tables["school"]
        self.tables = [
            table
            for table in self.root.metadata.sorted_tables
            if table is not self.root and self._reaches_root(table, frozenset())
        ]

    def _links(self, table: Table, cascade_only: bool) -> Iterator[ForeignKeyConstraint]:
        for constraint in table.foreign_key_constraints:
            if cascade_only and (constraint.ondelete or "").upper() != "CASCADE":
                continue
            yield constraint

    def _reaches_root(self, table: Table, seen: frozenset[Table]) -> bool:
        for constraint in self._links(table, cascade_only=False):
            referred = constraint.referred_table
            if referred is self.root:
                return True
            if (
                referred not in seen
                and referred is not table
                and self._reaches_root(referred, seen | {table})
            ):
                return True
        return False

    def deleted_with_school(self, table: Table) -> bool:
        """Whether a chain of ON DELETE CASCADE keys leads from the table to the school."""
        return self._condition(table, 0, True, frozenset()) is not None

    def condition(
        self, table: Table, school_id: int, *, cascade_only: bool = False
    ) -> ColumnElement[bool]:
        """SQL that is true for the rows of `table` that belong to the school.

        With cascade_only, only chains of ON DELETE CASCADE keys count: the rows that deleting
        the school is meant to delete (a SET NULL key keeps its row and forgets the school)."""
        if table is self.root:
            return or_(*(column == school_id for column in self.root.primary_key.columns))
        found = self._condition(table, school_id, cascade_only, frozenset())
        return found if found is not None else false()

    def _condition(
        self, table: Table, school_id: int, cascade_only: bool, seen: frozenset[Table]
    ) -> ColumnElement[bool] | None:
        alternatives = []
        for constraint in self._links(table, cascade_only):
            referred = constraint.referred_table
            local = [element.parent for element in constraint.elements]
            remote = [element.column for element in constraint.elements]
            if referred is self.root and list(referred.primary_key.columns) == remote:
                alternatives.append(local[0] == school_id)
                continue
            if referred is self.root:
                inner: ColumnElement[bool] | None = self.condition(referred, school_id)
            elif referred in seen or referred is table:
                continue
            else:
                inner = self._condition(referred, school_id, cascade_only, seen | {table})
            if inner is None:
                continue
            keys = select(*remote).where(inner)
            alternatives.append(local[0].in_(keys) if len(local) == 1 else tuple_(*local).in_(keys))
        return or_(*alternatives) if alternatives else None

    def rows(self, connection: Connection, table: Table, school_id: int) -> list[dict[str, Any]]:
        """The school's rows of one table, secrets left out, in primary-key order."""
        shown = [column for column in table.columns if not is_secret(column)]
        query = (
            select(*shown)
            .where(self.condition(table, school_id))
            .order_by(*table.primary_key.columns)
        )
        return [dict(row._mapping) for row in connection.execute(query)]

    def delete(self, connection: Connection, school_id: int) -> None:
        """Delete the school and every row that cascades from it.

        Rows go children first, so that a RESTRICT key between two of the school's own tables
        (a plan entry pointing at the school's own catalogue item) never blocks; the database's
        own ON DELETE rules then deal with anything else that pointed at those rows."""
        for table in reversed(self.tables):
            if self.deleted_with_school(table):
                condition = self.condition(table, school_id, cascade_only=True)
                connection.execute(delete(table).where(condition))
        connection.execute(delete(self.root).where(self.condition(self.root, school_id)))


def export_school(school_id: int, exported_at: datetime | None = None) -> bytes:
    """Every row of the school in every table, as one JSON document (UTF-8 bytes)."""
    data = SchoolData()
    connection = db.session.connection()
    tables = [data.root, *data.tables]
    school = data.rows(connection, data.root, school_id)
    document = {
        "app": APP_NAME,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": (exported_at or utcnow()).replace(tzinfo=UTC).isoformat(),
        "school": {"id": school_id, "name": school[0]["name"] if school else None},
        "notes": {
            "times": "UTC, ISO 8601",
            "binary": "binary values are base64 strings",
            "left_out": "secrets (password hashes, tokens, keys, hashed addresses) are left out",
        },
        "left_out_columns": {
            table.name: [column.name for column in table.columns if is_secret(column)]
            for table in tables
            if any(is_secret(column) for column in table.columns)
        },
        "tables": {
            table.name: school if table is data.root else data.rows(connection, table, school_id)
            for table in tables
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_plain).encode()


def _plain(value: object) -> object:
    """A JSON-able form of a database value."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"cannot export a value of type {type(value).__name__}")


def delete_school(school_id: int) -> None:
    """Delete the school with everything in it; flushes first, never commits.

    Afterwards the session forgets every object it held, since their rows may be gone."""
    db.session.flush()
    SchoolData().delete(db.session.connection(), school_id)
    db.session.expunge_all()


def export_filename(school_name: str, day: date) -> str:
    """A file name such as de-regenboog-2026-11-21.json, safe in any header and file system."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in school_name.lower())
    slug = "-".join(part for part in slug.split("-") if part) or "school"
    return f"{slug}-{day.isoformat()}.json"
