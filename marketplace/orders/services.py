"""Placing orders and moving them through their states.

Every function here is keyword-only and atomic. Orders are locked through
`_lock_order()` before they change; stock moves only through
`catalog.services.stock_take()` / `stock_return()`, which lock variants and then
products in primary-key order. What the outside world must hear (payments,
e-mails) goes out as signals from `orders.signals`, whose receivers act after
commit.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from marketplace.cart.selectors import CartLineView, cart_summary
from marketplace.cart.storage import CartStorage
from marketplace.catalog.models import Product, StockMovement, Variant
from marketplace.catalog.services import OutOfStock, stock_return, stock_take
from marketplace.vendors.models import Vendor

from . import signals
from .models import Order, OrderLine, ShopOrder

MONEY = Decimal("0.01")


class CheckoutError(Exception):
    """The order cannot be placed as it stands; `messages` say why, in the
    shopper's language, and nothing was changed (the cart is intact)."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


class OrderActionRefused(Exception):
    """A state change the order's or shop order's state does not allow."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Quotes: what checkout shows, computed from the database ------------------------


@dataclass(frozen=True)
class ShippingAddress:
    recipient_name: str
    phone: str
    line1: str
    city: str
    country: str
    line2: str = ""
    region: str = ""
    postal_code: str = ""

    @classmethod
    def from_address(cls, address) -> ShippingAddress:
        """From a saved `accounts.Address`."""
        return cls(
            recipient_name=address.recipient_name,
            phone=address.phone,
            line1=address.line1,
            line2=address.line2,
            city=address.city,
            region=address.region,
            postal_code=address.postal_code,
            country=str(address.country),
        )

    def as_fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class ShopQuote:
    vendor: Vendor
    lines: list[CartLineView]
    subtotal: Decimal
    shipping: Decimal
    ship_by: date

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping


@dataclass
class Quote:
    """The cart priced for checkout: per shop, shipping included."""

    shops: list[ShopQuote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def items_subtotal(self) -> Decimal:
        return sum((shop.subtotal for shop in self.shops), Decimal("0.00"))

    @property
    def shipping_total(self) -> Decimal:
        return sum((shop.shipping for shop in self.shops), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.items_subtotal + self.shipping_total

    @property
    def is_empty(self) -> bool:
        return not self.shops

    def fingerprint(self) -> str:
        """Identifies every amount the shopper reviewed: placing the order refuses
        when the database now says otherwise (a price or shipping changed)."""
        return _fingerprint(
            [
                (line.variant.pk, line.quantity, line.unit_price)
                for s in self.shops
                for line in s.lines
            ],
            [(shop.vendor.pk, shop.shipping) for shop in self.shops],
        )


def _fingerprint(lines, shipping) -> str:
    """Of (variant id, quantity, unit price) and (shop id, shipping), in any order."""
    parts = sorted(f"v{pk}:{quantity}:{price:.2f}" for pk, quantity, price in lines)
    parts += sorted(f"s{pk}:{amount:.2f}" for pk, amount in shipping)
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def ship_by_date(processing_days: list[int], today: date | None = None) -> date:
    """When a shop must hand the parcel over: after its slowest product's making
    (callers add the shop's own processing time to the list)."""
    today = today or timezone.localdate()
    return today + timedelta(days=max([1, *processing_days]))


def checkout_quote(*, cart: CartStorage) -> Quote:
    """The cart as checkout prices it (available lines only; problems listed)."""
    summary = cart_summary(cart)
    quote = Quote()
    for group in summary.groups:
        lines = [line for line in group.lines if line.available]
        quote.problems += [
            f"{line.product.name}: {line.problem}" for line in group.lines if not line.available
        ]
        if not lines:
            continue
        subtotal = sum((line.line_total for line in lines), Decimal("0.00"))
        quote.shops.append(
            ShopQuote(
                vendor=group.vendor,
                lines=lines,
                subtotal=subtotal,
                shipping=group.vendor.shipping_for(subtotal),
                ship_by=ship_by_date(
                    [group.vendor.handling_days, *(li.product.processing_days for li in lines)]
                ),
            )
        )
    return quote


def cash_on_delivery_allowed(*, country: str, total: Decimal) -> bool:
    """Cash on delivery: only to the configured countries, up to a total."""
    return str(country) in settings.COD_COUNTRIES and total <= settings.COD_MAX_TOTAL


# --- Placing an order -------------------------------------------------------------------


def _unpaid_card_orders(*, email: str, client_ip: str | None) -> int:
    scope = Q(email__iexact=email)
    if client_ip:
        scope |= Q(client_ip=client_ip)
    return Order.objects.unpaid_card().filter(scope, expires_at__gt=timezone.now()).count()


@transaction.atomic
def place_order(
    *,
    cart: CartStorage,
    user,
    email: str,
    address: ShippingAddress,
    payment_method: str,
    language: str,
    idempotency_key: str,
    expected: str,
    client_ip: str | None = None,
    personalisations: dict[int, str] | None = None,
) -> Order:
    """Turn the cart into an order, all or nothing.

    Locks the variants (then the products) in primary-key order and takes the stock
    with one conditional UPDATE; re-reads every price and shipping rate and refuses
    when they differ from what the shopper reviewed (`expected`, a
    `Quote.fingerprint()`); creates the Order (cash on delivery: confirmed; card:
    awaiting payment until `Order.payment_deadline()`), one ShopOrder per shop and
    the lines with their snapshots; notes the order number on the sale's stock
    movements; empties the cart. The same `idempotency_key`
    returns the order already placed. Raises CheckoutError (nothing written).
    """
    if existing := Order.objects.filter(idempotency_key=idempotency_key).first():
        return existing
    if payment_method not in Order.Method.values:
        raise CheckoutError([_("Choose a payment method.")])
    entries = cart.entries(refresh=True)
    if not entries:
        raise CheckoutError([_("Your cart is empty.")])
    if payment_method == Order.Method.CARD and (
        _unpaid_card_orders(email=email, client_ip=client_ip) >= settings.MAX_UNPAID_CARD_ORDERS
    ):
        raise CheckoutError(
            [_("You have too many orders awaiting payment. Pay or cancel one of them first.")]
        )
    order_release_expired(variant_ids=list(entries))

    try:
        variants = stock_take(quantities={pk: entry.quantity for pk, entry in entries.items()})
    except OutOfStock as refused:
        names = dict(
            Variant.objects.filter(pk__in=[s.variant_id for s in refused.shortfalls]).values_list(
                "pk", "product__name_" + (language if language in ("en", "fr", "ar") else "en")
            )
        )
        raise CheckoutError(
            [
                _("%(product)s: only %(count)s left.")
                % {"product": names.get(s.variant_id) or _("An item"), "count": s.available}
                if s.available
                else _("%(product)s is sold out.")
                % {"product": names.get(s.variant_id) or _("An item")}
                for s in refused.shortfalls
            ]
        ) from refused

    visible = set(
        Product.objects.visible()
        .filter(pk__in={v.product_id for v in variants})
        .values_list("pk", flat=True)
    )
    if unavailable := [v for v in variants if v.product_id not in visible or not v.is_active]:
        raise CheckoutError(
            [
                _("%(product)s is no longer available.") % {"product": v.product.name}
                for v in unavailable
            ]
        )

    by_vendor: dict[int, list[Variant]] = defaultdict(list)
    for variant in variants:
        by_vendor[variant.product.vendor_id].append(variant)
    vendors = Vendor.objects.in_bulk(list(by_vendor))
    shops = []
    for vendor_id in sorted(by_vendor):
        vendor = vendors[vendor_id]
        subtotal = sum(
            (v.price * entries[v.pk].quantity for v in by_vendor[vendor_id]), Decimal("0.00")
        )
        shops.append((vendor, by_vendor[vendor_id], subtotal, vendor.shipping_for(subtotal)))
    fingerprint = _fingerprint(
        [(v.pk, entries[v.pk].quantity, v.price) for v in variants],
        [(vendor.pk, shipping) for vendor, _vs, _s, shipping in shops],
    )
    if fingerprint != expected:
        raise CheckoutError(
            [_("Prices or shipping changed since you reviewed your order. Check it again.")]
        )

    items = sum((subtotal for _v, _vs, subtotal, _sh in shops), Decimal("0.00"))
    shipping_total = sum((shipping for *_rest, shipping in shops), Decimal("0.00"))
    card = payment_method == Order.Method.CARD
    if not card and not cash_on_delivery_allowed(
        country=address.country, total=items + shipping_total
    ):
        raise CheckoutError([_("Cash on delivery is not available for this order.")])
    order = Order.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        email=email,
        language=language,
        status=Order.Status.PENDING_PAYMENT if card else Order.Status.CONFIRMED,
        payment_method=payment_method,
        currency=settings.CURRENCY,
        items_subtotal=items,
        shipping_total=shipping_total,
        total=items + shipping_total,
        idempotency_key=idempotency_key,
        client_ip=client_ip,
        expires_at=Order.payment_deadline() if card else None,
        **address.as_fields(),
    )
    shop_orders = ShopOrder.objects.bulk_create(
        [
            ShopOrder(
                order=order,
                vendor=vendor,
                items_subtotal=subtotal,
                shipping_cost=shipping,
                total=subtotal + shipping,
                ship_by=ship_by_date(
                    [vendor.handling_days, *(v.product.processing_days for v in shop_variants)]
                ),
            )
            for vendor, shop_variants, subtotal, shipping in shops
        ]
    )
    notes = personalisations or {}
    with override(language):
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    shop_order=shop_order,
                    variant=variant,
                    product=variant.product,
                    product_name=variant.product.name,
                    options=variant.label,
                    sku=variant.sku,
                    unit_price=variant.price,
                    quantity=entries[variant.pk].quantity,
                    line_total=variant.price * entries[variant.pk].quantity,
                    personalisation=(
                        notes.get(variant.pk, "")[:300].strip()
                        if variant.product.allows_personalisation
                        else ""
                    ),
                )
                for shop_order, (_vendor, shop_variants, _s, _sh) in zip(
                    shop_orders, shops, strict=True
                )
                for variant in shop_variants
            ]
        )
    # The sale's movements were recorded before the order had a number: note it now
    # (one UPDATE), so that the shop's stock history names the order.
    StockMovement.objects.filter(pk__in=[v.stock_movement.pk for v in variants]).update(
        note=order.number
    )
    cart.clear()
    signals.order_placed.send(sender=Order, order=order)
    return order


