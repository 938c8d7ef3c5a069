"""STAND-IN for engineer P's payments.services, REMOVE AT MERGE.

Just enough of the interface for checkout's tests: the card flow against localstripe
(a token's card confirms a new PaymentIntent; 3-D Secure cards answer
requires_action), no webhooks, no refunds.
"""

from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import transaction

from marketplace.orders.services import order_mark_paid

from .models import Payment


@dataclass
class PaymentOutcome:
    status: str  # "succeeded" | "requires_action" | "failed"
    client_secret: str = ""
    message: str = ""


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    )


def payment_start(*, order) -> Payment:
    return Payment.objects.create(
        order=order, method=order.payment_method, amount=order.total, currency=order.currency
    )


def _outcome(payment: Payment, intent) -> PaymentOutcome:
    if intent.status == "succeeded":
        with transaction.atomic():
            payment.status = "succeeded"
            payment.save(update_fields=["status", "updated"])
            order_mark_paid(order=payment.order)
        return PaymentOutcome("succeeded")
    if intent.status == "requires_action":
        payment.status = "requires_action"
        payment.save(update_fields=["status", "updated"])
        return PaymentOutcome("requires_action", client_secret=intent.client_secret)
    payment.status = "failed"
    payment.save(update_fields=["status", "updated"])
    error = intent.last_payment_error
    return PaymentOutcome("failed", message=(error and error.message) or "The payment failed.")


def payment_confirm_card(*, payment: Payment, token: str) -> PaymentOutcome:
    client = _client()
    card = client.v1.tokens.retrieve(token).card
    intent = client.v1.payment_intents.create(
        params={
            "amount": int(payment.amount * Decimal(100)),
            "currency": payment.currency.lower(),
            "payment_method": card.id,
            "confirm": True,
            "metadata": {"order": payment.order.number},
        }
    )
    payment.stripe_payment_intent_id = intent.id
    payment.save(update_fields=["stripe_payment_intent_id", "updated"])
    return _outcome(payment, intent)


def payment_refresh(*, payment: Payment) -> PaymentOutcome:
    if not payment.stripe_payment_intent_id:  # as payments does: the stored state
        if payment.status in ("succeeded", "requires_action"):
            return PaymentOutcome(payment.status)
        return PaymentOutcome("failed", message="This order is not paid yet.")
    intent = _client().v1.payment_intents.retrieve(payment.stripe_payment_intent_id)
    return _outcome(payment, intent)
