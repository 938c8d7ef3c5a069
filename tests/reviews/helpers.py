"""Delivered purchases and their reviews, made through the real services: orders
placed with place_order and moved by the shop with shop_order_advance (ship,
deliver), reviews written with review_create. Used by tests/reviews and the
dashboard's reviews tests."""

import uuid

from django.db import transaction

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    ShippingAddress,
    checkout_quote,
    place_order,
    shop_order_advance,
)
from marketplace.reviews import services

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
