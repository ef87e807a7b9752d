"""The catalogue as JSON: /api/v1/catalogue and /api/v1/catalogue/<slug>."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, abort, jsonify, make_response, request

from planner.accounts.permissions import school_country, visible_school_id
from planner.catalogue import operations
from planner.catalogue.models import CatalogueItem
from planner.catalogue.variants import variant
from planner.catalogue.vocab import competences_for
from planner.exports.documents import deck_country
from planner.i18n import current_locale
from planner.web.locale import current_country
from planner.web.messages import describe

bp = Blueprint("catalogue_api", __name__, url_prefix="/api/v1/catalogue")

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000


def _bad_parameter(error: operations.QueryError) -> Response:
    body = {"error": {"status": 400, "parameter": error.param, "message": describe(error)}}
    return make_response(jsonify(body), 400)


def item_summary(item: CatalogueItem) -> dict[str, object]:
    """The fields of an item that a list shows (from the stored, validated data)."""
    data = item.data
    locale = current_locale()
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title.get(locale),
        "summary": item.summary.get(locale),
        "grades": item.grades,
        "age_min": item.age_min,
        "age_max": item.age_max,
        "themes": data["themes"],
        "competences": competences_for(current_country(), data["competences"]),
        "moments": data["moments"],
        "duration_minutes": item.duration_minutes,
        "audience": data["audience"],
        "provider": item.provider,
        "url": data["url"],
        "cost": data["cost"],
        "country": data["country"],
        "language": item.language,
        "archived": item.is_archived,
    }


@bp.get("")
def list_items() -> Response:
    """Catalogue items matching the filters: {"items": [...], "total": N}."""
    args = request.args.to_dict(flat=False)
    try:
        query = operations.parse_query(
            args, strict=True, extra=("limit", "offset", "both_countries")
        )
        limit = _int_param(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = _int_param(args, "offset", 0, 0, 1_000_000)
        both = _flag(args, "both_countries")
    except operations.QueryError as error:
        return _bad_parameter(error)
    query = replace(query, school_id=visible_school_id())
    own_country = school_country()
    if own_country is not None and not both and "country" not in query.facets:
        # A school's staff get their country's items, as on the catalogue page; asking for a
        # country, or for both, is asking for more.
        query = operations.limit_to_country(query, own_country)
    result = operations.search(query, offset=offset, limit=limit, with_facets=False)
    return jsonify(items=[item_summary(item) for item in result.items], total=result.total)


def _flag(args: dict[str, list[str]], name: str) -> bool:
    raw = args.get(name)
    if not raw:
        return False
    if raw[0] not in ("0", "1"):
        raise operations.QueryError(name, "query.zero_or_one")
    return raw[0] == "1"


def _int_param(args: dict[str, list[str]], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if not raw:
        return default
    return operations.parse_int(name, raw[0], low, high)


@bp.get("/<slug>")
def get_item(slug: str) -> Response:
    """One item with its body and, for lessons and parent modules, its slides and printables,
    as the viewer's country sees them."""
    item = operations.get_item(slug, visible_school_id())
    if item is None:
        abort(404)
    content = item.content
    country = deck_country(item, current_country())
    shown = variant(item, country)
    data = item_summary(item) | {
        "body": item.body,
        "for_country": country,
        "slides": [slide.as_dict() for slide in shown.slides] if content.has_slides else [],
        "printables": [page.as_dict() for page in shown.printables] if content.has_slides else [],
        "goals": shown.goals,
        "conversation": [q.model_dump(mode="json") for q in shown.conversation],
        "needs": shown.needs,
        "modules": content.modules,
        "phone": content.phone,
        "hours": content.hours,
        "booking": content.booking,
        "source": content.source,
    }
    return jsonify(data)
