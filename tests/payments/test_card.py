"""Paying an order by card, against localstripe: the card page's calls, in order.

The page gets a client secret (`payment_intent`), Stripe.js tokenises the card
(`localstripe.card_token`), the page posts the token (`payment_confirm_card`); for
3-D Secure the shopper answers the bank's dialog (`localstripe.authenticate`) and
the return page asks where the payment stands (`payment_refresh`).
"""

import pytest

from marketplace.orders.models import Order
from marketplace.orders.services import order_cancel
from marketplace.payments.models import Payment
from marketplace.payments.services import (
    PaymentOutcome,
    PaymentRefused,
    payment_confirm_card,
    payment_intent,
    payment_refresh,
)

pytestmark = pytest.mark.django_db

VISA = "4242424242424242"
DECLINED = "4000000000000002"
THREE_D_SECURE = "4000002760003184"


def test_the_payment_intent_is_for_the_order_total_in_minor_units(card_order, stripe_keys):
    payment = card_order.payments.get()
    secret = payment_intent(payment=payment)
    payment.refresh_from_db()
    intent = stripe_keys.request("GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}")
    assert secret == intent["client_secret"]
    assert (intent["amount"], intent["currency"]) == (117500, "mad")  # 1175.00 MAD
    assert intent["metadata"]["order_number"] == card_order.number
    assert payment_intent(payment=payment) == secret  # one PaymentIntent per order


def test_a_card_that_goes_through_pays_the_order(card_order, stripe_keys, paid_signals):
    payment = card_order.payments.get()
    payment_intent(payment=payment)

    outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token(VISA))

    assert outcome.status == PaymentOutcome.SUCCEEDED
    card_order.refresh_from_db()
    payment.refresh_from_db()
    assert card_order.status == Order.Status.PAID and card_order.expires_at is None
    assert payment.status == Payment.Status.SUCCEEDED
    assert paid_signals == [card_order.number]  # the confirmation e-mails go out once
    # A double click confirms nothing more.
    again = payment_confirm_card(payment=payment, token=stripe_keys.card_token(VISA))
    assert again.status == PaymentOutcome.SUCCEEDED and paid_signals == [card_order.number]


def test_a_declined_card_fails_with_a_message_and_another_card_may_be_tried(
    card_order, stripe_keys
):
    payment = card_order.payments.get()

    declined = payment_confirm_card(payment=payment, token=stripe_keys.card_token(DECLINED))

    assert declined.status == PaymentOutcome.FAILED
    assert declined.message == "Your card was declined. Try another card."
    card_order.refresh_from_db()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    assert card_order.status == Order.Status.PENDING_PAYMENT  # until it expires

    retried = payment_confirm_card(payment=payment, token=stripe_keys.card_token(VISA))
    assert retried.status == PaymentOutcome.SUCCEEDED
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PAID


def test_three_d_secure_requires_action_then_the_return_page_sees_it_paid(
    card_order, stripe_keys, paid_signals
):
    payment = card_order.payments.get()
    secret = payment_intent(payment=payment)

    outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token(THREE_D_SECURE))

    assert outcome.status == PaymentOutcome.REQUIRES_ACTION
    assert outcome.client_secret == secret  # for stripe.confirmCardPayment on the page
    payment.refresh_from_db()
    card_order.refresh_from_db()
    assert payment.status == Payment.Status.REQUIRES_ACTION
    assert card_order.status == Order.Status.PENDING_PAYMENT and paid_signals == []

    stripe_keys.authenticate(outcome.client_secret)  # the shopper confirms with the bank
    returned = payment_refresh(payment=payment)

    assert returned.status == PaymentOutcome.SUCCEEDED
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PAID and paid_signals == [card_order.number]


def test_a_failed_authentication_leaves_the_order_to_pay_with_another_card(card_order, stripe_keys):
    payment = card_order.payments.get()
    outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token(THREE_D_SECURE))
    stripe_keys.authenticate(outcome.client_secret, success=False)

    returned = payment_refresh(payment=payment)

    assert returned.status == PaymentOutcome.FAILED
    assert "bank did not confirm" in returned.message
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT
    assert payment_confirm_card(payment=payment, token=stripe_keys.card_token(VISA)).status == (
        PaymentOutcome.SUCCEEDED
    )


def test_the_return_page_before_any_attempt_says_not_paid(card_order, stripe_keys):
    payment = card_order.payments.get()
    payment_intent(payment=payment)
    outcome = payment_refresh(payment=payment)
    assert (
        outcome.status == PaymentOutcome.FAILED and outcome.message == "This order is not paid yet."
    )


def test_a_cancelled_order_cannot_be_paid(card_order, stripe_keys):
    order_cancel(order=card_order, reason="Changed my mind")
    with pytest.raises(PaymentRefused, match="no longer awaiting payment"):
        payment_confirm_card(payment=card_order.payments.get(), token=stripe_keys.card_token(VISA))


@pytest.mark.parametrize("token", ["", "pm_card_visa", "tok_<script>", "tok_" + "a" * 300, None])
def test_a_token_that_is_not_a_card_token_is_refused_before_stripe(card_order, token):
    payment = card_order.payments.get()
    with pytest.raises(PaymentRefused, match="could not be read"):
        payment_confirm_card(payment=payment, token=token)
    payment.refresh_from_db()
    assert payment.stripe_payment_intent_id == "" and payment.status == Payment.Status.PENDING
