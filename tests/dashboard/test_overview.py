"""The overview: the shop's sales and orders this week and this month, the orders
waiting for it, the variants to restock and a chart of the last 30 days' sales."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.dashboard.sales import sales_chart, shop_figures
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_cancel, order_mark_paid, shop_order_advance
from tests.orders import conftest as orders_fixtures

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboard:overview")

# Orders are placed through the real place_order (tests/orders/conftest.py): `buy`,
# with Atelier Fassi's `tagine` (120 MAD, 20 in stock) and Coopérative Tafraout's
# `rug` (900 MAD, another shop's).
tagine = orders_fixtures.tagine
rug = orders_fixtures.rug
buy = orders_fixtures.buy


def placed_at(order: Order, when: datetime) -> Order:
    """Backdate an order and its shop orders."""
    Order.objects.filter(pk=order.pk).update(created=when)
    ShopOrder.objects.filter(order=order).update(created=when)
    return order


def local(*args) -> datetime:
    """A time in the shop's time zone (settings.TIME_ZONE: Morocco, UTC+1)."""
    return timezone.make_aware(datetime(*args))


# --- What a sale is ------------------------------------------------------------------


def test_a_sale_is_a_standing_order_paid_or_to_be_paid_in_cash(buy, user, tagine, rug, shop):
    cash = buy(user=user, lines={tagine: 2, rug: 1})  # confirmed: a sale (2 x 120)
    unpaid = buy(user=user, method=Order.Method.CARD, lines={tagine: 1})
    paid = buy(user=user, method=Order.Method.CARD, lines={tagine: 3})
    order_mark_paid(order=paid)
    cancelled = buy(user=user, lines={tagine: 5})
    order_cancel(order=cancelled)
    sales = ShopOrder.objects.for_vendor(shop).sales()
    assert set(sales.values_list("order_id", flat=True)) == {cash.pk, paid.pk}
    assert unpaid.pk not in sales.values_list("order_id", flat=True)
    figures = shop_figures(shop)
    assert (figures.week_sales, figures.week_orders) == (Decimal("600.00"), 2)


def test_a_part_the_shop_cancelled_is_no_longer_a_sale(buy, user, tagine, shop):
    order = buy(user=user, lines={tagine: 2})
    shop_order_advance(
        shop_order=order.shop_orders.get(), status=ShopOrder.Status.CANCELLED, reason="Out of clay"
    )
    assert not ShopOrder.objects.for_vendor(shop).sales().exists()


def test_a_refunded_order_is_no_longer_a_sale(buy, user, tagine, shop):
    order = buy(user=user, method=Order.Method.CARD, lines={tagine: 1})
    order_mark_paid(order=order)
    Order.objects.get(pk=order.pk).set_status(Order.Status.REFUNDED)
    assert not ShopOrder.objects.for_vendor(shop).sales().exists()


def test_another_shops_sales_are_not_counted(buy, user, rug, shop):
    buy(user=user, lines={rug: 2})
    figures = shop_figures(shop)
    assert (figures.month_sales, figures.month_orders) == (Decimal("0.00"), 0)


# --- This week, this month, in the shop's time zone -------------------------------------


def test_weeks_start_on_monday_and_months_on_the_first_in_the_shops_time_zone(
    buy, user, tagine, shop
):
    today = date(2026, 6, 17)  # a Wednesday; Morocco is at UTC+1
    # Monday 00:30 in Fès is still Sunday in UTC: this week all the same.
    placed_at(buy(user=user, lines={tagine: 1}), local(2026, 6, 15, 0, 30))
    placed_at(buy(user=user, lines={tagine: 2}), local(2026, 6, 14, 23, 30))  # Sunday
    placed_at(buy(user=user, lines={tagine: 3}), local(2026, 6, 1, 0, 5))  # the 1st
    placed_at(buy(user=user, lines={tagine: 4}), local(2026, 5, 31, 23, 55))  # May
    figures = shop_figures(shop, today=today)
    assert (figures.week_sales, figures.week_orders) == (Decimal("120.00"), 1)
    assert (figures.month_sales, figures.month_orders) == (Decimal("720.00"), 3)


