"""What the catalogue does: load content files, filter, search and count."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, func, literal_column, or_, select, text
from sqlalchemy.orm import selectinload

from planner.catalogue import cache, vocab
from planner.catalogue import search as text_search
from planner.catalogue.content import (
    ContentError,
    ParsedItem,
    SourceFile,
    check_sources,
    check_tree,
)
from planner.catalogue.models import CatalogueItem, CatalogueTag
from planner.catalogue.schema import SLUG_PATTERN, ItemContent
from planner.clock import utcnow
from planner.config import CURATED_CATALOGUE
from planner.errors import DomainError
from planner.extensions import db

KIND_ORDER = (
    vocab.Kind.LESSON,
    vocab.Kind.GUEST_SESSION,
    vocab.Kind.MATERIAL,
    vocab.Kind.PARENT_MODULE,
    vocab.Kind.PARENT_EVENING,
    vocab.Kind.TEAM,
    vocab.Kind.INTERVENTION,
    vocab.Kind.PROTOCOL,
    vocab.Kind.HELPLINE,
)

# Duration filter buckets: key -> (shortest, longest) in minutes, None for open-ended.
DURATION_BUCKETS: dict[str, tuple[int, int | None]] = {
    "0-15": (0, 15),
    "16-30": (16, 30),
    "31-60": (31, 60),
    "61-": (61, None),
}
DURATION_LABELS = {
    "0-15": _l("15 minutes or less"),
    "16-30": _l("16 to 30 minutes"),
    "31-60": _l("31 to 60 minutes"),
    "61-": _l("More than an hour"),
}

# Facets shown as filter chips, in the order of the filter panel, with their URL parameter.
FACET_PARAMS: dict[str, str] = {
    "kind": "kind",
    "grade": "grade",
    "theme": "theme",
    "competence": "competence",
    "duration": "duration",
    "audience": "audience",
    "country": "country",
    "language": "lang",
    "moment": "moment",
    "provider": "provider",
}
_FACET_VALUES: dict[str, frozenset[str] | None] = {
    "kind": frozenset(vocab.Kind),
    "grade": frozenset(str(g) for g in range(1, 9)),
    "theme": frozenset(vocab.Theme),
    "competence": frozenset(vocab.Competence),
    "duration": frozenset(DURATION_BUCKETS),
    "audience": frozenset(vocab.Audience),
    "country": frozenset(vocab.Country),
    "language": frozenset(vocab.Language),
    "moment": frozenset(vocab.Moment),
    "provider": None,  # free text, matched exactly
}
MAX_QUERY_LENGTH = 200
MAX_SLUG_LENGTH = 120  # CatalogueItem.slug
MAX_AGE = 99
MAX_PAGE = 10_000


class QueryError(DomainError):
    """A filter parameter that cannot be used: `param` names it, `code` says why
    (planner/web/messages.py)."""

    def __init__(self, param: str, code: str, **params: object) -> None:
        super().__init__(code, param=param, **params)
        self.param = param


class CatalogueInvalidError(Exception):
    """The content files have errors; nothing was loaded."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the catalogue")
        self.errors = list(errors)


@dataclass(frozen=True)
class CatalogueQuery:
    """A validated set of filters: every facet's chosen values, an age and search words."""

    facets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    age: int | None = None
    q: str = ""
    # Whose own items are searched besides the curated ones: the viewer's school, or nobody's.
    school_id: int | None = None
    # The one country whose items are shown (a school's own, by default), besides any filter.
    only_country: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.facets and self.age is None and not self.q


def limit_to_country(query: CatalogueQuery, country: str) -> CatalogueQuery:
    """The query for a school's staff who did not ask for both countries: only the items of
    their school's country (those for both countries included), and no country filter of
    its own, because the page then offers none."""
    facets = {facet: values for facet, values in query.facets.items() if facet != "country"}
    return replace(query, facets=facets, only_country=country)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    items: list[CatalogueItem]
    total: int
    facets: dict[str, list[FacetCount]]


# --- parsing filters ----------------------------------------------------------------------


