"""Fixtures: orders placed for real (cart -> place_order, as checkout does) and moved
through the shops' real services, so that the ledger is written by its receivers.

Used by tests/earnings (its conftest) and tests/dashboard/test_earnings.py, which
star-import this module (fixtures are found by name in a test module)."""

from itertools import count

import pytest
from django.db import transaction

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    ShippingAddress,
    checkout_quote,
    order_mark_paid,
    place_order,
    shop_order_advance,
)
from tests.factories import UserFactory

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    city="Fès",
    country="MA",
)
keys = count(1)
__all__ = [
    "ADDRESS",
    "advance",
    "deliver",
    "paid_through_stripe",
    "place",
    "rug",
    "staff",
    "tagine",
]


@pytest.fixture
def staff(db):
    return UserFactory(email="finance@souk.example", is_staff=True)


@pytest.fixture
def tagine(make_product):
    """Atelier Fassi's tagine at 120 MAD (shipping 35 below 600)."""
    return make_product("Tagine", price="120", variants=[{"stock": 50}]).variants.get()


@pytest.fixture
def rug(make_product, other_shop):
    """Coopérative Tafraout's rug at 900 MAD (shipped free: 600 and above)."""
    rug = make_product("Rug", price="900", vendor=other_shop, variants=[{"stock": 50}])
    return rug.variants.get()


@pytest.fixture
def place(user, tagine, rug):
    """place(method=..., lines={variant: quantity}) -> Order. Default: 2 tagines
    (240 + 35 shipping) and a rug (900, shipped free), 1175.00 MAD. A card order is
    marked paid (`order_mark_paid`, as payments does when Stripe says so)."""

    def place_one(method=Order.Method.CARD, lines=None) -> Order:
        cart = DatabaseCart(user)
        with transaction.atomic():  # as cart.services does
            for variant, quantity in (lines or {tagine: 2, rug: 1}).items():
                cart.put(Entry(variant.pk, quantity, variant.price))
        order = place_order(
            cart=cart,
            user=user,
            email=user.email,
            address=ADDRESS,
            payment_method=method,
            language="en",
            idempotency_key=f"earnings-test-{next(keys)}",
            expected=checkout_quote(cart=cart).fingerprint(),
        )
        if method == Order.Method.CARD:
            order_mark_paid(order=order)
        return order

    return place_one


def advance(shop_order: ShopOrder, *statuses: str) -> ShopOrder:
    for status in statuses:
        shop_order = shop_order_advance(
            shop_order=shop_order,
            status=status,
            carrier="Amana",
            tracking_number="AM123MA",
            reason="Sold out in this colour",
        )
    return shop_order


@pytest.fixture
def deliver():
    """deliver(order_or_shop_order): accepted, shipped and delivered by its shop(s)."""

    def deliver_it(target):
        shop_orders = (
            list(target.shop_orders.order_by("pk")) if isinstance(target, Order) else [target]
        )
        for shop_order in shop_orders:
            advance(
                shop_order,
                ShopOrder.Status.PROCESSING,
                ShopOrder.Status.SHIPPED,
                ShopOrder.Status.DELIVERED,
            )
        return target

    return deliver_it


@pytest.fixture
def paid_through_stripe(stripe_keys, user, tagine, rug):
    """paid_through_stripe() -> Order: the default two-shop order (1175.00 MAD), its
    Payment started as checkout does and paid with a card against localstripe."""
    from marketplace.payments.services import payment_confirm_card, payment_start

    def pay() -> Order:
        cart = DatabaseCart(user)
        with transaction.atomic():
            cart.put(Entry(tagine.pk, 2, tagine.price))
            cart.put(Entry(rug.pk, 1, rug.price))
        with transaction.atomic():  # as checkout does
            order = place_order(
                cart=cart,
                user=user,
                email=user.email,
                address=ADDRESS,
                payment_method=Order.Method.CARD,
                language="en",
                idempotency_key=f"earnings-test-{next(keys)}",
                expected=checkout_quote(cart=cart).fingerprint(),
            )
            payment = payment_start(order=order)
        outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token())
        assert outcome.status == "succeeded"
        order.refresh_from_db()
        return order

    return pay
