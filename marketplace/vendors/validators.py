"""Payout account numbers: a Moroccan RIB or an IBAN, checked for format.

A shop is paid by bank transfer, so a mistyped account number means money sent to
no one (or to someone else). Both formats carry check digits that catch every
single wrong digit and almost every swap of two neighbours, so the application
form refuses a typo before staff ever see it. This checks the format only: whether
the account exists and belongs to the holder is for the bank.

- Moroccan RIB (relevé d'identité bancaire): 24 digits, bank code (3), city code (3),
  account number (16) and a two-digit key. The key makes the whole number a
  multiple of 97: key = 97 - (first 22 digits x 100 mod 97).
- IBAN (ISO 13616): country code, two check digits, then the national account
  number (BBAN), at most 34 characters; moved four characters to the right and
  read with A=10 ... Z=35, the number is 1 modulo 97. A Moroccan IBAN is MA, its
  check digits and a RIB, whose own key is checked too.

Numbers are stored normalised (`normalise_account`): no spaces or dashes, upper
case, as banks print them grouped by four or by field.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RIB_LENGTH = 24
IBAN_MIN_LENGTH = 15  # Norway's, the shortest in the registry
IBAN_MAX_LENGTH = 34
MOROCCO_IBAN_LENGTH = 4 + RIB_LENGTH

_SEPARATORS = re.compile(r"[\s.\-]+")
# Arabic-Indic and Persian digits, as an Arabic keyboard may type them.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_IBAN_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]+$")

INVALID_ACCOUNT = _(
    "Enter a Moroccan RIB (24 digits) or an IBAN (starting with two letters, such as MA or FR)."
)
RIB_WRONG_LENGTH = _("A RIB has 24 digits; this one has %(count)d.")
RIB_WRONG_KEY = _("This RIB's key (its last two digits) does not match: check every digit.")
IBAN_WRONG_LENGTH = _("An IBAN has 15 to 34 characters, a Moroccan one 28; this one has %(count)d.")
IBAN_WRONG_CHECK = _("This IBAN's check digits do not match: check every character.")


def normalise_account(value: str) -> str:
    """`ma64 0115 1900-0001 2050 0053 4921` -> `MA64011519000001205000534921`
    (Arabic-Indic digits read as the same digits)."""
    return _SEPARATORS.sub("", value or "").translate(_DIGITS).upper()


def rib_key(first_22_digits: str) -> int:
    """The two-digit key of a Moroccan RIB whose other 22 digits are given."""
    return 97 - (int(first_22_digits) * 100) % 97


def validate_rib(value: str) -> None:
    """A Moroccan RIB: 24 digits whose last two are the key of the others."""
    rib = normalise_account(value)
    if not rib.isdigit() or not rib.isascii():
        raise ValidationError(INVALID_ACCOUNT, code="invalid_account")
    if len(rib) != RIB_LENGTH:
        raise ValidationError(RIB_WRONG_LENGTH, code="rib_length", params={"count": len(rib)})
    if int(rib[22:]) != rib_key(rib[:22]):
        raise ValidationError(RIB_WRONG_KEY, code="rib_key")


def iban_remainder(iban: str) -> int:
    """ISO 13616's check: the IBAN with its first four characters moved to the end,
    letters read as 10..35, modulo 97 (1 for a valid IBAN)."""
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(character, 36)) for character in rearranged)) % 97


def validate_iban(value: str) -> None:
    """An IBAN with matching check digits; a Moroccan one also holds a valid RIB."""
    iban = normalise_account(value)
    if not iban.isascii() or not _IBAN_SHAPE.match(iban):
        raise ValidationError(INVALID_ACCOUNT, code="invalid_account")
    expected = MOROCCO_IBAN_LENGTH if iban.startswith("MA") else None
    if (expected and len(iban) != expected) or not (
        IBAN_MIN_LENGTH <= len(iban) <= IBAN_MAX_LENGTH
    ):
        raise ValidationError(IBAN_WRONG_LENGTH, code="iban_length", params={"count": len(iban)})
    if iban_remainder(iban) != 1:
        raise ValidationError(IBAN_WRONG_CHECK, code="iban_check")
    if iban.startswith("MA"):
        validate_rib(iban[4:])


def validate_payout_account(value: str) -> None:
    """A RIB (digits only) or an IBAN (starting with letters), whichever it looks like."""
    account = normalise_account(value)
    if account[:2].isalpha():
        validate_iban(account)
    else:
        validate_rib(account)


def format_account(value: str) -> str:
    """Grouped by four, as banks print it: `MA64 0115 1900 ...`."""
    account = normalise_account(value)
    return " ".join(account[i : i + 4] for i in range(0, len(account), 4))


def masked_account(value: str) -> str:
    """Only the last four characters, for pages that remind the owner which account
    they gave without showing it whole: `•••• 4921`."""
    account = normalise_account(value)
    return f"•••• {account[-4:]}" if account else ""
