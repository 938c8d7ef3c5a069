"""Payments: how an order is paid, what Stripe told us, and what was given back.

A Payment is the money side of one order (by card through a Stripe PaymentIntent,
or cash on delivery); no card data is ever stored, only the PaymentIntent's id.
Every state change goes through `Payment.set_status()`, which refuses moves its
pipeline does not allow; `payments.services` calls it inside a transaction, with
the order and then the payment locked.

StripeEvent remembers each webhook event acted on: its id is unique, and it is
written in the same transaction as the event's effects, so a replayed or twice
delivered event acts once. A Refund is recorded before Stripe is asked (pending),
so that a refund is never asked for twice and never lost (see services).
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace.orders.models import InvalidTransition, Order


class Payment(models.Model):
    """The money side of an order: its method, amount, state and Stripe reference."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("payment status", "Pending")
        REQUIRES_ACTION = (
            "requires_action",
            pgettext_lazy("payment status", "Awaiting the bank's confirmation"),
        )
        SUCCEEDED = "succeeded", pgettext_lazy("payment status", "Paid")
        FAILED = "failed", pgettext_lazy("payment status", "Failed")
        REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")
        PARTIALLY_REFUNDED = (
            "partially_refunded",
            pgettext_lazy("payment status", "Partly refunded"),
        )

    S = Status
    PIPELINE = {
        # A failed attempt may be retried with another card, as long as the order
        # awaits payment.
        S.PENDING: {S.REQUIRES_ACTION, S.SUCCEEDED, S.FAILED},
        S.REQUIRES_ACTION: {S.SUCCEEDED, S.FAILED},
        S.FAILED: {S.REQUIRES_ACTION, S.SUCCEEDED},
        S.SUCCEEDED: {S.PARTIALLY_REFUNDED, S.REFUNDED},
        S.PARTIALLY_REFUNDED: {S.REFUNDED},
        S.REFUNDED: set(),
    }
    # Money was taken (and may be given back).
    CAPTURED = {S.SUCCEEDED, S.PARTIALLY_REFUNDED}

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="payments", verbose_name=_("order")
    )
    method = models.CharField(_("payment method"), max_length=10, choices=Order.Method)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    stripe_payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, blank=True, editable=False
    )
    amount_refunded = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created", "-id"]
        permissions = [("refund_payment", _("Can refund payments"))]
        constraints = [
            models.UniqueConstraint(fields=["order", "method"], name="payments_one_per_method"),
            models.UniqueConstraint(
                fields=["stripe_payment_intent_id"],
                condition=~Q(stripe_payment_intent_id=""),
                name="payments_unique_payment_intent",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0) & Q(amount_refunded__lte=F("amount")),
                name="payments_refunded_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} ({self.get_method_display()})"

    @property
    def is_card(self) -> bool:
        return self.method == Order.Method.CARD

    @property
    def refundable(self) -> Decimal:
        """What was taken and not given back yet (refunds still pending at Stripe are
        not deducted: services count them)."""
        return self.amount - self.amount_refunded

    def set_status(self, new_status: str, **fields) -> None:
        """Move to `new_status` if the pipeline allows it, saving `fields` with it
        (such as `amount_refunded`); InvalidTransition otherwise. Staying in the same
        state is allowed (a second partial refund). Call inside the transaction that
        does the rest of the change, with the row locked."""
        if new_status != self.status and new_status not in self.PIPELINE[self.status]:
            raise InvalidTransition(self, new_status)
        self.status = new_status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", "updated", *fields])

    set_status.alters_data = True


class StripeEvent(models.Model):
    """A Stripe webhook event already acted on (its id, unique)."""

    event_id = models.CharField(_("event"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    created = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    """Money given back on a card payment, in full or in part.

    Written `pending` in the transaction that decides it, sent to Stripe after that
    transaction commits (with this row's id as the idempotency key), then marked
    `succeeded` (or `failed`) with Stripe's refund id."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("refund status", "Pending")
        SUCCEEDED = "succeeded", pgettext_lazy("refund status", "Refunded")
        FAILED = "failed", pgettext_lazy("refund status", "Failed")

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("payment")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    stripe_refund_id = models.CharField(
        _("Stripe refund"), max_length=255, blank=True, editable=False
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_refund_positive"),
            models.UniqueConstraint(
                fields=["stripe_refund_id"],
                condition=~Q(stripe_refund_id=""),
                name="payments_unique_stripe_refund",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.get_status_display()})"
