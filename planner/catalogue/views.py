"""Catalogue pages: the filterable list, the item page, and the school's own items."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from planner import grades
from planner.accounts.permissions import (
    coordinator_required,
    own,
    school_country,
    staff_required,
    visible_school_id,
)
from planner.catalogue import operations, pictures, upload, vocab
from planner.catalogue.forms import ImportForm
from planner.catalogue.models import CatalogueItem
from planner.catalogue.sources import public_sources
from planner.catalogue.variants import variant
from planner.core.limits import UPLOAD_SLACK_BYTES, body_limit
from planner.exports.deck import Deck
from planner.exports.documents import deck_country, item_deck
from planner.extensions import db
from planner.i18n import current_locale
from planner.web.item_page import add_to_plan_context, school_contacts_context, wanted_country
from planner.web.locale import current_country, use_country
from planner.web.messages import describe
from planner.web.pages import saved
from planner.web.printables import item_printables, render_printable

bp = Blueprint("catalogue", __name__, url_prefix="/catalogus")


@bp.get("/")
def index() -> tuple[str, int] | str:
    """The catalogue: filters with counts on the side, matching items as cards."""
    args = request.args.to_dict(flat=False)
    try:
        query = operations.parse_query(args)
        page = operations.parse_page(args)
    except operations.QueryError as error:
        return render_template(
            "catalogue/bad_filter.html", error=error, problem=describe(error)
        ), 400
    size = current_app.config["CATALOGUE_PAGE_SIZE"]
    query = replace(query, school_id=visible_school_id())
    own_country = school_country()
    # The switch with which a school's staff see the items of both countries, kept in the URL.
    both = request.args.get("both_countries") == "1"
    if own_country is not None and not both:
        query = operations.limit_to_country(query, own_country)
    elif own_country is None:
        use_country(_single(query.facets.get("country")))
    result = operations.search(query, offset=(page - 1) * size, limit=size)
    shown = set(vocab.competences_for(current_country(), vocab.Competence))
    result.facets["competence"] = [c for c in result.facets["competence"] if c.value in shown]
    if query.only_country is not None:  # another country's theme weeks are no filter here
        of_year = set(vocab.moments_for(query.only_country, vocab.Moment))
        result.facets["moment"] = [m for m in result.facets["moment"] if m.value in of_year]
    pages = max(1, -(-result.total // size))
    return render_template(
        "catalogue/index.html",
        query=query,
        result=result,
        suggestion=None if result.total else operations.did_you_mean(query),
        page=page,
        pages=pages,
        labels=facet_labels(),
        own_country=own_country,
        both_countries=both,
    )


def _single(values: frozenset[str] | None) -> str | None:
    """The one value chosen, if exactly one was."""
    return next(iter(values)) if values and len(values) == 1 else None


@bp.app_template_global()
def facet_labels() -> dict[str, dict[str, object]]:
    """Display labels for every facet value, in the active locale."""
    return {
        "kind": dict(vocab.KIND_LABELS),
        "grade": {
            str(g): label for g, label in grades.grade_choices(current_locale(), current_country())
        },
        "theme": dict(vocab.THEME_LABELS),
        "competence": dict(vocab.COMPETENCE_LABELS),
        "duration": dict(operations.DURATION_LABELS),
        "audience": dict(vocab.AUDIENCE_LABELS),
        "country": dict(vocab.COUNTRY_LABELS),
        "language": dict(vocab.LANGUAGE_LABELS),
        "moment": dict(vocab.MOMENT_LABELS),
        "provider": {},
    }


@bp.app_template_global()
def shown_competences(competences: list[str]) -> list[str]:
    """An item's competences as the viewer's country frames them (no SLO for Flanders)."""
    return vocab.competences_for(current_country(), competences)


@bp.get("/plaatjes/<name>.svg")
def picture(name: str) -> Response:
    """A picture of the slides (an OpenMoji SVG): the same for everyone, so kept for a year
    (the address carries the OpenMoji version)."""
    if not pictures.is_known(name):
        abort(404)
    response = Response(pictures.svg_bytes(name), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    # Opened on its own, an SVG is a document: let it do nothing but draw.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@bp.app_template_global()
def picture_url(name: str) -> str:
    """Where the browser gets a slide picture."""
    return url_for("catalogue.picture", name=name, v=pictures.VERSION)


@bp.get("/<slug>")
def detail(slug: str) -> str:
    """One item: all its fields and links, and its slides or steps."""
    item = operations.get_item(slug, visible_school_id())
    if item is None:
        abort(404)
    if not current_user.is_authenticated:
        use_country(deck_country(item, wanted_country()))
    return render_template(
        "catalogue/detail.html",
        item=item,
        sequence=operations.lesson_sequence(item, visible_school_id()),
        sources=public_sources(item.content.source, item.content.moments),
        **_body_parts(item),
        **add_to_plan_context(item),
        **school_contacts_context(item),
    )


@bp.get("/<slug>/afdrukken/<int:number>")
@staff_required
def printable(slug: str, number: int) -> str:
    """A lesson's printable page (cards, worksheet, poster, script) as an A4 page to print."""
    item = operations.get_item(slug, visible_school_id())
    if item is None:
        abort(404)
    return render_printable(
        item, number, wanted_country(), back_url=url_for("catalogue.detail", slug=item.slug)
    )


