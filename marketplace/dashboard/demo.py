"""Demo data for the dashboard: an owner account for two demo shops and four weeks of
orders in every state, so that `make run` shows living dashboards.

seed_demo (catalog) cannot import orders or the dashboard: it sends
`catalog.signals.demo_seeded` once the demo catalogue is in place, and
`seed_dashboard_demo` below (connected in DashboardConfig.ready()) answers it.
Idempotent, as seed_demo is: owners are looked up by e-mail (their passwords are
printed once, when they are created; `manage.py changepassword <e-mail>` sets a new
one), and the orders are placed once (their checkout keys start with KEY_PREFIX).

Orders go through the real services: the demo shopper's cart, `place_order`,
`payment_start` for cash on delivery, the shops' `shop_order_advance` and
`payment_cash_collected`; so stock, the orders' states and the shops' ledgers are
what they would be. Two things are demo-only: a card order is marked paid without
Stripe (a Payment recorded as succeeded, then `order_mark_paid`), and the dates are
moved back over the last four weeks once each order has reached its state. The
orders' e-mails are not sent (a hundred messages on the console would bury the
credentials printed above them).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.catalog.models import Product, StockMovement, Variant
from marketplace.earnings.models import LedgerEntry, Payout
from marketplace.earnings.selectors import shop_balance
from marketplace.earnings.services import PayoutRefused, payout_record
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    CheckoutError,
    ShippingAddress,
    checkout_quote,
    order_mark_paid,
    place_order,
    shop_order_advance,
)
from marketplace.payments.models import Payment
from marketplace.payments.services import payment_cash_collected, payment_start
from marketplace.vendors.models import Vendor, VendorMember

KEY_PREFIX = "souk-demo-order-"
SHOPPER_EMAIL = "shopper@souk.local"
QUIET_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


@dataclass(frozen=True)
class DemoOwner:
    shop: str  # the demo shop's slug (catalog/demo/data/shops.json)
    email: str
    full_name: str


# A cooperative with its own commission rate (8%) and a workshop on the platform's.
OWNERS = (
    DemoOwner("cooperative-tifaout", "tifaout@souk.local", "Aïcha Ait Ouhmad"),
    DemoOwner("poterie-bennani", "bennani@souk.local", "Karim Bennani"),
)

S = ShopOrder.Status
CARD, CASH = Order.Method.CARD, Order.Method.CASH_ON_DELIVERY
# (days ago, payment, where the shops' parts end up): most of the older orders
# delivered, some cancelled, the recent ones on their way or still to prepare.
PLAN = (
    (27, CARD, S.DELIVERED),
    (26, CASH, S.DELIVERED),
    (25, CASH, S.DELIVERED),
    (24, CARD, S.DELIVERED),
    (23, CASH, S.CANCELLED),
    (22, CASH, S.DELIVERED),
    (20, CARD, S.DELIVERED),
    (19, CASH, S.DELIVERED),
    (18, CARD, S.DELIVERED),
    (17, CASH, S.DELIVERED),
    (15, CASH, S.CANCELLED),
    (14, CARD, S.DELIVERED),
    (13, CASH, S.DELIVERED),
    (12, CARD, S.DELIVERED),
    (10, CASH, S.DELIVERED),
    (9, CARD, S.DELIVERED),
    (8, CASH, S.SHIPPED),
    (7, CARD, S.DELIVERED),
    (6, CASH, S.SHIPPED),
    (5, CARD, S.SHIPPED),
    (4, CASH, S.PROCESSING),
    (3, CARD, S.PROCESSING),
    (2, CASH, S.NEW),
    (1, CARD, S.NEW),
    (0, CASH, S.NEW),
)
# Staff paid each shop what it had earned up to this many days ago.
PAYOUT_DAYS_AGO = 12
ADDRESS = ShippingAddress(
    recipient_name="Salma Bennis",
    phone="+212612345678",
    line1="24 rue Ibn Battouta",
    city="Rabat",
    region="Rabat-Salé-Kénitra",
    postal_code="10020",
    country="MA",
)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def seed_dashboard_demo(sender, stdout=None, style=None, **kwargs) -> None:
    """The receiver of `demo_seeded`: owners first (their passwords printed once),
    then the orders and payouts, then the reviews behind the demo ratings
    (demo_reviews.py)."""
    shops = Vendor.objects.in_bulk([owner.shop for owner in OWNERS], field_name="slug")
    if len(shops) != len(OWNERS):
        _say(stdout, "Demo shop owners and orders skipped: the demo shops are missing.")
        return
    _seed_owners(shops, stdout, style)
    _seed_orders(shops, stdout)
    from django.test import override_settings  # here: the site never loads django.test

    from .demo_reviews import seed_reviews

    with override_settings(MAILERS=QUIET_MAIL):
        seed_reviews(stdout)


# --- owners ------------------------------------------------------------------------------


def _seed_owners(shops: dict[str, Vendor], stdout, style) -> None:
    User = get_user_model()
    created, existing = [], []
    for owner in OWNERS:
        with transaction.atomic():
            user = User.objects.filter(email__iexact=owner.email).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(owner.email, password, full_name=owner.full_name)
                EmailAddress.objects.create(
                    user=user, email=user.email, verified=True, primary=True
                )
                created.append((owner, password))
            else:
                existing.append(owner)
            if not VendorMember.objects.filter(user=user).exists():
                VendorMember.objects.create(
                    vendor=shops[owner.shop], user=user, role=VendorMember.Role.OWNER
                )
    if created:
        lines = ["Created the demo shop owners (shown once, keep them):"]
        for owner, password in created:
            lines += [
                f"  {shops[owner.shop].name}",
                f"    e-mail:   {owner.email}\n    password: {password}",
            ]
        lines.append("  dashboard: http://127.0.0.1:8000/en/dashboard/")
        _say(stdout, style.SUCCESS("\n".join(lines)) if style else "\n".join(lines))
    if existing:
        emails = ", ".join(owner.email for owner in existing)
        _say(
            stdout,
            f"The demo shop owners exist already ({emails}); their passwords are not shown "
            f"again. To set a new one: python manage.py changepassword {existing[0].email}",
        )


# --- orders ------------------------------------------------------------------------------


def _seed_orders(shops: dict[str, Vendor], stdout) -> None:
    if Order.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        _say(stdout, "Demo orders exist already.")
        return
    shopper = _shopper()
    staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    placed = 0
    from django.test import override_settings  # here: the site never loads django.test

    with override_settings(MAILERS=QUIET_MAIL):
        for index, (days_ago, method, final) in enumerate(PLAN):
            order = _place(index, shopper, list(shops.values()), method)
            if order is None:
                continue
            _advance(order, final)
            _backdate(order, days_ago)
            placed += 1
        payouts = _payouts(list(shops.values()), staff) if staff else 0
    _say(
        stdout,
        f"Demo orders: {placed} placed over the last four weeks, {payouts} payouts "
        "(their e-mails were not sent).",
    )


def _shopper():
    User = get_user_model()
    shopper = User.objects.filter(email__iexact=SHOPPER_EMAIL).first()
    if shopper is None:
        # No password: nobody signs in as the demo buyer (changepassword gives one).
        shopper = User.objects.create_user(SHOPPER_EMAIL, None, full_name="Salma Bennis")
        EmailAddress.objects.create(user=shopper, email=shopper.email, verified=True, primary=True)
    return shopper


def _choices(vendor: Vendor) -> list[Variant]:
    """Active variants of the shop's visible products with stock to spare (the demo
    never sells the last ones: the storefront keeps its sold-out products as seeded)."""
    return list(
        Variant.objects.filter(
            product__in=Product.objects.visible().filter(vendor=vendor),
            is_active=True,
            stock__gte=5,
        )
        .select_related("product")
        .order_by("pk")
    )


def _place(index: int, shopper, shops: list[Vendor], method: str) -> Order | None:
    """One order from the demo shopper: one or both demo shops, one or two products
    each. None when the catalogue cannot fill it (nothing placed then)."""
    rng = random.Random(f"souk-demo-{index}")  # noqa: S311 (demo data, not secrets)
    sellers = [shops[index % 2]] if index % 3 else shops
    lines: dict[int, tuple[Variant, int]] = {}
    for vendor in sellers:
        choices = _choices(vendor)
        for variant in rng.sample(choices, min(len(choices), rng.choice((1, 1, 2)))):
            lines[variant.pk] = (variant, rng.choice((1, 1, 2)))
    if not lines:
        return None
    cart = DatabaseCart(shopper)
    with transaction.atomic():  # as cart.services fills a cart: under its lock
        cart.lock()
        cart.clear()
        for variant, quantity in lines.values():
            cart.put(Entry(variant.pk, quantity, variant.price))
    try:
        with transaction.atomic():  # as checkout does
            order = place_order(
                cart=cart,
                user=shopper,
                email=shopper.email,
                address=ADDRESS,
                payment_method=method,
                language=("en", "fr", "ar")[index % 3],
                idempotency_key=f"{KEY_PREFIX}{index}",
                expected=checkout_quote(cart=cart).fingerprint(),
            )
            if method == CASH:
                payment_start(order=order)
    except CheckoutError:
        with transaction.atomic():
            cart.clear()
        return None
    if method == CARD:
        _paid_without_stripe(order)
    return order


@transaction.atomic
def _paid_without_stripe(order: Order) -> None:
    """Demo only: the card payment recorded as succeeded (no PaymentIntent), then the
    order marked paid as payments does when Stripe confirms."""
    payment, _created = Payment.objects.get_or_create(
        order=order,
        method=CARD,
        defaults={"amount": order.total, "currency": order.currency},
    )
    if payment.status != Payment.Status.SUCCEEDED:
        payment.set_status(Payment.Status.SUCCEEDED)
    order_mark_paid(order=order)


STEPS = {
    S.NEW: [],
    S.PROCESSING: [S.PROCESSING],
    S.SHIPPED: [S.PROCESSING, S.SHIPPED],
    S.DELIVERED: [S.PROCESSING, S.SHIPPED, S.DELIVERED],
    S.CANCELLED: [S.CANCELLED],
}


def _advance(order: Order, final: str) -> None:
    for shop_order in order.shop_orders.order_by("pk"):
        for status in STEPS[final]:
            shop_order = shop_order_advance(
                shop_order=shop_order,
                status=status,
                carrier="Amana",
                tracking_number=f"AM{order.pk:06d}{shop_order.vendor_id:03d}MA",
                reason="Out of stock in this colour, sorry." if status == S.CANCELLED else "",
            )
        if final == S.DELIVERED and order.is_cash_on_delivery:
            payment_cash_collected(shop_order=shop_order)


@transaction.atomic
def _backdate(order: Order, days_ago: int) -> None:
    """Move the order's dates `days_ago` back: placed then (its payment and stock
    movements too), shipped the next day, delivered two days later (never after
    now), its ledger rows dated with the delivery."""
    now = timezone.now()
    placed = (now - timedelta(days=days_ago)).replace(hour=9 + order.pk % 9, minute=order.pk % 60)
    placed = min(placed, now)
    Order.objects.filter(pk=order.pk).update(created=placed)
    Payment.objects.filter(order=order).update(created=placed)
    # The stock history notes the order's number on its sale and cancellation.
    sold = StockMovement.objects.filter(note=order.number)
    sold.filter(reason=StockMovement.Reason.SALE).update(created=placed)
    sold.filter(reason=StockMovement.Reason.CANCELLATION).update(
        created=min(placed + timedelta(hours=5), now)
    )
    for shop_order in ShopOrder.objects.filter(order=order):
        shipped = min(placed + timedelta(days=1), now) if shop_order.shipped_at else None
        delivered = min(placed + timedelta(days=3), now) if shop_order.delivered_at else None
        cancelled = min(placed + timedelta(hours=5), now) if shop_order.cancelled_at else None
        ShopOrder.objects.filter(pk=shop_order.pk).update(
            created=placed,
            ship_by=placed.date() + (shop_order.ship_by - timezone.localdate()),
            shipped_at=shipped,
            delivered_at=delivered,
            cancelled_at=cancelled,
        )
        if delivered:
            LedgerEntry.objects.filter(shop_order=shop_order).update(created=delivered)


def _payouts(shops: list[Vendor], staff) -> int:
    """Each shop paid what it had earned up to PAYOUT_DAYS_AGO (never more than it
    is owed now), recorded by the staff superuser and dated then."""
    made = 0
    paid_at = timezone.now() - timedelta(days=PAYOUT_DAYS_AGO)
    for vendor in shops:
        earned = sum(
            LedgerEntry.objects.filter(vendor=vendor, created__lt=paid_at).values_list(
                "amount", flat=True
            )
        )
        amount = min(earned, shop_balance(vendor=vendor))
        if amount <= 0:
            continue
        try:
            payout = payout_record(
                vendor=vendor,
                amount=amount,
                reference=f"SOUK-DEMO-{vendor.pk:04d}-{paid_at:%Y%m%d}",
                paid_on=paid_at.date(),
                recorded_by=staff,
                note="Demo payout.",
            )
        except PayoutRefused:
            continue
        Payout.objects.filter(pk=payout.pk).update(created=paid_at)
        LedgerEntry.objects.filter(payout=payout).update(created=paid_at)
        made += 1
    return made
