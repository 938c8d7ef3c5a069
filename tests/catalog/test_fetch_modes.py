"""What a page shows is loaded by its view, once: the card and price properties read
only what was loaded and never query; listings fetch anything forgotten for the whole
page at once (FETCH_PEERS); the view tests make a forgotten load fail (FETCH_RAISE)."""

from decimal import Decimal

import pytest
from django.core.exceptions import FieldFetchBlocked

from marketplace.catalog.models import Product, ProductImage, Variant
from tests.fetch_modes import raise_on_lazy_loads

pytestmark = pytest.mark.django_db


def add_image(product, *, is_main: bool, position: int = 0) -> ProductImage:
    image = ProductImage(product=product, is_main=is_main, position=position, width=8, height=8)
    image.image.name = f"products/{product.pk}/photo-{position}.jpg"
    ProductImage.objects.bulk_create([image])
    return image


def test_main_image_never_queries_and_says_what_to_load(make_product, django_assert_num_queries):
    product = make_product()
    add_image(product, is_main=False, position=1)
    main = add_image(product, is_main=True, position=2)

    bare = Product.objects.get(pk=product.pk)
    with django_assert_num_queries(0), pytest.raises(FieldFetchBlocked, match="for_listing"):
        _ = bare.main_image

    listed = Product.objects.for_listing().get(pk=product.pk)
    everything = Product.objects.prefetch_related("images").get(pk=product.pk)
    with django_assert_num_queries(0):
        assert listed.main_image.pk == main.pk
        assert everything.main_image.pk == main.pk


def test_only_variant_never_queries(make_product, django_assert_num_queries):
    single = make_product("Single")
    several = make_product("Several", variants=[{"size": "S"}, {"size": "M"}])

    bare = Product.objects.get(pk=single.pk)
    with django_assert_num_queries(0), pytest.raises(FieldFetchBlocked, match="active variants"):
        _ = bare.only_variant

    cards = {p.pk: p for p in Product.objects.for_listing().filter(pk__in=[single.pk, several.pk])}
    single_variant = single.variants.get()
    with django_assert_num_queries(0):
        assert cards[single.pk].only_variant == single_variant
        assert cards[several.pk].only_variant is None


def test_variant_price_reads_its_loaded_product_only(make_product, django_assert_num_queries):
    product = make_product(price="120.00", variants=[{"price_override": Decimal("90.00")}, {}])
    own, inherited = Variant.objects.order_by("pk")

    with django_assert_num_queries(0):
        assert own.price == Decimal("90.00")  # its own price: no product needed
        with pytest.raises(FieldFetchBlocked, match="select_related"):
            _ = inherited.price

    loaded = Variant.objects.select_related("product").get(pk=inherited.pk)
    from_the_product = product.variants.get(pk=inherited.pk)
    with django_assert_num_queries(0):
        assert loaded.price == from_the_product.price == Decimal("120.00")


def test_a_relation_a_listing_forgot_costs_one_query_for_the_page(
    make_product, django_assert_num_queries
):
    for i in range(5):
        make_product(f"Tagine {i}")
    products = list(Product.objects.visible().for_listing())
    with django_assert_num_queries(1):  # FETCH_PEERS: every card's category at once
        assert {p.category.slug for p in products} == {"tagines"}


def test_view_tests_make_a_forgotten_load_fail(make_product):
    """The FETCH_RAISE switch of the view tests (the `lazy_loads_raise` fixture) covers
    both listing querysets and every other queryset."""
    make_product()
    with raise_on_lazy_loads():
        card = Product.objects.visible().for_listing().get()
        with pytest.raises(FieldFetchBlocked, match=r"Product\.category"):
            _ = card.category
        variant = Variant.objects.get()
        with pytest.raises(FieldFetchBlocked, match=r"Variant\.product"):
            _ = variant.product
        # What the listing loads stays readable.
        assert card.vendor.name == "Atelier Fassi"
        assert card.only_variant is not None
    assert Variant.objects.get().product.pk == card.pk  # back to the default outside


def test_cart_selectors_load_what_the_cart_page_reads(variant_with_image):
    """The cart's variants come with product, shop and main image (no lazy load)."""
    from marketplace.cart.selectors import load_variants

    with raise_on_lazy_loads():
        loaded = load_variants([variant_with_image.pk], images=True)[variant_with_image.pk]
        assert loaded.price == Decimal("100.00")
        assert loaded.product.vendor.name == "Atelier Fassi"
        assert loaded.product.main_image is not None


@pytest.fixture
def variant_with_image(make_product):
    product = make_product()
    add_image(product, is_main=True)
    return product.variants.get()
