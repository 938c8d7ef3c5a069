"""Paying for orders: by card through Stripe, or cash on delivery; refunds; webhooks.

Every function is keyword-only. Changes run inside a transaction with the order
and then its payment locked (`_lock()`), the same order `orders.services` takes
(the order first), so that a confirmation, a webhook and a cancellation of one
order never deadlock. Calls to Stripe go through `stripe_api` and are made
outside those locks, except where noted.

Card flow: checkout calls `payment_start()` in the transaction that places the
order (a Payment row, no network); the card page gets a client secret from
`payment_intent()` (creates the PaymentIntent once: its idempotency key comes from
the order number); the page tokenises the card with Stripe.js and posts the token,
and `payment_confirm_card()` confirms the PaymentIntent with it. When the bank
asks for 3-D Secure the page completes it with the client secret, and the return
page calls `payment_refresh()`. The webhook (`stripe_webhook_receive()`) brings the
same news independently; whichever arrives first marks the order paid, the other
changes nothing (`order_mark_paid` is idempotent, and every Payment move checks
its pipeline).

Refunds (`payment_refund()`, and the `order_cancelled` receiver) are recorded as a
pending Refund in the transaction that decides them and sent to Stripe only after
it commits (`transaction.on_commit`): a cancellation that rolls back refunds
nothing, and a refund whose Stripe call fails (or whose process dies) stays
pending and visible, to be sent again (`manage.py send_pending_refunds`, an admin action)
with the same idempotency key, so that it is never paid twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.orders import signals as order_signals
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    OrderActionRefused,
    order_mark_paid,
    shop_order_collect_cash,
)

from . import stripe_api
from .models import Payment, Refund, StripeEvent

logger = logging.getLogger(__name__)

MONEY = Decimal("0.01")
# What Stripe.js's createToken returns: "tok_" and letters, digits or underscores.
TOKEN = re.compile(r"tok_[A-Za-z0-9_]{1,250}")


class PaymentRefused(Exception):
    """What was asked cannot be done in the payment's or order's state; `message`
    says why, in the user's language. Nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PaymentUnavailable(PaymentRefused):
    """Stripe could not be reached or refused to start the payment: try again later."""


class WebhookRefused(Exception):
    """A webhook delivery whose signature does not verify: answered 400, ignored."""


@dataclass(frozen=True)
class PaymentOutcome:
    """Where a card payment stands, for the card page and the return page.

    `status`: "succeeded" (the order is paid), "requires_action" (the page must run
    `stripe.confirmCardPayment(client_secret)` for 3-D Secure) or "failed" (the
    shopper may try again while the order awaits payment); `message` is translated.
    """

    status: str
    client_secret: str = ""
    message: str = ""

    SUCCEEDED = "succeeded"
    REQUIRES_ACTION = "requires_action"
    FAILED = "failed"


