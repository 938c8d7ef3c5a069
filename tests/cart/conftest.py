"""Shops, products and variants for the cart tests."""

import itertools
from decimal import Decimal

import pytest

from marketplace.catalog.models import Category, Product, Variant
from marketplace.vendors.models import Vendor

_numbers = itertools.count(1)


@pytest.fixture
def category(db):
    return Category.objects.create(slug="pottery", name_en="Pottery", name_fr="Poterie")


@pytest.fixture
def make_vendor(db):
    def make(name: str = "", status: str = Vendor.Status.APPROVED) -> Vendor:
        n = next(_numbers)
        name = name or f"Atelier {n}"
        return Vendor.objects.create(name=name, slug=f"shop-{n}", status=status)

    return make


@pytest.fixture
def vendor(make_vendor):
    return make_vendor("Atelier Fès")


@pytest.fixture
def other_vendor(make_vendor):
    return make_vendor("Coopérative Amal")


@pytest.fixture
def make_variant(category, vendor):
    """A variant (and its product unless one is given), in stock by default."""

    def make(
        name: str = "",
        *,
        product: Product | None = None,
        shop: Vendor | None = None,
        price: str = "100.00",
        stock: int = 10,
        size: str = "",
        colour: str = "",
        price_override: str | None = None,
        is_active: bool = True,
    ) -> Variant:
        n = next(_numbers)
        if product is None:
            name = name or f"Tajine {n}"
            product = Product.objects.create(
                vendor=shop or vendor,
                category=category,
                name_en=name,
                name_fr=f"{name} (fr)",
                name_ar=f"{name} (ar)",
                slug_en=f"product-{n}",
                slug_fr=f"produit-{n}",
                slug_ar=f"muntaj-{n}",
                status=Product.Status.ACTIVE,
                base_price=Decimal(price),
            )
        return Variant.objects.create(
            product=product,
            sku=f"SKU-{n}",
            size=size,
            colour=colour,
            price_override=Decimal(price_override) if price_override else None,
            stock=stock,
            is_active=is_active,
        )

    return make


@pytest.fixture
def variant(make_variant):
    return make_variant("Blue tajine", price="250.00", stock=5)


@pytest.fixture
def other_variant(make_variant, other_vendor):
    return make_variant("Argan oil", shop=other_vendor, price="80.00", stock=20)
