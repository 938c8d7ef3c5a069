"""The marketplace's figures for staff, over a period of days in the marketplace's
time zone (settings.TIME_ZONE: a day is a day in Casablanca).

Every figure is aggregated by the database; Python only fills in the days that had
no sale. What counts as a sale: a shop's part of an order that is not cancelled,
in an order that is paid or confirmed (cash on delivery) or on its way or
delivered; orders awaiting card payment, cancelled or refunded are left out.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DecimalField, Min, Sum, Value
from django.db.models.functions import Coalesce, TruncDate

from marketplace.earnings.models import LedgerEntry
from marketplace.earnings.selectors import balances_due
from marketplace.orders.models import Order, OrderLine, ShopOrder
from marketplace.reviews.models import Review
from marketplace.vendors.models import Vendor

SALE_STATUSES = (
    Order.Status.PAID,
    Order.Status.CONFIRMED,
    Order.Status.PARTLY_SHIPPED,
    Order.Status.SHIPPED,
    Order.Status.DELIVERED,
)
TOP = 10
ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
CENT = Decimal("0.01")


def _money(value) -> Decimal:
    """An amount as SQLite and PostgreSQL both give it back: to the cent."""
    return Decimal(value or 0).quantize(CENT)


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def bounds(self) -> tuple[datetime, datetime]:
        """The period's first and last instants, local midnight to midnight."""
        zone = ZoneInfo(settings.TIME_ZONE)
        start = datetime.combine(self.first, time.min, tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=zone)
        return start, end


@dataclass(frozen=True)
class Day:
    day: date
    orders: int
    gmv: Decimal

    @property
    def average(self) -> Decimal:
        return (self.gmv / self.orders).quantize(CENT) if self.orders else ZERO


@dataclass
class Figures:
    period: Period
    days: list[Day]
    by_state: list[tuple[str, str, int]]  # (status, label, orders)
    top_shops: list[dict]
    top_products: list[dict]
    pending_shops: list[Vendor]
    pending_shops_count: int
    reported_reviews: int
    commission_by_shop: list[dict]
    payouts_due: list[dict]

    @property
    def gmv(self) -> Decimal:
        return sum((d.gmv for d in self.days), ZERO)

    @property
    def orders(self) -> int:
        return sum(d.orders for d in self.days)

    @property
    def average(self) -> Decimal:
        return (self.gmv / self.orders).quantize(CENT) if self.orders else ZERO

    @property
    def commission(self) -> Decimal:
        return sum((row["commission"] for row in self.commission_by_shop), ZERO)

    @property
    def due(self) -> Decimal:
        return sum((row["balance"] for row in self.payouts_due), ZERO)


def sales(period: Period):
    """The shop orders that count as sales, placed within the period."""
    start, end = period.bounds()
    return ShopOrder.objects.filter(
        order__created__gte=start,
        order__created__lt=end,
        order__status__in=SALE_STATUSES,
    ).exclude(status=ShopOrder.Status.CANCELLED)


def daily(period: Period) -> list[Day]:
    zone = ZoneInfo(settings.TIME_ZONE)
    rows = {
        row["day"]: row
        for row in sales(period)
        .annotate(day=TruncDate("order__created", tzinfo=zone))
        .values("day")
        .annotate(orders=Count("order_id", distinct=True), gmv=Sum("total"))
        .order_by()
    }
    return [
        Day(day, rows[day]["orders"], _money(rows[day]["gmv"]))
        if day in rows
        else Day(day, 0, ZERO)
        for day in period.days
    ]


def orders_by_state(period: Period) -> list[tuple[str, str, int]]:
    start, end = period.bounds()
    counts = dict(
        Order.objects.filter(created__gte=start, created__lt=end)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in Order.Status.choices]


def top_shops(period: Period, limit: int = TOP) -> list[dict]:
    rows = (
        sales(period)
        .values("vendor_id", "vendor__name")
        .annotate(orders=Count("id"), gmv=Sum("total"), items=Sum("items_subtotal"))
        .order_by("-gmv", "vendor__name")[:limit]
    )
    return [{**row, "gmv": _money(row["gmv"]), "items": _money(row["items"])} for row in rows]


def top_products(period: Period, limit: int = TOP) -> list[dict]:
    rows = (
        OrderLine.objects.filter(shop_order__in=sales(period))
        .values("product_id")
        .annotate(
            name=Min("product_name"),
            shop=Min("shop_order__vendor__name"),
            units=Sum("quantity"),
            revenue=Coalesce(
                Sum("line_total"),
                Value(ZERO),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
        .order_by("-revenue", "name")[:limit]
    )
    return [{**row, "revenue": _money(row["revenue"])} for row in rows]


def commission_by_shop(period: Period) -> list[dict]:
    """Commission Souk earned from each shop in the period, from the shops' ledgers:
    commissions on deliveries less commissions given back on refunds (rows dated
    when they were written)."""
    start, end = period.bounds()
    rows = (
        LedgerEntry.objects.filter(
            created__gte=start,
            created__lt=end,
            kind__in=[LedgerEntry.Kind.COMMISSION, LedgerEntry.Kind.COMMISSION_REFUND],
        )
        .values("vendor_id", "vendor__name")
        .annotate(commission=-Sum("amount"))
        .order_by("-commission", "vendor__name")
    )
    return [{**row, "commission": _money(row["commission"])} for row in rows]


def payouts_due() -> list[dict]:
    """Every shop Souk owes money to today, largest first (the balances due)."""
    rows = balances_due().values("pk", "name", "balance")
    return [{**row, "balance": _money(row["balance"])} for row in rows]


def figures(period: Period) -> Figures:
    pending = Vendor.objects.pending().order_by("applied_at", "pk")
    return Figures(
        period=period,
        days=daily(period),
        by_state=orders_by_state(period),
        top_shops=top_shops(period),
        top_products=top_products(period),
        pending_shops=list(pending[:5]),
        pending_shops_count=pending.count(),
        reported_reviews=Review.objects.reported().count(),
        commission_by_shop=commission_by_shop(period),
        payouts_due=payouts_due(),
    )
