"""Orders placed for real (cart -> place_order -> payment_start, in one transaction, as
checkout does), to pay against localstripe (tests/stripe_fixtures.py)."""

from decimal import Decimal
from itertools import count

import pytest
from django.db import transaction

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.orders.models import Order
from marketplace.orders.services import ShippingAddress, checkout_quote, place_order
from marketplace.payments.services import payment_start

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    city="Fès",
    country="MA",
)
keys = count(1)


@pytest.fixture
def place(user, make_product, other_shop):
    """place(method=...) -> Order: a two-shop order of `user` (2 tagines at 120 from
    Atelier Fassi, shipping 35; a rug at 900 from Coopérative Tafraout, shipped
    free): 1175.00 MAD, with its Payment started."""
    tagine = make_product("Tagine", price="120", variants=[{"stock": 50}]).variants.get()
    rug = make_product("Rug", price="900", vendor=other_shop, variants=[{"stock": 50}])
    rug = rug.variants.get()

    def place_one(method=Order.Method.CARD) -> Order:
        cart = DatabaseCart(user)
        with transaction.atomic():  # as cart.services does
            cart.put(Entry(tagine.pk, 2, tagine.price))
            cart.put(Entry(rug.pk, 1, Decimal("900")))
        with transaction.atomic():  # as checkout does
            order = place_order(
                cart=cart,
                user=user,
                email=user.email,
                address=ADDRESS,
                payment_method=method,
                language="en",
                idempotency_key=f"payments-test-{next(keys)}",
                expected=checkout_quote(cart=cart).fingerprint(),
            )
            payment_start(order=order)
        return order

    return place_one


@pytest.fixture
def card_order(stripe_keys, place):
    return place(Order.Method.CARD)


@pytest.fixture
def paid_signals():
    """The orders `order_paid` was sent for, in order."""
    from marketplace.orders.signals import order_paid

    sent = []

    def record(sender, order, **kwargs):
        sent.append(order.number)

    order_paid.connect(record, dispatch_uid="tests-payments-paid")
    yield sent
    order_paid.disconnect(dispatch_uid="tests-payments-paid")
