"""Product photos: upload checks, normalisation and WebP renditions.

An upload is accepted when it is a readable JPEG, PNG or WebP file of at most
``settings.IMAGE_MAX_BYTES`` bytes and ``settings.IMAGE_MAX_PIXELS`` pixels (read
from the header, before anything is decoded, so a decompression bomb is refused
cheaply). The stored original is then re-encoded upright (EXIF orientation
applied), in sRGB, without EXIF, XMP, ICC or comments, so no GPS position or
camera serial number leaves the vendor's phone. Renditions are WebP files at
``settings.IMAGE_RENDITION_WIDTHS`` for ``srcset``, written by
``make_renditions()`` (run by the ``make_product_image_renditions`` task).
"""

import posixpath
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from io import BytesIO
from pathlib import PurePath
from typing import IO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from .models import ProductImage

# Pillow format name -> format we store and file extension. MPO is how Pillow names
# the multi-picture JPEGs many cameras write: it is stored as a plain JPEG.
ACCEPTED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"

NOT_AN_IMAGE = _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo.")
WRONG_FORMAT = _("Images must be JPEG, PNG or WebP.")
TOO_MANY_BYTES = _("This image is %(size)s; the limit is %(limit)s.")
TOO_MANY_PIXELS = _(
    "This image is too large (%(megapixels)s megapixels); the limit is %(limit)s megapixels."
)

_SRGB = ImageCms.createProfile("sRGB")


def _megapixels(pixels: int) -> str:
    value = round(pixels / 1_000_000, 1)
    return number_format(int(value) if value.is_integer() else value)


def _too_many_pixels(pixels: int) -> ValidationError:
    return ValidationError(
        TOO_MANY_PIXELS,
        code="too_many_pixels",
        params={
            "megapixels": _megapixels(pixels),
            "limit": _megapixels(settings.IMAGE_MAX_PIXELS),
        },
    )


