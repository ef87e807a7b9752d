"""The change log page: who changed what in plans, classes and parent evenings."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from planner.accounts.permissions import coordinator_required
from planner.audit.models import TARGET_TYPES, AuditEvent
from planner.evenings.models import ParentEvening
from planner.evenings.operations import CHECKLIST_LABELS
from planner.extensions import db
from planner.grades import grade_label
from planner.i18n import current_locale
from planner.plans.models import Plan
from planner.schools.models import SchoolClass
from planner.web.locale import current_country

bp = Blueprint("audit", __name__)

PAGE_SIZE = 50

TARGET_LABELS = {
    "plan": _l("Year plans"),
    "class": _l("Classes"),
    "evening": _l("Parent evenings"),
}
OBJECT_LABELS = {
    "plan": _l("Plan"),
    "entry": _l("Activity"),
    "class": _l("Class"),
    "grade": _l("Grade"),
    "evening": _l("Parent evening"),
    "block": _l("Programme block"),
    "checklist": _l("Checklist"),
}
ACTION_LABELS = {"created": _l("added"), "updated": _l("changed"), "deleted": _l("removed")}
FIELD_LABELS = {
    "day": _l("date"),
    "start_time": _l("start time"),
    "end_time": _l("end time"),
    "item": _l("activity"),
    "title": _l("title"),
    "status": _l("status"),
    "note": _l("note"),
    "locked": _l("locked"),
    "booking": _l("booking"),
    "reason_code": _l("reason"),
    "reason_value": _l("reason"),
    "name": _l("name"),
    "head_count": _l("number of pupils"),
    "archived_at": _l("archived"),
    "place": _l("place"),
    "grades": _l("grades"),
    "speaker": _l("speaker"),
    "provider_item": _l("provider"),
    "max_guests": _l("maximum number of guests"),
    "invitation_text": _l("invitation"),
    "responses_open": _l("responses open"),
    "minutes": _l("minutes"),
    "label": _l("item"),
    "done_by": _l("done by"),
    "done_at": _l("done at"),
    "generated_at": _l("generated"),
    "gaps": _l("gaps"),
}


@bp.app_template_global()
def audit_labels() -> dict[str, dict[str, object]]:
    return {
        "target": dict(TARGET_LABELS),
        "object": dict(OBJECT_LABELS),
        "action": dict(ACTION_LABELS),
        "field": dict(FIELD_LABELS),
    }


@dataclass(frozen=True)
class ChangeGroup:
    """Changes of one kind in one save: "14 activities added" with the list behind it."""

    object: str
    action: str
    changes: tuple[dict, ...]


def grouped(changes: list[dict]) -> list[ChangeGroup]:
    """Changes grouped by what and how, in the order they first appear."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for change in changes:
        key = (change.get("object", ""), change.get("action", ""))
        groups.setdefault(key, []).append(_readable(change))
    return [ChangeGroup(obj, action, tuple(items)) for (obj, action), items in groups.items()]


def _readable(change: dict) -> dict:
    """Translate what was stored as a code: standard checklist items, grades."""
    label = change.get("label") or ""
    if change.get("object") == "checklist" and label in CHECKLIST_LABELS:
        label = str(CHECKLIST_LABELS[label])
    elif change.get("object") == "grade" and label.isdigit():
        label = grade_label([int(label)], current_locale(), current_country())
    return {**change, "label": label}


@bp.get("/school/logboek")
@coordinator_required
def log() -> str:
    """The newest changes first, 50 to a page, optionally of one kind."""
    kind = request.args.get("soort", "")
    if kind and kind not in TARGET_TYPES:
        abort(400, description=str(_l("Unknown kind of change.")))
    page = request.args.get("pagina", "1")
    # Plain digits only: "²" is a digit to str.isdigit() but not to int().
    if not (page.isascii() and page.isdigit() and len(page) <= 6) or not 1 <= int(page) <= 100_000:
        abort(400, description=str(_l("Unknown page.")))
    page_number = int(page)
    query = select(AuditEvent).where(AuditEvent.school_id == current_user.school_id)
    if kind:
        query = query.where(AuditEvent.target_type == kind)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    events = db.session.scalars(
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE)
        .offset((page_number - 1) * PAGE_SIZE)
    ).all()
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "audit/log.html",
        events=events,
        kind=kind,
        page=page_number,
        pages=pages,
        total=total,
        urls=target_urls(list(events)),
        grouped=grouped,
    )


def target_urls(events: list[AuditEvent]) -> dict[int, str]:
    """Where each changed thing lives now, by event id; left out when it no longer exists.
    Three queries for the page, not one per event."""
    wanted: dict[str, set[int]] = {kind: set() for kind in TARGET_TYPES}
    for event in events:
        if event.target_id is not None:
            wanted[event.target_type].add(event.target_id)
    plans = dict(
        db.session.execute(select(Plan.id, Plan.class_id).where(Plan.id.in_(wanted["plan"]))).all()
    )
    classes = set(
        db.session.scalars(select(SchoolClass.id).where(SchoolClass.id.in_(wanted["class"])))
    )
    evenings = set(
        db.session.scalars(select(ParentEvening.id).where(ParentEvening.id.in_(wanted["evening"])))
    )
    urls: dict[int, str] = {}
    for event in events:
        target = event.target_id
        if event.target_type == "plan" and target in plans:
            class_id = plans[target]
            urls[event.id] = (
                url_for("plans.class_plan", class_id=class_id)
                if class_id is not None
                else url_for("plans.overview")
            )
        elif event.target_type == "class" and target in classes:
            urls[event.id] = url_for("plans.class_plan", class_id=target)
        elif event.target_type == "evening" and target in evenings:
            urls[event.id] = url_for("evenings.programme", evening_id=target)
    return urls