# --- Moving orders through their states ---------------------------------------------


def _lock_order(order_id: int) -> Order:
    """The order, locked FOR UPDATE (the one lock every order change takes first)."""
    return Order.objects.select_for_update().get(pk=order_id)


def _lock_shop_orders(order: Order) -> list[ShopOrder]:
    return list(ShopOrder.objects.select_for_update().filter(order=order).select_related("vendor"))


def _return_stock(lines, *, order: Order) -> None:
    """Give the lines' units back, recorded as a cancellation of `order`."""
    quantities: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.variant_id:
            quantities[line.variant_id] += line.quantity
    if quantities:
        stock_return(quantities=dict(quantities), note=order.number or "")


def _follow_shop_orders(order: Order, shop_orders: list[ShopOrder]) -> None:
    implied = order.status_from_shop_orders([s.status for s in shop_orders])
    if implied and implied != order.status and implied in order.PIPELINE[order.status]:
        order.set_status(implied)


@transaction.atomic
def order_mark_paid(*, order: Order) -> Order:
    """The card payment succeeded: the order is paid (idempotent). A payment that
    arrives after the order expired or was cancelled is refused (payments refunds)."""
    order = _lock_order(order.pk)
    if order.status == Order.Status.PAID:
        return order
    if order.status != Order.Status.PENDING_PAYMENT:
        raise OrderActionRefused(_("This order is no longer awaiting payment."))
    order.set_status(Order.Status.PAID)
    signals.order_paid.send(sender=Order, order=order)
    return order


