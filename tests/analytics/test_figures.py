"""Staff read the marketplace's figures for a period: every figure checked against
totals computed by hand on a small fixed set of orders, with days as Casablanca
counts them."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from marketplace.analytics.selectors import Period, figures
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_cancel, shop_order_advance
from marketplace.vendors.models import Vendor
from tests.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")
URL = reverse("analytics:figures")


@pytest.fixture(autouse=True)
def _flat_shipping(settings):
    settings.SHIPPING_DEFAULT_RATE = Decimal("30.00")
    settings.SHIPPING_DEFAULT_FREE_ABOVE = Decimal("500.00")


def placed_at(order: Order, local: datetime) -> Order:
    Order.objects.filter(pk=order.pk).update(created=local.replace(tzinfo=CASABLANCA))
    return order


@pytest.fixture
def orders(buy, user, tagine, rug):
    """Four orders in November 2026 (times in Casablanca):
    - 10 Nov 23:30: 2 tagines (240 + 30 shipping) and a rug (900, ships free) = 1170;
    - 11 Nov 00:30: 1 tagine = 120 + 30 = 150 (the same UTC day as the first);
    - 11 Nov 09:00: a rug = 900, then cancelled: not a sale;
    - 12 Nov 10:00: 2 tagines and a rug, the rug's shop cancels its part: 270 counts.
    """
    first = placed_at(buy(user=user), datetime(2026, 11, 10, 23, 30))
    second = placed_at(buy(user=user, lines={tagine: 1}), datetime(2026, 11, 11, 0, 30))
    cancelled = buy(user=user, lines={rug: 1})
    order_cancel(order=cancelled, reason="Changed my mind")
    placed_at(cancelled, datetime(2026, 11, 11, 9, 0))
    partly = placed_at(buy(user=user), datetime(2026, 11, 12, 10, 0))
    shop_order_advance(
        shop_order=partly.shop_orders.get(vendor=rug.product.vendor),
        status=ShopOrder.Status.CANCELLED,
        reason="Out of wool",
    )
    return first, second, cancelled, partly


def test_gross_value_orders_and_average_per_casablanca_day(orders):
    data = figures(Period(date(2026, 11, 10), date(2026, 11, 12)))

    by_day = {d.day: (d.orders, d.gmv) for d in data.days}
    assert by_day == {
        date(2026, 11, 10): (1, Decimal("1170.00")),
        date(2026, 11, 11): (1, Decimal("150.00")),
        date(2026, 11, 12): (1, Decimal("270.00")),
    }
    assert data.gmv == Decimal("1590.00")
    assert data.orders == 3
    assert data.average == Decimal("530.00")


def test_a_period_counts_only_its_own_days(orders):
    data = figures(Period(date(2026, 11, 11), date(2026, 11, 11)))
    assert (data.orders, data.gmv) == (1, Decimal("150.00"))


def test_orders_by_state_top_shops_and_top_products(orders, shop, other_shop):
    data = figures(Period(date(2026, 11, 1), date(2026, 11, 30)))

    states = {value: n for value, _label, n in data.by_state}
    assert states[Order.Status.CONFIRMED] == 3 and states[Order.Status.CANCELLED] == 1
    assert [(r["vendor__name"], r["orders"], r["gmv"]) for r in data.top_shops] == [
        ("Atelier Fassi", 3, Decimal("690.00")),  # 270 + 150 + 270
        ("Coopérative Tafraout", 1, Decimal("900.00")),
    ][::-1]
    assert [(r["name"], r["units"], r["revenue"]) for r in data.top_products] == [
        ("Wool rug", 1, Decimal("900.00")),
        ("Blue tagine", 5, Decimal("600.00")),
    ]


def test_shops_awaiting_approval_oldest_first(db):
    VendorFactory(
        name="Second",
        status=Vendor.Status.PENDING,
        applied_at=datetime(2026, 11, 2, tzinfo=CASABLANCA),
    )
    VendorFactory(
        name="First",
        status=Vendor.Status.PENDING,
        applied_at=datetime(2026, 11, 1, tzinfo=CASABLANCA),
    )
    data = figures(Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert data.pending_shops_count == 2
    assert [v.name for v in data.pending_shops] == ["First", "Second"]


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss@souk.local", "x-Pass-9876"))
    return client


def test_the_page_shows_the_figures_in_a_fixed_number_of_queries(
    staff_client, orders, django_assert_num_queries
):
    with django_assert_num_queries(FIGURES_PAGE_QUERIES):
        page = staff_client.get(URL, {"first": "2026-11-10", "last": "2026-11-12"})
    assert page.status_code == 200
    assert "1,590.00" in page.text and "530.00" in page.text
    assert '<svg class="bar-chart"' in page.text


def test_each_table_exports_as_csv(staff_client, orders):
    response = staff_client.get(
        URL, {"first": "2026-11-10", "last": "2026-11-12", "export": "daily"}
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Day,Orders")
    assert lines[1:] == [
        "2026-11-10,1,1170.00,1170.00",
        "2026-11-11,1,150.00,150.00",
        "2026-11-12,1,270.00,270.00",
    ]
    for table in ("states", "shops", "products", "commission", "payouts"):
        assert staff_client.get(URL, {"export": table}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"first": "2026-13-45"},
        {"first": "2026-11-12", "last": "2026-11-01"},
        {"first": "2020-01-01", "last": "2026-11-01"},
        {"export": "passwords"},
    ],
)
def test_a_bad_period_or_table_is_a_400_with_the_reason(staff_client, query):
    response = staff_client.get(URL, query)
    assert response.status_code == 400


def test_only_staff_see_the_figures(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_index_links_to_the_figures(staff_client):
    assert URL in staff_client.get(reverse("admin:index")).text


# Session and user, then: days, states, shops, products, pending shops and their
# count, reported reviews, commission per shop, payouts due.
FIGURES_PAGE_QUERIES = 10


def test_commission_earned_and_payouts_due_come_from_the_ledgers(orders, settings, shop):
    from marketplace.orders.models import ShopOrder as SO
    from marketplace.orders.services import shop_order_advance as advance

    settings.PLATFORM_COMMISSION_RATE = Decimal("10.00")
    first = orders[0]
    for shop_order in first.shop_orders.order_by("pk"):
        for status in (SO.Status.SHIPPED, SO.Status.DELIVERED):
            advance(shop_order=shop_order, status=status, carrier="Amana", tracking_number="A1")
    today = date.today()
    data = figures(Period(today - timedelta(days=1), today + timedelta(days=1)))
    # Cash on delivery: each shop kept the cash and owes 10 % of its items.
    assert {r["vendor__name"]: r["commission"] for r in data.commission_by_shop} == {
        "Coopérative Tafraout": Decimal("90.00"),
        "Atelier Fassi": Decimal("24.00"),
    }
    assert data.commission == Decimal("114.00")
    assert data.payouts_due == [] and data.due == Decimal("0.00")
