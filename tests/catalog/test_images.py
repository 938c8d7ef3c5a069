"""Product photos: what a vendor may upload, what is stored, and the WebP renditions."""

import hashlib
import io
import re
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms

from marketplace.catalog.images import (
    ProductImageForm,
    make_renditions,
    normalise_upload,
    validate_image_upload,
)
from marketplace.catalog.models import Product, ProductImage
from marketplace.catalog.tasks import make_product_image_renditions
from tests.factories import CategoryFactory, ProductFactory, VendorFactory

NOT_AN_IMAGE = "This file is not an image we can read. Upload a JPEG, PNG or WebP photo."
WRONG_FORMAT = "Images must be JPEG, PNG or WebP."


# --- building files -----------------------------------------------------------------


def image_bytes(
    fmt: str = "JPEG", size=(64, 48), mode: str = "RGB", colour="white", **save
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def camera_exif() -> Image.Exif:
    """What a phone writes: 'rotate 90° clockwise to display', the maker, a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SoukCam"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (33.0, 35.0, 0.0),
    }
    return exif


def sideways_photo(size=(2000, 1500)) -> bytes:
    """A landscape sensor image with a red mark in its top-left corner, and EXIF that
    says it must be turned 90° clockwise: upright, the mark is in the top-right corner."""
    picture = Image.new("RGB", size, "white")
    picture.paste((220, 0, 0), (0, 0, 200, 200))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=camera_exif())
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def refusal(file) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(file)
    return " ".join(caught.value.messages)


def has_no_metadata(picture: Image.Image) -> bool:
    return not picture.getexif() and not {"exif", "xmp", "icc_profile"} & set(picture.info)


# --- fixtures -----------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def product(db) -> Product:
    return ProductFactory(
        vendor=VendorFactory(name="Atelier Amina", slug="atelier-amina"),
        category=CategoryFactory(slug="ceramics", name_en="Ceramics"),
        name_en="Tajine plate",
        slug_en="tajine-plate",
        base_price=Decimal("120.00"),
        variants=[],
    )


def submit(data: bytes, name: str = "photo.jpg", instance=None, **fields) -> ProductImageForm:
    return ProductImageForm(
        data={"position": 0, **fields},
        files={"image": upload(data, name)},
        instance=instance,
    )


def save_photo(product, data: bytes, name: str, capture) -> ProductImage:
    form = submit(data, name, instance=ProductImage(product=product), alt_en="A plate")
    assert form.is_valid(), form.errors
    with capture(execute=True):
        image = form.save()
    image.refresh_from_db()
    return image


def open_stored(name: str, media: Path) -> Image.Image:
    return Image.open(media / name)


# --- validation ---------------------------------------------------------------------


def test_a_text_file_renamed_jpg_is_refused_as_not_an_image():
    assert refusal(upload(b"Dear customer, thank you for your order.\n" * 20)) == NOT_AN_IMAGE


def test_a_decompression_bomb_is_refused_with_the_megapixel_message():
    bomb = image_bytes("PNG", size=(10_000, 10_000), mode="1")
    assert len(bomb) < 100_000  # small on disk, 100 megapixels once decoded

    message = refusal(upload(bomb, "bomb.png", "image/png"))

    assert message == "This image is too large (100 megapixels); the limit is 40 megapixels."


def test_a_bomb_beyond_pillows_own_limit_is_refused_with_the_same_message():
    message = refusal(upload(png_declaring(30_000, 30_000), "bomb.png", "image/png"))

    assert message == "This image is too large (900 megapixels); the limit is 40 megapixels."


def test_an_image_over_10_mb_is_refused_with_its_size_and_the_limit():
    photo = image_bytes()
    padded = photo + b"\x00" * (10 * 1024 * 1024 + 1 - len(photo))

    message = refusal(upload(padded))

    assert message == "This image is 10.0\xa0MB; the limit is 10.0\xa0MB."


def test_an_image_over_a_lower_configured_limit_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1024
    photo = image_bytes()
    photo += b"\x00" * (3 * 1024 - len(photo))
    assert len(photo) == 3 * 1024

    assert refusal(upload(photo)) == "This image is 3.0\xa0KB; the limit is 1.0\xa0KB."


@pytest.mark.parametrize(
    ("fmt", "name"), [("GIF", "animation.gif"), ("BMP", "scan.bmp"), ("TIFF", "scan.tif")]
)
def test_formats_other_than_jpeg_png_and_webp_are_refused(fmt, name):
    assert refusal(upload(image_bytes(fmt), name)) == WRONG_FORMAT


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")]
)
def test_jpeg_png_and_webp_are_accepted_and_left_ready_to_read(fmt, name):
    file = upload(image_bytes(fmt), name)
    file.read(10)

    validate_image_upload(file)

    assert file.tell() == 0
    assert Image.open(file).format == fmt


def test_a_truncated_jpeg_is_refused_as_not_an_image():
    photo = image_bytes(size=(800, 600), colour=(10, 120, 40), quality=95)
    form = submit(photo[: len(photo) // 2])

    assert not form.is_valid()
    assert form.errors["image"] == [NOT_AN_IMAGE]


# --- what is stored -----------------------------------------------------------------


def test_normalising_applies_the_orientation_and_strips_exif():
    clean = normalise_upload(upload(sideways_photo(size=(400, 300)), "IMG 0042 (1).JPG"))

    picture = Image.open(clean)
    assert clean.name == "IMG-0042-1.jpg"
    assert picture.format == "JPEG"
    assert picture.size == (300, 400)
    assert has_no_metadata(picture)
    assert picture.getpixel((300 - 20, 20))[0] > 180  # the mark is now top right


def test_a_transparent_png_keeps_its_transparency_in_the_original_and_renditions(
    product, media, django_capture_on_commit_callbacks
):
    logo = image_bytes("PNG", size=(700, 350), mode="RGBA", colour=(200, 30, 30, 0))

    image = save_photo(product, logo, "logo.png", django_capture_on_commit_callbacks)

    assert open_stored(image.image.name, media).getpixel((5, 5))[3] == 0
    rendition = open_stored(image.renditions["640"], media)
    assert rendition.mode == "RGBA"
    assert rendition.getpixel((5, 5))[3] == 0


def test_a_photo_with_exif_is_stored_upright_without_exif_with_webp_renditions(
    product, media, django_capture_on_commit_callbacks
):
    image = save_photo(product, sideways_photo(), "phone.jpg", django_capture_on_commit_callbacks)

    # The original: upright (width and height swapped), no EXIF, no GPS.
    assert (image.width, image.height) == (1500, 2000)
    original = open_stored(image.image.name, media)
    assert original.format == "JPEG"
    assert original.size == (1500, 2000)
    assert has_no_metadata(original)
    assert original.getpixel((1500 - 50, 50))[0] > 180  # red mark now top right
    assert original.getpixel((50, 50)) > (200, 200, 200)  # top left is white

    # WebP renditions at every configured width (all <= 1500), next to the original.
    assert sorted(image.renditions, key=int) == ["320", "640", "1280"]
    for width, name in image.renditions.items():
        assert name.startswith(f"products/{product.pk}/renditions/phone-{width}")
        rendition = open_stored(name, media)
        assert rendition.format == "WEBP"
        assert rendition.size == (int(width), round(int(width) * 2000 / 1500))
        assert has_no_metadata(rendition)
    assert image.srcset().count("w, ") == 2
    # Named by their content (the bytes' SHA-256), so they may be cached for a year.
    assert re.search(r"/phone-640\.[0-9a-f]{12}\.webp$", image.src(600))
    for name in image.renditions.values():
        digest = hashlib.sha256((media / name).read_bytes()).hexdigest()[:12]
        assert name.endswith(f".{digest}.webp")


def test_an_image_narrower_than_the_smallest_width_gets_one_rendition_at_its_own_width(
    product, media, django_capture_on_commit_callbacks
):
    image = save_photo(
        product, image_bytes(size=(200, 100)), "tiny.jpg", django_capture_on_commit_callbacks
    )

    assert list(image.renditions) == ["200"]
    assert open_stored(image.renditions["200"], media).size == (200, 100)


def test_an_image_between_widths_gets_only_the_widths_it_can_fill(product, media):
    image = ProductImage.objects.create(
        product=product, image=ContentFile(image_bytes(size=(1000, 500)), name="wide.jpg")
    )

    renditions = make_renditions(image)

    assert sorted(renditions, key=int) == ["320", "640"]
    assert ProductImage.objects.get(pk=image.pk).renditions == renditions


def test_replacing_the_photo_replaces_its_renditions_and_deletes_the_old_files(
    product, media, django_capture_on_commit_callbacks
):
    image = save_photo(
        product, image_bytes(size=(700, 700)), "first.jpg", django_capture_on_commit_callbacks
    )
    old_files = [media / name for name in image.renditions.values()]
    assert all(path.exists() for path in old_files)

    form = submit(image_bytes(size=(400, 300)), "second.png", instance=image)
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    image.refresh_from_db()

    assert list(image.renditions) == ["320"]
    assert "second-320" in image.renditions["320"]
    assert (media / image.renditions["320"]).exists()
    assert not any(path.exists() for path in old_files)


def test_saving_without_a_new_file_does_not_remake_the_renditions(
    product, media, django_capture_on_commit_callbacks
):
    image = save_photo(
        product, image_bytes(size=(700, 700)), "same.jpg", django_capture_on_commit_callbacks
    )

    image.position = 3
    with django_capture_on_commit_callbacks() as callbacks:
        image.save()

    tasks = [c for c in callbacks if "make_product_image_renditions" in repr(c)]
    assert tasks == []


def test_deleting_an_image_deletes_its_rendition_files(
    product, media, django_capture_on_commit_callbacks
):
    image = save_photo(
        product, image_bytes(size=(700, 700)), "gone.jpg", django_capture_on_commit_callbacks
    )
    files = [media / name for name in image.renditions.values()]
    assert files
    assert all(path.exists() for path in files)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not any(path.exists() for path in files)


def test_the_renditions_task_ignores_an_image_that_no_longer_exists(db):
    result = make_product_image_renditions.enqueue(987_654)

    assert result.return_value is None


# --- the form -----------------------------------------------------------------------


def test_the_form_refuses_a_non_image_with_the_message_and_offers_only_allowed_types():
    form = submit(b"%PDF-1.7 not a photo", "invoice.jpg")

    assert not form.is_valid()
    assert form.errors["image"] == [NOT_AN_IMAGE]
    assert 'accept="image/jpeg,image/png,image/webp"' in str(form["image"])


def test_the_form_refuses_a_gif_with_the_format_message():
    form = submit(image_bytes("GIF"), "animation.gif")

    assert not form.is_valid()
    assert form.errors["image"] == [WRONG_FORMAT]


def test_the_form_hands_on_a_clean_upright_file_without_exif():
    form = submit(sideways_photo(size=(400, 300)), "phone.jpg", alt_fr="Une assiette")

    assert form.is_valid(), form.errors
    cleaned = Image.open(form.cleaned_data["image"])
    assert cleaned.size == (300, 400)
    assert has_no_metadata(cleaned)
    assert form.cleaned_data["alt_fr"] == "Une assiette"


def test_an_embedded_colour_profile_is_applied_then_removed():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = image_bytes(size=(80, 60), colour=(30, 90, 200), icc_profile=srgb)

    picture = Image.open(normalise_upload(upload(photo)))

    assert has_no_metadata(picture)
    assert picture.getpixel((40, 30)) == pytest.approx((30, 90, 200), abs=6)


def test_a_cmyk_jpeg_is_stored_as_rgb():
    photo = image_bytes(size=(80, 60), mode="CMYK", colour=(0, 0, 0, 0))

    picture = Image.open(normalise_upload(upload(photo)))

    assert picture.mode == "RGB"