def _values(args: Mapping[str, Sequence[str]], param: str) -> list[str]:
    values: list[str] = []
    for raw in args.get(param, ()):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def parse_int(param: str, raw: str, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(param, "query.whole_number") from None
    if not low <= value <= high:
        raise QueryError(param, "query.between", low=low, high=high)
    return value


def parse_query(
    args: Mapping[str, Sequence[str]], *, strict: bool = False, extra: Iterable[str] = ()
) -> CatalogueQuery:
    """Turn request parameters into a query; raises QueryError naming the bad parameter.

    `args` maps each parameter to its list of values (werkzeug's MultiDict.to_dict(flat=False)).
    With strict=True, unknown parameters are refused too (for the API).
    """
    facets: dict[str, frozenset[str]] = {}
    for facet, param in FACET_PARAMS.items():
        values = _values(args, param)
        if not values:
            continue
        allowed = _FACET_VALUES[facet]
        for value in values:
            if allowed is not None and value not in allowed:
                raise QueryError(param, "query.unknown_value", value=repr(value)[:60])
            if len(value) > MAX_QUERY_LENGTH:
                raise QueryError(param, "query.too_long")
            if _has_control_characters(value):
                raise QueryError(param, "query.control_characters")
        facets[facet] = frozenset(values)
    age = None
    if raw_ages := _values(args, "age"):
        if len(raw_ages) > 1:
            raise QueryError("age", "query.one_age")
        age = parse_int("age", raw_ages[0], 0, MAX_AGE)
    q = " ".join(args.get("q", ()))
    if len(q) > MAX_QUERY_LENGTH:
        raise QueryError("q", "query.longer_than", n=MAX_QUERY_LENGTH)
    if _has_control_characters(q):
        raise QueryError("q", "query.control_characters")
    if strict:
        known = {*FACET_PARAMS.values(), "age", "q", *extra}
        for param in args:
            if param not in known:
                raise QueryError(param, "query.unknown_parameter")
    return CatalogueQuery(facets=facets, age=age, q=q.strip())


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def parse_page(args: Mapping[str, Sequence[str]], param: str = "page") -> int:
    """A 1-based page number from the parameters (1 when absent)."""
    raw = args.get(param)
    return parse_int(param, raw[0], 1, MAX_PAGE) if raw else 1


# --- searching ----------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lowercase text without accents, so 'Creëren' and 'creeren' match."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def visible_to(school_id: int | None) -> ColumnElement[bool]:
    """Items a school's staff may see: the curated ones and their school's own (None: curated)."""
    curated = CatalogueItem.school_id.is_(None)
    return curated if school_id is None else or_(curated, CatalogueItem.school_id == school_id)


def _filtered_ids(query: CatalogueQuery, skip_facet: str | None = None) -> Select:
    statement = select(CatalogueItem.id).where(
        CatalogueItem.archived_at.is_(None), visible_to(query.school_id)
    )
    if query.only_country is not None:
        of_country = select(CatalogueTag.item_id).where(
            CatalogueTag.facet == "country", CatalogueTag.value == query.only_country
        )
        statement = statement.where(CatalogueItem.id.in_(of_country))
    for facet, values in query.facets.items():
        if facet == skip_facet:
            continue
        tagged = select(CatalogueTag.item_id).where(
            CatalogueTag.facet == facet, CatalogueTag.value.in_(sorted(values))
        )
        statement = statement.where(CatalogueItem.id.in_(tagged))
    if query.age is not None:
        statement = statement.where(
            CatalogueItem.age_min <= query.age, CatalogueItem.age_max >= query.age
        )
    if groups := _text_groups(query.q):
        found = _text_matches(groups).subquery()
        statement = statement.where(CatalogueItem.id.in_(select(found.c.id)))
    return statement


# --- full-text search (planner/catalogue/search.py) -----------------------------------------


def synonyms() -> text_search.Synonyms:
    """The content team's synonym list: the catalogue folder's, else the curated one's."""
    folder = Path(current_app.config.get("CATALOGUE_PATH") or CURATED_CATALOGUE)
    if not (folder / text_search.SYNONYMS_FILE).is_file():
        folder = CURATED_CATALOGUE
    return text_search.load_synonyms(folder)


def _text_groups(q: str) -> list[list[text_search.Alternative]]:
    return text_search.plan_query(q, synonyms()) if q else []


def _is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _text_matches(groups: list[list[text_search.Alternative]]) -> Select:
    """Ids of the items the words find, with a score: lower is better (title weighs most)."""
    if _is_postgres():
        vector: ColumnElement[Any] = literal_column(text_search.PG_VECTOR)
        tsquery = func.to_tsquery(
            literal_column("'simple'::regconfig"), text_search.tsquery_expression(groups)
        )
        return select(
            CatalogueItem.id.label("id"), (-func.ts_rank(vector, tsquery)).label("score")
        ).where(vector.op("@@")(tsquery))
    table = text_search.FTS_TABLE
    return (
        select(
            literal_column(f"{table}.rowid").label("id"),
            literal_column(f"bm25({table}, {text_search.TITLE_WEIGHT}, 1.0)").label("score"),
        )
        .select_from(text(table))
        .where(text(f"{table} MATCH :fts").bindparams(fts=text_search.fts5_expression(groups)))
    )


def _facet_counts(query: CatalogueQuery) -> dict[str, list[FacetCount]]:
    """Counts per facet value, each facet counted under every filter but its own."""
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACET_PARAMS}
    unfiltered = [facet for facet in FACET_PARAMS if facet not in query.facets]
    groups: list[tuple[list[str], Select]] = [(unfiltered, _filtered_ids(query))]
    groups += [([facet], _filtered_ids(query, skip_facet=facet)) for facet in query.facets]
    for facets, ids in groups:
        if not facets:
            continue
        rows = db.session.execute(
            select(CatalogueTag.facet, CatalogueTag.value, func.count())
            .where(CatalogueTag.facet.in_(facets), CatalogueTag.item_id.in_(ids))
            .group_by(CatalogueTag.facet, CatalogueTag.value)
        )
        for facet, value, count in rows:
            counts[facet][value] = count
    return {
        facet: [
            FacetCount(value, count, value in query.facets.get(facet, ()))
            for value, count in _ordered(facet, values.items())
        ]
        for facet, values in counts.items()
    }


