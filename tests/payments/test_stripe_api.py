"""Amounts go to Stripe in minor units, from Decimal, never through float."""

from decimal import Decimal

import pytest

from marketplace.payments import stripe_api


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        (Decimal("1175.00"), "MAD", 117500),
        (Decimal("0.10"), "mad", 10),
        (Decimal("19.99"), "EUR", 1999),
        (Decimal("0.005"), "MAD", 1),  # half up, as a cashier rounds
        (Decimal("500"), "JPY", 500),  # no decimals
        (Decimal("1.234"), "KWD", 1234),  # three decimals
    ],
)
def test_minor_units(amount, currency, minor):
    assert stripe_api.minor_units(amount, currency) == minor