@transaction.atomic
def order_cancel(*, order: Order, reason: str = "") -> Order:
    """Cancel a whole order while no shop has shipped: stock goes back, and
    `order_cancelled` tells payments to refund what was paid."""
    order = _lock_order(order.pk)
    if not order.can_be_cancelled:
        raise OrderActionRefused(_("This order can no longer be cancelled."))
    shop_orders = _lock_shop_orders(order)
    live = [s for s in shop_orders if s.status != ShopOrder.Status.CANCELLED]
    if any(s.status not in (ShopOrder.Status.NEW, ShopOrder.Status.PROCESSING) for s in live):
        raise OrderActionRefused(_("Part of this order has already shipped."))
    previous = order.status
    for shop_order in live:
        shop_order.set_status(ShopOrder.Status.CANCELLED, cancel_reason=reason[:300])
    _return_stock(OrderLine.objects.filter(shop_order__in=live), order=order)
    order.set_status(Order.Status.CANCELLED)
    signals.order_cancelled.send(
        sender=Order, order=order, shop_orders=live, reason=reason, previous=previous
    )
    return order


@transaction.atomic
def order_release_expired(*, variant_ids=None, now=None) -> int:
    """Cancel unpaid card orders past their deadline, giving their stock back (all
    of them, or those holding any of `variant_ids`). Returns how many."""
    expired = Order.objects.expired(now)
    if variant_ids is not None:
        expired = expired.holding(variant_ids)
    count = 0
    for order_id in expired.order_by("pk").values_list("pk", flat=True):
        order = _lock_order(order_id)
        if order.status == Order.Status.PENDING_PAYMENT and order.expires_at <= (
            now or timezone.now()
        ):
            # In the buyer's language: the cancellation e-mail quotes it.
            with override(order.language):
                reason = _("Not paid in time.")
            order_cancel(order=order, reason=reason)
            count += 1
    return count


