"""Record who changed what in plans, classes and parent evenings.

A listener on every flush looks at the objects that are created, changed or deleted, finds the
plan, class or evening they belong to, and adds one `AuditEvent` per such target, in the same
transaction as the change itself: a change that is rolled back leaves no trace, and one that
is saved always has its entry. Because it works on the session, every code path that changes
these objects is covered, the web pages as well as the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from planner.audit.models import AuditEvent
from planner.catalogue.models import CatalogueItem
from planner.evenings.models import ChecklistItem, ParentEvening, ProgrammeBlock
from planner.plans.models import Plan, PlanEntry
from planner.schools.models import ClassGrade, School, SchoolClass

# Columns that say nothing to a reader of the log.
IGNORED_FIELDS = frozenset(
    {
        "id",
        "version",
        "created_at",
        "updated_at",
        "position",
        "response_token",
        "sender",
        "generated_at",
        "gaps",
    }
)
MAX_VALUE_LENGTH = 200


@dataclass
class _Target:
    school_id: int
    target_type: str
    target_id: int | None
    label: str
    key_object: object  # kept referenced, so its id() stays unique in this transaction
    changes: list[dict[str, Any]] = field(default_factory=list)


PENDING = "audit_pending"  # session.info: this transaction's events, by target


Actor = Callable[[], tuple[int | None, str | None]]
_whoever: list[Actor] = [lambda: (None, None)]


def install(actor: Actor) -> None:
    """Listen to every session's flushes and transaction ends (idempotent). `actor` tells who
    is changing things now (the web layer's signed-in user; nobody on the command line)."""
    _whoever[0] = actor
    for name, listener in (
        ("before_flush", _before_flush),
        ("after_flush_postexec", _fill_in_ids),
        ("after_commit", _forget),
        ("after_soft_rollback", _forget),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _fill_in_ids(session: Session, _context: object) -> None:
    """A target created in this flush has its id now; the next flush stores it."""
    for key_object, audit_event in session.info.get(PENDING, {}).values():
        if audit_event.target_id is None and getattr(key_object, "id", None) is not None:
            audit_event.target_id = key_object.id


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(PENDING, None)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    gone_schools = {obj.id for obj in session.deleted if isinstance(obj, School)}
    targets: dict[tuple[str, int], _Target] = {}
    with session.no_autoflush:
        for action, objects in (
            ("created", session.new),
            ("updated", session.dirty),
            ("deleted", session.deleted),
        ):
            for obj in objects:
                _note(session, targets, action, obj)
    actor_id, actor = _whoever[0]()
    # One event per target and transaction, also when the work is flushed in several steps.
    pending: dict[tuple[str, int], tuple[object, AuditEvent]] = session.info.setdefault(PENDING, {})
    for key, target in targets.items():
        if target.school_id in gone_schools or not target.changes:
            continue
        if key in pending:
            earlier = pending[key][1]
            earlier.changes = [*earlier.changes, *target.changes]
            earlier.target_id = earlier.target_id or target.target_id
            continue
        audit_event = AuditEvent(
            school_id=target.school_id,
            user_id=actor_id,
            actor=actor,
            target_type=target.target_type,
            target_id=target.target_id,
            target_label=target.label[:MAX_VALUE_LENGTH],
            changes=target.changes,
        )
        session.add(audit_event)
        pending[key] = (target.key_object, audit_event)


def _note(session: Session, targets: dict, action: str, obj: object) -> None:
    found = _target_of(session, obj)
    if found is None:
        return
    key_object, target_type, kind, label = found
    fields: dict[str, list[Any]] = {}
    if action == "updated" and _orphaned(obj):
        action = "deleted"  # taken out of its plan or evening: the flush deletes it
    if action == "updated":
        fields = _changed_fields(session, obj)
        if not fields:
            return
    target = targets.get((target_type, id(key_object)))
    if target is None:
        target = _Target(
            school_id=_school_id(session, key_object),
            target_type=target_type,
            target_id=key_object.id,
            label=_target_label(session, key_object),
            key_object=key_object,
        )
        targets[(target_type, id(key_object))] = target
    change: dict[str, Any] = {"object": kind, "action": action, "label": label}
    if fields:
        change["fields"] = fields
    target.changes.append(change)


def _target_of(session: Session, obj: object) -> tuple[object, str, str, str] | None:
    """(the plan, class or evening it belongs to, its type, the object's kind, a label)."""
    match obj:
        case Plan():
            return obj, "plan", "plan", ""
        case PlanEntry():
            plan = obj.plan or _owner(session, obj, Plan, "entries")
            if plan is None and obj.plan_id is not None:
                plan = session.get(Plan, obj.plan_id)
            return (plan, "plan", "entry", _entry_label(session, obj)) if plan else None
        case SchoolClass():
            return obj, "class", "class", obj.name
        case ClassGrade():
            school_class = (
                session.get(SchoolClass, obj.class_id)
                if obj.class_id
                else _owner(session, obj, SchoolClass, "grade_rows")
            )
            return (school_class, "class", "grade", str(obj.grade)) if school_class else None
        case ParentEvening():
            return obj, "evening", "evening", obj.title
        case ProgrammeBlock():
            evening = obj.evening or _owner(session, obj, ParentEvening, "blocks")
            if evening is None and obj.evening_id is not None:
                evening = session.get(ParentEvening, obj.evening_id)
            label = obj.title or _item_title(session, obj.item_id, obj.__dict__.get("item")) or ""
            return (evening, "evening", "block", label) if evening else None
        case ChecklistItem():
            evening = (
                session.get(ParentEvening, obj.evening_id)
                if obj.evening_id
                else _owner(session, obj, ParentEvening, "checklist")
            )
            label = obj.label or obj.key or ""
            return (evening, "evening", "checklist", label) if evening else None
    return None


def _orphaned(obj: object) -> bool:
    """A saved entry or block whose parent let go of it (delete-orphan removes it)."""
    match obj:
        case PlanEntry():
            return obj.plan_id is not None and "plan" in obj.__dict__ and obj.plan is None
        case ProgrammeBlock():
            return obj.evening_id is not None and "evening" in obj.__dict__ and obj.evening is None
    return False


def _owner(session: Session, obj: object, parent_type: type, collection: str) -> object | None:
    """The parent in this session whose loaded collection holds obj (a child not yet saved)."""
    for candidate in _in_session(session):
        if isinstance(candidate, parent_type) and obj in candidate.__dict__.get(collection, ()):
            return candidate
    return None


def _in_session(session: Session) -> Iterable[object]:
    yield from session.new
    yield from session.identity_map.values()


def _school_id(session: Session, target: object) -> int:
    if isinstance(target, Plan | SchoolClass | ParentEvening):
        if target.school_id is None and getattr(target, "school", None) is not None:
            return target.school.id
        return target.school_id
    raise TypeError(target)


def _target_label(session: Session, target: object) -> str:
    if isinstance(target, Plan):
        school_class = target.school_class or (
            session.get(SchoolClass, target.class_id) if target.class_id else None
        )
        if school_class is not None:
            name = school_class.name
        else:  # the whole-school plan
            school = target.__dict__.get("school") or session.get(School, target.school_id)
            name = school.name if school else ""
        return f"{name} · {target.school_year}"
    if isinstance(target, SchoolClass):
        return target.name
    if isinstance(target, ParentEvening):
        return target.title
    return ""


def _entry_label(session: Session, entry: PlanEntry) -> str:
    title = entry.title or _item_title(session, entry.item_id, entry.__dict__.get("item")) or ""
    return f"{entry.day:%Y-%m-%d} {title}".strip() if entry.day else title


def _item_title(
    session: Session, item_id: int | None, item: CatalogueItem | None = None
) -> str | None:
    """The item's title in its own language; `item` when the relationship is already set."""
    if item is None and item_id is not None:
        item = session.get(CatalogueItem, item_id)
    if item is None:
        return None
    return item.title.get(item.language or "nl")


def _changed_fields(session: Session, obj: object) -> dict[str, list[Any]]:
    state = inspect(obj)
    changed: dict[str, list[Any]] = {}
    for attribute in state.mapper.column_attrs:
        if attribute.key in IGNORED_FIELDS:
            continue
        history = state.attrs[attribute.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        if attribute.key.endswith("item_id"):
            old, new = _item_title(session, old), _item_title(session, new)
            key = attribute.key.removesuffix("_id")
        else:
            key = attribute.key
        changed[key] = [_plain(old), _plain(new)]
    return changed


def _plain(value: object) -> object:
    """A JSON value for the log."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    text = str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"
