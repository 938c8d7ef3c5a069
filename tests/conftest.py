import itertools
import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation
from django.utils.text import slugify

from marketplace.catalog.models import Category, Product, Variant
from marketplace.vendors.models import Vendor

IN_CI = os.environ.get("CI", "").lower() == "true"
_seq = itertools.count(1)


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
    """Rate limits and cached sessions live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


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
    return "a-Strong-pass-1234"


@pytest.fixture
def user(django_user_model, password):
    user = django_user_model.objects.create_user(
        "amina@example.com", password, full_name="Amina Idrissi"
    )
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


# --- catalogue ------------------------------------------------------------------


@pytest.fixture
def shop(db):
    return Vendor.objects.create(
        name="Atelier Fassi",
        slug="atelier-fassi",
        status=Vendor.Status.APPROVED,
        region="Fès-Meknès",
    )


@pytest.fixture
def other_shop(db):
    return Vendor.objects.create(
        name="Coopérative Tafraout", slug="cooperative-tafraout", status=Vendor.Status.APPROVED
    )


@pytest.fixture
def categories(db):
    """pottery > tagines; rugs."""
    pottery = Category.objects.create(
        slug="pottery", name_en="Pottery", name_fr="Poterie", name_ar="فخار"
    )
    tagines = Category.objects.create(
        slug="tagines", parent=pottery, name_en="Tagines", name_fr="Tajines", name_ar="طواجن"
    )
    rugs = Category.objects.create(slug="rugs", name_en="Rugs", name_fr="Tapis", name_ar="زرابي")
    return {"pottery": pottery, "tagines": tagines, "rugs": rugs}


@pytest.fixture
def make_product(shop, categories):
    """make_product(name_en=..., variants=[{"size":..., "colour":..., "stock":...}], ...)"""

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
        n = next(_seq)
        product = Product.objects.create(
            vendor=vendor or shop,
            category=category or categories["tagines"],
            name_en=name_en,
            name_fr=name_fr or f"{name_en} (fr)",
            name_ar=name_ar or f"{name_en} (ar)",
            slug_en=f"{slugify(name_en)}-{n}",
            slug_fr=f"fr-{slugify(name_en)}-{n}",
            slug_ar=f"ar-{n}",
            base_price=Decimal(price),
            status=status,
            created=timezone.now() - timedelta(days=age_days),
            **fields,
        )
        for i, spec in enumerate(variants or [{"stock": 5}]):
            Variant.objects.create(product=product, sku=f"SKU-{n}-{i}", **spec)
        product.refresh_from_db()
        Product.objects.filter(pk=product.pk).update_search_vectors()
        return product

    return make