def test_the_overview_shows_this_weeks_and_this_months_figures(owner_client, buy, user, tagine):
    buy(user=user, lines={tagine: 2})
    html = owner_client.get(OVERVIEW).text
    week = html[html.index('id="overview-week"') :]
    assert "240.00" in week[: week.index("</div>")] and "1 order" in week
    month = html[html.index('id="overview-month"') :]
    assert "240.00" in month[: month.index("</div>")]


# --- Orders waiting ----------------------------------------------------------------------


def test_orders_waiting_are_counted_by_status_and_link_to_the_orders_section(
    owner_client, buy, user, tagine
):
    buy(user=user, lines={tagine: 1})
    buy(user=user, lines={tagine: 1})
    preparing = buy(user=user, lines={tagine: 1})
    shop_order_advance(shop_order=preparing.shop_orders.get(), status=ShopOrder.Status.PROCESSING)
    shipped = buy(user=user, lines={tagine: 1})
    shop_order_advance(
        shop_order=shipped.shop_orders.get(),
        status=ShopOrder.Status.SHIPPED,
        carrier="Amana",
        tracking_number="AM123",
    )
    buy(user=user, method=Order.Method.CARD, lines={tagine: 1})  # not paid: nothing to do yet
    html = owner_client.get(OVERVIEW).text
    orders = reverse("dashboard:orders")
    assert f'<a href="{orders}?status=new">2 new orders to accept</a>' in html
    assert f'<a href="{orders}?status=processing">1 order being prepared</a>' in html


# --- Low stock -------------------------------------------------------------------------


def test_low_stock_lists_the_shops_active_variants_at_or_under_their_threshold(
    owner_client, make_product, other_shop
):
    make_product("Bowl", variants=[{"sku": "LOW-2", "stock": 2}, {"sku": "OK-9", "stock": 9}])
    make_product("Cup", variants=[{"sku": "OUT-0", "stock": 0}])
    make_product("Plate", variants=[{"sku": "OFF-1", "stock": 1, "is_active": False}])
    make_product(
        "Old jug", status=Product.Status.DISCONTINUED, variants=[{"sku": "OLD-1", "stock": 1}]
    )
    make_product("Rug", vendor=other_shop, variants=[{"sku": "RUG-1", "stock": 1}])
    html = owner_client.get(OVERVIEW).text
    section = html[html.index('id="overview-low-stock-heading"') :]
    assert "LOW-2" in section and "OUT-0" in section and "Sold out" in section
    assert "2 left (alert at 3)" in section
    for sku in ("OK-9", "OFF-1", "OLD-1", "RUG-1"):
        assert sku not in html
    assert f'href="{reverse("dashboard:stock")}?low=1"' in section
    assert "See all 2 variants with low stock" in section


def test_low_stock_shows_the_ten_with_fewest_left_and_counts_them_all(owner_client, make_product):
    make_product("Cup", variants=[{"sku": f"CUP-{n}", "stock": n % 3} for n in range(14)])
    response = owner_client.get(OVERVIEW)
    assert len(response.context["low_variants"]) == 10
    assert [v.stock for v in response.context["low_variants"]][:5] == [0, 0, 0, 0, 0]
    assert "See all 14 variants with low stock" in response.text


def test_nothing_to_restock_is_said_so(owner_client, make_product):
    make_product("Bowl", variants=[{"stock": 50}])
    assert "Nothing to restock" in owner_client.get(OVERVIEW).text


# --- The chart ------------------------------------------------------------------------