def card_payments_enabled() -> bool:
    """Card payment is offered only when Stripe's keys are configured."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


# --- Helpers ------------------------------------------------------------------------


def _lock(payment: Payment) -> tuple[Order, Payment]:
    """The payment's order, then the payment, locked FOR UPDATE (in that order, as
    orders.services locks the order first). Call inside a transaction."""
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    return order, payment


def _move(payment: Payment, status: str, **fields) -> bool:
    """Move the (locked) payment if its pipeline allows it; False otherwise (an
    event that arrives late, such as a failure after a success, changes nothing)."""
    if status != payment.status and status not in Payment.PIPELINE[payment.status]:
        return False
    payment.set_status(status, **fields)
    return True


def _require_card(payment: Payment) -> None:
    if not payment.is_card:
        raise PaymentRefused(_("This order is paid cash on delivery."))
    if not card_payments_enabled():
        raise PaymentRefused(_("Card payment is not available. Choose cash on delivery."))


def _unavailable() -> str:
    return _("Card payment is not available at the moment. Try again in a few minutes.")


def _decline_message(code: str) -> str:
    messages = {
        "insufficient_funds": _("Your card has insufficient funds. Try another card."),
        "expired_card": _("Your card has expired. Try another card."),
        "incorrect_cvc": _("The card's security code is incorrect."),
        "payment_intent_authentication_failure": _(
            "Your bank did not confirm the payment. Try again or use another card."
        ),
    }
    return messages.get(code, _("Your card was declined. Try another card."))


def _idempotency_key(order: Order) -> str:
    """From the order number, plus a digest of the order's own checkout token, so
    that a development database started afresh (whose numbers start again at 1)
    never collides with a PaymentIntent made for an earlier SK-2026-000001."""
    digest = hashlib.blake2b(order.idempotency_key.encode(), digest_size=8).hexdigest()
    return f"souk-payment-intent-{order.number}-{digest}"


def _outcome(payment: Payment, client_secret: str = "", message: str = "") -> PaymentOutcome:
    """The outcome the stored state implies."""
    if payment.status in Payment.CAPTURED or payment.status == Payment.Status.REFUNDED:
        return PaymentOutcome(
            PaymentOutcome.SUCCEEDED, client_secret, message or _("Your payment was received.")
        )
    if payment.status == Payment.Status.REQUIRES_ACTION:
        return PaymentOutcome(
            PaymentOutcome.REQUIRES_ACTION,
            client_secret,
            message or _("Your bank asks you to confirm this payment."),
        )
    return PaymentOutcome(
        PaymentOutcome.FAILED, client_secret, message or _("This order is not paid yet.")
    )


# --- Starting and confirming a card payment -------------------------------------------


def payment_start(*, order: Order) -> Payment:
    """The order's Payment (pending), by its payment method. Checkout calls it in
    the transaction that places the order; no network. The same order gives the
    same Payment (a resubmitted checkout returns the order already placed).
    PaymentRefused for a card order while card payment is not configured."""
    if existing := Payment.objects.filter(order=order, method=order.payment_method).first():
        return existing
    if order.payment_method == Order.Method.CARD and not card_payments_enabled():
        raise PaymentRefused(_("Card payment is not available. Choose cash on delivery."))
    return Payment.objects.create(
        order=order, method=order.payment_method, amount=order.total, currency=order.currency
    )


def payment_intent(*, payment: Payment) -> str:
    """The client secret of the order's PaymentIntent, created on first use for the
    order total in minor units with the order number in its metadata. Concurrent
    first calls make one PaymentIntent (same idempotency key). PaymentRefused when
    the order no longer awaits payment, PaymentUnavailable when Stripe cannot be
    reached."""
    _require_card(payment)
    payment = Payment.objects.select_related("order").get(pk=payment.pk)
    order = payment.order
    try:
        if payment.stripe_payment_intent_id:
            return stripe_api.payment_intent_retrieve(
                intent_id=payment.stripe_payment_intent_id
            ).client_secret
        if order.status != Order.Status.PENDING_PAYMENT:
            raise PaymentRefused(_("This order is no longer awaiting payment."))
        intent = stripe_api.payment_intent_create(
            amount=stripe_api.minor_units(payment.amount, payment.currency),
            currency=payment.currency,
            metadata={"order_number": order.number, "payment": str(payment.pk)},
            idempotency_key=_idempotency_key(order),
        )
    except stripe_api.StripeFailure as failure:
        logger.error("Stripe PaymentIntent for order %s failed: %s", order.number, failure)
        raise PaymentUnavailable(_unavailable()) from failure
    Payment.objects.filter(pk=payment.pk, stripe_payment_intent_id="").update(
        stripe_payment_intent_id=intent.id
    )
    return intent.client_secret


def payment_confirm_card(*, payment: Payment, token: str) -> PaymentOutcome:
    """Confirm the order's PaymentIntent with a card token from Stripe.js.

    "succeeded": the order is paid (`order_mark_paid`, which sends `order_paid`);
    "requires_action": 3-D Secure, to complete on the page with the client secret;
    "failed": declined (the message says why; another card may be tried).
    PaymentRefused (nothing done) for a malformed token, a cash-on-delivery or
    cancelled order; PaymentUnavailable when Stripe cannot be reached to start it.
    """
    _require_card(payment)
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        raise PaymentRefused(_("Your card details could not be read. Enter them again."))
    payment = Payment.objects.select_related("order").get(pk=payment.pk)
    if payment.status in Payment.CAPTURED or payment.order.status == Order.Status.PAID:
        return _outcome(payment)
    if payment.order.status != Order.Status.PENDING_PAYMENT:
        raise PaymentRefused(_("This order is no longer awaiting payment."))
    client_secret = payment_intent(payment=payment)
    payment.refresh_from_db(fields=["stripe_payment_intent_id"])
    try:
        intent = stripe_api.payment_intent_confirm(
            intent_id=payment.stripe_payment_intent_id, token=token
        )
    except stripe_api.CardDeclined as declined:
        with transaction.atomic():
            _order, locked = _lock(payment)
            _move(locked, Payment.Status.FAILED)
        return PaymentOutcome(PaymentOutcome.FAILED, client_secret, _decline_message(declined.code))
    except stripe_api.StripeFailure as failure:
        # Confirming twice (a double click) is refused by Stripe once the first went
        # through: what the PaymentIntent says now is the answer.
        logger.warning("Stripe confirmation of %s failed: %s", payment.order.number, failure)
        return payment_refresh(payment=payment)
    return _apply_intent(payment, intent, client_secret)


def payment_refresh(*, payment: Payment) -> PaymentOutcome:
    """Where the card payment stands at Stripe (for the return page after 3-D
    Secure), recorded as for a confirmation: a success marks the order paid."""
    _require_card(payment)
    payment = Payment.objects.select_related("order").get(pk=payment.pk)
    if not payment.stripe_payment_intent_id:
        return _outcome(payment)
    try:
        intent = stripe_api.payment_intent_retrieve(intent_id=payment.stripe_payment_intent_id)
    except stripe_api.StripeFailure as failure:
        logger.warning("Stripe lookup of %s failed: %s", payment.order.number, failure)
        return _outcome(payment, message=_unavailable())
    return _apply_intent(payment, intent, intent.client_secret)


def _apply_intent(
    payment: Payment, intent: stripe_api.Intent, client_secret: str = ""
) -> PaymentOutcome:
    """Record what the PaymentIntent says, refusing one that does not match the
    order's amount, currency or number (logged; the order is not paid)."""
    with transaction.atomic():
        order, payment = _lock(payment)
        expected = stripe_api.minor_units(order.total, order.currency)
        number = intent.metadata.get("order_number", order.number)
        if (
            intent.amount != expected
            or intent.currency != order.currency.lower()
            or number != order.number
        ):
            logger.error(
                "Stripe PaymentIntent %s (%s %s, order %s) does not match order %s "
                "(%s %s): not marked paid",
                intent.id,
                intent.amount,
                intent.currency,
                number,
                order.number,
                expected,
                order.currency.lower(),
            )
            return PaymentOutcome(
                PaymentOutcome.FAILED,
                client_secret,
                _("This payment does not match your order. Please contact us."),
            )
        if intent.status == "succeeded":
            _payment_succeeded(order, payment, intent)
        elif intent.status == "requires_action":
            _move(payment, Payment.Status.REQUIRES_ACTION)
        elif (
            intent.status == "requires_payment_method"
            and intent.error_code
            and _move(payment, Payment.Status.FAILED)
        ):
            return PaymentOutcome(
                PaymentOutcome.FAILED, client_secret, _decline_message(intent.error_code)
            )
        return _outcome(payment, client_secret)


