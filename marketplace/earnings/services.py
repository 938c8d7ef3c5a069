"""Writing the shops' ledger: deliveries, refunds and payouts.

Every function is keyword-only and atomic. Each one locks the order first when an
order is concerned (the lock every order change takes first, see orders.services),
then the shops whose rows it writes, in primary-key order, so that a payout checked
against a balance cannot race a delivery or a refund of the same shop.

Amounts are Decimal throughout; a commission is `items subtotal x rate / 100`
rounded to the cent, half up (12.345 -> 12.35). The rate is the shop's own
`Vendor.commission_rate`, else `settings.PLATFORM_COMMISSION_RATE`, as it stands
when the shop order is delivered (the rate kept on the commission row).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, ShopOrder
from marketplace.vendors.models import Vendor

from . import selectors
from .models import BuyerRefund, LedgerEntry, Payout

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
Kind = LedgerEntry.Kind


class PayoutRefused(Exception):
    """A payout that cannot be recorded; `errors` maps a field name (or None) to a
    translated message. Nothing was written."""

    def __init__(self, errors: dict[str | None, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def money(amount: Decimal) -> Decimal:
    """`amount` rounded to the cent, half up."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def commission_rate(vendor: Vendor) -> Decimal:
    """The percentage Souk keeps on this shop's items: its own rate, else the platform's."""
    if vendor.commission_rate is not None:
        return vendor.commission_rate
    return settings.PLATFORM_COMMISSION_RATE


def commission_on(items_subtotal: Decimal, rate: Decimal) -> Decimal:
    """The commission on an items subtotal (never on shipping), to the cent, half up."""
    return money(items_subtotal * rate / Decimal(100))


def _lock_order(order_id: int) -> Order:
    return Order.objects.select_for_update().get(pk=order_id)


