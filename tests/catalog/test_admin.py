"""Staff moderate the catalogue in the admin, in every language."""

import pytest
from django.urls import reverse

from marketplace.catalog.models import Product
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")
    client.force_login(admin)
    return client


def test_admin_edits_product_names_in_every_language(staff_client, make_product):
    product = make_product("Blue tagine")
    html = staff_client.get(reverse("admin:catalog_product_change", args=[product.pk])).content
    for field in (b'name="name_en"', b'name="name_fr"', b'name="name_ar"', b'name="slug_ar"'):
        assert field in html


def test_admin_hides_products_from_the_storefront(staff_client, client, make_product):
    product = make_product("Blue tagine")
    staff_client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "hide", "_selected_action": [product.pk]},
    )
    product.refresh_from_db()
    assert product.status == Product.Status.INACTIVE
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404
    assert not Product.objects.visible().filter(pk=product.pk).exists()


def test_admin_approves_and_suspends_shops(staff_client, django_user_model):
    shop = Vendor.objects.create(name="New shop", slug="new-shop")
    assert shop.status == Vendor.Status.PENDING
    staff_client.post(
        reverse("admin:vendors_vendor_changelist"),
        {"action": "approve", "_selected_action": [shop.pk]},
    )
    shop.refresh_from_db()
    assert shop.status == Vendor.Status.APPROVED
    staff_client.post(
        reverse("admin:vendors_vendor_changelist"),
        {"action": "suspend", "_selected_action": [shop.pk]},
    )
    shop.refresh_from_db()
    assert shop.status == Vendor.Status.SUSPENDED


@pytest.mark.parametrize(
    "name", ["catalog_product", "catalog_category", "vendors_vendor", "accounts_user"]
)
def test_admin_changelists_render(staff_client, make_product, name):
    make_product("Blue tagine")
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
