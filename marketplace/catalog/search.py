# ruff: noqa: RUF001, RUF002 (Arabic letters and apostrophes are what this module folds)
"""Product search: the full-text documents and the queries that read them.

Both databases search the same normalised text (`normalise()`: case, accents and
other diacritics, Arabic letter variants, French elision), at index and at query
time, so that "زربيه" finds "زربية", "l'huile" finds "huile" and "the" finds "thé".

PostgreSQL keeps one `tsvector` per language on each product (`search_en`,
`search_fr`, `search_ar`), built here by one UPDATE and indexed with GIN, plus a
trigram GIN index on each language's name for typos (migration 0002). SQLite keeps
the same documents in an FTS5 table, `catalog_product_search` (migration 0005;
porter stemming, accents folded, French plurals folded here), ranked with bm25.

`ProductQuerySet.search()` and `.update_search_vectors()` are the public entry
points; they delegate here so that the raw SQL stays in one module. This module
imports no model: it receives the queryset to search or update.
"""

import difflib
import json
import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections, models
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

SEARCH_LANGUAGES = ("en", "fr", "ar")

# The FTS5 table of the SQLite documents: per language, the name, the category and
# shop, the materials and region, the description (PostgreSQL's weights A to D).
FTS_TABLE = "catalog_product_search"
FTS_PARTS = ("name", "label", "extra", "body")
FTS_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

