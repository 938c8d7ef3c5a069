"""Refunds: staff give back all or part of a card payment; cancelling a paid order (or
one shop's part of it) gives back what was paid for it. Against localstripe."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_cancel, shop_order_advance
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import PaymentRefused, payment_confirm_card, payment_refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(card_order, stripe_keys):
    outcome = payment_confirm_card(
        payment=card_order.payments.get(), token=stripe_keys.card_token()
    )
    assert outcome.status == "succeeded"
    card_order.refresh_from_db()
    return card_order


@pytest.fixture
def refund(django_capture_on_commit_callbacks):
    """payment_refund as staff call it, outside any transaction: Stripe is asked
    when its transaction commits (the test's own transaction would hold it back)."""

    def call(**kwargs) -> Refund:
        with django_capture_on_commit_callbacks(execute=True):
            made = payment_refund(**kwargs)
        made.refresh_from_db()
        return made

    return call


def stripe_refund(stripe, refund: Refund) -> dict:
    return stripe.request("GET", f"/v1/refunds/{refund.stripe_refund_id}")


def test_a_full_refund_gives_everything_back_and_the_order_is_refunded(
    paid_order, stripe_keys, refund
):
    payment = paid_order.payments.get()

    made = refund(payment=payment, amount=None, reason="Damaged in transit")

    assert made.status == Refund.Status.SUCCEEDED and made.amount == Decimal("1175.00")
    assert stripe_refund(stripe_keys, made)["amount"] == 117500
    payment.refresh_from_db()
    paid_order.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.amount_refunded == Decimal("1175.00")
    assert paid_order.status == Order.Status.REFUNDED


def test_partial_refunds_add_up_and_only_the_last_one_refunds_the_order(
    paid_order, stripe_keys, refund
):
    payment = paid_order.payments.get()

    first = refund(payment=payment, amount=Decimal("75.50"), reason="A chipped lid")

    assert stripe_refund(stripe_keys, first)["amount"] == 7550
    payment.refresh_from_db()
    paid_order.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    assert payment.amount_refunded == Decimal("75.50")
    assert paid_order.status == Order.Status.PAID

    with pytest.raises(PaymentRefused, match=r"at most 1099\.50"):
        payment_refund(payment=payment, amount=Decimal("1100.00"), reason="")
    rest = refund(payment=payment, amount=None, reason="Returned")

    assert rest.amount == Decimal("1099.50")
    payment.refresh_from_db()
    paid_order.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert paid_order.status == Order.Status.REFUNDED
    with pytest.raises(PaymentRefused):
        payment_refund(payment=payment, amount=Decimal("1.00"), reason="")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("1175.01")])
def test_a_refund_of_nothing_or_of_more_than_was_paid_is_refused(paid_order, amount):
    with pytest.raises(PaymentRefused):
        payment_refund(payment=paid_order.payments.get(), amount=amount, reason="")
    assert not Refund.objects.exists()


def test_an_unpaid_or_cash_payment_cannot_be_refunded(card_order, place):
    with pytest.raises(PaymentRefused):
        payment_refund(payment=card_order.payments.get(), amount=None, reason="")
    cash = place(Order.Method.CASH_ON_DELIVERY)
    with pytest.raises(PaymentRefused):
        payment_refund(payment=cash.payments.get(), amount=None, reason="")
    assert not Refund.objects.exists()


def test_cancelling_a_paid_order_refunds_it_after_the_cancellation_commits(
    paid_order, stripe_keys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=paid_order, reason="Changed my mind")

    made = Refund.objects.get(payment__order=paid_order)
    assert made.status == Refund.Status.SUCCEEDED and made.amount == Decimal("1175.00")
    assert stripe_refund(stripe_keys, made)["amount"] == 117500
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.REFUNDED


def test_a_shop_cancelling_its_part_refunds_that_part(
    paid_order, stripe_keys, django_capture_on_commit_callbacks
):
    rug_shop = paid_order.shop_orders.get(vendor__name="Coopérative Tafraout")
    with django_capture_on_commit_callbacks(execute=True):
        shop_order_advance(
            shop_order=rug_shop, status=ShopOrder.Status.CANCELLED, reason="Sold out"
        )

    made = Refund.objects.get(payment__order=paid_order)
    assert made.amount == Decimal("900.00")  # its total: the rug, shipped free
    assert stripe_refund(stripe_keys, made)["amount"] == 90000
    payment = paid_order.payments.get()
    paid_order.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    assert paid_order.status == Order.Status.PAID  # the tagines are still coming


def test_a_cancellation_that_rolls_back_refunds_nothing(
    paid_order, stripe_keys, django_capture_on_commit_callbacks
):
    intent_id = paid_order.payments.get().stripe_payment_intent_id
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        order_cancel(order=paid_order, reason="Changed my mind")
        raise RuntimeError("something after the cancellation failed")

    assert not Refund.objects.exists()
    refunds = stripe_keys.request("GET", f"/v1/refunds?payment_intent={intent_id}")
    assert refunds["data"] == []
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PAID


def test_a_refund_stripe_could_not_take_stays_pending_and_is_sent_again_once(
    paid_order, stripe_keys, refund
):
    payment = paid_order.payments.get()
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):  # nothing listens there
        pending = refund(payment=payment, amount=Decimal("100.00"), reason="")
    assert pending.status == Refund.Status.PENDING
    payment.refresh_from_db()
    assert payment.amount_refunded == 0
    # What is pending counts: no more than the rest can be asked meanwhile.
    with pytest.raises(PaymentRefused, match=r"at most 1075\.00"):
        payment_refund(payment=payment, amount=Decimal("1075.01"), reason="")

    call_command("send_pending_refunds", "--older-than=0")
    call_command("send_pending_refunds", "--older-than=0")

    pending.refresh_from_db()
    payment.refresh_from_db()
    assert pending.status == Refund.Status.SUCCEEDED
    assert payment.amount_refunded == Decimal("100.00")
    refunds = stripe_keys.request(
        "GET", f"/v1/refunds?payment_intent={payment.stripe_payment_intent_id}"
    )
    assert [r["amount"] for r in refunds["data"]] == [10000]
