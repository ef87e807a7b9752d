"""Search that understands Dutch: folded, stemmed words in a full-text index, synonyms the
content team edits (lessons/synonyms.txt), ranking with the title weighing most, and a
"did you mean" from the index's own words.

Words are folded (lowercase, no accents) and stemmed with the Snowball Dutch stemmer here, in
Python, and the database indexes the stemmed words as they are: SQLite's FTS5 table
catalogue_fts and PostgreSQL's GIN index on a tsvector of the 'simple' configuration (which
changes nothing). Both databases therefore find the same items for the same words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

# The index: created by the migration "full-text search", kept in step with catalogue_item by
# triggers on SQLite and by the expression index on PostgreSQL.
FTS_TABLE = "catalogue_fts"
PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_body), 'D'))"
)
PG_INDEX = "ix_catalogue_item_fulltext"
TITLE_WEIGHT = 10.0  # SQLite's bm25 weight of the title against the rest's 1.0

SYNONYMS_FILE = "synonyms.txt"
# Words a query may leave out: they would make a search for "de groepsapp" find nothing more
# than "groepsapp" but could make it find less.
_STOPWORDS = """de het een en of in op te van voor met aan bij over naar om is zijn je jij ik
we wij the a an and or of in on to for with at about is are"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[0-9a-z]+")
_ALGORITHM = "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
_STEMMER = snowballstemmer.stemmer(_ALGORITHM)  # Snowball 3 renamed the classic Dutch one
MIN_PREFIX = 3  # a query word this long or longer also finds longer words ("wacht" finds it)


def fold(text: str) -> str:
    """Lowercase text without accents: 'Creëren' and 'creeren' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; everything else separates)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A folded word's Dutch stem: groepsapps and groepsapp give groepsapp."""
    return _STEMMER.stemWord(word)


def _word_terms(word: str) -> list[str]:
    terms = [stem(word)]
    # A past participle (gepest, gedeeld) is also indexed without its ge-, so that the verb
    # (pesten, delen) finds it; the Snowball stemmer leaves the prefix on.
    if word.startswith("ge") and len(word) >= 6 and word[-1] in "td":
        terms.append(stem(word[2:]))
    return terms


def index_terms(texts: Iterable[str]) -> str:
    """What the full-text index stores for some texts: their stemmed words, space-separated."""
    return " ".join(term for text in texts for word in words(text) for term in _word_terms(word))


def item_terms(slug: str, data: dict, body: str) -> tuple[str, str]:
    """What the index holds for an item (from its stored data): its titles' words apart, and
    those of its summaries, slug, provider and body."""

    def texts(localized: dict | None) -> list[str]:
        return [value for value in (localized or {}).values() if isinstance(value, str)]

    rest = [*texts(data.get("summary")), slug.replace("-", " "), data.get("provider") or "", body]
    return index_terms(texts(data.get("title"))), index_terms(rest)


# --- synonyms -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Synonyms:
    """word -> the words and phrases a search for it also finds (all folded)."""

    expansions: dict[str, tuple[str, ...]]

    def of(self, word: str) -> tuple[str, ...]:
        return self.expansions.get(word, ()) or self.expansions.get(stem(word), ())


def parse_synonyms(text: str) -> Synonyms:
    """Read the synonym list: "a, b, c" finds each from each; "a, b => c, d" finds c and d
    from a or b (and not back). Lines starting with # are comments."""
    expansions: dict[str, list[str]] = {}

    def add(sources: list[str], targets: list[str]) -> None:
        for source in sources:
            known = expansions.setdefault(source, [])
            for target in targets:
                if target != source and target not in known:
                    known.append(target)
            # The stem finds the same words, so that "groepsapps" expands like "groepsapp".
            if " " not in source:
                expansions.setdefault(stem(source), known)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        left, arrow, right = line.partition("=>")
        sources = _terms(left)
        if arrow:
            add(sources, _terms(right))
        else:
            add(sources, sources)
    return Synonyms({word: tuple(targets) for word, targets in expansions.items()})


def _terms(part: str) -> list[str]:
    return [" ".join(words(term)) for term in part.split(",") if words(term)]


@lru_cache(maxsize=8)
def _synonyms_of_file(path: str, mtime: float) -> Synonyms:
    return parse_synonyms(Path(path).read_text(encoding="utf-8"))


def load_synonyms(folder: Path) -> Synonyms:
    """The synonym list of a catalogue folder (read again when the file changes)."""
    path = folder / SYNONYMS_FILE
    if not path.is_file():
        return Synonyms({})
    return _synonyms_of_file(str(path), path.stat().st_mtime)


# --- queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One way a query word can be found: stemmed words in a row, the last maybe a prefix."""

    terms: tuple[str, ...]
    prefix: bool


def plan_query(q: str, synonyms: Synonyms) -> list[list[Alternative]]:
    """The query as groups that must all match, each a list of alternatives.

    Every word of the query is a group (stopwords are left out unless nothing else is left):
    the word itself, also as the start of a longer word, and its synonyms.
    """
    folded = words(q)
    kept = [word for word in folded if word not in STOPWORDS] or folded
    groups = []
    for word in kept:
        alternatives = [Alternative((stem(word),), prefix=len(word) >= MIN_PREFIX)]
        for synonym in synonyms.of(word):
            terms = tuple(stem(part) for part in synonym.split())
            alternative = Alternative(terms, prefix=False)
            if alternative not in alternatives:
                alternatives.append(alternative)
        groups.append(alternatives)
    return groups


def fts5_expression(groups: list[list[Alternative]]) -> str:
    """The groups as an SQLite FTS5 MATCH expression."""

    def one(alternative: Alternative) -> str:
        phrase = '"' + " ".join(alternative.terms) + '"'
        return phrase + ("*" if alternative.prefix else "")

    return " AND ".join("(" + " OR ".join(one(a) for a in group) + ")" for group in groups)


def tsquery_expression(groups: list[list[Alternative]]) -> str:
    """The groups as a PostgreSQL tsquery (for to_tsquery('simple', ...))."""

    def one(alternative: Alternative) -> str:
        terms = [f"'{term}'" for term in alternative.terms]
        if alternative.prefix:
            terms[-1] += ":*"
        return "(" + " <-> ".join(terms) + ")"

    return " & ".join("(" + " | ".join(one(a) for a in group) + ")" for group in groups)


# --- did you mean ---------------------------------------------------------------------------


def suggestion(q: str, vocabulary: frozenset[str]) -> str | None:
    """The query with each word that is not in the vocabulary replaced by the closest one
    that is, or None when there is nothing to change."""
    changed = False
    suggested = []
    for word in words(q):
        if word in vocabulary or word in STOPWORDS:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            suggested.append(close[0])
            changed = True
        else:
            suggested.append(word)
    return " ".join(suggested) if changed else None


def outside_the_models(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's include_name: False for the FTS5 table and its shadow tables (SQLite) and
    the expression index (PostgreSQL), which the migration made and no model describes."""
    if type_ == "index":
        return name != PG_INDEX
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