SHOP_ACTIONS = {
    ShopOrder.Status.PROCESSING,
    ShopOrder.Status.SHIPPED,
    ShopOrder.Status.DELIVERED,
    ShopOrder.Status.CANCELLED,
}
# What a shop may do to its part of an order, by name (the dashboard's buttons): the
# status each moves to, and "collect_cash" (a delivered cash-on-delivery order).
COLLECT_CASH = "collect_cash"
SHOP_ORDER_ACTIONS = {
    "accept": ShopOrder.Status.PROCESSING,
    "ship": ShopOrder.Status.SHIPPED,
    "deliver": ShopOrder.Status.DELIVERED,
    "cancel": ShopOrder.Status.CANCELLED,
}


def _advance_refusal(order: Order, shop_order: ShopOrder, status: str) -> str | None:
    """Why the shop order cannot move to `status` now (translated), or None."""
    if status not in SHOP_ACTIONS:
        return _("Unknown action.")
    if order.status == Order.Status.PENDING_PAYMENT and status != ShopOrder.Status.CANCELLED:
        return _("This order is not paid yet.")
    if status not in shop_order.PIPELINE[shop_order.status]:
        return _("A shop order that is “%(status)s” cannot move to “%(new)s”.") % {
            "status": shop_order.get_status_display(),
            "new": ShopOrder.Status(status).label,
        }
    return None


def _collect_refusal(order: Order, shop_order: ShopOrder) -> str | None:
    if not order.is_cash_on_delivery or shop_order.status != ShopOrder.Status.DELIVERED:
        return _("Only a delivered cash-on-delivery order can be collected.")
    if shop_order.cash_collected:
        return _("The cash of this order is already recorded as collected.")
    return None


