"""Storefront: what shoppers may see, filters, sorting, search, product pages, SEO."""

import html
import json
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import override_settings

from marketplace.catalog.models import Product, Variant
from marketplace.vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lazy_loads_raise")]


CARD_TITLE = re.compile(r'<h3 class="h6 card-title mb-1"><a [^>]*>([^<]*)</a>')


def names(response) -> list[str]:
    """The products listed, from the context of a fresh render or from the HTML of
    a shared one (a second request for the same filters is served from the cache)."""
    if response.context and "products" in response.context:
        return [p.name for p in response.context["products"]]
    return [html.unescape(name) for name in CARD_TITLE.findall(response.content.decode())]


# --- visibility --------------------------------------------------------------------


def test_draft_product_is_a_404_and_absent_from_lists(client, make_product):
    visible = make_product("Visible tagine")
    draft = make_product("Draft tagine", status=Product.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert names(client.get("/en/products/")) == ["Visible tagine"]
    assert client.get(visible.get_absolute_url()).status_code == 200


def test_products_of_a_suspended_shop_are_hidden(client, make_product, shop):
    product = make_product("Suspended tagine")
    shop.status = Vendor.Status.SUSPENDED
    shop.save()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert names(client.get("/en/products/")) == []
    assert client.get(shop.get_absolute_url()).status_code == 404


def test_a_product_whose_variants_are_all_inactive_is_hidden(client, make_product):
    product = make_product("Retired tagine", variants=[{"stock": 3, "is_active": False}])
    assert client.get(product.get_absolute_url()).status_code == 404
    assert names(client.get("/en/products/")) == []


def test_deactivating_the_last_variant_hides_the_product(client, make_product):
    product = make_product("Tagine")
    variant = product.variants.get()
    variant.is_active = False
    variant.save()
    assert client.get(product.get_absolute_url()).status_code == 404


# --- filters and sorting -----------------------------------------------------------


def test_category_page_includes_descendant_categories(client, make_product, categories):
    make_product("Tagine", category=categories["tagines"])
    make_product("Rug", category=categories["rugs"])
    assert names(client.get("/en/c/pottery/")) == ["Tagine"]
    assert names(client.get("/en/products/?category=pottery")) == ["Tagine"]


def test_price_range_filter(client, make_product):
    make_product("Cheap", price="50")
    make_product("Mid", price="150")
    make_product("Dear", price="900")
    assert names(client.get("/en/products/?min_price=100&max_price=500")) == ["Mid"]
    # Swapped bounds are understood.
    assert names(client.get("/en/products/?min_price=500&max_price=100")) == ["Mid"]


def test_variant_price_override_sets_the_listed_price(client, make_product):
    make_product(
        "Argan oil",
        price="120",
        variants=[
            {"size": "50 ml", "price_override": Decimal("80"), "stock": 3},
            {"size": "250 ml", "stock": 3},
        ],
    )
    assert names(client.get("/en/products/?max_price=90")) == ["Argan oil"]


def test_option_filters_by_colour_and_size(client, make_product):
    make_product("Red rug", variants=[{"colour": "red", "size": "M", "stock": 1}])
    make_product("Blue rug", variants=[{"colour": "blue", "size": "L", "stock": 1}])
    make_product("Red big rug", variants=[{"colour": "red", "size": "L", "stock": 1}])
    assert set(names(client.get("/en/products/?option=colour:red"))) == {"Red rug", "Red big rug"}
    assert names(client.get("/en/products/?option=colour:red&option=size:L")) == ["Red big rug"]
    assert set(names(client.get("/en/products/?option=colour:red&option=colour:blue"))) == {
        "Red rug",
        "Blue rug",
        "Red big rug",
    }


def test_inactive_variants_do_not_match_option_filters(client, make_product):
    make_product(
        "Rug",
        variants=[
            {"colour": "red", "stock": 1, "is_active": False},
            {"colour": "blue", "stock": 1},
        ],
    )
    assert names(client.get("/en/products/?option=colour:red")) == []


def test_minimum_rating_filter(client, make_product):
    make_product("Loved", rating_average=Decimal("4.6"), rating_count=10)
    make_product("Fine", rating_average=Decimal("3.2"), rating_count=4)
    make_product("New")
    assert names(client.get("/en/products/?rating=4")) == ["Loved"]
    assert set(names(client.get("/en/products/?rating=3"))) == {"Loved", "Fine"}


def test_shop_filter_and_shop_page(client, make_product, other_shop):
    make_product("Ours")
    make_product("Theirs", vendor=other_shop)
    assert names(client.get("/en/products/?vendor=cooperative-tafraout")) == ["Theirs"]
    response = client.get(other_shop.get_absolute_url())
    assert response.status_code == 200
    assert names(response) == ["Theirs"]


def test_in_stock_only_filter_and_out_of_stock_badge(client, make_product):
    make_product("Available", variants=[{"stock": 2}])
    make_product("Sold out", variants=[{"stock": 0}])
    response = client.get("/en/products/")
    assert set(names(response)) == {"Available", "Sold out"}
    assert "Out of stock" in response.content.decode()
    assert names(client.get("/en/products/?in_stock=1")) == ["Available"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["C", "B", "A"]),
        ("price_asc", ["B", "A", "C"]),
        ("price_desc", ["C", "A", "B"]),
        ("name", ["A", "B", "C"]),
        ("rating", ["A", "C", "B"]),
    ],
)
def test_sorting(client, make_product, sort, expected):
    make_product("A", price="20", age_days=3, rating_average=Decimal("5"), rating_count=1)
    make_product("B", price="10", age_days=2)
    make_product("C", price="30", age_days=1, rating_average=Decimal("4"), rating_count=1)
    assert names(client.get(f"/en/products/?sort={sort}")) == expected


