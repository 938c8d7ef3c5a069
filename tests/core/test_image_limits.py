"""Every image field (shop logo and banner, category image, product photo) refuses what
product photos refuse, with the same translated message, in the admin and elsewhere."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from marketplace.catalog.models import Category
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db

HUGE = "This image is too large (144 megapixels); the limit is 40 megapixels."
HUGE_FR = "Cette image est trop grande (144 mégapixels) ; la limite est de 40 mégapixels."
WRONG_FORMAT = "Images must be JPEG, PNG or WebP."


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def huge_png(name: str = "huge.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_declaring(12_000, 12_000), content_type="image/png")


def small_image(fmt: str = "PNG", name: str = "small.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")
    client.force_login(admin)
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def vendor_form(**files) -> dict:
    return {
        "name": "Atelier Nour",
        "slug": "atelier-nour",
        "kind": Vendor.Kind.ARTISAN,
        "status": Vendor.Status.APPROVED,
        "story_en": "",
        "story_fr": "",
        "story_ar": "",
        "region": "",
        "city": "",
        "contact_email": "",
        "commission_rate": "",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        **files,
    }


def category_form(**files) -> dict:
    return {
        "name_en": "Lanterns",
        "name_fr": "Lanternes",
        "name_ar": "فوانيس",
        "description_en": "",
        "description_fr": "",
        "description_ar": "",
        "slug": "lanterns",
        "parent": "",
        "position": "0",
        "is_active": "on",
        **files,
    }


FIELDS = [
    pytest.param("vendors_vendor", vendor_form, Vendor, "logo", id="shop logo"),
    pytest.param("vendors_vendor", vendor_form, Vendor, "banner", id="shop banner"),
    pytest.param("catalog_category", category_form, Category, "image", id="category image"),
]


@pytest.mark.parametrize(("admin_name", "form", "model", "field"), FIELDS)
def test_the_admin_refuses_a_12000_by_12000_png_with_the_megapixel_message(
    staff_client, media, admin_name, form, model, field
):
    response = staff_client.post(reverse(f"admin:{admin_name}_add"), form(**{field: huge_png()}))

    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors[field] == [HUGE]
    assert not model.objects.exists()
    assert not media.exists() or not any(media.rglob("*.png"))


@pytest.mark.parametrize(("admin_name", "form", "model", "field"), FIELDS)
def test_the_admin_refuses_the_huge_png_in_french_too(
    staff_client, media, admin_name, form, model, field
):
    response = staff_client.post(
        reverse(f"admin:{admin_name}_add"),
        form(**{field: huge_png()}),
        headers={"accept-language": "fr"},
    )

    assert response.context["adminform"].form.errors[field] == [HUGE_FR]


@pytest.mark.parametrize(("admin_name", "form", "model", "field"), FIELDS)
def test_the_admin_refuses_a_gif_and_offers_only_the_accepted_types(
    staff_client, media, admin_name, form, model, field
):
    add_page = staff_client.get(reverse(f"admin:{admin_name}_add")).content.decode()
    response = staff_client.post(
        reverse(f"admin:{admin_name}_add"), form(**{field: small_image("GIF", "anim.gif")})
    )

    file_input = re.search(rf'<input type="file"[^>]*id="id_{field}"[^>]*>', add_page).group(0)
    assert 'accept="image/jpeg,image/png,image/webp"' in file_input
    assert response.context["adminform"].form.errors[field] == [WRONG_FORMAT]


@pytest.mark.parametrize(("admin_name", "form", "model", "field"), FIELDS)
def test_the_admin_accepts_an_ordinary_png(staff_client, media, admin_name, form, model, field):
    response = staff_client.post(reverse(f"admin:{admin_name}_add"), form(**{field: small_image()}))

    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = getattr(model.objects.get(), field)
    assert Image.open(stored).size == (60, 40)


def test_the_admin_refuses_an_image_over_the_byte_limit_for_a_shop_logo(
    staff_client, media, settings
):
    settings.IMAGE_MAX_BYTES = 1024
    padded = small_image().read() + b"\x00" * 4096

    response = staff_client.post(
        reverse("admin:vendors_vendor_add"),
        vendor_form(logo=SimpleUploadedFile("logo.png", padded)),
    )

    errors = response.context["adminform"].form.errors["logo"]
    assert errors == [f"This image is {len(padded) / 1024:.1f}\xa0KB; the limit is 1.0\xa0KB."]


def test_any_model_form_and_full_clean_refuse_the_huge_png(media):
    """Not only the admin: a shop's own form (the vendor dashboard) and full_clean()."""
    form_class = modelform_factory(Vendor, fields=["name", "slug", "logo"])
    form = form_class(data={"name": "Nour", "slug": "nour"}, files={"logo": huge_png()})
    assert not form.is_valid()
    assert form.errors["logo"] == [HUGE]

    vendor = Vendor(name="Nour", slug="nour", logo=huge_png())
    with pytest.raises(ValidationError) as caught:
        vendor.full_clean()
    assert caught.value.message_dict["logo"] == [HUGE]


def test_a_stored_logo_is_not_checked_again_on_every_save(media):
    """full_clean() of a shop whose logo is already stored does not download it."""
    vendor = Vendor.objects.create(name="Nour", slug="nour", logo=small_image())
    vendor = Vendor.objects.get(pk=vendor.pk)
    (media / vendor.logo.name).write_bytes(b"not an image any more")

    vendor.full_clean()  # no ValidationError: the stored file is not read
