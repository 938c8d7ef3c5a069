"""The Stripe calls Souk makes: the only module that imports the Stripe SDK.

One function per call, keyword-only. Each returns a small frozen dataclass of plain
values (never an SDK object) and raises only this module's exceptions, so the rest
of the code neither imports `stripe` nor depends on its types:

- `StripeFailure`: Stripe could not do it (network, configuration, a refused
  request); `CardDeclined` when it is the card that was refused.
- `InvalidWebhook`: a webhook whose signature does not verify.

Amounts cross this boundary in minor units (`minor_units()`): the smallest unit of
the currency, as Stripe counts them (MAD and EUR have 2 decimals, JPY none).

Configuration is read from settings on every call, so that a test (or a local
Stripe stand-in, `STRIPE_API_BASE`) can point it elsewhere: the secret key goes
with each request, and `stripe.api_base` is set from `STRIPE_API_BASE` (Stripe's own
API when empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings

DEFAULT_API_BASE = "https://api.stripe.com"
# Seconds to connect and to wait for an answer (the SDK's default is 80 for both):
# a shopper or a worker waits at most this long, and the SDK retries twice on
# network errors, with the same idempotency key.
TIMEOUT = (5, 30)
# Stripe's default: a signature older than this (seconds) is refused, which bounds
# how long a captured delivery could be replayed.
WEBHOOK_TOLERANCE = stripe.Webhook.DEFAULT_TOLERANCE

# https://docs.stripe.com/currencies#zero-decimal and #three-decimal
ZERO_DECIMAL = frozenset(
    {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga"}
    | {"pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"}
)
THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})


class StripeFailure(Exception):
    """Stripe did not do what was asked. `code` is Stripe's error code, if any."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class CardDeclined(StripeFailure):
    """The card was refused (`code`: Stripe's decline code, e.g. insufficient_funds)."""


class InvalidWebhook(Exception):
    """A webhook payload whose signature does not verify (or that is not JSON)."""


@dataclass(frozen=True)
class Intent:
    """What Souk needs of a PaymentIntent."""

    id: str
    status: str
    amount: int
    currency: str
    client_secret: str
    metadata: dict = field(default_factory=dict)
    error_code: str = ""

    @classmethod
    def from_stripe(cls, obj: dict) -> Intent:
        """From a PaymentIntent as a dict (an API answer's, or a webhook event's)."""
        error = obj.get("last_payment_error") or {}
        return cls(
            id=obj["id"],
            status=obj["status"],
            amount=int(obj["amount"]),
            currency=str(obj["currency"]).lower(),
            client_secret=obj.get("client_secret") or "",
            metadata=dict(obj.get("metadata") or {}),
            error_code=error.get("decline_code") or error.get("code") or "",
        )


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: int


@dataclass(frozen=True)
class Event:
    """A verified webhook event: its id, type and the object it is about (a dict)."""

    id: str
    type: str
    object: dict


def _exponent(currency: str) -> int:
    currency = currency.lower()
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def minor_units(amount: Decimal, currency: str) -> int:
    """`amount` (a Decimal in `currency`) as Stripe's integer of minor units."""
    scaled = (amount * (10 ** _exponent(currency))).quantize(Decimal("1"), ROUND_HALF_UP)
    return int(scaled)


def _options() -> dict:
    """Per-request options; points the SDK at STRIPE_API_BASE (or Stripe itself)."""
    if stripe.default_http_client is None:
        stripe.default_http_client = stripe.new_default_http_client(timeout=TIMEOUT)
    stripe.api_base = settings.STRIPE_API_BASE or DEFAULT_API_BASE
    stripe.enable_telemetry = False
    return {"api_key": settings.STRIPE_SECRET_KEY}


def _failure(error: stripe.StripeError) -> StripeFailure:
    if isinstance(error, stripe.CardError):
        body = getattr(error, "error", None)
        code = getattr(body, "decline_code", None) or error.code or "card_declined"
        return CardDeclined(error.user_message or str(error), code=code)
    return StripeFailure(error.user_message or str(error) or type(error).__name__, error.code or "")


def payment_intent_create(
    *, amount: int, currency: str, metadata: dict[str, str], idempotency_key: str
) -> Intent:
    """A card PaymentIntent for `amount` minor units. The same `idempotency_key`
    returns the PaymentIntent already created (a retry never makes a second one)."""
    try:
        intent = stripe.PaymentIntent.create(
            amount=amount,
            currency=currency.lower(),
            metadata=metadata,
            payment_method_types=["card"],
            idempotency_key=idempotency_key,
            **_options(),
        )
    except stripe.StripeError as error:
        raise _failure(error) from error
    return Intent.from_stripe(intent.to_dict())


def payment_intent_confirm(*, intent_id: str, token: str) -> Intent:
    """Confirm the PaymentIntent with a card token from Stripe.js (`tok_...`): Stripe
    makes a PaymentMethod of it. The answer may be `requires_action` (3-D Secure,
    which the page completes with the client secret). CardDeclined if refused."""
    try:
        intent = stripe.PaymentIntent.confirm(
            intent_id,
            payment_method_data={"type": "card", "card": {"token": token}},
            **_options(),
        )
    except stripe.StripeError as error:
        raise _failure(error) from error
    return Intent.from_stripe(intent.to_dict())


def payment_intent_retrieve(*, intent_id: str) -> Intent:
    try:
        intent = stripe.PaymentIntent.retrieve(intent_id, **_options())
    except stripe.StripeError as error:
        raise _failure(error) from error
    return Intent.from_stripe(intent.to_dict())


def refund_create(
    *, intent_id: str, amount: int, idempotency_key: str, metadata: dict[str, str]
) -> RefundResult:
    """Give back `amount` minor units of the PaymentIntent's charge. The same
    `idempotency_key` never refunds twice."""
    try:
        refund = stripe.Refund.create(
            payment_intent=intent_id,
            amount=amount,
            metadata=metadata,
            idempotency_key=idempotency_key,
            **_options(),
        )
    except stripe.StripeError as error:
        raise _failure(error) from error
    return RefundResult(id=refund.id, status=refund.status, amount=int(refund.amount))


def webhook_event(*, payload: bytes, signature: str) -> Event:
    """The event of a webhook delivery, once its `Stripe-Signature` verifies with
    STRIPE_WEBHOOK_SECRET and is at most WEBHOOK_TOLERANCE seconds old."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise InvalidWebhook("no webhook secret configured or no signature")
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, secret, tolerance=WEBHOOK_TOLERANCE
        )
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError) as error:
        raise InvalidWebhook(str(error)) from error
    try:
        obj = event["data"]["object"].to_dict()
        return Event(id=str(event["id"]), type=str(event["type"]), object=obj)
    except (KeyError, TypeError, AttributeError) as error:
        raise InvalidWebhook("not an event") from error
