"""Pages that belong to no single domain: the start page, the language switch, errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException

from planner import clock, grades
from planner.accounts.operations import colleagues, open_invitations
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import KIND_ORDER
from planner.catalogue.vocab import COST_LABELS, Cost
from planner.core.redirects import safe_next
from planner.errors import DomainError
from planner.evenings.operations import next_evening
from planner.extensions import db
from planner.i18n import LOCALE_COOKIE, LOCALES, current_locale, html_lang
from planner.plans import operations as plans
from planner.policy.operations import incident_reminders, policy_rows
from planner.schools.operations import active_classes, school_count
from planner.schools.views import selected_year
from planner.web.locale import current_country, switch_choices
from planner.web.messages import describe

bp = Blueprint("core", __name__)

ONE_YEAR = 365 * 24 * 3600


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Positions on the year strip are inline style attributes; no inline script anywhere.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Public pages that show something private all the same: a parent's own answer, the forms
# behind an invitation or password link.
PRIVATE_PUBLIC_PAGES = frozenset(
    {"evenings.respond", "accounts.accept", "accounts.reset_password", "accounts.forgot_password"}
)
STATIC_ENDPOINTS = frozenset({"static", "policy.static", "catalogue.picture"})
HSTS = "max-age=31536000"


@bp.after_app_request
def security_headers(response: Response) -> Response:
    """Every response: a strict Content-Security-Policy and the usual protective headers;
    nothing seen behind a login is kept by the browser or a proxy; HTTPS only when the
    cookies are."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if _private(response):
        response.headers["Cache-Control"] = "no-store"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


@bp.before_app_request
def settle_locale() -> None:
    """Choose the request's language before anything can go wrong: it may read the user's
    school, which a failed write would make unreadable until the session is rolled back."""
    get_locale()


def _private(response: Response) -> bool:
    """A response for a signed-in user (static files aside), or a private public page."""
    endpoint = request.endpoint or ""
    if endpoint in STATIC_ENDPOINTS:
        return False
    return endpoint in PRIVATE_PUBLIC_PAGES or bool(current_user and current_user.is_authenticated)


@bp.app_context_processor
def inject_locale() -> dict[str, object]:
    """Every template knows the active locale, its <html lang> tag and the country whose
    names it uses, and the languages the switch offers."""
    return {
        "locale": current_locale(),
        "html_lang": html_lang(),
        "page_country": current_country(),
        "language_choices": switch_choices(),
    }


@bp.app_template_global("grade_label")
def grade_label_global(values: list[int]) -> str:
    """Grades as the user says them: the school's country's names, in the active locale."""
    return grades.grade_label(values, current_locale(), current_country())


@bp.app_template_global("grade_choices")
def grade_choices_global() -> list[tuple[int, str]]:
    """Every grade with its label, as grade_label names it."""
    return grades.grade_choices(current_locale(), current_country())


@bp.app_template_global("age_label")
def age_label_global(age_min: int | None, age_max: int | None) -> str:
    """An age range in words."""
    return grades.age_label(age_min, age_max)


@bp.app_template_global("format_date")
def format_date_global(value: date | datetime, format: str = "medium") -> str:
    """A date in the active locale."""
    return format_date(value, format=format)


@bp.app_template_global("format_datetime")
def format_datetime_global(value: datetime, format: str = "medium") -> str:
    """A moment (stored in UTC) in the school's time zone and the active locale."""
    return format_datetime(value, format=format)


@bp.app_template_global("cost_label")
def cost_label_global(cost: str) -> str:
    """What an item costs, in words."""
    return str(COST_LABELS[Cost(cost)])


@bp.get("/")
def home() -> str | Response:
    """Start page; on the very first run, the way to set up the school."""
    if not current_user.is_authenticated and school_count() == 0:
        return redirect(url_for("schools.setup"))
    if current_user.is_authenticated:
        return render_template("core/today.html", **today_context())
    counts = dict(
        db.session.execute(
            select(CatalogueItem.kind, func.count())
            .where(CatalogueItem.archived_at.is_(None), CatalogueItem.school_id.is_(None))
            .group_by(CatalogueItem.kind)
        ).all()
    )
    kinds = [(kind, counts.get(kind.value, 0)) for kind in KIND_ORDER]
    return render_template("core/home.html", kinds=kinds, total=sum(counts.values()))


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
        "checklist": {
            "classes": bool(classes),
            "plans": bool(plan_by_class),
            "colleagues": len(colleagues(school)) > 1 or bool(open_invitations(school)),
        },
        "mine": mine,
        "incident_reminders": incident_reminders(current_user, today),
        "next_evening": next_evening(school, today),
        "policy_reviews": [row for row in policy_rows(school) if row.review_due(today)]
        if current_user.is_coordinator
        else [],
        "bookings": [
            b for b in plans.guest_bookings(school, year)[0] if b.entry.booking == "requested"
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


def _wants_json() -> bool:
    return request.path.startswith("/api/")


@bp.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> tuple[str, int]:
    """A form that expired or came from elsewhere: say so and offer a way back."""
    message = _("This form has expired. Go back, reload the page and try again.")
    return render_template("errors/error.html", code=400, message=message), 400


@bp.app_errorhandler(DomainError)
def domain_error(error: DomainError) -> Response | tuple[str, int]:
    """A domain refusal that no page caught (a year without a calendar, say): its sentence
    in the user's language, with the error's status, never a 500."""
    db.session.rollback()
    message = describe(error)
    if _wants_json():
        return make_response(
            jsonify(error={"status": error.status, "message": message}), error.status
        )
    return render_template("errors/error.html", code=error.status, message=message), error.status


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response | tuple[str, int]:
    """Errors as a friendly page, or as JSON for the API, in the user's language."""
    code = error.code or 500
    message = _error_message(code)
    if _wants_json():
        return make_response(jsonify(error={"status": code, "message": message}), code)
    return render_template("errors/error.html", code=code, message=message), code


@bp.app_errorhandler(Exception)
def unexpected_error(error: Exception) -> Response | tuple[str, int]:
    """Never show a traceback; log it and apologise."""
    current_app.logger.exception("Unhandled error", exc_info=error)
    # A failed flush leaves the session unusable, and the page below reads the user from it.
    db.session.rollback()
    message = _error_message(500)
    if _wants_json():
        return make_response(jsonify(error={"status": 500, "message": message}), 500)
    return render_template("errors/error.html", code=500, message=message), 500


def _error_message(code: int) -> str:
    messages = {
        400: _("The request could not be understood."),
        403: _("You do not have access to this page."),
        404: _("This page does not exist (any more)."),
        405: _("This action is not possible here."),
        413: _("The file is too large.")
        if request.mimetype == "multipart/form-data"
        else _("What was sent is too large."),
        429: _("Too many attempts. Wait a moment and try again."),
    }
    return messages.get(code, _("Something went wrong on our side. Please try again later."))
