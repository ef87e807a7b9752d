"""What every page shares: security headers, the language and grade words templates use,
and the error pages (a domain refusal, an expired form, an HTTP error, a crash).

Registered on the app as the blueprint "web"; it has no routes of its own.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
)
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from planner import grades
from planner.catalogue.vocab import COST_LABELS, Cost
from planner.errors import DomainError
from planner.extensions import db
from planner.i18n import current_locale, html_lang, per_locale
from planner.web.first_run import Step, first_run_steps
from planner.web.locale import current_country, switch_choices
from planner.web.messages import describe
from planner.web.year import selected_year

bp = Blueprint("web", __name__)


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
# Files that are the same for everyone (the slides' pictures too): the browser may keep them.
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


@bp.app_template_global("format_number")
def format_number_global(value: float) -> str:
    """A number in the active locale (10,5 in Dutch), without a needless ".0"."""
    return format_decimal(value, format="#,##0.#")


@bp.app_template_global("first_run_steps")
def first_run_steps_global() -> list[Step]:
    """The steps of a new school (classes, plans, parent evening, colleagues), done or not."""
    return first_run_steps(current_user.school, selected_year())


@bp.app_template_global("age_label")
def age_label_global(age_min: int | None, age_max: int | None) -> str:
    """An age range in words."""
    return grades.age_label(age_min, age_max)


@bp.app_template_global("format_date")
def format_date_global(value: date | datetime, format: str = "medium") -> str:
    """A date in the active locale."""
    if isinstance(value, datetime):
        return format_date(value, format=format)
    return _format_day(value, format)


@per_locale
def _format_day(value: date, format: str) -> str:
    return format_date(value, format=format)


@bp.app_template_global("format_datetime")
def format_datetime_global(value: datetime, format: str = "medium") -> str:
    """A moment (stored in UTC) in the school's time zone and the active locale."""
    return format_datetime(value, format=format)


@bp.app_template_global("cost_label")
def cost_label_global(cost: str) -> str:
    """What an item costs, in words."""
    return str(COST_LABELS[Cost(cost)])


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
