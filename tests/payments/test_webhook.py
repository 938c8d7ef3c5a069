"""Stripe's webhook: real deliveries from localstripe, signed with the webhook secret.

Each test makes a payment happen at localstripe the way a shopper would, takes the
delivery localstripe sent (its exact body and Stripe-Signature, kept by the
fixture's inbox), and posts it to /payments/stripe/webhook/.
"""

import hashlib
import hmac
import logging
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from marketplace.orders.models import Order
from marketplace.orders.services import order_release_expired
from marketplace.payments.models import Payment, Refund, StripeEvent
from marketplace.payments.services import payment_confirm_card, payment_intent

pytestmark = pytest.mark.django_db

THREE_D_SECURE = "4000002760003184"
# Asks for 3-D Secure, then its charge is declined.
THREE_D_SECURE_DECLINED = "4000008260003178"
SUCCEEDED, FAILED = "payment_intent.succeeded", "payment_intent.payment_failed"


def pay_in_the_browser(order, stripe, number=THREE_D_SECURE, *, success=True):
    """The shopper pays with 3-D Secure and closes the tab before the return page:
    only the webhook tells Souk. Returns the PaymentIntent id."""
    payment = order.payments.get()
    outcome = payment_confirm_card(payment=payment, token=stripe.card_token(number))
    assert outcome.status == "requires_action"
    try:
        stripe.authenticate(outcome.client_secret, success=success)
    except AssertionError as declined:  # the charge after authentication was declined
        assert "402" in str(declined)
    payment.refresh_from_db()
    return payment.stripe_payment_intent_id


def signed(body: bytes, secret: str, timestamp: int) -> str:
    """A Stripe-Signature header as Stripe computes it."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def test_a_signed_success_event_pays_the_order(client, card_order, stripe_keys, paid_signals):
    intent_id = pay_in_the_browser(card_order, stripe_keys)
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT

    delivery = stripe_keys.inbox.wait_for(SUCCEEDED, intent_id)
    response = delivery.post(client)

    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PAID
    assert Payment.objects.get(order=card_order).status == Payment.Status.SUCCEEDED
    assert paid_signals == [card_order.number]
    assert StripeEvent.objects.filter(event_id=delivery.event["id"], type=SUCCEEDED).exists()


def test_a_failure_event_marks_the_payment_failed_and_the_order_still_awaits_payment(
    client, card_order, stripe_keys
):
    intent_id = pay_in_the_browser(card_order, stripe_keys, THREE_D_SECURE_DECLINED)

    response = stripe_keys.inbox.wait_for(FAILED, intent_id).post(client)

    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT  # the shopper can retry
    assert Payment.objects.get(order=card_order).status == Payment.Status.FAILED


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda body, sig, secret: (body, ""), id="no signature"),
        pytest.param(lambda body, sig, secret: (body, sig[:-4] + "0000"), id="altered signature"),
        pytest.param(
            lambda body, sig, secret: (body.replace(b"117500", b"100"), sig), id="altered body"
        ),
        pytest.param(
            lambda body, sig, secret: (body, signed(body, "whsec_other", int(time.time()))),
            id="another secret",
        ),
        pytest.param(
            lambda body, sig, secret: (body, signed(body, secret, int(time.time()) - 301)),
            id="older than 300 s",
        ),
        pytest.param(
            lambda body, sig, secret: (b"not json", signed(b"not json", secret, int(time.time()))),
            id="not json",
        ),
    ],
)
def test_a_delivery_whose_signature_does_not_verify_is_refused_and_changes_nothing(
    client, card_order, stripe_keys, tamper, paid_signals
):
    intent_id = pay_in_the_browser(card_order, stripe_keys)
    delivery = stripe_keys.inbox.wait_for(SUCCEEDED, intent_id)
    body, signature = tamper(delivery.body, delivery.signature, stripe_keys.webhook_secret)

    response = client.post(
        "/payments/stripe/webhook/",
        body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )

    assert response.status_code == 400
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT and paid_signals == []
    assert not StripeEvent.objects.exists()


def test_a_replayed_event_acts_once(client, card_order, stripe_keys, paid_signals):
    intent_id = pay_in_the_browser(card_order, stripe_keys)
    delivery = stripe_keys.inbox.wait_for(SUCCEEDED, intent_id)

    first, second = delivery.post(client), delivery.post(client)

    assert (first.status_code, first.content) == (200, b"handled")
    assert (second.status_code, second.content) == (200, b"duplicate")
    assert paid_signals == [card_order.number]
    assert StripeEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "logged"),
    [({"amount": "100"}, "100 mad"), ({"currency": "eur"}, "117500 eur")],
    ids=["amount", "currency"],
)
def test_a_payment_that_does_not_match_the_order_does_not_pay_it_and_is_logged(
    client, card_order, stripe_keys, caplog, paid_signals, change, logged
):
    """Someone changed the PaymentIntent at Stripe (an amount or currency other than
    the order's): whoever reports it, the order is not paid and it is logged."""
    payment = card_order.payments.get()
    payment_intent(payment=payment)
    payment.refresh_from_db()
    stripe_keys.request("POST", f"/v1/payment_intents/{payment.stripe_payment_intent_id}", change)

    with caplog.at_level(logging.ERROR, logger="marketplace.payments"):
        outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token())
        delivery = stripe_keys.inbox.wait_for(SUCCEEDED, payment.stripe_payment_intent_id)
        response = delivery.post(client)

    assert outcome.status == "failed" and "does not match" in outcome.message
    assert response.status_code == 200  # received: Stripe must not send it again
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT and paid_signals == []
    mismatches = [r for r in caplog.records if "does not match order" in r.getMessage()]
    assert len(mismatches) == 2 and logged in mismatches[0].getMessage()
    assert card_order.number in mismatches[0].getMessage()