def _ordered(facet: str, pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Facet values in the order a teacher expects: grades 1-8, kinds as listed, etc."""
    order = _FACET_VALUES[facet]
    if facet == "grade":
        return sorted(pairs, key=lambda pair: int(pair[0]))
    if facet == "kind":
        rank = {kind.value: index for index, kind in enumerate(KIND_ORDER)}
        return sorted(pairs, key=lambda pair: rank[pair[0]])
    if facet == "duration":
        rank = {key: index for index, key in enumerate(DURATION_BUCKETS)}
        return sorted(pairs, key=lambda pair: rank[pair[0]])
    if order is None:
        return sorted(pairs, key=lambda pair: normalize(pair[0]))
    return sorted(pairs, key=lambda pair: pair[0])


def query_key(query: CatalogueQuery) -> tuple[object, ...]:
    """Everything that decides a query's results, as a hashable value (for caches)."""
    facets = tuple(sorted((facet, tuple(sorted(values))) for facet, values in query.facets.items()))
    return (facets, query.age, query.q, query.school_id, query.only_country)


def _matching_ids(query: CatalogueQuery) -> tuple[int, ...]:
    """The matching ids: the best matches first when words were given, else catalogue order."""
    statement = select(CatalogueItem.id).where(CatalogueItem.id.in_(_filtered_ids(query)))
    if groups := _text_groups(query.q):
        scores = _text_matches(groups).subquery()
        statement = statement.join(scores, scores.c.id == CatalogueItem.id).order_by(scores.c.score)
    statement = statement.order_by(CatalogueItem.sort_key, CatalogueItem.id)
    return tuple(db.session.scalars(statement))


def did_you_mean(query: CatalogueQuery) -> str | None:
    """For a search that found nothing: the same words spelled as the catalogue spells them,
    if that finds something."""
    if not query.q:
        return None
    vocabulary = cache.cached("search.vocabulary", query.school_id, lambda: _vocabulary(query))
    suggested = text_search.suggestion(query.q, vocabulary)
    if suggested is None or suggested == text_search.fold(query.q):
        return None
    found = search(replace(query, q=suggested), limit=0, with_facets=False).total
    return suggested if found else None


def _vocabulary(query: CatalogueQuery) -> frozenset[str]:
    """The words of the titles and summaries a viewer can find."""
    rows = db.session.scalars(
        select(CatalogueItem.data).where(
            CatalogueItem.archived_at.is_(None), visible_to(query.school_id)
        )
    )
    found: set[str] = set()
    for data in rows:
        for field_name in ("title", "summary"):
            for value in data.get(field_name, {}).values():
                if isinstance(value, str):
                    found.update(word for word in text_search.words(value) if len(word) > 2)
    return frozenset(found)


def items_in_order(ids: Sequence[int]) -> list[CatalogueItem]:
    """The items with these ids, in that order (one query)."""
    if not ids:
        return []
    found = {
        item.id: item
        for item in db.session.scalars(select(CatalogueItem).where(CatalogueItem.id.in_(ids)))
    }
    return [found[item_id] for item_id in ids if item_id in found]


def search(
    query: CatalogueQuery, *, offset: int = 0, limit: int | None = None, with_facets: bool = True
) -> SearchResult:
    """The items that match a query, in catalogue order, and the counts for the filters.

    The matching ids and the counts are computed once per revision of the catalogue and
    query (planner/catalogue/cache.py); only the page's items are loaded.
    """
    key = query_key(query)
    ids = cache.cached("search.ids", key, lambda: _matching_ids(query))
    end = None if limit is None else offset + limit
    items = items_in_order(ids[offset:end])
    facets = (
        dict(cache.cached("search.facets", key, lambda: _facet_counts(query)))
        if with_facets
        else {}
    )
    return SearchResult(items, len(ids), facets)


def get_item(slug: str, school_id: int | None = None) -> CatalogueItem | None:
    """One item by slug, archived ones included (plans may still point at them).

    Curated items, and the own items of `school_id`; another school's items are not found.
    """
    if not is_slug(slug):
        return None  # no item has it, and the database need not see it (PostgreSQL refuses NUL)
    return db.session.scalar(
        select(CatalogueItem).where(CatalogueItem.slug == slug, visible_to(school_id))
    )


def is_slug(text: str) -> bool:
    """Whether a text can be the slug of an item: a content file's, or a school's own item's
    (that file's slug after its school's prefix, see school_slug)."""
    if len(text) > MAX_SLUG_LENGTH:
        return False
    prefix = _SCHOOL_PREFIX.match(text)
    written = text[prefix.end() :] if prefix else text
    return SLUG_PATTERN.fullmatch(written) is not None


def items_by_slug(slugs: Iterable[str], school_id: int | None = None) -> dict[str, CatalogueItem]:
    """Several items at once, keyed by slug (visible as for get_item)."""
    wanted = list(slugs)
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(CatalogueItem).where(CatalogueItem.slug.in_(wanted), visible_to(school_id))
    )
    return {item.slug: item for item in rows}


