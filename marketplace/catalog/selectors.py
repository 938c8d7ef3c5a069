"""Storefront reads: listing with filters and sorting, capped pagination, facets."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import get_language

from marketplace.vendors.models import Vendor

from . import search as product_search
from .models import (
    ROOT_CATEGORIES_CACHE_KEY,
    SEARCH_LANGUAGES,
    SIZES_CACHE_KEY,
    Category,
    Product,
    Variant,
)

# The newest product names whose words "did you mean" may suggest.
VOCABULARY_NAMES = 20_000

# pg_trgm's word similarity accepted when a search finds nothing (its default: 0.6).
LOOSE_WORD_SIMILARITY = 0.3


class CappedPaginator(Paginator):
    """Counts at most `cap` results: `COUNT(*)` over a LIMITed subquery, so the
    cost of counting and of the deepest page stays bounded however large the
    catalogue grows. Shoppers past the cap are asked to refine their search."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap].count()

    @property
    def truncated(self) -> bool:
        return self.count >= self.cap


@dataclass
class Listing:
    page: Page
    filters: dict
    sort: str
    category: Category | None = None
    vendor: Vendor | None = None
    unknown: list[str] = field(default_factory=list)
    loose_match: bool = False  # nothing matched the search exactly: close matches shown
    suggestion: str = ""  # nothing matched at all: a search in the catalogue's words

    @property
    def truncated(self) -> bool:
        return self.page.paginator.truncated


def _sorted(products: QuerySet, sort: str, code: str) -> QuerySet:
    orderings = {
        "relevance": ["-rank", "-created", "-id"],
        "newest": ["-created", "-id"],
        "price_asc": ["price", "id"],
        "price_desc": ["-price", "-id"],
        "name": [f"name_{code}", "id"],
        "rating": ["-rating_average", "-rating_count", "-id"],
    }
    return products.order_by(*orderings[sort])


def _with_options(products: QuerySet, options: list[tuple[str, str]]) -> QuerySet:
    """Within one option (colour) any value matches; across options all must."""
    by_kind: dict[str, list[str]] = {}
    for kind, value in options:
        by_kind.setdefault(kind, []).append(value)
    for kind, values in by_kind.items():
        variants = Variant.objects.filter(
            product=OuterRef("pk"), is_active=True, **{f"{kind}__in": values}
        )
        products = products.filter(Exists(variants))
    return products


def _page(products: QuerySet, sort: str, code: str, page_number) -> Page:
    paginator = CappedPaginator(
        _sorted(products, sort, code).for_listing(),
        settings.PRODUCTS_PER_PAGE,
        cap=settings.LISTING_MAX_RESULTS,
    )
    return paginator.get_page(page_number)


def _loose_search_page(products: QuerySet, query: str, code: str, sort: str, page_number) -> Page:
    """Second try for a search that found nothing: accept names whose words are only
    loosely similar (swapped letters: "bebrer" finds "berber"). PostgreSQL's trigram
    threshold is lowered for this transaction only, so the page is read inside it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(LOOSE_WORD_SIMILARITY)],
        )
        page = _page(products.search(query, code), sort, code, page_number)
        page.object_list = list(page.object_list)
    return page


def product_listing(
    filters: dict,
    *,
    page_number: str | int | None,
    category: Category | None = None,
    vendor: Vendor | None = None,
) -> Listing:
    """The page of visible products matching `filters` (from ProductFilterForm)."""
    code = (get_language() or "en")[:2]
    code = code if code in SEARCH_LANGUAGES else "en"
    products = Product.objects.visible()
    unknown: list[str] = []

    if category is None and filters.get("category"):
        category = Category.objects.active().filter(slug=filters["category"]).first()
        if category is None:
            unknown.append("category")
    if category is not None:
        products = products.in_categories(category.descendant_ids())
    if vendor is None and filters.get("vendor"):
        vendor = Vendor.objects.approved().filter(slug=filters["vendor"]).first()
        if vendor is None:
            unknown.append("vendor")
    if vendor is not None:
        products = products.filter(vendor=vendor)
    if "min_price" in filters:
        products = products.filter(price__gte=filters["min_price"])
    if "max_price" in filters:
        products = products.filter(price__lte=filters["max_price"])
    if filters.get("rating"):
        products = products.filter(rating_average__gte=filters["rating"])
    if filters.get("in_stock"):
        products = products.in_stock()
    if filters.get("option"):
        products = _with_options(products, filters["option"])

    query = filters.get("q", "").strip()
    sort = filters.get("sort") or ("relevance" if query else "newest")
    if sort == "relevance" and not query:
        sort = "newest"
    page = _page(products.search(query, code) if query else products, sort, code, page_number)
    loose = False
    if query and not page.paginator.count and connection.vendor == "postgresql":
        page = _loose_search_page(products, query, code, sort, page_number)
        loose = bool(page.paginator.count)
    suggestion = ""
    if query and not page.paginator.count:
        suggestion = product_search.suggest(query, search_vocabulary(code), code)
    return Listing(
        page=page,
        loose_match=loose,
        suggestion=suggestion,
        filters=filters,
        sort=sort,
        category=category,
        vendor=vendor,
        unknown=unknown,
    )


def search_vocabulary(code: str) -> dict[str, str]:
    """The words of the visible products' and categories' names in `code`, for "did
    you mean" (cached ten minutes: read only when a search finds nothing)."""
    key = f"catalog:search-vocabulary:{code}"
    words = cache.get(key)
    if words is None:
        names = list(
            Product.objects.visible()
            .order_by("-created")
            .values_list(f"name_{code}", flat=True)[:VOCABULARY_NAMES]
        )
        names += Category.objects.active().values_list(f"name_{code}", flat=True)
        words = product_search.vocabulary(names)
        cache.set(key, words, timeout=600)
    return words


def available_sizes() -> list[str]:
    """Sizes offered by active variants, for the filter form (cached)."""
    sizes = cache.get(SIZES_CACHE_KEY)
    if sizes is None:
        sizes = list(
            Variant.objects.filter(is_active=True)
            .exclude(size="")
            .order_by("size")  # not the model's ordering: DISTINCT would include it
            .values_list("size", flat=True)
            .distinct()[:60]
        )
        cache.set(SIZES_CACHE_KEY, sizes, timeout=600)
    return sizes


def root_categories() -> list[Category]:
    """The top of the category tree, for menus (cached with the tree)."""
    tree = Category.tree()
    roots = tree.get(None, [])
    cached = cache.get(ROOT_CATEGORIES_CACHE_KEY)
    if cached is None or [c.pk for c in cached] != roots:
        cached = list(Category.objects.filter(pk__in=roots).order_by("position", "slug"))
        cache.set(ROOT_CATEGORIES_CACHE_KEY, cached, timeout=600)
    return cached


def related_products(product: Product, limit: int = 4) -> list[Product]:
    """Newest products of the same category (an index scan on category, created)."""
    return list(
        Product.objects.visible()
        .filter(category=product.category_id)
        .exclude(pk=product.pk)
        .order_by("-created")
        .for_listing()[:limit]
    )


def home_sections() -> dict:
    return {
        "featured_categories": [c for c in root_categories() if c.is_featured]
        or root_categories()[:8],
        "new_arrivals": list(
            Product.objects.visible().order_by("-created", "-id").for_listing()[:8]
        ),
        "featured_shops": list(
            Vendor.objects.approved().filter(is_featured=True).order_by("name")[:4]
        ),
    }