def _lock_vendors(vendor_ids) -> None:
    """The shops' rows, locked FOR UPDATE in primary-key order."""
    list(
        Vendor.objects.select_for_update()
        .filter(pk__in=set(vendor_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- Deliveries -----------------------------------------------------------------------


@transaction.atomic
def ledger_record_delivery(*, shop_order: ShopOrder) -> list[LedgerEntry]:
    """A delivered shop order's rows: its sale, for cash on delivery the cash the shop
    kept, and the commission; then its share of any refund heard of before. Written
    once: a second call (or a shop order not delivered) writes nothing."""
    order = _lock_order(shop_order.order_id)
    shop_order = ShopOrder.objects.select_related("vendor").get(pk=shop_order.pk)
    if shop_order.status != ShopOrder.Status.DELIVERED:
        return []
    _lock_vendors([shop_order.vendor_id])
    if LedgerEntry.objects.filter(shop_order=shop_order, kind=Kind.SALE).exists():
        return []
    vendor = shop_order.vendor
    rate = commission_rate(vendor)
    when = timezone.now()

    def row(kind, amount, **fields):
        return LedgerEntry(
            vendor=vendor, shop_order=shop_order, kind=kind, amount=amount, created=when, **fields
        )

    rows = [
        row(
            Kind.SALE,
            shop_order.total,
            description=f"Items {shop_order.items_subtotal} + shipping {shop_order.shipping_cost}",
        )
    ]
    if order.is_cash_on_delivery:
        rows.append(
            row(Kind.CASH_KEPT, -shop_order.total, description="Cash on delivery, kept by the shop")
        )
    rows.append(
        row(
            Kind.COMMISSION,
            -commission_on(shop_order.items_subtotal, rate),
            rate=rate,
            description=f"{rate}% of items {shop_order.items_subtotal}",
        )
    )
    LedgerEntry.objects.bulk_create(rows)
    return rows + _settle_refunds(order)


# --- Refunds --------------------------------------------------------------------------


@transaction.atomic
def ledger_record_refund(*, order: Order, amount: Decimal) -> list[LedgerEntry]:
    """Money went back to the order's buyer: recorded, and the part that falls on
    shop orders already earned becomes their negative rows now (see
    `_settle_refunds`). Call once per refund (payments sends `order_refunded` once)."""
    amount = money(amount)
    if amount <= 0:
        return []
    order = _lock_order(order.pk)
    BuyerRefund.objects.create(order=order, amount=amount)
    return _settle_refunds(order)


def split(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` shared in proportion to `weights`, to the cent (half up), the last
    share taking what rounding left so that the shares add up to `amount`."""
    total = sum(weights, ZERO)
    if not weights or total <= 0 or amount <= 0:
        return [ZERO for _w in weights]
    shares = [money(amount * weight / total) for weight in weights[:-1]]
    return [*shares, amount - sum(shares, ZERO)]


def _settle_refunds(order: Order) -> list[LedgerEntry]:
    """Bring the order's refund rows in line with every refund heard of so far.

    Earnings cannot tell which shop order a refund was for (payments refunds an
    order), so: refunds go first to the order's cancelled shop orders, up to their
    totals (a cancelled shop order was never delivered, so never earned: nothing to
    take back); the rest is shared among the other shop orders in proportion to
    their totals. A shop order's share is written only once it is earned
    (delivered); until then nothing, and its delivery writes it. Each shop order
    gets the difference between its share and what its rows already say: a `refund`
    row (negative) and a `commission_refund` row (the commission on the refunded part
    of its total, which Souk gives back). Calling it again writes nothing.
    """
    refunded = BuyerRefund.objects.filter(order=order).aggregate(total=Sum("amount"))["total"]
    if not refunded:
        return []  # no refund, so no refund rows either
    shop_orders = list(ShopOrder.objects.filter(order=order).order_by("pk"))
    cancelled = sum((s.total for s in shop_orders if s.status == ShopOrder.Status.CANCELLED), ZERO)
    live = [s for s in shop_orders if s.status != ShopOrder.Status.CANCELLED]
    to_live = min(max(refunded - cancelled, ZERO), sum((s.total for s in live), ZERO))
    shares = dict(zip([s.pk for s in live], split(to_live, [s.total for s in live]), strict=True))

    _lock_vendors(s.vendor_id for s in live)
    sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for shop_order_id, kind, total in (
        LedgerEntry.objects.filter(shop_order__in=live)
        .values_list("shop_order", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        sums[shop_order_id][kind] = total

    rows = []
    when = timezone.now()
    for shop_order in live:
        has = sums[shop_order.pk]
        if Kind.SALE not in has:
            continue  # not earned yet: its delivery applies its share
        share = shares[shop_order.pk]
        refund_due = -share - has.get(Kind.REFUND, ZERO)
        commission = -has.get(Kind.COMMISSION, ZERO)
        back = money(commission * share / shop_order.total) if shop_order.total else ZERO
        back_due = back - has.get(Kind.COMMISSION_REFUND, ZERO)
        common = {"vendor_id": shop_order.vendor_id, "shop_order": shop_order, "created": when}
        if refund_due:
            rows.append(
                LedgerEntry(
                    kind=Kind.REFUND,
                    amount=refund_due,
                    description=f"Share of {share} refunded to the buyer",
                    **common,
                )
            )
        if back_due:
            rows.append(
                LedgerEntry(
                    kind=Kind.COMMISSION_REFUND,
                    amount=back_due,
                    description=f"Commission on {share} refunded",
                    **common,
                )
            )
    LedgerEntry.objects.bulk_create(rows)
    return rows


# --- Payouts --------------------------------------------------------------------------


def payout_problems(
    *, vendor: Vendor, amount, reference: str, paid_on: date, recorded_by=None
) -> dict[str | None, str]:
    """What stops this payout from being recorded (field -> translated message);
    empty when nothing does. `payout_record` checks it again under the shop's lock;
    the admin's form shows it first."""
    problems: dict[str | None, str] = {}
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        problems["amount"] = _("The amount must be more than zero.")
    elif amount != money(amount):
        problems["amount"] = _("The amount has at most two decimals.")
    else:
        balance = selectors.shop_balance(vendor=vendor)
        if amount > balance:
            problems["amount"] = _(
                "%(shop)s is owed %(balance)s: a payout cannot be more than that."
            ) % {"shop": vendor.name, "balance": balance}
    if not (reference or "").strip():
        problems["reference"] = _("Give the bank transfer's reference.")
    elif Payout.objects.filter(vendor=vendor, reference=reference.strip()).exists():
        problems["reference"] = _("A payout with this reference is already recorded.")
    if paid_on is None:
        problems["paid_on"] = _("Give the date of the transfer.")
    elif paid_on > timezone.localdate():
        problems["paid_on"] = _("The transfer's date cannot be in the future.")
    if recorded_by is not None and not recorded_by.is_staff:
        problems[None] = _("Only Souk's staff record payouts.")
    return problems


@transaction.atomic
def payout_record(
    *, vendor: Vendor, amount: Decimal, reference: str, paid_on: date, recorded_by, note: str = ""
) -> Payout:
    """Staff paid `amount` into the shop's account: a Payout and its ledger row
    (-amount). Refused (PayoutRefused, nothing written) for an amount of zero or
    less, above the shop's balance, with more than two decimals; a reference already
    used for this shop (a form sent twice); a date in the future; a user who is not
    staff."""
    _lock_vendors([vendor.pk])
    problems = payout_problems(
        vendor=vendor, amount=amount, reference=reference, paid_on=paid_on, recorded_by=recorded_by
    )
    if problems:
        raise PayoutRefused(problems)
    amount = money(amount)
    payout = Payout.objects.create(
        vendor=vendor,
        amount=amount,
        reference=reference.strip(),
        paid_on=paid_on,
        recorded_by=recorded_by,
        note=note.strip(),
    )
    LedgerEntry.objects.create(
        vendor=vendor,
        payout=payout,
        kind=Kind.PAYOUT,
        amount=-amount,
        created=payout.created,
        description=f"Transfer {payout.reference} of {paid_on:%Y-%m-%d}",
    )
    return payout
