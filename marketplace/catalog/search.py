"""Product search: the full-text documents and the queries that read them.

PostgreSQL keeps one `tsvector` per language on each product (`search_en`,
`search_fr`, `search_ar`), built here by one UPDATE and indexed with GIN, plus a
trigram GIN index on each language's name for typos (migration 0002). SQLite has
neither and falls back to a case-insensitive match.

`ProductQuerySet.search()` and `.update_search_vectors()` are the public entry
points; they delegate here so that the raw SQL stays in one module. This module
imports no model: it receives the queryset to search or update.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection, models
from django.db.models import F, Q, QuerySet, Value
from django.utils.translation import get_language

SEARCH_LANGUAGES = ("en", "fr", "ar")


def search_config(language: str | None = None) -> str:
    """PostgreSQL text search configuration for a page language."""
    return {"fr": "french", "ar": "arabic"}.get((language or get_language() or "en")[:2], "english")


def search_language(language: str | None = None) -> str:
    """The search document's language for a page language (English when unknown)."""
    code = (language or get_language() or "en")[:2]
    return code if code in SEARCH_LANGUAGES else "en"


def search_products(products: QuerySet, text: str, language: str | None = None) -> QuerySet:
    """`products` matching `text` in the page's language, annotated with `rank`.

    PostgreSQL: full-text search on the per-language document (name, shop,
    category, description, materials; stemmed with the language's configuration)
    or, for typos, trigram word similarity on the name. At most
    LISTING_MAX_RESULTS candidates are ranked (see `_candidates`). SQLite: a plain
    case-insensitive match on name and description, newest first.
    """
    code = search_language(language)
    if connection.vendor != "postgresql":
        return products.filter(
            Q(**{f"name_{code}__icontains": text})
            | Q(**{f"description_{code}__icontains": text})
            | Q(vendor__name__icontains=text)
        ).annotate(rank=Value(1.0, output_field=models.FloatField()))
    query = SearchQuery(text, config=search_config(code), search_type="websearch")
    return products.filter(pk__in=_candidates(products, text, query, code)).annotate(
        rank=SearchRank(F(f"search_{code}"), query, normalization=Value(2))
        + TrigramWordSimilarity(text, f"name_{code}")
    )


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


def update_search_vectors(products: QuerySet) -> int:
    """Rebuild the search documents of `products` (PostgreSQL only).

    One UPDATE joining shop and category; fallbacks follow what the page shows
    (an untranslated name reads in the language the vendor wrote in).
    """
    if connection.vendor != "postgresql":
        return 0
    ids = list(products.values_list("pk", flat=True))
    if not ids:
        return 0

    def text(column: str, code: str, alias: str = "p") -> str:
        others = [c for c in SEARCH_LANGUAGES if c != code]
        return "coalesce({})".format(
            ", ".join(
                [f"nullif({alias}.{column}_{code}, '')"]
                + [f"nullif({alias}.{column}_{c}, '')" for c in others]
                + ["''"]
            )
        )

    def document(code: str) -> str:
        config = search_config(code)
        return f"""
            setweight(to_tsvector('{config}', {text("name", code)}), 'A')
            || setweight(to_tsvector('{config}',
                   {text("name", code, "c")} || ' ' || v.name), 'B')
            || setweight(to_tsvector('{config}',
                   {text("materials", code)} || ' ' || p.origin_region), 'C')
            || setweight(to_tsvector('{config}', {text("description", code)}), 'D')"""

    # One UPDATE for all languages: one new row version per product, not three.
    assignments = ", ".join(f"search_{code} = {document(code)}" for code in SEARCH_LANGUAGES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE catalog_product p SET {assignments}
            FROM catalog_category c, vendors_vendor v
            WHERE c.id = p.category_id AND v.id = p.vendor_id AND p.id = ANY(%s)
            """,  # noqa: S608 (no user input: configuration names and columns)
            [ids],
        )
    return len(ids)