def shop_order_actions(*, shop_order: ShopOrder) -> list[str]:
    """The actions (keys of SHOP_ORDER_ACTIONS, and COLLECT_CASH) its state allows
    now, by the same rules as `shop_order_advance` and `shop_order_collect_cash`.
    Reads `shop_order.order` (select it with the shop order)."""
    order = shop_order.order
    actions = [
        name
        for name, status in SHOP_ORDER_ACTIONS.items()
        if _advance_refusal(order, shop_order, status) is None
    ]
    if _collect_refusal(order, shop_order) is None:
        actions.append(COLLECT_CASH)
    return actions


@transaction.atomic
def shop_order_advance(
    *,
    shop_order: ShopOrder,
    status: str,
    carrier: str = "",
    tracking_number: str = "",
    reason: str = "",
) -> ShopOrder:
    """A shop moves its part of an order (accept, ship with the carrier and tracking
    number, deliver, cancel with a reason); the order follows. A card order must be
    paid first. Cancelling gives the stock back and tells payments to refund that
    part. The buyer is mailed after commit (receivers). OrderActionRefused (nothing
    changed) for a move the states do not allow or a missing carrier, tracking
    number or reason."""
    order = _lock_order(shop_order.order_id)
    shop_order = ShopOrder.objects.select_for_update().get(pk=shop_order.pk)
    if refusal := _advance_refusal(order, shop_order, status):
        raise OrderActionRefused(refusal)
    previous = shop_order.status
    order_previous = order.status
    fields = {}
    if status == ShopOrder.Status.SHIPPED:
        if not carrier.strip() or not tracking_number.strip():
            raise OrderActionRefused(_("Give the carrier and the tracking number."))
        fields = {
            "carrier": carrier.strip()[:100],
            "tracking_number": tracking_number.strip()[:100],
        }
    if status == ShopOrder.Status.CANCELLED:
        if not reason.strip():
            raise OrderActionRefused(_("Give the reason for cancelling: the buyer reads it."))
        fields = {"cancel_reason": reason.strip()[:300]}
    shop_order.set_status(status, **fields)
    shop_orders = _lock_shop_orders(order)
    if status == ShopOrder.Status.CANCELLED:
        _return_stock(shop_order.lines.all(), order=order)
        if all(s.status == ShopOrder.Status.CANCELLED for s in shop_orders):
            order.set_status(Order.Status.CANCELLED)
        signals.order_cancelled.send(
            sender=Order,
            order=order,
            shop_orders=[shop_order],
            reason=fields["cancel_reason"],
            previous=order_previous,
            by_shop=True,
        )
    else:
        _follow_shop_orders(order, shop_orders)
    signals.shop_order_changed.send(sender=ShopOrder, shop_order=shop_order, previous=previous)
    return shop_order


@transaction.atomic
def shop_order_collect_cash(*, shop_order: ShopOrder) -> ShopOrder:
    """The courier brought the cash of a delivered cash-on-delivery order: recorded
    once (a second time is refused, OrderActionRefused), and the buyer gets a receipt
    after commit (`shop_order_cash_collected`)."""
    order = _lock_order(shop_order.order_id)
    shop_order = ShopOrder.objects.select_for_update().get(pk=shop_order.pk)
    if refusal := _collect_refusal(order, shop_order):
        raise OrderActionRefused(refusal)
    shop_order.cash_collected = True
    shop_order.save(update_fields=["cash_collected"])
    signals.shop_order_cash_collected.send(sender=ShopOrder, shop_order=shop_order)
    return shop_order


@transaction.atomic
def orders_link_to_user(*, user, email: str) -> int:
    """Guest orders placed with `email` now belong to `user` (who verified it)."""
    return Order.objects.filter(user__isnull=True, email__iexact=email).update(user=user)
