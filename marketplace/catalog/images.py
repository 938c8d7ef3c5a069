"""Product photos: upload checks, normalisation and WebP renditions.

An upload is checked by ``marketplace.core.images.validate_image_upload()`` (the
limits every image field shares: JPEG, PNG or WebP, ``settings.IMAGE_MAX_BYTES``
bytes, ``settings.IMAGE_MAX_PIXELS`` pixels read from the header so that a
decompression bomb is refused cheaply). The stored original is then re-encoded
upright (EXIF orientation applied), in sRGB, without EXIF, XMP, ICC or comments,
so no GPS position or camera serial number leaves the vendor's phone. Renditions
are WebP files at ``settings.IMAGE_RENDITION_WIDTHS`` for ``srcset``, named by
their content, written by ``make_renditions()`` (run by the
``make_product_image_renditions`` task).
"""

import posixpath
import re
from collections.abc import Iterable
from contextlib import suppress
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
from PIL import Image, ImageCms, ImageOps

from marketplace.core.images import (
    ACCEPTED_FORMATS,
    NOT_AN_IMAGE,
    CheckedImageFormField,
    open_checked,
)
from marketplace.core.images import validate_image_upload as validate_image_upload  # re-exported
from marketplace.core.storage import content_addressed_name

from .models import ProductImage

_SRGB = ImageCms.createProfile("sRGB")


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
    with open_checked(file) as image:
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
    row (only that field) and delete the renditions they replace. Reads and writes
    through the storage only (a bucket in production), never a filesystem path."""
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
        data = buffer.getvalue()
        # Named by its content, so that browsers and CDNs may keep it for a year.
        name = content_addressed_name(posixpath.join(folder, f"{stem}-{width}.webp"), data)
        renditions[str(width)] = default_storage.save(name, ContentFile(data))

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


class ProductImageUploadField(CheckedImageFormField):
    """An image upload checked by `validate_image_upload()` (the limits of every
    image field) and replaced by `normalise_upload()`'s result: what the form hands
    on is clean."""

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else normalise_upload(upload)


class ProductImageForm(forms.ModelForm):
    """A product photo with its alternative text in each language; for the admin
    (`form = ProductImageForm`) and the vendor dashboard."""

    class Meta:
        model = ProductImage
        fields = ["image", "alt_en", "alt_fr", "alt_ar", "position", "is_main"]
        field_classes = {"image": ProductImageUploadField}
