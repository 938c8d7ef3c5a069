"""Payout accounts: a Moroccan RIB (24 digits and its key) or an IBAN (ISO 13616,
mod 97). A typo is refused with a message that says what is wrong."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.vendors.validators import (
    format_account,
    masked_account,
    normalise_account,
    validate_iban,
    validate_payout_account,
    validate_rib,
)

from .conftest import GOOD_MA_IBAN, GOOD_RIB, make_rib

GOOD_ACCOUNTS = [
    pytest.param(GOOD_RIB, id="RIB"),
    pytest.param("011 519 0000012050005349 21", id="RIB as printed, in its fields"),
    pytest.param(make_rib("2257800000000012345678"), id="another bank's RIB"),
    pytest.param("٠١١٥١٩٠٠٠٠٠١٢٠٥٠٠٠٥٣٤٩٢١", id="RIB in Arabic-Indic digits"),
    pytest.param(GOOD_MA_IBAN, id="Moroccan IBAN"),
    pytest.param("ma64 0115 1900 0001 2050 0053 4921", id="IBAN in lower case, grouped"),
    pytest.param("FR14 2004 1010 0505 0001 3M02 606", id="French IBAN"),
    pytest.param("GB82WEST12345698765432", id="British IBAN"),
    pytest.param("DE89 3704 0044 0532 0130 00", id="German IBAN"),
    pytest.param("NO9386011117947", id="the shortest IBAN (Norway)"),
]

BAD_ACCOUNTS = [
    pytest.param(GOOD_RIB[:-2] + "22", "rib_key", id="RIB with a wrong key"),
    pytest.param(GOOD_RIB[:5] + "8" + GOOD_RIB[6:], "rib_key", id="RIB with one wrong digit"),
    pytest.param(GOOD_RIB[:5] + GOOD_RIB[6] + GOOD_RIB[5] + GOOD_RIB[7:], "rib_key", id="swap"),
    pytest.param(GOOD_RIB[:-1], "rib_length", id="RIB of 23 digits"),
    pytest.param(GOOD_RIB + "0", "rib_length", id="RIB of 25 digits"),
    pytest.param("0115190000012050005349AB", "invalid_account", id="RIB with letters"),
    pytest.param("MA65011519000001205000534921", "iban_check", id="IBAN with wrong check digits"),
    pytest.param("MA6401151900000120500053492", "iban_length", id="Moroccan IBAN too short"),
    pytest.param("FR1420041010050500013M02607", "iban_check", id="French IBAN, one typo"),
    pytest.param("GB82 WEST 1234 5698 7654 32XX", "iban_check", id="IBAN with extra characters"),
    pytest.param("DE8937", "iban_length", id="IBAN of 6 characters"),
    pytest.param("X" * 40, "invalid_account", id="letters only"),
    pytest.param("FR14-2004-1010-0505-0001-3M02-606-!!", "invalid_account", id="punctuation"),
    pytest.param("", "invalid_account", id="empty"),
]


@pytest.mark.parametrize("account", GOOD_ACCOUNTS)
def test_a_valid_rib_or_iban_is_accepted(account):
    validate_payout_account(account)


@pytest.mark.parametrize(("account", "code"), BAD_ACCOUNTS)
def test_a_mistyped_rib_or_iban_is_refused_saying_why(account, code):
    with pytest.raises(ValidationError) as caught:
        validate_payout_account(account)
    assert caught.value.code == code


def test_a_moroccan_iban_must_hold_a_rib_with_a_valid_key():
    """An IBAN's own check digits could be recomputed over a mistyped RIB."""
    bad_rib = GOOD_RIB[:-2] + "00"
    rearranged = bad_rib + "MA00"
    check = 98 - int("".join(str(int(c, 36)) for c in rearranged)) % 97
    iban = f"MA{check:02d}{bad_rib}"
    with pytest.raises(ValidationError) as caught:
        validate_iban(iban)
    assert caught.value.code == "rib_key"


def test_the_rib_key_makes_the_whole_number_a_multiple_of_97():
    assert int(GOOD_RIB) % 97 == 0
    validate_rib(make_rib("1234567890123456789012"))


def test_messages_say_what_is_wrong_in_the_users_language():
    from django.utils import translation

    with translation.override("fr"):
        with pytest.raises(ValidationError) as caught:
            validate_payout_account(GOOD_RIB[:-1])
        assert caught.value.messages == ["Un RIB compte 24 chiffres ; celui-ci en a 23."]


def test_accounts_are_stored_without_separators_and_shown_grouped_or_masked():
    assert normalise_account(" ma64 0115-1900.0001 ") == "MA64011519000001"
    assert format_account(GOOD_MA_IBAN) == "MA64 0115 1900 0001 2050 0053 4921"
    assert masked_account(GOOD_RIB) == "•••• 4921"
    assert masked_account("") == ""
