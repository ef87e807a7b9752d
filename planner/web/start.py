"""The start page: what a member of staff does this week and next, and what to do next;
for visitors, what the catalogue holds. And the language switch in the top bar.

The start page reads every domain, so it lives here at the top of the house.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from planner import clock
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import KIND_ORDER
from planner.core.redirects import safe_next
from planner.evenings.operations import evenings_of, next_evening
from planner.extensions import db
from planner.i18n import LOCALE_COOKIE, LOCALES
from planner.plans import operations as plans
from planner.policy.check import policy_rows
from planner.policy.incidents import incident_reminders
from planner.schools.operations import active_classes, school_count
from planner.web.year import selected_year

bp = Blueprint("start", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/")
def home() -> str | Response:
    """Start page; on the very first run, the way to set up the school."""
    if not current_user.is_authenticated and school_count() == 0:
        return redirect(url_for("schools.setup"))
    if current_user.is_authenticated:
        return render_template("start/today.html", **today_context())
    counts = dict(
        db.session.execute(
            select(CatalogueItem.kind, func.count())
            .where(CatalogueItem.archived_at.is_(None), CatalogueItem.school_id.is_(None))
            .group_by(CatalogueItem.kind)
        ).all()
    )
    kinds = [(kind, counts.get(kind.value, 0)) for kind in KIND_ORDER]
    return render_template("start/home.html", kinds=kinds, total=sum(counts.values()))


def today_context() -> dict[str, object]:
    """The start page of a member of staff: this week and next, progress, what to do next."""
    school = current_user.school
    classes = active_classes(school)
    mine = [c for c in classes if any(t.id == current_user.id for t in c.teachers)]
    shown = classes if current_user.is_coordinator else mine
    year = selected_year()
    plan_by_class = {p.class_id: p for p in plans.plans_of_school(school, year)}
    today = clock.today()
    monday = today - timedelta(days=today.weekday())
    return {
        "today": today,
        "upcoming": plans.upcoming(shown, school, monday, days=13),
        "progress": [(c, plans.progress(plan_by_class.get(c.id), today)) for c in shown],
        "overdue": plans.overdue(mine, school, today),
        "missing": [
            (c, plans.missing_themes(c, plan_by_class.get(c.id)))
            for c in shown
            if c.id in plan_by_class
        ],
        "mine": mine,
        "incident_reminders": incident_reminders(current_user, today),
        "next_evening": next_evening(school, today),
        "evenings": evenings_of(school, year),
        "policy_reviews": [row for row in policy_rows(school) if row.review_due(today)]
        if current_user.is_coordinator
        else [],
        "bookings": [
            b for b in plans.guest_bookings(school, year)[0] if b.entry.booking != "confirmed"
        ]
        if current_user.is_coordinator
        else [],
    }


@bp.post("/taal")
def switch_language() -> Response:
    """Remember the chosen interface language in a cookie and go back."""
    locale = request.form.get("locale", "")
    response = redirect(safe_next(request.form.get("next")), code=303)
    if locale in LOCALES:
        response.set_cookie(
            LOCALE_COOKIE,
            locale,
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response