@dataclass(frozen=True)
class LessonSequence:
    """The lesson an item builds on (from an earlier grade), and the lessons that take the
    next step from it."""

    earlier: CatalogueItem | None
    later: list[CatalogueItem]


def lesson_sequence(item: CatalogueItem, school_id: int | None = None) -> LessonSequence:
    """Where a lesson stands in the line of lessons on its theme (front matter `builds_on`)."""
    if item.kind != "lesson":
        return LessonSequence(None, [])
    slug = item.data.get("builds_on")
    earlier = get_item(slug, school_id) if slug else None
    lessons = db.session.scalars(
        select(CatalogueItem).where(
            CatalogueItem.kind == "lesson",
            CatalogueItem.archived_at.is_(None),
            visible_to(school_id),
        )
    )
    later = sorted(
        (lesson for lesson in lessons if lesson.data.get("builds_on") == item.slug),
        key=lambda lesson: (min(lesson.grades, default=9), lesson.slug),
    )
    if earlier is not None and earlier.is_archived:
        earlier = None
    return LessonSequence(earlier, later)


def module_items(evening: CatalogueItem) -> list[CatalogueItem]:
    """The parent modules of a ready-made evening, in its order.

    A school's own evening names modules as its files do: its school's module of that name
    comes first, then the curated one.
    """
    written = evening.content.modules
    stored = items_by_slug(written)
    if evening.school_id is not None:
        own = items_by_slug(
            [school_slug(evening.school_id, slug) for slug in written], evening.school_id
        )
        stored |= {written_slug(item): item for item in own.values()}
    return [stored[slug] for slug in written if slug in stored]


def helplines_for(
    country: str, age_min: int, age_max: int, audience: str, school_id: int | None = None
) -> list[CatalogueItem]:
    """Active help lines of a country for an audience whose ages overlap the given range."""
    query = CatalogueQuery(
        facets={
            "kind": frozenset({vocab.Kind.HELPLINE.value}),
            "country": frozenset({country}),
            "audience": frozenset({audience}),
        },
        school_id=school_id,
    )
    items = search(query, with_facets=False).items
    return [
        item
        for item in items
        if (item.age_min or 0) <= age_max and (item.age_max or MAX_AGE) >= age_min
    ]


