"""Orders for the page, e-mail and command tests, placed with the real place_order."""

import uuid

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import transaction

from marketplace.cart.storage import DatabaseCart, Entry, SessionCart
from marketplace.orders.models import Order
from marketplace.orders.services import ShippingAddress, checkout_quote, place_order

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    city="Fès",
    country="MA",
)


@pytest.fixture
def tagine(make_product):
    """Atelier Fassi's tagine: 120 MAD, 20 in stock, named in three languages."""
    return make_product(
        "Blue tagine",
        name_fr="Tajine bleu",
        name_ar="طاجين أزرق",
        price="120",
        variants=[{"stock": 20}],
    ).variants.get()


@pytest.fixture
def rug(make_product, other_shop):
    """Coopérative Tafraout's rug: 900 MAD, 10 in stock."""
    return make_product(
        "Wool rug",
        name_fr="Tapis en laine",
        name_ar="زربية صوف",
        price="900",
        vendor=other_shop,
        variants=[{"stock": 10}],
    ).variants.get()


@pytest.fixture
def buy(tagine, rug):
    """buy(user=..., email=..., method=..., language=..., lines={variant: quantity}):
    an order placed through place_order from a fresh cart (the user's, or a guest's
    session cart). Default: 2 tagines and 1 rug, cash on delivery, in English."""

    def buy(
        *,
        user=None,
        email: str | None = None,
        method: str = Order.Method.CASH_ON_DELIVERY,
        language: str = "en",
        lines: dict | None = None,
    ) -> Order:
        if user is not None:
            cart = DatabaseCart(user)
        else:
            session = SessionStore()
            session.create()
            cart = SessionCart(session)
        with transaction.atomic():  # as cart.services fills it: under the cart's lock
            for variant, quantity in (lines or {tagine: 2, rug: 1}).items():
                cart.put(Entry(variant.pk, quantity, variant.price))
        return place_order(
            cart=cart,
            user=user,
            email=email or user.email,
            address=ADDRESS,
            payment_method=method,
            language=language,
            idempotency_key=uuid.uuid4().hex,
            expected=checkout_quote(cart=cart).fingerprint(),
        )

    return buy
