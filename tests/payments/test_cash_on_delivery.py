"""Cash on delivery, and a site without Stripe keys (no card payment at all)."""

import pytest
from django.db import transaction

from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import OrderActionRefused, shop_order_advance
from marketplace.payments.models import Payment
from marketplace.payments.services import (
    PaymentRefused,
    card_payments_enabled,
    payment_cash_collected,
    payment_start,
)

pytestmark = pytest.mark.django_db


def deliver(shop_order):
    shop_order_advance(
        shop_order=shop_order, status=ShopOrder.Status.SHIPPED, carrier="Amana", tracking_number="1"
    )
    shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)


def test_a_cash_order_is_confirmed_at_once_with_a_pending_cash_payment(place):
    order = place(Order.Method.CASH_ON_DELIVERY)

    payment = order.payments.get()
    assert order.status == Order.Status.CONFIRMED
    assert (payment.method, payment.status, payment.amount) == ("cod", "pending", order.total)
    assert payment.stripe_payment_intent_id == ""
    assert payment_start(order=order) == payment  # a resubmitted checkout: the same row


def test_the_cash_payment_succeeds_once_every_shop_has_collected_its_part(place):
    order = place(Order.Method.CASH_ON_DELIVERY)
    first, second = order.shop_orders.order_by("pk")
    with pytest.raises(OrderActionRefused):
        payment_cash_collected(shop_order=first)  # not delivered yet
    for shop_order in (first, second):
        deliver(shop_order)

    payment_cash_collected(shop_order=first)
    assert order.payments.get().status == Payment.Status.PENDING
    payment_cash_collected(shop_order=second)

    assert order.payments.get().status == Payment.Status.SUCCEEDED
    assert set(order.shop_orders.values_list("cash_collected", flat=True)) == {True}


def test_without_stripe_keys_card_payment_is_off_and_a_card_order_is_not_placed(place):
    assert not card_payments_enabled()
    with pytest.raises(PaymentRefused, match="Choose cash on delivery"):
        place(Order.Method.CARD)  # checkout's transaction rolls back whole
    assert not Order.objects.exists()
    assert place(Order.Method.CASH_ON_DELIVERY).status == Order.Status.CONFIRMED


def test_card_payment_needs_both_keys(settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", ""
    assert not card_payments_enabled()
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    assert card_payments_enabled()


def test_place_and_start_roll_back_together(place, stripe_keys):
    with pytest.raises(RuntimeError), transaction.atomic():
        place(Order.Method.CARD)
        raise RuntimeError
    assert not Payment.objects.exists() and not Order.objects.exists()
