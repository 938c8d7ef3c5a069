import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_CHARS_RE = re.compile(r"^\+?[0-9 ().-]+$")


def validate_phone(value: str) -> None:
    """A phone number a courier can dial: digits with usual separators, 8 to 15 digits.

    15 digits is the E.164 maximum; fewer than 8 cannot be a reachable number.
    """
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARS_RE.match(value) or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a valid phone number, e.g. +212 6 12 34 56 78."), code="invalid_phone"
        )
