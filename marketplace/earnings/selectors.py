"""Reading the shops' ledger: balances and statements.

A balance is always the sum of the shop's rows (no stored total). Query counts are
in each function's docstring.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from django.db.models import DecimalField, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from marketplace.orders.models import Order
from marketplace.vendors.models import Vendor

from .models import LedgerEntry, Payout

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
Kind = LedgerEntry.Kind


def _sum(expression: str = "amount", **kwargs):
    return Coalesce(
        Sum(expression, **kwargs),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def _cents(amount: Decimal) -> Decimal:
    """SQLite's sums come back without their trailing zeros (251 for 251.00)."""
    return amount.quantize(CENT)


def shop_balance(*, vendor: Vendor) -> Decimal:
    """What Souk owes the shop now (negative: what the shop owes Souk), delivered
    sales less commissions, refunds and payouts. One query."""
    return _cents(LedgerEntry.objects.of_shop(vendor).aggregate(balance=_sum())["balance"])


def balance_expression():
    """A shop's balance as a query expression: the sum of its ledger rows."""
    return _sum("ledger_entries__amount")


def balances_due() -> QuerySet[Vendor]:
    """Every shop Souk owes money to, with `balance` (Decimal; on SQLite without its
    trailing zeros), largest first. One query (an aggregate over the ledger); filter
    or slice it further as needed."""
    return (
        Vendor.objects.annotate(balance=balance_expression())
        .filter(balance__gt=0)
        .order_by("-balance", "name")
    )


@dataclass
class ShopOrderLine:
    """A statement's line for one shop order: the sum of its rows in the period."""

    number: str
    method: str  # Order.Method value
    date: datetime  # its first row in the period
    gross: Decimal = ZERO
    commission: Decimal = ZERO
    cash_kept: Decimal = ZERO
    adjustments: Decimal = ZERO  # refunds, less the commission given back

    @property
    def net(self) -> Decimal:
        return self.gross + self.commission + self.cash_kept + self.adjustments

    @property
    def is_cash_on_delivery(self) -> bool:
        return self.method == Order.Method.CASH_ON_DELIVERY

    @property
    def method_label(self) -> str:
        return Order.Method(self.method).label


@dataclass
class Statement:
    """A shop's ledger over a period [start, end): opening balance, its rows (by shop
    order, and its payouts), closing balance; and the balance now."""

    vendor: Vendor
    start: datetime
    end: datetime
    opening: Decimal
    balance: Decimal
    first_entry: datetime | None
    entries: list[LedgerEntry] = field(default_factory=list)

    @property
    def closing(self) -> Decimal:
        return self.opening + sum((e.amount for e in self.entries), ZERO)

    @cached_property
    def lines(self) -> list[ShopOrderLine]:
        """One line per shop order with rows in the period, newest first."""
        lines: dict[int, ShopOrderLine] = {}
        for entry in self.entries:
            if entry.shop_order_id is None:
                continue
            line = lines.get(entry.shop_order_id)
            if line is None:
                order = entry.shop_order.order
                line = lines[entry.shop_order_id] = ShopOrderLine(
                    number=order.number, method=order.payment_method, date=entry.created
                )
            if entry.kind == Kind.SALE:
                line.gross += entry.amount
            elif entry.kind == Kind.COMMISSION:
                line.commission += entry.amount
            elif entry.kind == Kind.CASH_KEPT:
                line.cash_kept += entry.amount
            else:
                line.adjustments += entry.amount
        return sorted(lines.values(), key=lambda line: line.date, reverse=True)

    @cached_property
    def payouts(self) -> list[Payout]:
        """The payouts recorded in the period, newest first."""
        return [e.payout for e in reversed(self.entries) if e.kind == Kind.PAYOUT]

    def totals(self) -> ShopOrderLine:
        """The lines added up (number and method empty)."""
        total = ShopOrderLine(number="", method="", date=self.start)
        for line in self.lines:
            total.gross += line.gross
            total.commission += line.commission
            total.cash_kept += line.cash_kept
            total.adjustments += line.adjustments
        return total

    @property
    def paid_out(self) -> Decimal:
        """The period's payout rows added up (zero or negative, as on the ledger)."""
        return sum((e.amount for e in self.entries if e.kind == Kind.PAYOUT), ZERO)

    def running(self) -> Iterator[tuple[LedgerEntry, Decimal]]:
        """Each row, oldest first, with the balance after it."""
        balance = self.opening
        for entry in self.entries:
            balance += entry.amount
            yield entry, balance


def statement(*, vendor: Vendor, start: datetime, end: datetime) -> Statement:
    """The shop's statement for [start, end). Two queries: the balances (now and at
    `start`) with the date of the shop's first row in one aggregate, then the
    period's rows with their shop orders, orders and payouts."""
    ledger = LedgerEntry.objects.of_shop(vendor)
    figures = ledger.aggregate(
        balance=_sum(),
        opening=_sum(filter=Q(created__lt=start)),
        first=Min("created"),
    )
    return Statement(
        vendor=vendor,
        start=start,
        end=end,
        opening=_cents(figures["opening"]),
        balance=_cents(figures["balance"]),
        first_entry=figures["first"],
        entries=list(ledger.between(start, end).for_statement()),
    )
