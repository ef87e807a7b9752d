"""Caches of catalogue facts that every worker keeps, keyed on the catalogue's revision.

The revision is a token in the database (CatalogueRevision) that changes in the same
transaction as any catalogue item or tag, so a worker never serves a fact about an older
catalogue: it reads the token (one indexed row) and computes again when it differs. Nothing
here is a worker's private truth; the cache only saves work.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import ORMExecuteState, Session

from planner.catalogue.models import CatalogueItem, CatalogueRevision, CatalogueTag
from planner.extensions import db
from planner.schools.models import School

T = TypeVar("T")
MAX_ENTRIES = 512

_entries: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()
_lock = threading.Lock()


def current_token() -> str | None:
    """The catalogue's revision as this transaction sees it (None before the first one)."""
    return db.session.scalar(select(CatalogueRevision.token).where(CatalogueRevision.id == 1))


def cached(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """compute() for this revision of the catalogue, computed once per worker and key."""
    token = current_token()
    if token is None:
        return compute()
    full_key = (name, token, key)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (for tests that swap databases; never needed for correctness)."""
    with _lock:
        _entries.clear()


# A school's own items go with it when it is deleted (ON DELETE CASCADE, in the database).
_CATALOGUE_CLASSES = (CatalogueItem, CatalogueTag, School)
_CATALOGUE_TABLES = frozenset({"catalogue_item", "catalogue_tag", "school"})


@event.listens_for(Session, "before_flush")
def _note_catalogue_changes(session: Session, _context: object, _instances: object) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, _CATALOGUE_CLASSES):
            session.info["catalogue_changed"] = True
            return


@event.listens_for(Session, "after_flush")
def _new_revision_after_flush(session: Session, _context: object) -> None:
    if session.info.pop("catalogue_changed", False):
        _new_revision(session)


@event.listens_for(Session, "do_orm_execute")
def _new_revision_on_bulk_change(state: ORMExecuteState) -> None:
    """UPDATE and DELETE statements (and INSERTs) bypass the flush: note them too."""
    if state.is_select:
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _CATALOGUE_TABLES:
        _new_revision(state.session)


def _new_revision(session: Session) -> None:
    connection = session.connection()
    token = secrets.token_hex(16)
    table = CatalogueRevision.__table__
    done = connection.execute(update(table).where(table.c.id == 1).values(token=token))
    if done.rowcount == 0:
        connection.execute(insert(table).values(id=1, token=token))
