"""The overview's figures: a shop's sales and orders this week and this month, the
orders waiting for it, its low-stock variants and the daily sales chart.

Everything is counted and summed by the database (`ShopOrder.objects.sales()` says
what a sale is); Python only lays out the chart's 30 points. Weeks start on Monday
and days end at midnight in the shop's time zone (`settings.TIME_ZONE`, the
marketplace's: Morocco).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from marketplace.catalog.models import LISTING_DEFERRED_FIELDS, Variant
from marketplace.orders.models import ShopOrder
from marketplace.vendors.models import Vendor

CHART_DAYS = 30
LOW_STOCK_SHOWN = 10
# The chart's drawing area (SVG user units); the browser scales it to the page.
CHART_WIDTH = 600
CHART_HEIGHT = 180
CHART_AXIS = 20  # room under the bars for the day labels
CHART_GAP = 2


def _money_sum(field: str, **filters) -> Coalesce:
    return Coalesce(
        Sum(field, filter=Q(**filters)),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Figures:
    week_sales: Decimal
    week_orders: int
    month_sales: Decimal
    month_orders: int
    new_orders: int
    processing_orders: int

    @property
    def waiting_orders(self) -> int:
        return self.new_orders + self.processing_orders


def shop_figures(shop: Vendor, *, today: date | None = None) -> Figures:
    """This week's and this month's sales and orders (1 query) and the orders
    waiting for the shop (1 query)."""
    today = today or timezone.localdate()
    week_start = _local_midnight(today - timedelta(days=today.weekday()))
    month_start = _local_midnight(today.replace(day=1))
    sold = ShopOrder.objects.for_vendor(shop).sales()
    periods = sold.filter(created__gte=min(week_start, month_start)).aggregate(
        week_sales=_money_sum("items_subtotal", created__gte=week_start),
        week_orders=Count("pk", filter=Q(created__gte=week_start)),
        month_sales=_money_sum("items_subtotal", created__gte=month_start),
        month_orders=Count("pk", filter=Q(created__gte=month_start)),
    )
    waiting = (
        ShopOrder.objects.for_vendor(shop)
        .awaiting_action()
        .aggregate(
            new_orders=Count("pk", filter=Q(status=ShopOrder.Status.NEW)),
            processing_orders=Count("pk", filter=Q(status=ShopOrder.Status.PROCESSING)),
        )
    )
    return Figures(**periods, **waiting)


def low_stock(shop: Vendor) -> tuple[list[Variant], int]:
    """The variants most in need of restocking (fewest left first) and how many
    there are in all (2 queries)."""
    variants = Variant.objects.of_vendor(shop).low_stock()
    shown = list(
        variants.select_related("product")
        .defer(*(f"product__{name}" for name in LISTING_DEFERRED_FIELDS))
        .order_by("stock", "pk")[:LOW_STOCK_SHOWN]
    )
    total = len(shown) if len(shown) < LOW_STOCK_SHOWN else variants.count()
    return shown, total


@dataclass(frozen=True)
class Bar:
    day: date
    sales: Decimal
    orders: int
    x: float
    y: float
    width: float
    height: float
    is_today: bool


@dataclass(frozen=True)
class Label:
    """A day named under the axis: x, and which end of the text sits there."""

    day: date
    x: float
    anchor: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    labels: list[Label]
    highest: Decimal
    total: Decimal
    orders: int
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    baseline: int = CHART_HEIGHT - CHART_AXIS
    label_y: int = CHART_HEIGHT - 5


def sales_chart(shop: Vendor, *, today: date | None = None, rtl: bool = False) -> Chart:
    """Daily sales of the last 30 days (today included) as bars, from one grouped
    query. Time runs in the reading direction: oldest day at the start side, at the
    left, or at the right on a right-to-left page (`rtl`)."""
    today = today or timezone.localdate()
    first_day = today - timedelta(days=CHART_DAYS - 1)
    rows = (
        ShopOrder.objects.for_vendor(shop)
        .sales()
        .filter(created__gte=_local_midnight(first_day))
        .annotate(day=TruncDate("created", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(sales=Sum("items_subtotal"), orders=Count("pk"))
    )
    by_day = {row["day"]: row for row in rows}
    highest = max((row["sales"] for row in by_day.values()), default=Decimal("0"))
    slot = CHART_WIDTH / CHART_DAYS
    room = CHART_HEIGHT - CHART_AXIS - 10  # 10: headroom above the highest bar
    bars = []
    for index in range(CHART_DAYS):
        day = first_day + timedelta(days=index)
        row = by_day.get(day, {"sales": Decimal("0.00"), "orders": 0})
        height = float(row["sales"] / highest) * room if highest else 0.0
        position = CHART_DAYS - 1 - index if rtl else index
        bars.append(
            Bar(
                day=day,
                sales=row["sales"],
                orders=row["orders"],
                x=round(position * slot + CHART_GAP / 2, 2),
                y=round(CHART_HEIGHT - CHART_AXIS - height, 2),
                width=round(slot - CHART_GAP, 2),
                height=round(height, 2),
                is_today=day == today,
            )
        )
    # The oldest day and today, under their bars, each text kept inside the drawing.
    oldest, newest = bars[0], bars[-1]
    labels = [
        Label(oldest.day, oldest.x + oldest.width if rtl else oldest.x, "end" if rtl else "start"),
        Label(newest.day, newest.x if rtl else newest.x + newest.width, "start" if rtl else "end"),
    ]
    return Chart(
        bars=bars,
        labels=labels,
        highest=highest,
        total=sum((bar.sales for bar in bars), Decimal("0.00")),
        orders=sum(bar.orders for bar in bars),
    )
