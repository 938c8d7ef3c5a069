"""What a shop's settings change on the storefront: vacation mode takes its
products off sale (listings, search, product pages, carts) and its page says so;
its shipping terms and its shipping and returns policies, in the shopper's
language, show on its page and on its products' pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.vendors.forms import ShopSettingsForm
from marketplace.vendors.models import Vendor
from tests.core.test_image_limits import huge_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what the block schedules after COMMIT (the storefront's
    cache expiry) as production's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def save(shop, commit, **fields) -> None:
    """As the dashboard's settings form saves it, committed."""
    for name, value in fields.items():
        setattr(shop, name, value)
    with commit():
        shop.save()


def go_on_vacation(shop, commit, **fields) -> None:
    save(shop, commit, on_vacation=True, **fields)


def test_a_shop_on_vacation_has_its_products_hidden_everywhere(client, make_product, shop, commit):
    product = make_product("Blue tagine")
    assert "Blue tagine" in client.get("/en/products/").content.decode()  # cached for guests

    go_on_vacation(shop, commit)

    assert not Product.objects.visible().filter(pk=product.pk).exists()
    assert "Blue tagine" not in client.get("/en/products/").content.decode()
    assert "Blue tagine" not in client.get("/en/products/?q=tagine").content.decode()
    assert "Blue tagine" not in client.get("/en/c/tagines/").content.decode()
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404
    variant = product.variants.get()
    response = client.post("/en/cart/add/", {"variant": variant.pk, "quantity": 1})
    assert response.status_code in (400, 404)