# --- loading content files ----------------------------------------------------------------


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.archived)


def duration_bucket(minutes: int) -> str:
    """The filter bucket a duration falls in."""
    for key, (low, high) in DURATION_BUCKETS.items():
        if minutes >= low and (high is None or minutes <= high):
            return key
    raise ValueError(minutes)


def _tags(content: ItemContent) -> set[tuple[str, str]]:
    tags = {("kind", content.kind.value), ("language", content.language.value)}
    tags |= {("grade", str(grade)) for grade in content.effective_grades()}
    for facet, values in (
        ("theme", content.themes),
        ("competence", content.competences),
        ("audience", content.audience),
        ("country", content.country),
        ("moment", content.moments),
        ("level", content.levels),
    ):
        tags |= {(facet, value.value) for value in values}
    if content.duration_minutes is not None:
        tags.add(("duration", duration_bucket(content.duration_minutes)))
    if content.provider:
        tags.add(("provider", content.provider))
    return tags


def _sort_key(content: ItemContent) -> str:
    grades = content.effective_grades()
    first_grade = grades[0] if grades else 9
    rank = KIND_ORDER.index(content.kind)
    return f"{rank:02d}-{first_grade:02d}-{normalize(content.title.nl)}"[:200]


def _search_text(content: ItemContent, body: str) -> str:
    texts: list[str] = []
    for localized in (content.title, content.summary):
        texts.extend(text for text in (localized.nl, localized.en, localized.nl_BE) if text)
    texts.extend([content.provider or "", body])
    return normalize(" ".join(texts))


def apply_content(item: CatalogueItem, content: ItemContent, body: str) -> None:
    """Copy validated content onto an item: fields, facet tags and search text."""
    age_min, age_max = content.effective_ages()
    item.kind = content.kind.value
    item.data = content.model_dump(mode="json")
    item.body = body
    item.age_min, item.age_max = age_min, age_max
    item.duration_minutes = content.duration_minutes
    item.provider = content.provider
    item.language = content.language.value
    item.sort_key = _sort_key(content)
    item.search_text = _search_text(content, body)
    item.search_title, item.search_body = text_search.item_terms(item.slug, item.data, body)
    wanted = _tags(content)
    item.tags = [tag for tag in item.tags if (tag.facet, tag.value) in wanted]
    present = {(tag.facet, tag.value) for tag in item.tags}
    item.tags.extend(CatalogueTag(facet=f, value=v) for f, v in sorted(wanted - present))
    item.__dict__.pop("content", None)  # drop the cached parse of the old data


def _apply_parsed(item: CatalogueItem, parsed: ParsedItem) -> None:
    apply_content(item, parsed.content, parsed.body)
    item.source_path = parsed.path
    item.content_hash = parsed.content_hash
    item.archived_at = None
    item.updated_at = utcnow()


def sync_catalogue(root: Path) -> SyncReport:
    """Load every content file below root into the database; flushes, never commits.

    Running it twice changes nothing. A curated item whose file is gone is archived, never
    deleted, because plans may refer to it. Raises CatalogueInvalidError and loads nothing when
    any file has errors.
    """
    parsed_items, errors = check_tree(root)
    if errors:
        raise CatalogueInvalidError(errors)
    existing = {
        item.slug: item
        for item in db.session.scalars(
            select(CatalogueItem)
            .where(CatalogueItem.origin == "curated")
            .options(selectinload(CatalogueItem.tags))
        )
    }
    report = SyncReport()
    for parsed in parsed_items:
        item = existing.pop(parsed.slug, None)
        if item is None:
            item = CatalogueItem(slug=parsed.slug, origin="curated", tags=[])
            _apply_parsed(item, parsed)
            db.session.add(item)
            report.created.append(parsed.slug)
        elif item.content_hash != parsed.content_hash or item.is_archived:
            _apply_parsed(item, parsed)
            report.updated.append(parsed.slug)
        elif not item.search_title:  # stored before the full-text index
            apply_content(item, parsed.content, parsed.body)
            report.unchanged += 1
        else:
            report.unchanged += 1
    for slug, item in sorted(existing.items()):
        if not item.is_archived:
            item.archived_at = utcnow()
            report.archived.append(slug)
    db.session.flush()
    return report