def test_filters_and_sort_combine(client, make_product, categories):
    make_product("Red tagine", price="80", variants=[{"colour": "red", "stock": 1}])
    make_product("Red dear tagine", price="300", variants=[{"colour": "red", "stock": 1}])
    make_product(
        "Red rug", price="90", category=categories["rugs"], variants=[{"colour": "red", "stock": 1}]
    )
    make_product("Blue tagine", price="70", variants=[{"colour": "blue", "stock": 1}])
    response = client.get(
        "/en/c/pottery/?option=colour:red&max_price=400&in_stock=1&sort=price_desc"
    )
    assert names(response) == ["Red dear tagine", "Red tagine"]


@override_settings(PRODUCTS_PER_PAGE=2)
def test_pagination_keeps_filters_in_links(client, make_product):
    for i in range(5):
        make_product(f"Tagine {i}", age_days=i)
    response = client.get("/en/products/?sort=newest&page=2")
    assert names(response) == ["Tagine 2", "Tagine 3"]
    html = response.content.decode()
    assert 'href="?sort=newest&amp;page=3"' in html
    assert 'href="?sort=newest&amp;page=1"' in html


@override_settings(PRODUCTS_PER_PAGE=2, LISTING_MAX_RESULTS=4)
def test_listing_counts_up_to_the_cap_and_asks_to_refine(client, make_product):
    for i in range(6):
        make_product(f"Tagine {i}")
    response = client.get("/en/products/?page=99")
    assert response.context["page_obj"].number == 2
    html = response.content.decode()
    assert "More than 4 products" in html
    assert "Refine your search" in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=-1",
        "page=1e999999",
        "min_price=-5",
        "max_price=lots",
        "min_price=1e400",
        "sort=DROP",
        "category=nope",
        "category=../../etc",
        "vendor=ghost",
        "rating=9",
        "option=colour:plaid",
        "option=weird",
        "in_stock=maybe",
        "q=" + "x" * 500,
        "q=' OR 1=1 --",
    ],
)
def test_bad_query_strings_never_fail(client, make_product, query):
    make_product("Tagine")
    response = client.get(f"/en/products/?{query}")
    assert response.status_code == 200
    assert response.context["products"] is not None


def test_a_nul_character_in_the_query_is_refused_not_a_failure(client, make_product):
    """PostgreSQL refuses NUL in text: such a request is a 400 before any query."""
    make_product("Tagine")
    response = client.get("/en/products/?q=%00")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_ignored_filters_are_explained(client, make_product):
    make_product("Tagine")
    response = client.get("/en/products/?max_price=lots&category=nope")
    assert names(response) == ["Tagine"]
    html = response.content.decode()
    assert "Some filters could not be used and were ignored" in html
    assert "Maximum price" in html and "Category" in html


def test_unknown_category_page_is_a_404(client, categories):
    assert client.get("/en/c/no-such-category/").status_code == 404


# --- htmx ----------------------------------------------------------------------------