def _payment_succeeded(order: Order, payment: Payment, intent: stripe_api.Intent) -> None:
    """The money was taken: the payment succeeded and the order is paid. An order
    that no longer awaits payment (it expired or was cancelled meanwhile) is not
    revived: the payment is given back in full."""
    if not _move(payment, Payment.Status.SUCCEEDED):
        return  # already recorded (the webhook and the page both report it)
    try:
        order_mark_paid(order=order)
    except OrderActionRefused:
        logger.warning(
            "Order %s was paid (%s) after it stopped awaiting payment (%s): refunding",
            order.number,
            intent.id,
            order.status,
        )
        _refund_record(payment, None, "Paid after the order was cancelled.")


# --- Webhook -----------------------------------------------------------------------


def stripe_webhook_receive(*, payload: bytes, signature: str) -> str:
    """Act on one webhook delivery, once: "handled", "duplicate" or "ignored".

    The signature is verified first (WebhookRefused otherwise: nothing is read or
    written). The event id is stored under its unique constraint in the same
    transaction as the event's effects, so a replay, or a second delivery racing
    the first, finds it and does nothing (on PostgreSQL the second INSERT waits for
    the first transaction and then fails; on SQLite writers take turns).
    """
    try:
        event = stripe_api.webhook_event(payload=payload, signature=signature)
    except stripe_api.InvalidWebhook as refused:
        logger.warning("Refused a Stripe webhook: %s", refused)
        raise WebhookRefused(str(refused)) from refused
    handlers = {
        "payment_intent.succeeded": _on_payment_intent,
        "payment_intent.payment_failed": _on_payment_intent,
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event.id, type=event.type[:100])
        except IntegrityError:
            return "duplicate"
        handler = handlers.get(event.type)
        if handler is None:
            return "ignored"
        handler(event)
    return "handled"


