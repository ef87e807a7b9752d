"""Catalogue pages: the filterable list and the item page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from planner import grades
from planner.catalogue import operations, vocab
from planner.catalogue.content import introduction, parse_slides, parse_steps, render_markdown
from planner.catalogue.models import CatalogueItem
from planner.exports.deck import Deck, DeckOptions, lesson_deck
from planner.i18n import current_locale
from planner.plans.views import add_to_plan_context
from planner.policy.views import school_contacts_context

bp = Blueprint("catalogue", __name__, url_prefix="/catalogus")


@bp.get("/")
def index() -> tuple[str, int] | str:
    """The catalogue: filters with counts on the side, matching items as cards."""
    args = request.args.to_dict(flat=False)
    try:
        query = operations.parse_query(args)
        page = operations.parse_page(args)
    except operations.QueryError as error:
        return render_template("catalogue/bad_filter.html", error=error), 400
    size = current_app.config["CATALOGUE_PAGE_SIZE"]
    result = operations.search(query, offset=(page - 1) * size, limit=size)
    pages = max(1, -(-result.total // size))
    return render_template(
        "catalogue/index.html",
        query=query,
        result=result,
        page=page,
        pages=pages,
        labels=facet_labels(),
    )


@bp.app_template_global()
def facet_labels() -> dict[str, dict[str, object]]:
    """Display labels for every facet value, in the active locale."""
    return {
        "kind": dict(vocab.KIND_LABELS),
        "grade": {str(g): label for g, label in grades.grade_choices(current_locale())},
        "theme": dict(vocab.THEME_LABELS),
        "competence": dict(vocab.COMPETENCE_LABELS),
        "duration": dict(operations.DURATION_LABELS),
        "audience": dict(vocab.AUDIENCE_LABELS),
        "country": dict(vocab.COUNTRY_LABELS),
        "language": dict(vocab.LANGUAGE_LABELS),
        "moment": dict(vocab.MOMENT_LABELS),
        "provider": {},
    }


@bp.get("/<slug>")
def detail(slug: str) -> str:
    """One item: all its fields and links, and its slides or steps."""
    item = operations.get_item(slug)
    if item is None:
        abort(404)
    return render_template(
        "catalogue/detail.html",
        item=item,
        **_body_parts(item),
        **add_to_plan_context(item),
        **school_contacts_context(item),
    )


def deck_for(item: CatalogueItem) -> Deck:
    """The deck a lesson or module page previews, and that its download contains."""
    if item.kind == vocab.Kind.PARENT_MODULE:
        return Deck(
            item.title.get(current_locale()), tuple(parse_slides(item.body)), current_locale()
        )
    options = _deck_options(item)
    low, high = item.age_min or 0, item.age_max or operations.MAX_AGE
    helplines = operations.helplines_for(options.country, low, high, vocab.Audience.PUPILS)
    return lesson_deck(item, helplines, options)


def _body_parts(item: CatalogueItem) -> dict[str, object]:
    kind = vocab.Kind(item.kind)
    if kind == vocab.Kind.LESSON:
        deck = deck_for(item)
        options = _deck_options(item)
        return {
            "intro": introduction(item.body),
            "slides": deck.slides,
            "deck_country": options.country,
        }
    if kind == vocab.Kind.PARENT_MODULE:
        return {"intro": introduction(item.body), "slides": deck_for(item).slides}
    if kind == vocab.Kind.PROTOCOL:
        return {"phases": parse_steps(item.body)}
    if kind == vocab.Kind.PARENT_EVENING:
        modules = operations.items_by_slug(item.content.modules)
        ordered = [modules[slug] for slug in item.content.modules if slug in modules]
        return {"html": render_markdown(item.body), "modules": ordered}
    return {"html": render_markdown(item.body)}


def _deck_options(item: CatalogueItem) -> DeckOptions:
    """Deck for the viewer: the country asked for, else the one the locale suggests."""
    countries = item.content.country
    wanted = request.args.get("land") or ("BE" if current_locale() == "nl_BE" else "NL")
    country = wanted if wanted in countries else countries[0].value
    return DeckOptions(locale=current_locale(), country=country)
