"""The shared factories make what their docstrings promise: a sellable product by
default, a variant with a product of its own, a user who can sign in."""

from decimal import Decimal

import pytest

from marketplace.catalog.models import Product
from tests.factories import PASSWORD, ProductFactory, UserFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_a_default_product_is_on_sale_with_one_variant_in_stock():
    product = ProductFactory()
    assert Product.objects.visible().filter(pk=product.pk).exists()
    assert [v.stock for v in product.variants.all()] == [5]
    assert product.in_stock and product.price == Decimal("100.00")
    assert product.slug_en and product.slug_fr and product.slug_ar


def test_products_take_their_variants_and_age():
    product = ProductFactory(
        variants=[{"size": "S", "stock": 0}, {"size": "M", "price_override": Decimal("80")}],
        age_days=3,
    )
    assert list(product.variants.values_list("size", flat=True)) == ["S", "M"]
    assert product.price == Decimal("80.00")  # kept in step with the variants
    assert (ProductFactory().created - product.created).days == 3
    assert not ProductFactory(variants=[]).variants.exists()


def test_a_variant_without_a_product_gets_one_of_its_own():
    variant = VariantFactory(stock=3, product__vendor__name="Atelier Fès")
    assert list(variant.product.variants.all()) == [variant]
    assert variant.product.vendor.name == "Atelier Fès"
    assert variant.product.in_stock


def test_a_user_signs_in_with_the_shared_password_and_a_verified_address(client):
    user = UserFactory()
    assert user.has_verified_email()
    assert client.login(email=user.email, password=PASSWORD)
    assert not UserFactory(verified_email=False).has_verified_email()