def test_an_event_about_another_system_s_payment_is_acknowledged_and_ignored(client, stripe_keys):
    intent = stripe_keys.request(
        "POST",
        "/v1/payment_intents",
        {"amount": "5000", "currency": "mad", "payment_method": "pm_card_visa", "confirm": "true"},
    )
    response = stripe_keys.inbox.wait_for(SUCCEEDED, intent["id"]).post(client)
    assert response.status_code == 200 and not Payment.objects.exists()


def test_a_payment_after_the_order_expired_is_refunded_in_full(
    client, card_order, stripe_keys, django_capture_on_commit_callbacks
):
    payment = card_order.payments.get()
    outcome = payment_confirm_card(payment=payment, token=stripe_keys.card_token(THREE_D_SECURE))
    order_release_expired(now=card_order.expires_at)  # stock goes back, order cancelled
    stripe_keys.authenticate(outcome.client_secret)  # the shopper was still at the bank

    delivery = stripe_keys.inbox.wait_for(SUCCEEDED, outcome.client_secret.split("_secret_")[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.post(client).status_code == 200

    card_order.refresh_from_db()
    payment.refresh_from_db()
    refund = Refund.objects.get(payment=payment)
    assert (refund.status, refund.amount) == (Refund.Status.SUCCEEDED, payment.amount)
    assert payment.status == Payment.Status.REFUNDED
    assert card_order.status == Order.Status.REFUNDED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_of_one_event_act_once(card_order, stripe_keys, paid_signals):
    intent_id = pay_in_the_browser(card_order, stripe_keys)
    delivery = stripe_keys.inbox.wait_for(SUCCEEDED, intent_id)
    start = threading.Barrier(2, timeout=10)
    answers: list[bytes] = []

    def deliver():
        try:
            start.wait()
            answers.append(delivery.post(Client()).content)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answers) == [b"duplicate", b"handled"]
    assert paid_signals == [card_order.number]
    assert StripeEvent.objects.count() == 1
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PAID


@pytest.mark.django_db(transaction=True)
def test_localstripe_s_own_delivery_to_the_running_site_pays_the_order(
    card_order, stripe_webhooks_to_live_server
):
    """End to end: localstripe posts the signed event to the live server itself."""
    intent_id = pay_in_the_browser(card_order, stripe_webhooks_to_live_server)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        card_order.refresh_from_db()
        if card_order.status == Order.Status.PAID:
            break
        time.sleep(0.2)
    assert card_order.status == Order.Status.PAID
    event = stripe_webhooks_to_live_server.inbox.wait_for(SUCCEEDED, intent_id).event
    assert StripeEvent.objects.filter(event_id=event["id"]).exists()