def _on_payment_intent(event: stripe_api.Event) -> None:
    try:
        intent = stripe_api.Intent.from_stripe(event.object)
    except (KeyError, TypeError, ValueError):
        logger.error("Stripe event %s has no readable PaymentIntent", event.id)
        return
    # Only a PaymentIntent we made and stored: payment_intent() stores its id before
    # the page gets the client secret, so nothing can be paid on one we do not know.
    payment = Payment.objects.filter(stripe_payment_intent_id=intent.id).first()
    if payment is None:
        logger.info("Stripe event %s is about an unknown PaymentIntent %s", event.id, intent.id)
        return
    _apply_intent(payment, intent)


# --- Cash on delivery --------------------------------------------------------------


@transaction.atomic
def payment_cash_collected(*, shop_order: ShopOrder) -> Payment | None:
    """The courier brought a delivered shop order's cash (`shop_order_collect_cash`);
    once every shop order still standing is collected, the cash-on-delivery payment
    has succeeded. OrderActionRefused as `shop_order_collect_cash`."""
    shop_order = shop_order_collect_cash(shop_order=shop_order)
    payment = (
        Payment.objects.select_for_update()
        .filter(order_id=shop_order.order_id, method=Order.Method.CASH_ON_DELIVERY)
        .first()
    )
    standing = ShopOrder.objects.filter(order_id=shop_order.order_id).exclude(
        status=ShopOrder.Status.CANCELLED
    )
    if payment is not None and not standing.filter(cash_collected=False).exists():
        _move(payment, Payment.Status.SUCCEEDED)
    return payment


# --- Refunds -----------------------------------------------------------------------


def _pending_total(payment: Payment) -> Decimal:
    pending = payment.refunds.filter(status=Refund.Status.PENDING).aggregate(total=Sum("amount"))
    return pending["total"] or Decimal("0.00")


def _refund_record(payment: Payment, amount: Decimal | None, reason: str) -> Refund:
    """A pending Refund of the (locked) payment, sent to Stripe once the current
    transaction commits. `amount` None: all that is left."""
    if not payment.is_card or payment.status not in Payment.CAPTURED:
        raise PaymentRefused(_("Only a card payment that went through can be refunded."))
    left = payment.refundable - _pending_total(payment)
    amount = left if amount is None else Decimal(amount).quantize(MONEY)
    if amount <= 0 or amount > left:
        raise PaymentRefused(
            _("The amount to refund must be more than zero and at most %(amount)s.")
            % {"amount": left}
        )
    refund = Refund.objects.create(payment=payment, amount=amount, reason=reason[:300])
    transaction.on_commit(partial(refund_send, refund_id=refund.pk), robust=True)
    return refund


