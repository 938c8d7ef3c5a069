"""Shops, products and variants for the cart tests (factories: tests/factories.py)."""

from decimal import Decimal

import pytest

from marketplace.catalog.models import Product, Variant
from marketplace.vendors.models import Vendor
from tests.factories import CategoryFactory, ProductFactory, VariantFactory, VendorFactory


@pytest.fixture
def category(db):
    return CategoryFactory(slug="pottery", name_en="Pottery", name_fr="Poterie", name_ar="")


@pytest.fixture
def make_vendor(db):
    def make(name: str = "", status: str = Vendor.Status.APPROVED) -> Vendor:
        return VendorFactory(status=status, **({"name": name} if name else {}))

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
        if product is None:
            product = ProductFactory(
                vendor=shop or vendor,
                category=category,
                base_price=Decimal(price),
                variants=[],
                **({"name_en": name} if name else {}),
            )
        return VariantFactory(
            product=product,
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