def test_the_chart_has_a_bar_per_day_with_sales_and_a_table_of_the_figures(
    owner_client, buy, user, tagine
):
    buy(user=user, lines={tagine: 2})
    placed_at(buy(user=user, lines={tagine: 1}), timezone.now() - timedelta(days=3))
    placed_at(buy(user=user, lines={tagine: 5}), timezone.now() - timedelta(days=31))  # too old
    html = owner_client.get(OVERVIEW).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="sales-chart-title sales-chart-desc"' in svg
    assert '<title id="sales-chart-title">Daily sales, last 30 days</title>' in svg
    assert "360.00\xa0MAD from 2 orders; the best day brought 240.00\xa0MAD" in svg
    assert svg.count('<rect class="sales-chart-bar') == 2
    table = html[html.index('<table class="sales-chart-data">') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="row">') == 30
    assert "240.00\xa0MAD</td><td>1</td>" in table


def test_a_day_is_a_day_in_the_shops_time_zone(buy, user, tagine, shop):
    today = date(2026, 6, 17)
    # 00:30 on 16 June in Fès is 23:30 on 15 June in UTC.
    placed_at(buy(user=user, lines={tagine: 1}), local(2026, 6, 16, 0, 30))
    chart = sales_chart(shop, today=today)
    by_day = {bar.day: bar.sales for bar in chart.bars}
    assert by_day[date(2026, 6, 16)] == Decimal("120.00")
    assert by_day[date(2026, 6, 15)] == Decimal("0.00")
    assert len(chart.bars) == 30 and chart.bars[-1].day == today


def test_time_runs_in_the_reading_direction_on_the_arabic_page(owner_client, buy, user, tagine):
    buy(user=user, lines={tagine: 1})  # today: the last bar

    def today_bar_x(url: str) -> float:
        svg = owner_client.get(url).text
        return float(re.search(r'sales-chart-today" x="([\d.]+)"', svg).group(1))

    assert today_bar_x("/en/dashboard/") > 500  # at the right end
    assert today_bar_x("/ar/dashboard/") < 100  # at the left end, where Arabic ends


def test_a_shop_without_sales_gets_an_empty_chart_that_says_so(owner_client):
    html = owner_client.get(OVERVIEW).text
    assert '<desc id="sales-chart-desc">No sales in the last 30 days.</desc>' in html
    assert "<rect" not in html


# --- The page ---------------------------------------------------------------------------


def test_the_page_has_no_inline_style_or_script_and_is_translated(owner_client, buy, user, tagine):
    buy(user=user, lines={tagine: 1})
    for url in ("/en/dashboard/", "/fr/dashboard/", "/ar/dashboard/"):
        response = owner_client.get(url)
        assert response.status_code == 200
        assert " style=" not in response.text and "<script>" not in response.text
    assert 'dir="rtl"' in owner_client.get("/ar/dashboard/").text


def test_the_latest_reviews_of_the_shops_products_show_unanswered_ones_marked(
    owner_client, make_product, user
):
    from tests.reviews.helpers import review

    cup = make_product("Cup", variants=[{"stock": 5}])
    review(user, cup, rating=4, text="Lovely glaze, a little smaller than I thought.")
    response = owner_client.get(OVERVIEW)
    assert [r.product for r in response.context["latest_reviews"]] == [cup]
    assert "Lovely glaze" in response.text and "Not answered" in response.text


def test_an_overview_without_reviews_says_so(owner_client):
    assert "No reviews yet." in owner_client.get(OVERVIEW).text


@pytest.mark.parametrize("orders", [1, 6])
def test_the_overview_queries_do_not_grow_with_the_orders(
    owner_client,
    buy,
    user,
    tagine,
    make_product,
    django_assert_num_queries,
    lazy_loads_raise,
    orders,
):
    make_product("Cup", variants=[{"sku": f"CUP-{n}", "stock": 1} for n in range(3)])
    for _n in range(orders):
        buy(user=user, lines={tagine: 1})
    owner_client.get(OVERVIEW)  # the category menu is cached from now on
    # user, membership with its shop, cart counter, week and month (1 aggregate),
    # orders waiting (1 aggregate), the chart (1 grouped query), low-stock variants,
    # the latest reviews
    with django_assert_num_queries(8):
        assert owner_client.get(OVERVIEW).status_code == 200


def test_with_more_low_stock_variants_than_shown_one_query_counts_them(
    owner_client, make_product, django_assert_num_queries
):
    make_product("Cup", variants=[{"sku": f"CUP-{n}", "stock": 1} for n in range(12)])
    owner_client.get(OVERVIEW)
    with django_assert_num_queries(9):
        assert owner_client.get(OVERVIEW).status_code == 200