# Arabic letter variants read as one letter (hamza on alef, madda, wasla; teh
# marbuta as heh; alef maksura as yeh) and the tatweel, which only stretches words.
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None}
)
# French elision: l'huile, d'argan, qu'il (straight or typographic apostrophe).
_ELISION = re.compile(r"\b(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’‘`´]", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# Words PostgreSQL's configurations drop from queries; SQLite drops them too when
# the query has other words (a query of only such words still searches for them).
_STOPWORDS = {
    "en": {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"},
    "fr": {"au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "ou", "un", "une"},
    "ar": {"في", "من", "و", "مع", "على"},
}


def search_config(language: str | None = None) -> str:
    """PostgreSQL text search configuration for a page language."""
    return {"fr": "french", "ar": "arabic"}.get((language or get_language() or "en")[:2], "english")


def search_language(language: str | None = None) -> str:
    """The search document's language for a page language (English when unknown)."""
    code = (language or get_language() or "en")[:2]
    return code if code in SEARCH_LANGUAGES else "en"


def normalise(text: str, language: str | None = None) -> str:
    """`text` as both databases index and search it, whatever the language: lower
    case, no accents or Arabic diacritics, one form of each Arabic letter variant
    (أ إ آ → ا, ة → ه, ى → ي), no tatweel, no French elision (l'huile → huile).

    Applied to every language's document, since an untranslated field falls back to
    the language the vendor wrote in."""
    text = unicodedata.normalize("NFKC", text or "").translate(_ARABIC_LETTERS)
    text = _ELISION.sub("", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text).casefold()


def _french_singular(word: str) -> str:
    """A French word without its plural mark (SQLite only: its porter stemmer is
    English; PostgreSQL's french configuration stems properly)."""
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("eaux") or word.endswith("eux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")):
        return word[:-1]
    return word


def _fts_words(text: str, code: str) -> list[str]:
    """The normalised words of `text`, French plurals folded (SQLite's documents)."""
    words = _WORD.findall(normalise(text, code))
    if code == "fr":
        words = [_french_singular(word) for word in words]
    return words


def fts_query(text: str, code: str) -> str:
    """An FTS5 query for `text` in one language's columns: every word must match
    (any order, any column of that language); each word is quoted, so no input is
    read as FTS5 syntax. Empty when `text` has no word."""
    words = _fts_words(text, code)
    kept = [word for word in words if word not in _STOPWORDS[code]] or words
    if not kept:
        return ""
    columns = " ".join(f"{part}_{code}" for part in FTS_PARTS)
    words = " AND ".join(f'"{word}"' for word in dict.fromkeys(kept))
    return f"{{{columns}}} : ({words})"


def search_products(products: QuerySet, text: str, language: str | None = None) -> QuerySet:
    """`products` matching `text` in the page's language, annotated with `rank`.

    PostgreSQL: full-text search on the per-language document (name, shop,
    category, description, materials; stemmed with the language's configuration)
    or, for typos, trigram word similarity on the name. SQLite: the FTS5 table,
    ranked with bm25. Either way at most LISTING_MAX_RESULTS candidates are ranked
    (see `_candidates`).
    """
    code = search_language(language)
    if connections[products.db].vendor != "postgresql":
        return _search_sqlite(products, text, code)
    query = SearchQuery(normalise(text, code), config=search_config(code), search_type="websearch")
    return products.filter(pk__in=_candidates(products, text, query, code)).annotate(
        rank=SearchRank(F(f"search_{code}"), query, normalization=Value(2))
        + TrigramWordSimilarity(text, f"name_{code}")
    )


def _bm25() -> str:
    weights = ", ".join(str(w) for _code in SEARCH_LANGUAGES for w in FTS_WEIGHTS)
    return f"bm25({FTS_TABLE}, {weights})"


def _search_sqlite(products: QuerySet, text: str, code: str) -> QuerySet:
    """The FTS5 matches (the best LISTING_MAX_RESULTS by bm25), ranked by bm25
    (negated: higher is better, as on PostgreSQL)."""
    match = fts_query(text, code)
    if not match:
        return products.none().annotate(rank=Value(0.0, output_field=models.FloatField()))
    table = products.model._meta.db_table
    candidates = RawSQL(  # noqa: S611 (the query is a parameter)
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 (constants)
        f"ORDER BY {_bm25()} LIMIT %s",
        [match, settings.LISTING_MAX_RESULTS],
    )
    rank = RawSQL(  # noqa: S611 (the query is a parameter)
        f"SELECT -{_bm25()} FROM {FTS_TABLE} "  # noqa: S608 (constants)
        f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{table}"."id"',
        [match],
        output_field=models.FloatField(),
    )
    return products.filter(pk__in=candidates).annotate(rank=rank)


def _candidates(products: QuerySet, text: str, query: SearchQuery, code: str) -> QuerySet:
    """The ids of at most LISTING_MAX_RESULTS matches worth ranking, name matches first.

    A common word matches tens of thousands of products and listings never show
    more than LISTING_MAX_RESULTS, so only that many are ranked. Which ones matters:
    cut in table order, the names carrying the word could all be left out for
    products that mention it once in a description. Ordering every match by a rank
    before the cut reads all of them (9,700 to 55,000 rows for a common word at
    100,000 products: 60-430 ms against 10-15 ms; docs/benchmarks.md, "Search
    ranking"), so the cut is made in two GIN-friendly tiers:

    1. names similar to the text (`%>`, the trigram index on the name: the word
       itself, a stem of it or a typo), which are the best matches by the rank;
    2. only then the other full-text matches (shop, category, materials,
       description), to fill up what the names left.

    `UNION ALL ... LIMIT` stops as soon as the cap is reached, so the second tier is
    not even read when the names fill it, and each tier reads about as many rows as
    it returns (the second also skips the names the first took: fewer than the
    cap). Among more name matches than the cap, the ones ranked are taken in
    table order (all have a name similar to the text; the page asks to refine).
    """
    cap = settings.LISTING_MAX_RESULTS
    by_name = Q(**{f"name_{code}__trigram_word_similar": text})
    names = products.filter(by_name).order_by().values("pk")[:cap]
    others = products.filter(Q(**{f"search_{code}": query}) & ~by_name).order_by().values("pk")
    return names.union(others[:cap], all=True).order_by()[:cap]


def _first(row: dict, field: str, code: str) -> str:
    """A translated field in `code`, falling back as the page does (en, fr, ar)."""
    for c in (code, *(c for c in SEARCH_LANGUAGES if c != code)):
        if row.get(f"{field}_{c}"):
            return row[f"{field}_{c}"]
    return ""


def _documents(products: QuerySet) -> list[tuple[int, dict[str, tuple[str, ...]]]]:
    """Each product's text per language: name, category and shop, materials and
    region, description (untranslated fields read in the language the vendor used)."""
    fields = [
        f"{prefix}{name}_{c}"
        for c in SEARCH_LANGUAGES
        for prefix, name in (
            ("", "name"),
            ("", "materials"),
            ("", "description"),
            ("category__", "name"),
        )
    ]
    rows = products.order_by().values("pk", "origin_region", "vendor__name", *fields)
    documents = []
    for row in rows:
        category = {k.removeprefix("category__"): v for k, v in row.items() if "category__" in k}
        documents.append(
            (
                row["pk"],
                {
                    code: (
                        _first(row, "name", code),
                        f"{_first(category, 'name', code)} {row['vendor__name'] or ''}",
                        f"{_first(row, 'materials', code)} {row['origin_region'] or ''}",
                        _first(row, "description", code),
                    )
                    for code in SEARCH_LANGUAGES
                },
            )
        )
    return documents


def update_search_vectors(products: QuerySet) -> int:
    """Rebuild the search documents of `products`: the tsvectors on PostgreSQL
    (one UPDATE), the FTS5 rows on SQLite (one DELETE, one INSERT). Two queries
    either way, after the one that reads the texts."""
    documents = _documents(products)
    if not documents:
        return 0
    vendor = connections[products.db].vendor
    if vendor == "postgresql":
        _update_postgresql(products.db, documents)
    elif vendor == "sqlite":
        _update_sqlite(products.db, documents)
    return len(documents)


def _update_postgresql(using: str, documents) -> None:
    columns = [f"{part}_{code}" for code in SEARCH_LANGUAGES for part in FTS_PARTS]
    arrays = [[pk for pk, _texts in documents]] + [
        [normalise(texts[code][i], code) for _pk, texts in documents]
        for code in SEARCH_LANGUAGES
        for i in range(len(FTS_PARTS))
    ]

    def document(code: str) -> str:
        config = search_config(code)
        return " || ".join(
            f"setweight(to_tsvector('{config}', d.{part}_{code}), '{weight}')"
            for part, weight in zip(FTS_PARTS, "ABCD", strict=True)
        )

    # One UPDATE for all languages: one new row version per product, not three.
    assignments = ", ".join(f"search_{code} = {document(code)}" for code in SEARCH_LANGUAGES)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE catalog_product p SET {assignments}
            FROM unnest(%s::bigint[], {", ".join(["%s::text[]"] * len(columns))})
                AS d(id, {", ".join(columns)})
            WHERE p.id = d.id
            """,  # noqa: S608 (no user input: configuration names and columns)
            arrays,
        )


def _update_sqlite(using: str, documents) -> None:
    columns = [f"{part}_{code}" for code in SEARCH_LANGUAGES for part in FTS_PARTS]
    rows = [
        [pk]
        + [
            " ".join(_fts_words(texts[code][i], code))
            for code in SEARCH_LANGUAGES
            for i in range(len(FTS_PARTS))
        ]
        for pk, texts in documents
    ]
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT value FROM json_each(%s))",  # noqa: S608
            [json.dumps([row[0] for row in rows])],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(columns)}) "  # noqa: S608 (constants)
            f"VALUES ({', '.join(['%s'] * (len(columns) + 1))})",
            rows,
        )


def suggest(text: str, vocabulary: dict[str, str], language: str | None = None) -> str:
    """A "did you mean" for `text` from the catalogue's own words, or "".

    `vocabulary` maps normalised words to how the catalogue writes them (see
    `vocabulary()`); each word of `text` the catalogue lacks is replaced by the
    closest one it has, when one is close enough (difflib's ratio ≥ 0.75)."""
    code = search_language(language)
    words = _WORD.findall(text)
    changed = False
    suggestion = []
    for word in words:
        key = normalise(word, code)
        if key in vocabulary or key in _STOPWORDS[code] or len(key) < 3:
            suggestion.append(word)
            continue
        close = difflib.get_close_matches(key, vocabulary.keys(), n=1, cutoff=0.75)
        if close:
            suggestion.append(vocabulary[close[0]])
            changed = True
        else:
            suggestion.append(word)
    return " ".join(suggestion) if changed else ""


def vocabulary(names) -> dict[str, str]:
    """The words of `names` (product and category names), normalised, each with the
    way the catalogue writes it (lower case), for `suggest()`."""
    words: dict[str, str] = {}
    for name in names:
        for word in _WORD.findall(name or ""):
            if len(word) >= 3 and not word.isdigit():
                words.setdefault(normalise(word), word.lower())
    return words
