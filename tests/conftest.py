import os
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from marketplace.catalog.models import Category, Product
from marketplace.vendors.models import Vendor
from tests.factories import PASSWORD, CategoryFactory, ProductFactory, UserFactory, VendorFactory

IN_CI = os.environ.get("CI", "").lower() == "true"

# localstripe (a local Stripe) for the payment and browser tests: tests/stripe_fixtures.py.
pytest_plugins = ["tests.stripe_fixtures"]


def need(condition: bool, reason: str) -> None:
    """Skip when `condition` is false, but fail under CI, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever the previous one activated."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits, cached sessions and shared fragments live in the caches: start
    each test clean."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres"):
        need(
            connection.vendor == "postgresql",
            "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test",
        )


@pytest.fixture
def lazy_loads_raise(settings):
    """Requests of the test client run with FETCH_RAISE (see tests/fetch_modes.py):
    a view that forgets to load a relation it shows fails instead of querying."""
    settings.MIDDLEWARE = ["tests.fetch_modes.RaiseOnLazyLoadsMiddleware", *settings.MIDDLEWARE]


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(db, password):
    return UserFactory(email="amina@example.com", password=password, full_name="Amina Idrissi")


# --- catalogue (factories: tests/factories.py) ----------------------------------------


@pytest.fixture
def shop(db):
    return VendorFactory(name="Atelier Fassi", slug="atelier-fassi", region="Fès-Meknès")


@pytest.fixture
def other_shop(db):
    return VendorFactory(name="Coopérative Tafraout", slug="cooperative-tafraout")


@pytest.fixture
def categories(db):
    """pottery > tagines; rugs."""
    pottery = CategoryFactory(slug="pottery", name_en="Pottery", name_fr="Poterie", name_ar="فخار")
    tagines = CategoryFactory(
        slug="tagines", parent=pottery, name_en="Tagines", name_fr="Tajines", name_ar="طواجن"
    )
    rugs = CategoryFactory(slug="rugs", name_en="Rugs", name_fr="Tapis", name_ar="زرابي")
    return {"pottery": pottery, "tagines": tagines, "rugs": rugs}


@pytest.fixture
def make_product(shop, categories):
    """make_product(name_en=..., variants=[{"size":..., "colour":..., "stock":...}], ...):
    a product of `shop` in tagines (one variant with 5 in stock unless given)."""

    def make(
        name_en: str = "Blue tagine",
        *,
        name_fr: str | None = None,
        name_ar: str | None = None,
        category: Category | None = None,
        vendor: Vendor | None = None,
        price: str = "100.00",
        variants: list[dict] | None = None,
        status: str = Product.Status.ACTIVE,
        age_days: int = 0,
        **fields,
    ) -> Product:
        translations = {"name_fr": name_fr, "name_ar": name_ar}
        return ProductFactory(
            vendor=vendor or shop,
            category=category or categories["tagines"],
            name_en=name_en,
            **{field: value for field, value in translations.items() if value},
            base_price=Decimal(price),
            status=status,
            age_days=age_days,
            variants=variants or [{"stock": 5}],
            **fields,
        )

    return make
