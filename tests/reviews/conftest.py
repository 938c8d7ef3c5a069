"""Reviews need a delivered purchase: orders are placed with the real place_order
and moved by the shop with shop_order_advance (accept, ship, deliver), as in
production. `tagine` is Atelier Fassi's product (the shop of tests/dashboard)."""

import uuid

import pytest
from django.db import transaction
from django.test import Client

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    ShippingAddress,
    checkout_quote,
    place_order,
    shop_order_advance,
)
from marketplace.reviews import services
from tests.factories import UserFactory

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    city="Fès",
    country="MA",
)


def place(user, *products, quantity: int = 1) -> Order:
    """A cash-on-delivery order of `user` for one of each product's first variant."""
    cart = DatabaseCart(user)
    with transaction.atomic():
        for product in products:
            variant = product.variants.select_related("product").first()
            cart.put(Entry(variant.pk, quantity, variant.price))
    return place_order(
        cart=cart,
        user=user,
        email=user.email,
        address=ADDRESS,
        payment_method=Order.Method.CASH_ON_DELIVERY,
        language="en",
        idempotency_key=uuid.uuid4().hex,
        expected=checkout_quote(cart=cart).fingerprint(),
    )


def ship(order: Order) -> None:
    for shop_order in order.shop_orders.order_by("pk"):
        shop_order_advance(
            shop_order=shop_order,
            status=ShopOrder.Status.SHIPPED,
            carrier="Amana",
            tracking_number="AM123456789MA",
        )


def deliver(order: Order) -> Order:
    ship(order)
    for shop_order in order.shop_orders.order_by("pk"):
        shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)
    return order


def bought(user, *products) -> Order:
    """`user` bought the products and received them."""
    return deliver(place(user, *products))


def review(user, product, rating: int = 5, text: str = "Beautiful work, well packed.", **kw):
    """A delivered purchase and its review, through the services."""
    bought(user, product)
    return services.review_create(
        user=user, product=product, rating=rating, text=text, language=kw.get("language", "en")
    )


@pytest.fixture
def tagine(make_product):
    return make_product("Blue tagine", name_fr="Tajine bleu", price="120", variants=[{"stock": 50}])


@pytest.fixture
def buyer(user):
    return user  # Amina Idrissi


@pytest.fixture
def buyer_client(buyer) -> Client:
    client = Client()
    client.force_login(buyer)
    return client


@pytest.fixture
def make_buyer(db):
    def make(name: str = "Karim Alaoui"):
        return UserFactory(full_name=name)

    return make