def payment_refund(*, payment: Payment, amount: Decimal | None, reason: str) -> Refund:
    """Give back `amount` (None: all that is left) of a card payment through a
    Stripe Refund. Recorded pending, sent when the transaction commits; called
    outside a transaction the Refund returned is already settled (`succeeded`, or
    still `pending` if Stripe could not be reached: sent again later). A payment
    refunded in full moves its order to refunded. PaymentRefused for a payment that
    took no money or an amount above what is left."""
    with transaction.atomic():
        _order, payment = _lock(payment)
        refund = _refund_record(payment, amount, reason)
    refund.refresh_from_db()
    return refund


def refund_send(*, refund_id: int) -> Refund:
    """Ask Stripe for a pending refund (idempotency key: the refund's id, so that
    sending it again never refunds twice) and record the answer."""
    refund = Refund.objects.select_related("payment__order").get(pk=refund_id)
    if refund.status != Refund.Status.PENDING:
        return refund
    payment = refund.payment
    try:
        result = stripe_api.refund_create(
            intent_id=payment.stripe_payment_intent_id,
            amount=stripe_api.minor_units(refund.amount, payment.currency),
            idempotency_key=f"souk-refund-{refund.pk}",
            metadata={"order_number": payment.order.number, "refund": str(refund.pk)},
        )
    except stripe_api.StripeFailure as failure:
        logger.error(
            "Stripe refund %s of order %s failed, left pending: %s",
            refund.pk,
            payment.order.number,
            failure,
        )
        return refund
    with transaction.atomic():
        order, payment = _lock(payment)
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status != Refund.Status.PENDING:
            return refund
        if result.status in ("failed", "canceled"):
            refund.status = Refund.Status.FAILED
            refund.stripe_refund_id = result.id
            refund.save(update_fields=["status", "stripe_refund_id"])
            logger.error("Stripe refused refund %s of order %s", refund.pk, order.number)
            return refund
        refund.status = Refund.Status.SUCCEEDED
        refund.stripe_refund_id = result.id
        refund.save(update_fields=["status", "stripe_refund_id"])
        refunded = payment.amount_refunded + refund.amount
        whole = refunded >= payment.amount
        _move(
            payment,
            Payment.Status.REFUNDED if whole else Payment.Status.PARTIALLY_REFUNDED,
            amount_refunded=refunded,
        )
        if whole and Order.Status.REFUNDED in Order.PIPELINE[order.status]:
            order.set_status(Order.Status.REFUNDED)
        # The buyer's refund e-mail (orders sends it after commit).
        order_signals.order_refunded.send(sender=Order, order=order, amount=refund.amount)
    return refund


def refunds_send_pending(*, older_than_seconds: int = 60) -> int:
    """Send again the refunds still pending (their Stripe call failed or never ran);
    how many are now settled."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    settled = 0
    pending = Refund.objects.filter(status=Refund.Status.PENDING, created__lte=cutoff)
    for refund_id in pending.order_by("pk").values_list("pk", flat=True):
        if refund_send(refund_id=refund_id).status != Refund.Status.PENDING:
            settled += 1
    return settled


def refund_cancelled_shop_orders(
    *, order: Order, shop_orders: list[ShopOrder], reason: str = ""
) -> Refund | None:
    """What was paid by card for these (just cancelled) shop orders goes back: their
    totals, shipping included, at most what is left. Runs in the cancelling
    transaction (the order is locked); Stripe is asked after it commits."""
    payment = (
        Payment.objects.select_for_update().filter(order_id=order.pk, method=Order.Method.CARD)
    ).first()
    if payment is None or payment.status not in Payment.CAPTURED:
        return None
    left = payment.refundable - _pending_total(payment)
    amount = min(sum((so.total for so in shop_orders), Decimal("0.00")), left)
    if amount <= 0:
        return None
    return _refund_record(payment, amount, f"Cancelled: {reason}" if reason else "Cancelled.")