# --- a school's own items -----------------------------------------------------------------

# Curated slugs never hold two hyphens in a row (SLUG_PATTERN), so "<school id>--<slug>" can
# never be a curated slug, nor another school's: a school may reuse any name it likes.
SCHOOL_SLUG_SEPARATOR = "--"
_SCHOOL_PREFIX = re.compile(r"[0-9]+--")
MAX_SCHOOL_SLUG = 80


def school_slug(school_id: int, slug: str) -> str:
    """The slug a school's own item is stored under, from the slug its file gives."""
    return f"{school_id}{SCHOOL_SLUG_SEPARATOR}{slug}"


def written_slug(item: CatalogueItem) -> str:
    """The slug as the item's file gives it (without a school's prefix)."""
    if item.school_id is None:
        return item.slug
    return item.slug.split(SCHOOL_SLUG_SEPARATOR, 1)[1]


@dataclass
class ImportReport:
    created: list[CatalogueItem] = field(default_factory=list)
    updated: list[CatalogueItem] = field(default_factory=list)
    unchanged: list[CatalogueItem] = field(default_factory=list)


def school_items(school_id: int) -> list[CatalogueItem]:
    """A school's own items, archived ones included, in catalogue order."""
    return list(
        db.session.scalars(
            select(CatalogueItem)
            .where(CatalogueItem.school_id == school_id)
            .order_by(CatalogueItem.sort_key, CatalogueItem.slug)
        )
    )


def _known_modules(school_id: int) -> set[str]:
    """Parent modules an uploaded evening may name: curated ones and the school's own."""
    modules = db.session.scalars(
        select(CatalogueItem).where(
            CatalogueItem.kind == vocab.Kind.PARENT_MODULE.value,
            CatalogueItem.archived_at.is_(None),
            visible_to(school_id),
        )
    )
    return {written_slug(item) for item in modules}


def import_school_items(school_id: int, sources: Sequence[SourceFile]) -> ImportReport:
    """Check uploaded content files as `flask catalogue check` does and store them as the
    school's own items; flushes, never commits.

    A slug the school used before updates that item (and brings it back if it was removed).
    Raises CatalogueInvalidError and stores nothing when any file has an error.
    """
    parsed_items, errors = check_sources(sources, _known_modules(school_id))
    errors += [
        ContentError(
            parsed.path, 1, "slug", f"file name is longer than {MAX_SCHOOL_SLUG} characters"
        )
        for parsed in parsed_items
        if len(parsed.slug) > MAX_SCHOOL_SLUG
    ]
    if errors:
        raise CatalogueInvalidError(errors)
    existing = {item.slug: item for item in school_items(school_id)}
    report = ImportReport()
    for parsed in parsed_items:
        slug = school_slug(school_id, parsed.slug)
        item = existing.get(slug)
        if item is None:
            item = CatalogueItem(slug=slug, origin="school", school_id=school_id, tags=[])
            _apply_parsed(item, parsed)
            db.session.add(item)
            report.created.append(item)
        elif item.content_hash != parsed.content_hash or item.is_archived:
            _apply_parsed(item, parsed)
            report.updated.append(item)
        else:
            report.unchanged.append(item)
    db.session.flush()
    return report


def archive_school_item(item: CatalogueItem) -> None:
    """Take a school's own item out of the catalogue; plans that use it keep it."""
    if item.school_id is None:
        raise ValueError("curated items are managed by `flask catalogue sync`")
    if not item.is_archived:
        item.archived_at = utcnow()
        db.session.flush()


def best_fit(
    items: Iterable[CatalogueItem], grades: Sequence[int], year: int | None = None
) -> CatalogueItem | None:
    """The item that covers most of the grades, with the fewest grades beyond them; among
    lessons of the spiral, the one written for the class's `year` this school year first."""
    wanted = set(grades)
    fitting = [item for item in items if wanted & set(item.grades)]
    if not fitting:
        return None
    return min(
        fitting,
        key=lambda item: (
            -len(wanted & set(item.grades)),
            len(set(item.grades) - wanted),
            year is not None and item.data.get("year") not in (None, year),
            item.sort_key,
        ),
    )
