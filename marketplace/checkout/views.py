"""Checkout: address -> shipping -> payment method -> review, which places the order;
then the card page (card orders) and the thank-you page.

Every step is a server-rendered page whose forms work without JavaScript; only the
card page needs it (Stripe's Card Element), and without it that page says so and
offers cash on delivery where the order allows it. What the shopper chose lives in
the session (`session.CheckoutState`); every amount shown comes from
`orders.services.checkout_quote`, and `place_order` prices the order again from the
database, so the request can change none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_countries import countries

from marketplace.accounts import services as account_services
from marketplace.cart import services as cart_services
from marketplace.cart.storage import CartStorage, get_cart
from marketplace.catalog.templatetags.catalog_tags import money
from marketplace.core.http import HtmxHttpRequest
from marketplace.orders.models import Order
from marketplace.orders.services import (
    CheckoutError,
    OrderActionRefused,
    Quote,
    ShippingAddress,
    cash_on_delivery_allowed,
    checkout_quote,
    order_cancel,
    place_order,
)
from marketplace.payments import services as payment_services
from marketplace.payments.access import allow_payment

from .forms import (
    GuestDetailsForm,
    NewAddressForm,
    PaymentMethodForm,
    PlaceOrderForm,
    SavedAddressForm,
)
from .session import CheckoutState, placed_order_number, remember_order, session_order_numbers

CARD, COD = Order.Method.CARD, Order.Method.CASH_ON_DELIVERY
# The thank-you page asks for a pending card payment's state at most this many times.
MAX_POLLS = 20


@dataclass
class Checkout:
    """What every step works from, loaded once per request."""

    cart: CartStorage
    quote: Quote
    state: CheckoutState

    @property
    def address(self) -> ShippingAddress | None:
        return self.state.shipping_address()


def _verify_email_page(request: HtmxHttpRequest) -> HttpResponse:
    """A signed-in shopper whose address is not confirmed cannot buy yet (403)."""
    return render(request, "checkout/verify_email.html", status=403)


def _needs_verified_email(request: HtmxHttpRequest) -> bool:
    return request.user.is_authenticated and not request.user.has_verified_email()


def checkout_step(view=None, *, placing: bool = False):
    """A step of checkout: a confirmed e-mail for signed-in shoppers, and a cart that
    can be bought as it stands (else back to the cart, which shows what is wrong).
    `placing`: the POST that places the order, where `place_order` itself refuses a
    cart that changed, with its own messages (and a 409)."""

    def decorate(view):
        @wraps(view)
        def step(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
            if _needs_verified_email(request):
                return _verify_email_page(request)
            cart = get_cart(request)
            quote = checkout_quote(cart=cart)
            if quote.is_empty and not quote.problems:
                messages.info(request, _("Your cart is empty."))
                return redirect("cart:detail")
            if quote.problems and not placing:
                messages.warning(
                    request,
                    _("Some items in your cart cannot be bought as they are: see below."),
                )
                return redirect("cart:detail")
            state = CheckoutState.load(request.session)
            return view(request, Checkout(cart=cart, quote=quote, state=state), *args, **kwargs)

        return step

    return decorate(view) if view is not None else decorate


STEPS = [
    ("address", gettext_lazy("Address"), "checkout:start"),
    ("shipping", gettext_lazy("Shipping"), "checkout:shipping"),
    ("payment", gettext_lazy("Payment"), "checkout:payment"),
    ("review", gettext_lazy("Review"), "checkout:review"),
]


def _steps(current: str) -> list[dict]:
    """The steps for the progress list: those before `current` are links back."""
    index = [key for key, _label, _name in STEPS].index(current)
    return [
        {
            "label": label,
            "url": reverse(name),
            "state": "done" if i < index else "current" if i == index else "todo",
        }
        for i, (_key, label, name) in enumerate(STEPS)
    ]


def _context(checkout: Checkout, step: str, **extra) -> dict:
    return {
        "quote": checkout.quote,
        "steps": _steps(step),
        "address": checkout.address,
        "email": checkout.state.email,
        **extra,
    }


def _method_offer(checkout: Checkout) -> tuple[list[str], list[str]]:
    """The payment methods this order may use, and why any other is not offered."""
    methods, reasons = [], []
    if payment_services.card_payments_enabled():
        methods.append(CARD)
    address = checkout.address
    if cash_on_delivery_allowed(country=address.country, total=checkout.quote.total):
        methods.append(COD)
    elif address.country not in settings.COD_COUNTRIES:
        names = ", ".join(str(countries.name(code)) for code in settings.COD_COUNTRIES)
        reasons.append(
            _("Cash on delivery is only available for deliveries to %(countries)s.")
            % {"countries": names}
        )
    else:
        reasons.append(
            _("Cash on delivery is available for orders up to %(max)s.")
            % {"max": money(settings.COD_MAX_TOTAL)}
        )
    if not methods:
        reasons.append(_("Card payment is not available right now."))
    return methods, reasons


# --- Step 1: where it goes -----------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@checkout_step
def address(request: HtmxHttpRequest, checkout: Checkout) -> HttpResponse:
    """Signed-in shoppers pick a saved address or add one (saved to their account);
    guests give their e-mail address and where the parcel goes."""
    state = checkout.state
    saved_form = new_form = guest_form = None
    chosen = None
    if request.user.is_authenticated:
        has_saved = request.user.addresses.exists()
        posted = request.POST if request.method == "POST" else None
        which = request.POST.get("form") if posted else None
        saved_form = SavedAddressForm(
            posted if which == "saved" else None,
            user=request.user,
            initial={"address": request.user.addresses.filter(is_default=True).first()},
        )
        new_form = NewAddressForm(
            posted if which != "saved" else None,
            prefix="new",
            initial={"recipient_name": request.user.full_name, "phone": request.user.phone},
        )
        if posted is not None:
            if which == "saved" and saved_form.is_valid():
                chosen = saved_form.shipping_address()
            elif which != "saved" and new_form.is_valid():
                saved = account_services.address_save(
                    address=new_form.save(commit=False), user=request.user
                )
                messages.success(request, _("The address was saved to your account."))
                chosen = ShippingAddress.from_address(saved)
    else:
        has_saved = False
        initial = {"email": state.email, **(state.address or {})}
        guest_form = GuestDetailsForm(
            request.POST if request.method == "POST" else None, initial=initial
        )
        if request.method == "POST" and guest_form.is_valid():
            state.email = guest_form.cleaned_data["email"]
            chosen = guest_form.shipping_address()

    if chosen is not None:
        state.set_address(chosen)
        state.save(request.session)
        return redirect("checkout:shipping")
    refused = request.method == "POST"
    if refused:
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "checkout/address.html",
        _context(
            checkout,
            "address",
            saved_form=saved_form if has_saved else None,
            new_form=new_form,
            guest_form=guest_form,
            login_url=reverse("account_login")
            + "?"
            + urlencode({"next": reverse("checkout:start")}),
        ),
        status=400 if refused else 200,
    )


def _require_address(view):
    @wraps(view)
    def step(request: HtmxHttpRequest, checkout: Checkout, *args, **kwargs) -> HttpResponse:
        if checkout.address is None or not (request.user.is_authenticated or checkout.state.email):
            messages.info(request, _("Where should we send your order?"))
            return redirect("checkout:start")
        return view(request, checkout, *args, **kwargs)

    return step


# --- Step 2: shipping per shop ----------------------------------------------------------


@never_cache
@require_GET
@checkout_step
@_require_address
def shipping(request: HtmxHttpRequest, checkout: Checkout) -> HttpResponse:
    """Each shop ships its own parcel: its flat rate, free above its threshold."""
    shops = [
        {
            "quote": shop,
            "rate": settings.SHIPPING_DEFAULT_RATE
            if shop.vendor.shipping_rate is None
            else shop.vendor.shipping_rate,
            "free_above": settings.SHIPPING_DEFAULT_FREE_ABOVE
            if shop.vendor.free_shipping_above is None
            else shop.vendor.free_shipping_above,
        }
        for shop in checkout.quote.shops
    ]
    return render(request, "checkout/shipping.html", _context(checkout, "shipping", shops=shops))


# --- Step 3: how it is paid ----------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@checkout_step
@_require_address
def payment(request: HtmxHttpRequest, checkout: Checkout) -> HttpResponse:
    """Card when card payment is set up; cash on delivery where the address and the
    total allow it; otherwise the page says why."""
    methods, reasons = _method_offer(checkout)
    state = checkout.state
    form = PaymentMethodForm(
        request.POST if request.method == "POST" else None,
        methods=methods,
        initial={"method": state.method if state.method in methods else next(iter(methods), None)},
    )
    if request.method == "POST":
        if form.is_valid():
            state.method = form.cleaned_data["method"]
            state.save(request.session)
            return redirect("checkout:review")
        for error in form.errors.get("method", []):
            messages.error(request, error)
    return render(
        request,
        "checkout/payment.html",
        _context(checkout, "payment", form=form, methods=methods, reasons=reasons),
        status=400 if form.is_bound else 200,
    )


# --- Step 4: review, and place the order -------------------------------------------------


def _next_page(order: Order) -> str:
    if order.payment_method == CARD and order.status == Order.Status.PENDING_PAYMENT:
        return reverse("checkout:pay", kwargs={"number": order.number})
    return reverse("checkout:done", kwargs={"number": order.number})


def _placed(request: HtmxHttpRequest, order: Order, token: str) -> HttpResponse:
    """The order this token placed is this session's: its pages, and for a card
    order the payment (payments' confirm URL asks `payments.access`), are open to
    it; on to the card page or the thank-you page."""
    remember_order(request.session, token=token, number=order.number)
    if order.payment_method == CARD:
        allow_payment(request.session, order)
    return redirect(_next_page(order))


def _personalisable(quote: Quote) -> list[tuple[int, str]]:
    return [
        (line.variant.pk, line.product.name)
        for shop in quote.shops
        for line in shop.lines
        if line.product.allows_personalisation
    ]


def _review_page(
    request: HtmxHttpRequest, checkout: Checkout, *, status: int = 200, data=None
) -> HttpResponse:
    """The review page with a fresh token and the fingerprint of what it shows."""
    token = checkout.state.issue_token()
    checkout.state.save(request.session)
    form = PlaceOrderForm(
        initial={"token": token, "fingerprint": checkout.quote.fingerprint()},
        personalisable=_personalisable(checkout.quote),
    )
    if data is not None:  # keep what the shopper wrote in the notes
        for name in form.notes.values():
            form.fields[name].initial = data.get(name, "")[:300]
    return render(
        request,
        "checkout/review.html",
        _context(checkout, "review", form=form, method=checkout.state.method),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return place(request)
    return _review(request)


@checkout_step
@_require_address
def _review(request: HtmxHttpRequest, checkout: Checkout) -> HttpResponse:
    methods, _reasons = _method_offer(checkout)
    if checkout.state.method not in methods:
        messages.info(request, _("Choose how you will pay."))
        return redirect("checkout:payment")
    return _review_page(request, checkout)


def place(request: HtmxHttpRequest) -> HttpResponse:
    """Place the order, once per token.

    A token this session already spent goes to the order it placed (a double click,
    a reload of this POST, a form submitted again), before anything else: by then the
    cart is empty. The cart is locked first, so a second submit that arrives while the
    first is still placing waits for it and then finds its order. Only the token, the
    fingerprint and the notes are read from the form; the address and the method are
    the session's; prices, quantities, shipping and currency are the database's.
    """
    if _needs_verified_email(request):
        return _verify_email_page(request)
    token = request.POST.get("token", "")[:64]
    number = placed_order_number(request.session, token) if token else None
    if number and (order := Order.objects.filter(number=number).first()):
        return redirect(_next_page(order))
    # Spent by a request whose session change this one did not see:
    if (
        token
        and CheckoutState.load(request.session).knows(token)
        and (order := Order.objects.filter(idempotency_key=token).first())
    ):
        return _placed(request, order, token)
    return _place(request, token)


@checkout_step(placing=True)
@_require_address
def _place(request: HtmxHttpRequest, checkout: Checkout, token: str) -> HttpResponse:
    state = checkout.state
    methods, _reasons = _method_offer(checkout)
    if state.method not in methods:
        messages.error(request, _("This payment method is not available for this order."))
        return redirect("checkout:payment")
    form = PlaceOrderForm(request.POST, personalisable=_personalisable(checkout.quote))
    if not form.is_valid() or not state.knows(token):
        messages.error(
            request, _("This order form has expired. Check your order and place it again.")
        )
        return _review_page(request, checkout, status=400, data=request.POST)

    client_ip = request.META.get("REMOTE_ADDR") or None
    try:
        with transaction.atomic():
            checkout.cart.lock()
            order = Order.objects.filter(idempotency_key=token).first()
            if order is None:
                order = place_order(
                    cart=checkout.cart,
                    user=request.user,
                    email=request.user.email if request.user.is_authenticated else state.email,
                    address=checkout.address,
                    payment_method=state.method,
                    language=get_language(),
                    idempotency_key=token,
                    expected=form.cleaned_data["fingerprint"],
                    client_ip=client_ip,
                    personalisations=form.personalisations(),
                )
                payment_services.payment_start(order=order)
    except CheckoutError as refused:
        for message in refused.messages:
            messages.error(request, message)
        # The cart is as it was: the review shows what changed (a sold-out line is
        # listed as a problem, to fix in the cart) with the amounts as they are now.
        checkout.quote = checkout_quote(cart=checkout.cart)
        return _review_page(request, checkout, status=409, data=request.POST)
    return _placed(request, order, token)


# --- After placing: pay by card, thank you ------------------------------------------------


def _own_order(request: HtmxHttpRequest, number: str) -> Order:
    """The order if it is this shopper's (their account's, or placed in this browser
    session by a guest); 404 otherwise, whether or not it exists."""
    order = Order.objects.filter(number=number).first()
    if order is None:
        raise Http404
    if request.user.is_authenticated and order.user_id == request.user.pk:
        return order
    if number in session_order_numbers(request.session):
        return order
    raise Http404


def _latest_payment(order: Order):
    return order.payments.order_by("-created", "-pk").first()


@never_cache
@require_GET
def pay(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """The card page: Stripe's Card Element and our static/js/checkout-card.js, which
    tokenises the card and posts the token to payments' confirm URL. The one page that
    needs JavaScript: without it, it says so and offers cash on delivery if allowed."""
    order = _own_order(request, number)
    if order.payment_method != CARD or order.status != Order.Status.PENDING_PAYMENT:
        return redirect("checkout:done", number=order.number)
    context = {
        "order": order,
        "card_enabled": payment_services.card_payments_enabled(),
        "cod_allowed": cash_on_delivery_allowed(country=str(order.country), total=order.total),
        "STRIPE_JS_URL": settings.STRIPE_JS_URL,
        "STRIPE_PUBLISHABLE_KEY": settings.STRIPE_PUBLISHABLE_KEY,
        "confirm_url": reverse("payments:confirm", kwargs={"number": order.number}),
        "done_url": reverse("checkout:done", kwargs={"number": order.number}),
    }
    return render(request, "checkout/pay.html", context)


@require_POST
def pay_on_delivery(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """Switch an unpaid card order to cash on delivery: the card order is cancelled
    (its stock goes back), its items go back into the cart and the shopper reviews
    the same order to be paid on delivery, placed anew with today's prices. This
    needs no change to a placed order's payment method (orders keep theirs for good)
    and reuses the one way orders are placed."""
    order = _own_order(request, number)
    if order.payment_method != CARD or order.status != Order.Status.PENDING_PAYMENT:
        return redirect("checkout:done", number=order.number)
    if not cash_on_delivery_allowed(country=str(order.country), total=order.total):
        messages.error(request, _("Cash on delivery is not available for this order."))
        return redirect("checkout:pay", number=order.number)  # the page explains why
    payment = _latest_payment(order)
    if payment is not None and payment_services.card_payments_enabled():
        outcome = payment_services.payment_refresh(payment=payment)
        if outcome.status == "succeeded":  # paid in another tab meanwhile
            return redirect("checkout:done", number=order.number)
    cart = get_cart(request)
    lines = list(order.lines.exclude(variant=None).values_list("variant_id", "quantity"))
    problems = []
    try:
        with transaction.atomic():
            order_cancel(order=order, reason=_("Switched to cash on delivery."))
            for variant_id, quantity in lines:
                try:
                    cart_services.cart_add(cart=cart, variant_id=variant_id, quantity=quantity)
                except cart_services.CartError as error:
                    problems.append(error.message)
    except OrderActionRefused as refused:
        messages.error(request, refused.message)
        return redirect("checkout:done", number=order.number)
    for problem in problems:
        messages.warning(request, problem)
    state = CheckoutState.load(request.session)
    state.email = order.email
    state.set_address(
        ShippingAddress(
            **{
                name: str(getattr(order, name))
                for name in ShippingAddress.__dataclass_fields__  # the order's snapshot
            }
        )
    )
    state.method = COD
    state.save(request.session)
    messages.success(
        request,
        _("Order %(number)s was cancelled. Check your order and place it to pay on delivery.")
        % {"number": order.number},
    )
    return redirect("checkout:review")


@never_cache
@vary_on_headers("HX-Request")
@require_GET
def done(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """Thank you: the order as placed; for a card order, the payment's state, asked
    of Stripe (`payment_refresh`), which the page keeps asking (htmx) while pending."""
    order = _own_order(request, number)
    outcome = None
    if order.payment_method == CARD and order.status == Order.Status.PENDING_PAYMENT:
        payment = _latest_payment(order)
        if payment is not None and payment_services.card_payments_enabled():
            outcome = payment_services.payment_refresh(payment=payment)
            order.refresh_from_db()
    paid = order.status == Order.Status.PAID or (
        outcome is not None and outcome.status == "succeeded"
    )
    failed = not paid and outcome is not None and outcome.status == "failed"
    awaiting = order.status == Order.Status.PENDING_PAYMENT and not paid and not failed
    context = {"order": order, "outcome": outcome, "paid": paid, "failed": failed}
    context["awaiting"] = awaiting
    try:
        polls = max(0, min(int(request.GET.get("poll", "0")), MAX_POLLS))
    except ValueError:
        polls = MAX_POLLS
    if awaiting and polls < MAX_POLLS:
        # While a payment is being confirmed (3-D Secure, the webhook on its way) the
        # page asks again every few seconds, a bounded number of times; without
        # JavaScript, "Check again" does the same.
        done_url = reverse("checkout:done", kwargs={"number": order.number})
        context["poll_url"] = f"{done_url}?{urlencode({'poll': polls + 1})}"
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "checkout/done.html#payment-state", context)
    context["shop_orders"] = order.shop_orders.select_related("vendor").prefetch_related("lines")
    return render(request, "checkout/done.html", context)
