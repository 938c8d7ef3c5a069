"""/sitemap.xml and /robots.txt: what crawlers are told about, in every language."""

import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate

from marketplace.catalog.models import Product
from marketplace.catalog.sitemaps import ProductSitemap
from marketplace.vendors.models import Vendor
from tests.factories import CategoryFactory, VendorFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def fetch(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def section(client, name: str, page: int = 1) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of one sitemap page."""
    root = fetch(client, f"/sitemap-{name}.xml" + (f"?p={page}" if page > 1 else ""))
    return {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        for url in root.findall("sm:url", NS)
    }


def url_of(obj, code: str) -> str:
    with translation.override(code):
        return settings.SITE_URL + obj.get_absolute_url()


def test_sitemap_index_names_each_section_on_the_canonical_origin(client, make_product):
    make_product()
    root = fetch(client, "/sitemap.xml")
    locs = [node.findtext("sm:loc", namespaces=NS) for node in root.findall("sm:sitemap", NS)]
    assert locs == [
        f"{settings.SITE_URL}/sitemap-{name}.xml" for name in ("products", "categories", "shops")
    ]
    assert all(node.find("sm:lastmod", NS) is not None for node in root.findall("sm:sitemap", NS))


def test_each_product_is_listed_in_every_language_with_that_languages_slug(client, make_product):
    product = make_product(
        "Blue tagine", name_fr="Tajine bleu", name_ar="طاجين أزرق", slug_ar="طاجين-أزرق"
    )
    urls = section(client, "products")
    expected = {code: url_of(product, code) for code in LANGUAGES}
    # Three different slugs: each alternate is the page that answers 200, not a redirect.
    assert len(set(expected.values())) == 3
    assert expected["fr"] == f"{settings.SITE_URL}/fr/p/{product.slug_fr}/"
    # An Arabic slug is percent-encoded, as the protocol asks.
    assert expected["ar"] == f"{settings.SITE_URL}/ar/p/{quote('طاجين-أزرق')}/"
    assert set(urls) == set(expected.values())
    for alternates in urls.values():
        assert alternates == expected | {"x-default": expected["en"]}
    for url in expected.values():
        assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200


def test_product_sitemap_has_lastmod(client, make_product):
    product = make_product()
    root = fetch(client, "/sitemap-products.xml")
    lastmods = {node.findtext("sm:lastmod", namespaces=NS) for node in root.findall("sm:url", NS)}
    assert lastmods == {localdate(product.updated).isoformat()}


def test_hidden_or_unsellable_products_are_not_in_the_sitemap(client, make_product, other_shop):
    shown = make_product("Shown")
    make_product("Draft", status=Product.Status.DRAFT)
    make_product("Hidden", hidden_by_staff=True)
    make_product("No variant", variants=[{"stock": 1, "is_active": False}])
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    make_product("Suspended shop's", vendor=suspended)
    inactive = CategoryFactory(is_active=False)
    make_product("In a hidden category", category=inactive)
    listed = set(section(client, "products"))
    assert listed == {url_of(shown, code) for code in LANGUAGES}


def test_categories_a_shopper_may_browse_are_listed_with_alternates(client, categories):
    hidden_root = CategoryFactory(slug="closed", is_active=False)
    CategoryFactory(slug="under-closed", parent=hidden_root)
    urls = section(client, "categories")
    expected = {url_of(category, code) for category in categories.values() for code in LANGUAGES}
    assert set(urls) == expected
    assert not any("closed" in url for url in urls)
    pottery = urls[url_of(categories["pottery"], "ar")]
    assert pottery == {code: url_of(categories["pottery"], code) for code in LANGUAGES} | {
        "x-default": url_of(categories["pottery"], "en")
    }


def test_a_category_lastmod_follows_its_latest_product_below_it(client, make_product, categories):
    product = make_product(category=categories["tagines"])
    root = fetch(client, "/sitemap-categories.xml")
    lastmods = {
        node.findtext("sm:loc", namespaces=NS): node.findtext("sm:lastmod", namespaces=NS)
        for node in root.findall("sm:url", NS)
    }
    assert lastmods[url_of(categories["pottery"], "fr")] == localdate(product.updated).isoformat()
    assert lastmods[url_of(categories["rugs"], "fr")] is None


def test_only_approved_shops_are_in_the_sitemap(client, shop):
    for status in (Vendor.Status.PENDING, Vendor.Status.SUSPENDED, Vendor.Status.REJECTED):
        VendorFactory(status=status)
    on_vacation = VendorFactory(on_vacation=True)
    urls = section(client, "shops")
    assert set(urls) == {url_of(s, code) for s in (shop, on_vacation) for code in LANGUAGES}
    assert urls[url_of(shop, "fr")]["ar"] == url_of(shop, "ar")


def test_products_section_is_paginated_and_the_index_lists_every_page(
    client, make_product, monkeypatch
):
    products = [make_product(f"Tagine {i}") for i in range(5)]
    monkeypatch.setattr(ProductSitemap, "limit", 2 * len(LANGUAGES))
    index = fetch(client, "/sitemap.xml")
    locs = [node.findtext("sm:loc", namespaces=NS) for node in index.findall("sm:sitemap", NS)]
    base = f"{settings.SITE_URL}/sitemap-products.xml"
    assert locs[:3] == [base, f"{base}?p=2", f"{base}?p=3"]
    pages = [section(client, "products", page) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [6, 6, 3]
    listed = set().union(*pages)
    assert listed == {url_of(p, code) for p in products for code in LANGUAGES}
    assert client.get("/sitemap-products.xml?p=4").status_code == 404


@pytest.mark.parametrize("name", ["products", "categories", "shops"])
def test_sitemap_query_count_does_not_grow_with_the_catalogue(client, make_product, name):
    def queries() -> int:
        client.get(f"/sitemap-{name}.xml")  # warm the category tree
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/sitemap-{name}.xml").status_code == 200
        return len(ctx.captured_queries)

    make_product()
    few = queries()
    for i in range(6):
        make_product(f"Tagine {i}", vendor=VendorFactory())
    assert queries() == few
    # products: count, the page's rows; categories: the categories, their latest
    # products; shops: count, the page's rows with their latest product
    assert few == 2


def test_the_index_query_count_does_not_grow_with_the_catalogue(client, make_product):
    def queries() -> int:
        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/sitemap.xml").status_code == 200
        return len(ctx.captured_queries)

    make_product()
    few = queries()
    for i in range(6):
        make_product(f"Tagine {i}", vendor=VendorFactory())
    assert queries() == few


def test_unknown_sitemap_section_is_not_found(client):
    assert client.get("/sitemap-orders.xml").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_personal_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    private = ["cart:detail", "cart:wishlist", "checkout:start", "orders:list", "account_login"]
    for code in LANGUAGES:
        with translation.override(code):
            for name in [*private, "dashboard:overview"]:
                path = reverse(name)
                assert any(path.startswith(prefix) for prefix in disallowed), path
            # ...and never the storefront itself.
            for name in ["catalog:home", "catalog:product_list"]:
                path = reverse(name)
                assert not any(path.startswith(prefix) for prefix in disallowed), path
    assert "/admin/" in disallowed