def test_a_shop_on_vacation_shows_its_message_on_its_page(client, make_product, shop, commit):
    make_product("Blue tagine")
    go_on_vacation(
        shop,
        commit,
        vacation_message_en="Back on 2 September, after the harvest.",
        vacation_message_fr="De retour le 2 septembre, après la récolte.",
    )

    for lang, message in [
        ("en", "Back on 2 September, after the harvest."),
        ("fr", "De retour le 2 septembre, après la récolte."),
    ]:
        response = client.get(f"/{lang}/shops/{shop.slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "Blue tagine" not in html
    assert "This shop is on vacation" in client.get(f"/en/shops/{shop.slug}/").content.decode()


def test_a_shop_on_vacation_without_a_message_says_it_will_be_back(client, shop, commit):
    go_on_vacation(shop, commit)
    html = client.get(f"/en/shops/{shop.slug}/").content.decode()
    assert "Its products are back on sale when it returns." in html


def test_back_from_vacation_the_products_are_on_sale_again(client, make_product, shop, commit):
    product = make_product("Blue tagine")
    go_on_vacation(shop, commit)
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404

    with commit():
        Vendor.objects.filter(pk=shop.pk).update(on_vacation=False)  # bulk writes expire too

    assert client.get(f"/en/p/{product.slug_en}/").status_code == 200
    assert "Blue tagine" in client.get(f"/en/shops/{shop.slug}/").content.decode()


def test_policies_show_on_the_product_and_shop_pages_in_the_shoppers_language(
    client, make_product, shop, commit
):
    product = make_product("Blue tagine")
    assert "Returns" not in client.get(f"/en/p/{product.slug_en}/").content.decode()

    save(
        shop,
        commit,
        shipping_policy_en="Sent by Amana, tracked.",
        shipping_policy_fr="Envoyé par Amana, avec suivi.",
        returns_policy_en="Returns accepted within 14 days.",
        returns_policy_ar="نقبل الإرجاع خلال 14 يومًا.",
        shipping_rate=Decimal("25.00"),
        free_shipping_above=Decimal("400.00"),
        processing_days=3,
    )

    for url in (f"/en/p/{product.slug_en}/", f"/en/shops/{shop.slug}/"):
        html = client.get(url).content.decode()
        assert "Sent by Amana, tracked." in html
        assert "Returns accepted within 14 days." in html
        assert "25.00" in html and "400.00" in html
        assert "The shop needs 3 days to prepare an order." in html
    french = client.get(f"/fr/p/{product.slug_fr}/").content.decode()
    assert "Envoyé par Amana, avec suivi." in french
    assert "Returns accepted within 14 days." in french  # no French text: the fallback
    arabic = client.get(f"/ar/shops/{shop.slug}/").content.decode()
    assert "نقبل الإرجاع خلال 14 يومًا." in arabic


def test_the_shops_processing_time_moves_the_ship_by_date(make_product, shop):
    product = make_product("Blue tagine")  # ready to ship
    today = timezone.localdate()
    assert product.ships_by(today) == today + timedelta(days=1)

    shop.processing_days = 4
    shop.save()
    product = Product.objects.select_related("vendor").get(pk=product.pk)

    assert product.ships_by(today) == today + timedelta(days=4)
    product.processing_days = 10  # made to order: the longer of the two
    assert product.ships_by(today) == today + timedelta(days=10)


# --- The settings form the dashboard shows ----------------------------------------------


def settings_data(**overrides) -> dict:
    data = {
        "story_en": "We weave rugs.",
        "story_fr": "Nous tissons des tapis.",
        "story_ar": "",
        "contact_phone": "+212 6 12 34 56 78",
        "region": "Fès-Meknès",
        "city": "Fès",
        "shipping_rate": "25.00",
        "free_shipping_above": "",
        "processing_days": "2",
        "shipping_policy_en": "Tracked.",
        "shipping_policy_fr": "",
        "shipping_policy_ar": "",
        "returns_policy_en": "",
        "returns_policy_fr": "Retours sous 14 jours.",
        "returns_policy_ar": "",
        "on_vacation": "on",
        "vacation_message_en": "Back soon.",
        "vacation_message_fr": "",
        "vacation_message_ar": "",
    }
    return data | overrides


def test_the_settings_form_saves_each_language_and_vacation_mode(shop):
    form = ShopSettingsForm(settings_data(), instance=shop)

    assert form.is_valid(), form.errors
    form.save()
    shop.refresh_from_db()
    assert (shop.story_en, shop.story_fr) == ("We weave rugs.", "Nous tissons des tapis.")
    assert shop.returns_policy_fr == "Retours sous 14 jours."
    assert shop.on_vacation and shop.vacation_message_en == "Back soon."
    assert shop.shipping_rate == Decimal("25.00") and shop.free_shipping_above is None
    assert shop.processing_days == 2
    tabs = form.translated_fields()
    assert [code for code, _name, _fields in tabs] == ["en", "fr", "ar"]
    assert [f.name for f in tabs[1][2]] == [
        "story_fr",
        "shipping_policy_fr",
        "returns_policy_fr",
        "vacation_message_fr",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("shipping_rate", "-1"),
        ("free_shipping_above", "-0.01"),
        ("shipping_rate", "abc"),
        ("processing_days", "61"),
        ("processing_days", "-1"),
        ("contact_phone", "call me"),
        ("returns_policy_en", "x" * 5001),
    ],
)
def test_the_settings_form_refuses_bad_values_and_saves_nothing(shop, field, value):
    form = ShopSettingsForm(settings_data(**{field: value}), instance=shop)

    assert not form.is_valid()
    assert form.errors[field]
    assert not Vendor.objects.get(pk=shop.pk).on_vacation


def test_the_settings_form_applies_the_image_limits_to_logo_and_banner(shop):
    form = ShopSettingsForm(settings_data(), {"banner": huge_png()}, instance=shop)
    assert not form.is_valid()
    assert "megapixels" in form.errors["banner"][0]


@pytest.mark.django_db(transaction=True)
def test_going_on_vacation_hides_the_products_at_once_for_every_visitor(make_product, shop):
    """Committed for real, as in production: no shared fragment outlives the change."""
    from django.test import Client

    product = make_product("Blue tagine")
    assert "Blue tagine" in Client().get("/en/products/").content.decode()
    assert Client().get(f"/en/p/{product.slug_en}/").status_code == 200

    shop.on_vacation = True
    shop.save()

    assert "Blue tagine" not in Client().get("/en/products/").content.decode()
    assert Client().get(f"/en/p/{product.slug_en}/").status_code == 404
