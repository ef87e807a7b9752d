"""The school-year calendar as JSON: /api/v1/calendar."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, make_response, request
from flask_babel import gettext as _

from planner.i18n import current_locale
from planner.schools import operations
from planner.schools.calendar import REGIONS, CalendarDataError, SchoolYear

bp = Blueprint("calendar_api", __name__, url_prefix="/api/v1/calendar")


def _bad(parameter: str, message: str) -> Response:
    body = {"error": {"status": 400, "parameter": parameter, "message": message}}
    return make_response(jsonify(body), 400)


@bp.get("")
def calendar() -> Response:
    """Days off and theme weeks of a school year: {"events": [...]}, inclusive ISO dates."""
    known = {"country", "region", "year"}
    for parameter in request.args:
        if parameter not in known:
            return _bad(parameter, _("is not a known parameter"))
    country = request.args.get("country", "")
    if country not in REGIONS:
        return _bad("country", _("must be NL or BE"))
    region = request.args.get("region") or ("vlaanderen" if country == "BE" else "")
    if region not in REGIONS[country]:
        return _bad("region", _("must be one of: %(regions)s", regions=", ".join(REGIONS[country])))
    try:
        year = SchoolYear.parse(request.args.get("year", ""))
    except ValueError:
        return _bad("year", _("must be a school year such as 2026-2027"))
    try:
        events = operations.calendar_events(country, region, year, current_locale())
    except CalendarDataError:
        return _bad("year", _("no school holidays are known for this school year"))
    return jsonify(
        country=country,
        region=region,
        year=year.label,
        events=[
            {
                "kind": event.kind.value,
                "key": event.key,
                "name": str(event.name),
                "start": event.start.isoformat(),
                "end": event.end.isoformat(),
                "status": event.status,
            }
            for event in events
        ],
    )
