"""Staff moderate the catalogue in the admin, in every language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.catalog.models import Product
from marketplace.vendors.models import Vendor
from tests.catalog.test_queries import add_images

pytestmark = pytest.mark.django_db

# Queries of each changelist, whatever the number of rows (pinned: a new N+1 fails).
CHANGELIST_QUERIES = {"catalog_product": 6}


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


def test_staff_hide_a_product_with_a_reason_the_vendor_cannot_undo(
    staff_client, client, make_product
):
    product = make_product("Blue tagine")
    url = reverse("admin:catalog_product_changelist")

    page = staff_client.post(url, {"action": "hide", "_selected_action": [product.pk]})
    assert page.status_code == 200 and 'name="reason"' in page.text  # asked first
    assert Product.objects.visible().filter(pk=product.pk).exists()

    staff_client.post(
        url,
        {
            "action": "hide",
            "apply": "yes",
            "reason": "Photos of another maker's work.",
            "_selected_action": [product.pk],
        },
    )
    product.refresh_from_db()
    assert product.hidden_by_staff
    assert product.moderation_reason == "Photos of another maker's work."
    assert product.status == Product.Status.ACTIVE  # the vendor's own status is untouched
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404
    # Publishing again (the vendor's status) does not bring it back.
    Product.objects.filter(pk=product.pk).update(status=Product.Status.ACTIVE)
    assert not Product.objects.visible().filter(pk=product.pk).exists()

    staff_client.post(url, {"action": "unhide", "_selected_action": [product.pk]})
    product.refresh_from_db()
    assert not product.hidden_by_staff and product.moderation_reason == ""
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 200


def test_hiding_without_a_reason_is_refused(staff_client, make_product):
    product = make_product("Blue tagine")
    page = staff_client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "hide", "apply": "yes", "reason": " ", "_selected_action": [product.pk]},
    )
    assert "This field is required" in page.text
    product.refresh_from_db()
    assert not product.hidden_by_staff


def test_the_product_filters_have_distinct_titles(staff_client, make_product):
    make_product("Blue tagine")
    html = staff_client.get(reverse("admin:catalog_product_changelist")).text
    for title in ("By status", "By shop status", "By moderation", "By stock"):
        assert html.count(f"{title}") == 1, title


def test_a_products_shop_is_picked_by_name_not_by_id(staff_client, make_product):
    product = make_product("Blue tagine")
    html = staff_client.get(reverse("admin:catalog_product_change", args=[product.pk])).text
    assert 'class="admin-autocomplete' in html and "vForeignKeyRawIdAdminField" not in html


def test_arabic_and_french_fields_are_typed_in_their_own_direction(staff_client, make_product):
    product = make_product("Blue tagine")
    html = staff_client.get(reverse("admin:catalog_product_change", args=[product.pk])).text
    assert re.search(r'<input[^>]*name="name_ar"[^>]*>', html)
    name_ar = re.search(r'<input[^>]*name="name_ar"[^>]*>', html).group(0)
    name_fr = re.search(r'<input[^>]*name="name_fr"[^>]*>', html).group(0)
    assert 'dir="rtl"' in name_ar and 'lang="ar"' in name_ar
    assert 'dir="ltr"' in name_fr and 'lang="fr"' in name_fr
    description_ar = re.search(r'<textarea[^>]*name="description_ar"[^>]*>', html).group(0)
    assert 'dir="rtl"' in description_ar


def test_every_variant_field_in_the_inline_has_a_label(staff_client, make_product):
    product = make_product("Blue tagine", variants=[{"stock": 2}, {"stock": 3, "size": "L"}])
    html = staff_client.get(reverse("admin:catalog_product_change", args=[product.pk])).text
    for name in ("sku", "size", "colour", "price_override", "stock", "is_active"):
        tag = re.search(rf'<(input|select)[^>]*name="variants-0-{name}"[^>]*>', html).group(0)
        assert "aria-label=" in tag, name


def test_the_product_changelist_shows_thumbnails_in_a_fixed_number_of_queries(
    staff_client, make_product
):
    url = reverse("admin:catalog_product_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    for n in range(3):
        add_images(make_product(f"Tagine {n}"), 1)
    few = queries()
    for n in range(3, 9):
        add_images(make_product(f"Tagine {n}"), 1)
    assert queries() == few
    assert few == CHANGELIST_QUERIES["catalog_product"]
    assert staff_client.get(url).text.count('class="souk-thumb"') == 9


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
        {
            "action": "suspend",
            "apply": "yes",
            "reason": "Unpaid commission.",
            "_selected_action": [shop.pk],
        },
    )
    shop.refresh_from_db()
    assert shop.status == Vendor.Status.SUSPENDED
    assert shop.suspension_reason == "Unpaid commission."


@pytest.mark.parametrize(
    "name", ["catalog_product", "catalog_category", "vendors_vendor", "accounts_user"]
)
def test_admin_changelists_render(staff_client, make_product, name):
    make_product("Blue tagine")
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
