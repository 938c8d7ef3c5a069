"""Listing and product pages issue a fixed number of queries, however many products,
variants and images there are (no N+1)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductImage

# Pinned on a fresh render; the shared-fragment cache is tested in test_fragments.py.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_no_fragment_cache", "lazy_loads_raise"),
]


@pytest.fixture
def _no_fragment_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0


def add_images(product, count: int) -> None:
    for i in range(count):
        image = ProductImage(product=product, is_main=i == 0, position=i, width=640, height=480)
        image.image.name = f"products/{product.pk}/photo-{i}.jpg"
        image.renditions = {"320": image.image.name, "640": image.image.name}
        ProductImage.objects.bulk_create([image])


def populate(make_product, categories, count: int, variants: int, images: int) -> list:
    products = []
    for i in range(count):
        product = make_product(
            f"Tagine {i}",
            variants=[
                {
                    "size": f"S{v}",
                    "colour": "red",
                    "stock": v + 1,
                    "price_override": Decimal(10 + v),
                }
                for v in range(variants)
            ],
            rating_average=Decimal("4.5"),
            rating_count=3,
        )
        add_images(product, images)
        products.append(product)
    return products


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the category tree, menu and sizes caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@override_settings(PRODUCTS_PER_PAGE=12)
@pytest.mark.parametrize(
    "url",
    [
        "/en/products/",
        "/en/c/pottery/",
        "/en/products/?q=tagine",
        "/en/products/?option=colour:red&min_price=5&sort=price_asc&in_stock=1",
        "/en/shops/atelier-fassi/",
    ],
)
def test_listing_query_count_does_not_grow_with_products_variants_or_images(
    client, make_product, categories, url
):
    populate(make_product, categories, count=2, variants=1, images=1)
    small = count_queries(client, url)
    populate(make_product, categories, count=12, variants=4, images=3)
    large = count_queries(client, url)
    assert small == large
    # count, page of products (with shop), main images, active variants;
    # + the category or shop itself on their pages
    assert large == (5 if "shops" in url or "/c/" in url else 4)


def test_product_page_query_count_is_fixed(client, make_product, categories):
    few = populate(make_product, categories, count=1, variants=1, images=1)[0]
    many = populate(make_product, categories, count=1, variants=6, images=4)[0]
    assert count_queries(client, few.get_absolute_url()) == count_queries(
        client, many.get_absolute_url()
    )
    # product (shop, category), variants, images, parent chain is select_related,
    # related products + their main images + their variants
    assert count_queries(client, many.get_absolute_url()) == 6


def test_home_page_query_count_is_fixed(client, make_product, categories):
    populate(make_product, categories, count=2, variants=1, images=1)
    small = count_queries(client, "/en/")
    populate(make_product, categories, count=8, variants=3, images=2)
    assert count_queries(client, "/en/") == small == 4