@contextmanager
def _open_checked(file: IO[bytes]) -> Iterator[Image.Image]:
    """Open `file` with Pillow (header only) and check its format and pixel count;
    every refusal is a ValidationError. The file is rewound before and after."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit and raises above twice that; both mean
            # a picture far larger than ours.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(file)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
                match = re.search(r"\((\d+) pixels\)", str(error))
                pixels = int(match.group(1)) if match else 2 * settings.IMAGE_MAX_PIXELS
                raise _too_many_pixels(pixels) from error
            except Exception as error:  # Pillow raises many types on garbage
                raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
        with image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(WRONG_FORMAT, code="wrong_format")
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise _too_many_pixels(width * height)
            yield image
    finally:
        file.seek(0)


def validate_image_upload(file: IO[bytes]) -> None:
    """Refuse, with a message a vendor understands, anything but a readable JPEG,
    PNG or WebP image within the size and pixel limits. Leaves `file` at position 0."""
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            TOO_MANY_BYTES,
            code="too_many_bytes",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )
    with _open_checked(file) as image:
        try:
            image.verify()
        except Exception as error:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error


def _upright_srgb(image: Image.Image) -> Image.Image:
    """A decoded copy of `image`, upright, in sRGB, carrying no metadata but PNG
    transparency. May raise OSError and friends on a damaged file."""
    image.load()
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # unreadable EXIF: keep the pixels as they are
        upright = image.copy()
    icc_profile = image.info.get("icc_profile")
    if upright.mode == "P":
        upright = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    if icc_profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        # A broken profile: keep the pixels as they are, drop the profile.
        with suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
            upright = ImageCms.profileToProfile(
                upright,
                ImageCms.ImageCmsProfile(BytesIO(icc_profile)),
                _SRGB,
                outputMode="RGBA" if upright.mode == "RGBA" else "RGB",
            )
    if upright.mode == "CMYK":
        upright = upright.convert("RGB")
    upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    return upright


def _stem(name: str | None) -> str:
    stem = re.sub(r"[^\w-]+", "-", PurePath(name or "").stem).strip("-_")[:60]
    return stem or "image"


def normalise_upload(file: IO[bytes]) -> ContentFile:
    """The upload re-encoded in its own format: EXIF orientation applied, colours in
    sRGB, no EXIF/XMP/ICC/comments; named `<stem>.<jpg|png|webp>`."""
    with _open_checked(file) as image:
        stored_format, extension = ACCEPTED_FORMATS[image.format]
        try:
            clean = _upright_srgb(image)
        except Exception as error:  # truncated or corrupt pixel data
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    buffer = BytesIO()
    if stored_format == "JPEG":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(buffer, "JPEG", quality=90, optimize=True, progressive=True)
    elif stored_format == "PNG":
        clean.save(buffer, "PNG", optimize=True)
    else:
        clean.save(buffer, "WEBP", quality=90, method=4)
    return ContentFile(buffer.getvalue(), name=f"{_stem(file.name)}.{extension}")


def rendition_widths(original_width: int) -> list[int]:
    """The configured widths no wider than the original; the original width alone
    when it is narrower than all of them."""
    widths = sorted(w for w in settings.IMAGE_RENDITION_WIDTHS if w <= original_width)
    return widths or [original_width]


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def make_renditions(image: ProductImage) -> dict[str, str]:
    """Write WebP renditions of `image` next to its original, record them on the
    row (only that field) and delete the renditions they replace."""
    source_name = image.image.name
    with image.image.storage.open(source_name, "rb") as file, Image.open(file) as original:
        width, height = original.size
        if original.format in ("JPEG", "MPO"):
            # Decode at a reduced scale when that still leaves every rendition sharp.
            target = max(rendition_widths(max(width, height)))
            original.draft(None, (target, target))
        picture = _upright_srgb(original)
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    picture.info = {}

    folder = posixpath.join(posixpath.dirname(source_name), "renditions")
    stem = posixpath.splitext(posixpath.basename(source_name))[0]
    renditions: dict[str, str] = {}
    for width in rendition_widths(picture.width):
        height = max(1, round(picture.height * width / picture.width))
        resized = (
            picture
            if width == picture.width
            else picture.resize((width, height), Image.Resampling.LANCZOS)
        )
        buffer = BytesIO()
        resized.save(buffer, "WEBP", quality=82, method=4)
        name = posixpath.join(folder, f"{stem}-{width}.webp")
        renditions[str(width)] = default_storage.save(name, ContentFile(buffer.getvalue()))

    with transaction.atomic():
        row = (
            ProductImage.objects.select_for_update()
            .filter(pk=image.pk)
            .values("image", "renditions")
            .first()
        )
        if row is None or row["image"] != source_name:
            # Deleted or replaced while we worked: these renditions belong to nobody.
            transaction.on_commit(partial(delete_files, list(renditions.values())))
            return image.renditions
        # A queryset update: it expires the fragments that show the image's URLs.
        ProductImage.objects.filter(pk=image.pk).update(renditions=renditions)
        replaced = set((row["renditions"] or {}).values()) - set(renditions.values())
        transaction.on_commit(partial(delete_files, sorted(replaced)))
    image.renditions = renditions
    image.__dict__.pop("rendition_urls", None)  # drop the cached URLs of the old files
    return renditions


class ProductImageUploadField(forms.ImageField):
    """An image upload checked by `validate_image_upload()` and replaced by
    `normalise_upload()`'s result: what the form hands on is clean."""

    # The format check replaces Django's extension check and Pillow check.
    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return normalise_upload(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs


class ProductImageForm(forms.ModelForm):
    """A product photo with its alternative text in each language; for the admin
    (`form = ProductImageForm`) and the vendor dashboard."""

    class Meta:
        model = ProductImage
        fields = ["image", "alt_en", "alt_fr", "alt_ar", "position", "is_main"]
        field_classes = {"image": ProductImageUploadField}