@bp.app_template_global()
def printables_for(item: CatalogueItem | None) -> list[tuple[int, object]]:
    """The printable pages of an item a school's staff can print (numbered from 1)."""
    if not current_user.is_authenticated:
        return []
    return item_printables(item, wanted_country())


@bp.app_template_global()
def print_label(kind: str) -> str:
    """What a link to a printable page does: print the cards, the worksheet, ..."""
    labels = {
        "cards": _("Print the cards"),
        "worksheet": _("Print the worksheet"),
        "poster": _("Print the poster"),
        "script": _("Print the role-play script"),
    }
    return labels.get(kind, _("Print"))


def deck_for(item: CatalogueItem) -> Deck:
    """The deck a lesson or module page previews, and that its download contains."""
    return item_deck(item, current_locale(), wanted_country())


def _body_parts(item: CatalogueItem) -> dict[str, object]:
    kind = vocab.Kind(item.kind)
    country = deck_country(item, wanted_country())
    content = variant(item, country)
    shared = {
        "goals": content.goals,
        "needs": content.needs,
        "conversation": content.conversation,
    }
    if kind == vocab.Kind.LESSON:
        deck = deck_for(item)
        return shared | {
            "intro": content.intro,
            "slides": deck.slides,
            "picture_credit": deck.credit,
            "deck_country": country,
        }
    if kind == vocab.Kind.PARENT_MODULE:
        deck = deck_for(item)
        return shared | {
            "intro": content.intro,
            "slides": deck.slides,
            "picture_credit": deck.credit,
        }
    if kind == vocab.Kind.PROTOCOL:
        return shared | {"phases": content.phases}
    if kind == vocab.Kind.PARENT_EVENING:
        return shared | {"html": content.html, "modules": operations.module_items(item)}
    return shared | {"html": content.html}


def _upload_limits() -> upload.UploadLimits:
    config = current_app.config
    return upload.UploadLimits(
        max_bytes=config["CONTENT_UPLOAD_MAX_BYTES"],
        max_file_bytes=config["CONTENT_UPLOAD_MAX_FILE_BYTES"],
        max_entries=config["CONTENT_UPLOAD_MAX_FILES"],
        max_total_bytes=config["CONTENT_UPLOAD_MAX_UNPACKED_BYTES"],
        max_ratio=config["CONTENT_UPLOAD_MAX_RATIO"],
    )


def _import_page(form: ImportForm, status: int = 200, **context: object) -> tuple[str, int]:
    page = render_template(
        "catalogue/import.html",
        form=form,
        items=operations.school_items(current_user.school_id),
        limits=_upload_limits(),
        **context,
    )
    return page, status


def _import_body_limit() -> int:
    return int(current_app.config["CONTENT_UPLOAD_MAX_BYTES"]) + UPLOAD_SLACK_BYTES


@bp.route("/importeren", methods=["GET", "POST"])
@coordinator_required
@body_limit(_import_body_limit)
def import_items() -> tuple[str, int]:
    """The school's own items: upload content files, checked like the curated ones."""
    form = ImportForm()
    if not form.is_submitted():
        return _import_page(form)
    if not form.validate_on_submit():
        return _import_page(form, 400)
    storage = form.file.data
    limits = _upload_limits()
    data = storage.stream.read(limits.max_bytes + 1)
    try:
        sources = upload.read_upload(storage.filename or "", data, limits)
        report = operations.import_school_items(current_user.school_id, sources)
    except upload.UploadError as refused:
        db.session.rollback()
        form.file.errors = [describe(refused)]
        return _import_page(form, refused.status)
    except operations.CatalogueInvalidError as invalid:
        db.session.rollback()
        return _import_page(form, 400, problems=invalid.errors)
    db.session.commit()
    return _import_page(ImportForm(formdata=None), report=report)


@bp.post("/importeren/<int:item_id>/verwijderen")
@coordinator_required
def archive_item(item_id: int) -> Response:
    """Take one of the school's own items out of the catalogue; plans that use it keep it."""
    item = own(CatalogueItem, item_id)
    operations.archive_school_item(item)
    return saved(
        _("%(title)s is no longer in the catalogue.", title=item.title.get(current_locale())),
        url_for("catalogue.import_items"),
    )
