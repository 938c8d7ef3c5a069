"""The dashboard's settings: the owner edits the shop's profile, images, shipping,
policies and vacation mode, each text in each language; shoppers see the change at
once (the storefront's shared fragments expire on save). Staff members may read the
settings, never save them; no other shop can be reached from here."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from marketplace.vendors.models import Vendor
from tests.core.test_image_limits import huge_png

pytestmark = pytest.mark.django_db

SETTINGS = reverse("dashboard:settings")
SAVE = reverse("dashboard:settings_save")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what the block schedules after COMMIT (the storefront's
    cache expiry), as production's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def form_data(**overrides) -> dict:
    data = {
        "story_en": "We weave rugs in the Atlas.",
        "story_fr": "Nous tissons des tapis dans l'Atlas.",
        "story_ar": "ننسج الزرابي في الأطلس.",
        "contact_phone": "+212 6 12 34 56 78",
        "region": "Fès-Meknès",
        "city": "Fès",
        "shipping_rate": "25.00",
        "free_shipping_above": "500",
        "processing_days": "3",
        "shipping_policy_en": "Tracked parcels with Amana.",
        "shipping_policy_fr": "Colis suivis avec Amana.",
        "shipping_policy_ar": "",
        "returns_policy_en": "Returns within 14 days.",
        "returns_policy_fr": "Retours sous 14 jours.",
        "returns_policy_ar": "",
        "vacation_message_en": "",
        "vacation_message_fr": "",
        "vacation_message_ar": "",
    }
    return data | overrides


def png(name="logo.png", size=(120, 120)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def text(response) -> str:
    return response.content.decode()


# --- Reading -----------------------------------------------------------------------


def test_the_owner_sees_the_settings_with_each_language_in_its_own_fieldset(owner_client, shop):
    shop.story_fr = "Nous tournons la terre de Fès."
    shop.save()

    response = owner_client.get(SETTINGS)

    assert response.status_code == 200
    html = text(response)
    assert 'fieldset class="card card-body mb-3 settings-language" lang="fr" dir="ltr"' in html
    assert 'fieldset class="card card-body mb-3 settings-language" lang="ar" dir="rtl"' in html
    assert "Nous tournons la terre de Fès." in html
    for name in ("story_ar", "shipping_policy_fr", "returns_policy_en", "vacation_message_ar"):
        assert f'<label class="form-label" for="id_{name}"' in html
    assert 'enctype="multipart/form-data"' in html and f'action="{SAVE}"' in html
    assert "Save the settings" in html


def test_in_arabic_the_labels_stay_in_the_pages_language_around_each_fieldset(owner_client):
    html = text(owner_client.get("/ar/dashboard/settings/"))
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en" dir="ltr"' in html  # the English texts' fieldset
    assert '<legend class="h5" lang="ar" dir="rtl">' in html


# --- Saving ------------------------------------------------------------------------


def test_the_owner_saves_every_setting_in_each_language(owner_client, shop):
    response = owner_client.post(SAVE, form_data())

    assert response.status_code == 302 and response["Location"] == SETTINGS
    shop.refresh_from_db()
    assert shop.story_en == "We weave rugs in the Atlas."
    assert shop.story_fr == "Nous tissons des tapis dans l'Atlas."
    assert shop.story_ar == "ننسج الزرابي في الأطلس."
    assert shop.shipping_policy_fr == "Colis suivis avec Amana."
    assert shop.returns_policy_en == "Returns within 14 days."
    assert shop.shipping_rate == Decimal("25.00")
    assert shop.free_shipping_above == Decimal("500")
    assert shop.processing_days == 3
    assert shop.contact_phone and shop.city == "Fès"
    assert "Your shop&#x27;s settings are saved." in text(owner_client.get(SETTINGS))


def test_the_shop_page_shows_the_new_policy_and_story_right_after_saving(
    owner_client, client, shop, make_product, commit
):
    product = make_product("Blue tagine")
    page = f"/fr/p/{product.slug_fr}/"
    assert "Colis suivis" not in text(client.get(page))  # now a shared fragment
    assert "Colis suivis" not in text(client.get("/fr/shops/atelier-fassi/"))

    with commit():
        owner_client.post(SAVE, form_data())

    shop_page = text(client.get("/fr/shops/atelier-fassi/"))
    assert "Colis suivis avec Amana." in shop_page
    assert "Nous tissons des tapis dans l&#x27;Atlas." in shop_page
    assert "Retours sous 14 jours." in text(client.get(page))
    assert "Colis suivis avec Amana." in text(client.get(page))
    assert "Tracked parcels with Amana." in text(client.get(f"/en/p/{product.slug_en}/"))


def test_the_shipping_rate_applies_to_the_next_cart(owner_client, shop):
    owner_client.post(SAVE, form_data(shipping_rate="12.50", free_shipping_above=""))
    shop.refresh_from_db()
    assert shop.shipping_for(Decimal("100")) == Decimal("12.50")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("shipping_rate", "-1", "greater than or equal to 0"),
        ("shipping_rate", "abc", "Enter a number."),
        ("free_shipping_above", "-0.01", "greater than or equal to 0"),
        ("processing_days", "61", "less than or equal to 60"),
        ("contact_phone", "call me", ""),
        ("story_fr", "x" * 5001, "at most 5000 characters"),
    ],
)
def test_bad_input_is_shown_with_its_error_and_nothing_is_saved(
    owner_client, shop, field, value, message
):
    response = owner_client.post(SAVE, form_data(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert message in text(response)
    assert "Some settings could not be saved" in text(response)
    shop.refresh_from_db()
    assert not shop.story_en and shop.shipping_rate is None  # the valid fields neither


def test_a_logo_and_a_banner_are_uploaded(owner_client, shop, media):
    response = owner_client.post(
        SAVE, form_data(logo=png("logo.png"), banner=png("banner.png", (1200, 300)))
    )

    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.logo.name.startswith("vendors/logos/") and shop.banner.name
    assert (media / shop.logo.name).exists()
    assert shop.banner.url in text(owner_client.get("/en/shops/atelier-fassi/"))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (huge_png, "megapixels"),
        (lambda: SimpleUploadedFile("logo.png", b"not an image"), ""),
    ],
)
def test_an_image_that_is_not_acceptable_is_refused(owner_client, shop, upload, message):
    response = owner_client.post(SAVE, form_data(logo=upload()))

    assert response.status_code == 400
    assert response.context["form"].errors["logo"]
    assert message in response.context["form"].errors["logo"][0]
    shop.refresh_from_db()
    assert not shop.logo and not shop.story_en


def test_vacation_hides_the_products_and_shows_the_message_on_the_shop_page(
    owner_client, client, shop, make_product, commit
):
    product = make_product("Blue tagine")
    assert "Blue tagine" in text(client.get("/en/products/"))  # cached for guests

    with commit():
        owner_client.post(
            SAVE,
            form_data(on_vacation="on", vacation_message_en="Back after the harvest, in June."),
        )

    assert "Blue tagine" not in text(client.get("/en/products/"))
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404
    shop_page = text(client.get("/en/shops/atelier-fassi/"))
    assert "This shop is on vacation" in shop_page
    assert "Back after the harvest, in June." in shop_page
    assert "Your shop is on vacation" in text(owner_client.get(SETTINGS))

    with commit():
        owner_client.post(SAVE, form_data())  # the box unticked: back

    shop.refresh_from_db()
    assert not shop.on_vacation
    assert "Blue tagine" in text(client.get("/en/products/"))


# --- Who may do what ---------------------------------------------------------------


def test_a_staff_member_reads_the_settings_without_a_save_button(staff_client, shop):
    response = staff_client.get(SETTINGS)

    assert response.status_code == 200
    html = text(response)
    assert "Only the owner of Atelier Fassi can change these settings" in html
    assert "Save the settings" not in html
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert 'name="story_en"' in html and "disabled" in html


def test_a_staff_member_cannot_save_the_settings(staff_client, shop):
    response = staff_client.post(SAVE, form_data(on_vacation="on"))

    assert response.status_code == 403
    assert "Only the shop&#x27;s owner can do this" in text(response)
    shop.refresh_from_db()
    assert not shop.on_vacation and not shop.story_en


def test_the_form_edits_the_owners_own_shop_only_and_nothing_else_of_it(
    owner_client, other_owner, shop, other_shop
):
    response = owner_client.post(
        SAVE,
        form_data(
            # Not settings: the status, name, slug, commission and payout stay as they are.
            status="approved",
            name="Renamed",
            slug="cooperative-tafraout",
            commission_rate="0",
            payout_account="MA64011519000001205000534921",
            vendor=str(other_shop.pk),
            pk=str(other_shop.pk),
            id=str(other_shop.pk),
        ),
    )

    assert response.status_code == 302
    shop.refresh_from_db()
    other = Vendor.objects.get(pk=other_shop.pk)
    assert shop.story_en == "We weave rugs in the Atlas."
    assert (shop.name, shop.slug, shop.commission_rate) == ("Atelier Fassi", "atelier-fassi", None)
    assert shop.payout_account == ""
    assert not other.story_en and other.shipping_rate is None and other.name != "Renamed"


def test_a_staff_decision_made_meanwhile_is_not_undone_by_saving(owner_client, shop):
    """Saving writes only the form's fields, never the shop's status."""
    owner_client.get(SETTINGS)
    Vendor.objects.filter(pk=shop.pk).update(is_featured=True)

    owner_client.post(SAVE, form_data())

    assert Vendor.objects.get(pk=shop.pk).is_featured


def test_saving_is_post_only(owner_client):
    assert owner_client.get(SAVE).status_code == 405
    assert owner_client.post(SETTINGS, form_data()).status_code == 405


@pytest.mark.parametrize("path", [SETTINGS, SAVE])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.post(path, form_data()) if path == SAVE else client.get(path)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("path", [SETTINGS, SAVE])
def test_a_shopper_gets_the_dashboard_refusal(shopper_client, path):
    response = shopper_client.post(path, form_data()) if path == SAVE else shopper_client.get(path)
    assert response.status_code == 403 and "The dashboard is for shops" in text(response)


def test_the_owner_of_a_suspended_shop_cannot_save(owner_client, shop):
    Vendor.objects.filter(pk=shop.pk).update(status=Vendor.Status.SUSPENDED)
    response = owner_client.post(SAVE, form_data())
    assert response.status_code == 403
    assert not Vendor.objects.get(pk=shop.pk).story_en
