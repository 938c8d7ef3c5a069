"""Uploaded images: the checks every image field applies, whatever the form.

An upload is accepted when it is a readable JPEG, PNG or WebP file of at most
``settings.IMAGE_MAX_BYTES`` bytes and ``settings.IMAGE_MAX_PIXELS`` pixels (read
from the header, before anything is decoded, so a decompression bomb is refused
cheaply). Product photos (catalog/images.py), shop logos and banners and category
images share these limits and these messages.

``CheckedImageField`` is the model field for them: its form field (in the admin and
in any ModelForm) runs ``validate_image_upload()`` instead of Django's own Pillow
check, and ``full_clean()`` runs it too on a file that has not been stored yet.
"""

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Pillow format name -> format we store and file extension. MPO is how Pillow names
# the multi-picture JPEGs many cameras write: it is stored as a plain JPEG.
ACCEPTED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
# What stored media file names end with, and the type each is served as.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}

NOT_AN_IMAGE = _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo.")
WRONG_FORMAT = _("Images must be JPEG, PNG or WebP.")
TOO_MANY_BYTES = _("This image is %(size)s; the limit is %(limit)s.")
TOO_MANY_PIXELS = _(
    "This image is too large (%(megapixels)s megapixels); the limit is %(limit)s megapixels."
)


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
def open_checked(file: IO[bytes]) -> Iterator[Image.Image]:
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
    PNG or WebP image within the size and pixel limits. Leaves `file` at position 0.

    A model field's file that is already in storage (``_committed``) was checked
    when it was uploaded: it is not downloaded again on every ``full_clean()``."""
    if getattr(file, "_committed", False):
        return
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            TOO_MANY_BYTES,
            code="too_many_bytes",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )
    with open_checked(file) as image:
        try:
            image.verify()
        except Exception as error:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error


class CheckedImageFormField(forms.ImageField):
    """An image upload checked by `validate_image_upload()`, with its messages, in
    place of Django's extension and Pillow checks; offers only the accepted types."""

    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs


class CheckedImageField(models.ImageField):
    """An ImageField whose uploads pass `validate_image_upload()` in every form
    (the admin's included) and in `full_clean()`."""

    default_validators = [validate_image_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})
