"""The two payment endpoints: the Stripe webhook and the card page's confirmation.

Thin: they parse the request, call `services`, and answer. The webhook is the only
CSRF-exempt view of the site (Stripe cannot send our token; its signature is the
proof instead); the confirmation is a same-origin POST with the CSRF token.
"""

import json

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.core.http import safe_next
from marketplace.orders.models import Order

from .access import may_pay
from .models import Payment
from .services import (
    PaymentOutcome,
    PaymentRefused,
    PaymentUnavailable,
    WebhookRefused,
    card_payments_enabled,
    payment_confirm_card,
    stripe_webhook_receive,
)

# Confirmation attempts per order per hour: enough for a few typos and cards, too
# few to test stolen card numbers against one order.
CONFIRM_ATTEMPTS_PER_HOUR = 10


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's webhook: 400 for a signature that does not verify (nothing read or
    changed), 200 once acted on (or already seen, or of no interest to us)."""
    try:
        outcome = stripe_webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except WebhookRefused:
        return HttpResponse("invalid signature", status=400, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")


def _answer(outcome: PaymentOutcome, redirect: str = "", status: int = 200) -> JsonResponse:
    return JsonResponse(
        {
            "status": outcome.status,
            "client_secret": outcome.client_secret,
            "message": outcome.message,
            "redirect": redirect,
        },
        status=status,
    )


def _refusal(message: str, status: int) -> JsonResponse:
    return _answer(PaymentOutcome(PaymentOutcome.FAILED, message=message), status=status)


@never_cache
@require_POST
def confirm(request: HttpRequest, number: str) -> JsonResponse:
    """The card page posts the Stripe.js token here (form-encoded or JSON: `token`,
    and `next`, the page to go to once paid or authenticated). Answers
    `{"status", "client_secret", "message", "redirect"}`: 200 with "succeeded",
    "requires_action" or "failed" (declined: try again); 400 for a token that
    cannot be read or an order that no longer awaits payment; 429 after too many
    attempts; 503 while Stripe cannot be reached; 404 for an order that is not the
    visitor's to pay."""
    if not card_payments_enabled():
        raise Http404
    order = get_object_or_404(Order, number=number, payment_method=Order.Method.CARD)
    if not may_pay(request, order):
        raise Http404
    payment = get_object_or_404(Payment, order=order, method=Order.Method.CARD)

    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            return _refusal(_("Your card details could not be read. Enter them again."), 400)
    else:
        data = request.POST
    token, next_url = data.get("token", ""), data.get("next", "")

    attempts_key = f"payments:confirm:{order.pk}"
    cache.add(attempts_key, 0, timeout=60 * 60)
    try:
        attempts = cache.incr(attempts_key)
    except ValueError:  # expired between the two calls
        cache.set(attempts_key, attempts := 1, timeout=60 * 60)
    if attempts > CONFIRM_ATTEMPTS_PER_HOUR:
        return _refusal(_("Too many attempts. Try again later or choose another way to pay."), 429)

    try:
        outcome = payment_confirm_card(payment=payment, token=token)
    except PaymentUnavailable as unavailable:
        return _refusal(unavailable.message, 503)
    except PaymentRefused as refused:
        return _refusal(refused.message, 400)
    redirect = ""
    if outcome.status != PaymentOutcome.FAILED:
        redirect = safe_next(request, next_url if isinstance(next_url, str) else None) or ""
    return _answer(outcome, redirect)