def test_htmx_filter_request_gets_only_the_results(client, make_product):
    make_product("Tagine")
    response = client.get("/en/products/?sort=name", headers={"hx-request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="product-results"')
    assert "<html" not in html
    assert response["Vary"].count("HX-Request") == 1


def test_htmx_history_restore_gets_the_full_page(client, make_product):
    make_product("Tagine")
    response = client.get(
        "/en/products/?sort=name",
        headers={"hx-request": "true", "hx-history-restore-request": "true"},
    )
    assert "<html" in response.content.decode()


def test_filter_form_works_without_javascript(client, make_product):
    make_product("Tagine")
    html = client.get("/en/products/").content.decode()
    assert re.search(r'<form id="filters" method="get" action="/en/products/"', html)


def _elements(html: str) -> list[tuple[str, dict]]:
    """(tag, attributes) of every start tag, in document order."""

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Collect()
    parser.feed(html)
    return parser.found


def _by_id(html: str, element_id: str) -> dict:
    matches = [attrs for _tag, attrs in _elements(html) if attrs.get("id") == element_id]
    assert len(matches) == 1, f"#{element_id} appears {len(matches)} times"
    return matches[0]


def test_sort_and_filters_are_one_form_so_each_keeps_the_other(client, make_product):
    """The sort select belongs to the filters form (form="filters"): a filter change
    sends the current sort and a sort change sends the current filters, with htmx or
    as a plain GET, whatever was changed before. No copy of the sort is frozen at render."""
    make_product("Tagine")
    html = client.get("/en/products/?sort=price_asc&in_stock=1").content.decode()
    controls = [attrs for tag, attrs in _elements(html) if tag in ("input", "select")]
    sort_controls = [attrs for attrs in controls if attrs.get("name") == "sort"]
    assert len(sort_controls) == 1
    sort = sort_controls[0]
    assert sort["form"] == "filters"
    assert sort["hx-include"] == "#filters"
    assert sort["hx-get"] == "/en/products/"
    assert '<option value="price_asc" selected>' in html
    noscript = html[html.index("<noscript>", html.index('id="sort"')) :]
    assert noscript.startswith(
        '<noscript><button class="btn btn-sm btn-outline-dark" type="submit" form="filters">'
    )
    # A plain GET of the filters form (no JavaScript) carries both.
    response = client.get("/en/products/?in_stock=1&sort=price_desc&category=pottery")
    assert 'option value="price_desc" selected' in response.content.decode()


def test_result_count_is_the_listings_only_live_region(client, make_product, categories):
    """Screen readers hear the new result count after a filter change, not the whole
    grid: the swapped #product-results is no live region; #results-status, outside it,
    is one and htmx refreshes its text from each response (hx-select-oob)."""
    make_product("Tagine")
    make_product("Wool rug", category=categories["rugs"])
    html = client.get("/en/products/").content.decode()
    assert "aria-live" not in _by_id(html, "product-results")
    status = _by_id(html, "results-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert re.search(r'id="results-status"[^>]*>\s*2 products\s*</p>', html)
    assert html.index('id="results-status"') > html.index(
        "</section>", html.index("product-results")
    )
    for element_id in ("filters", "sort"):
        assert _by_id(html, element_id)["hx-select-oob"] == "#results-status:innerHTML"

    fragment = client.get("/en/products/?q=tagine", headers={"hx-request": "true"})
    fragment = fragment.content.decode()
    assert fragment.lstrip().startswith('<section id="product-results"')
    assert re.search(r'id="results-status"[^>]*>\s*1 product\s*<span', fragment)


# --- search --------------------------------------------------------------------------


def test_search_on_sqlite_or_postgres_finds_by_name(client, make_product, categories):
    make_product("Blue tagine")
    make_product("Wool rug", category=categories["rugs"])
    assert names(client.get("/en/products/?q=tagine")) == ["Blue tagine"]


@pytest.mark.postgres
def test_search_finds_french_words_on_french_pages(client, make_product):
    make_product("Leather bag", name_fr="Sac en cuir tanné", name_ar="حقيبة جلدية")
    make_product("Wool rug", name_fr="Tapis en laine", name_ar="زربية صوف")
    response = client.get("/fr/products/?q=sacs cuirs")  # stemming: plural finds singular
    assert [p.name for p in response.context["products"]] == ["Sac en cuir tanné"]


@pytest.mark.postgres
def test_search_finds_arabic_words_on_arabic_pages(client, make_product):
    make_product("Leather bag", name_fr="Sac en cuir", name_ar="حقيبة جلدية")
    make_product("Wool rug", name_fr="Tapis en laine", name_ar="زربية صوف")
    response = client.get("/ar/products/?q=زربية")
    assert [p.name for p in response.context["products"]] == ["زربية صوف"]


@pytest.mark.postgres
def test_search_tolerates_a_typo(client, make_product):
    make_product("Berber carpet", name_fr="Tapis berbère")
    make_product("Copper lantern", name_fr="Lanterne en cuivre")
    assert names(client.get("/en/products/?q=carpt")) == ["Berber carpet"]
    assert [p.name for p in client.get("/fr/products/?q=lanterne cuivr").context["products"]] == [
        "Lanterne en cuivre"
    ]


@pytest.mark.postgres
def test_search_matches_shop_and_category_names(client, make_product, other_shop, categories):
    make_product("Plain bowl", vendor=other_shop)
    make_product("Small item", category=categories["rugs"])
    assert names(client.get("/en/products/?q=tafraout")) == ["Plain bowl"]
    assert names(client.get("/en/products/?q=rugs")) == ["Small item"]


@pytest.mark.postgres
def test_search_ranks_name_matches_first(client, make_product):
    make_product("Simple bowl", description="Goes well with a tagine.")
    make_product("Tagine pot")
    assert names(client.get("/en/products/?q=tagine")) == ["Tagine pot", "Simple bowl"]


# --- product page ----------------------------------------------------------------------


def test_product_page_in_each_language_uses_that_languages_slug(client, make_product):
    product = make_product("Blue tagine", name_fr="Tajine bleu", name_ar="طاجين أزرق")
    for code, name in (("en", "Blue tagine"), ("fr", "Tajine bleu"), ("ar", "طاجين أزرق")):
        slug = getattr(product, f"slug_{code}")
        response = client.get(f"/{code}/p/{slug}/")
        assert response.status_code == 200
        assert f'<h1 class="h2">{name}</h1>' in response.content.decode()


def test_a_slug_in_the_wrong_language_redirects_permanently(client, make_product):
    product = make_product("Blue tagine")
    response = client.get(f"/fr/p/{product.slug_en}/?variant=1")
    assert response.status_code == 301
    assert response["Location"] == f"/fr/p/{product.slug_fr}/?variant=1"


def test_arabic_unicode_slug(client, make_product):
    product = make_product("Tagine")
    product.slug_ar = "طاجين-أزرق"
    product.save()
    response = client.get("/ar/p/طاجين-أزرق/")
    assert response.status_code == 200


def test_product_page_has_hreflang_and_canonical_links(client, make_product):
    product = make_product("Blue tagine")
    html = client.get(f"/en/p/{product.slug_en}/").content.decode()
    assert f'<link rel="canonical" href="http://testserver/en/p/{product.slug_en}/">' in html
    assert f'hreflang="fr" href="http://testserver/fr/p/{product.slug_fr}/"' in html
    assert f'hreflang="ar" href="http://testserver/ar/p/{product.slug_ar}/"' in html
    assert f'hreflang="x-default" href="http://testserver/en/p/{product.slug_en}/"' in html


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match
    return json.loads(match.group(1))


def test_json_ld_carries_price_and_availability(client, make_product):
    product = make_product(
        "Blue tagine", price="250", rating_average=Decimal("4.5"), rating_count=8
    )
    data = json_ld(client.get(product.get_absolute_url()))
    assert data["@type"] == "Product"
    assert data["name"] == "Blue tagine"
    assert data["offers"]["price"] == "250.00"
    assert data["offers"]["priceCurrency"] == "MAD"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["aggregateRating"]["ratingValue"] == "4.50"


def test_json_ld_says_out_of_stock_and_price_range(client, make_product):
    product = make_product(
        "Rug",
        variants=[
            {"size": "S", "stock": 0, "price_override": Decimal("100")},
            {"size": "L", "stock": 0, "price_override": Decimal("400")},
        ],
    )
    data = json_ld(client.get(product.get_absolute_url()))
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert (data["offers"]["lowPrice"], data["offers"]["highPrice"]) == ("100.00", "400.00")
    assert "aggregateRating" not in data


def test_json_ld_cannot_be_broken_out_of(client, make_product):
    product = make_product("</script><script>alert(1)</script>")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_choosing_a_variant_shows_its_price_stock_and_sku(client, make_product):
    product = make_product(
        "Argan oil",
        price="100",
        variants=[
            {"size": "50 ml", "stock": 10},
            {"size": "250 ml", "stock": 2, "price_override": Decimal("350")},
        ],
    )
    big = product.variants.get(size="250 ml")
    response = client.get(f"{product.get_absolute_url()}?variant={big.pk}")
    html = response.content.decode()
    assert response.context["variant"] == big
    assert "350.00" in html and big.sku in html and "Only 2 left" in html
    partial = client.get(
        f"{product.get_absolute_url()}?variant={big.pk}", headers={"hx-request": "true"}
    ).content.decode()
    assert partial.lstrip().startswith('<div id="variant-panel"')
    assert big.sku in partial


def test_unknown_variant_falls_back_to_the_first_in_stock(client, make_product):
    product = make_product("Rug", variants=[{"size": "S", "stock": 0}, {"size": "L", "stock": 1}])
    response = client.get(f"{product.get_absolute_url()}?variant=not-a-number")
    assert response.context["variant"].size == "L"


def test_made_to_order_products_show_a_ship_by_date(client, make_product):
    product = make_product("Custom rug", processing_days=14)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Made to order in 14 days" in html and "Ships by" in html


def test_product_page_in_french_is_translated(client, make_product):
    product = make_product("Tagine", name_fr="Tajine")
    html = client.get(f"/fr/p/{product.slug_fr}/").content.decode()
    assert "En stock" in html
    assert '<html lang="fr"' in html


def test_stock_constraint_refuses_negative_stock(make_product):
    from django.db import IntegrityError, transaction

    product = make_product("Tagine", variants=[{"stock": 1}])
    with pytest.raises(IntegrityError), transaction.atomic():
        Variant.objects.filter(product=product).update(stock=-1)


def test_stock_is_never_sold_past_zero_and_the_last_sale_marks_it_out_of_stock(make_product):
    from marketplace.catalog.services import OutOfStock, stock_take

    product = make_product("Tagine", variants=[{"stock": 2}])
    variant = product.variants.get()
    assert variant.take_stock(2)
    assert not variant.take_stock(1)
    variant.refresh_from_db()
    assert variant.stock == 0
    Variant.objects.filter(pk=variant.pk).update_quietly(stock=2)
    stock_take(quantities={variant.pk: 2})
    with pytest.raises(OutOfStock):
        stock_take(quantities={variant.pk: 1})
    product.refresh_from_db()
    variant.refresh_from_db()
    assert variant.stock == 0 and not product.in_stock


def test_size_filter_lists_each_size_once(client, make_product):
    make_product("Rug A", variants=[{"size": "M", "stock": 1}, {"size": "L", "stock": 1}])
    make_product("Rug B", variants=[{"size": "M", "stock": 1}])
    html = client.get("/en/products/").content.decode()
    assert html.count('value="size:M"') == 1
    assert html.count('value="size:L"') == 1


@pytest.mark.postgres
def test_search_with_swapped_letters_shows_close_matches(client, make_product, categories):
    make_product("Berber carpet", category=categories["rugs"])
    make_product("Copper lantern")
    response = client.get("/en/products/?q=bebrer")
    assert names(response) == ["Berber carpet"]
    assert "Nothing matched “bebrer” exactly" in response.content.decode()
    assert names(client.get("/en/products/?q=zzzzqqq")) == []


def test_a_new_base_price_shows_on_the_listing(client, make_product):
    product = make_product("Blue tagine", price="100")
    product.base_price = Decimal("140")
    product.save()
    assert "140.00" in client.get("/en/products/").content.decode()
    assert names(client.get("/en/products/?min_price=120")) == ["Blue tagine"]


# --- pages catalog owns ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_home_page_is_catalog_home_in_each_language(client, lang):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        assert reverse("catalog:home") == f"/{lang}/"
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert "catalog/home.html" in {t.name for t in response.templates}


def test_the_shop_page_is_catalog_shop_at_the_same_path(client, make_product, shop):
    from django.urls import reverse

    make_product("Tagine")
    path = f"/en/shops/{shop.slug}/"
    assert reverse("catalog:shop", kwargs={"slug": shop.slug}) == shop.get_absolute_url() == path
    response = client.get(path)
    assert response.status_code == 200
    assert "catalog/shop_detail.html" in {t.name for t in response.templates}
    assert names(response) == ["Tagine"]


# --- hidden categories ---------------------------------------------------------------


def test_a_hidden_category_takes_its_products_off_sale(client, make_product, categories):
    """Hiding a category (or a parent of it) hides its products everywhere: lists,
    search, their pages; its own page is a 404."""
    tagine = make_product("Blue tagine", category=categories["tagines"])
    make_product("Berber rug", category=categories["rugs"])
    categories["pottery"].is_active = False  # the parent of tagines
    categories["pottery"].save()
    assert names(client.get("/en/products/")) == ["Berber rug"]
    assert names(client.get("/en/products/?q=tagine")) == []
    assert client.get(tagine.get_absolute_url()).status_code == 404
    assert client.get("/en/c/tagines/").status_code == 404
    assert client.get("/en/c/pottery/").status_code == 404
