"""Earnings in the dashboard: the shop's balance, its month's statement per shop order
and its payouts, the statement as CSV; never another shop's."""

import csv
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.earnings.models import LedgerEntry
from marketplace.earnings.services import payout_record
from marketplace.orders.models import Order

# The earnings tests' orders: placed for real, delivered by the shops' services.
from tests.earnings.orders import *  # noqa: F403

pytestmark = pytest.mark.django_db
D = Decimal
URLS = ["dashboard:earnings", "dashboard:earnings_csv"]


@pytest.fixture(autouse=True)
def _platform_rate(settings):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")


@pytest.fixture
def sales(place, deliver, shop, staff, tagine):
    """Atelier Fassi this month: a card order (275.00, commission 24.00: owed 251.00)
    and a cash one (it kept 275.00 and owes 24.00), a payout of 100.00: 127.00 owed.
    Both orders also sell the cooperative's rug (its own ledger)."""
    card = deliver(place(Order.Method.CARD))
    cash = deliver(place(Order.Method.CASH_ON_DELIVERY))
    place(Order.Method.CARD)  # not delivered yet: nothing earned
    payout_record(
        vendor=shop,
        amount=D("100.00"),
        reference="VIR-2026-0007",
        paid_on=timezone.localdate(),
        recorded_by=staff,
    )
    return card, cash


def last_month_start():
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(StringIO(text[1:])))


# --- the page ---------------------------------------------------------------------------


def test_the_page_shows_the_balance_each_delivered_order_and_the_payouts(
    owner_client, sales, lazy_loads_raise
):
    card, cash = sales

    response = owner_client.get(reverse("dashboard:earnings"))

    assert response.status_code == 200
    page = response.text
    assert "127.00\xa0MAD" in page  # the balance now
    assert "Souk owes you this" in page
    assert "10.00% of the price of the items" in page
    lines = {line.number: line for line in response.context["lines"]}
    assert set(lines) == {card.number, cash.number}
    assert (lines[card.number].gross, lines[card.number].commission) == (D("275"), D("-24"))
    assert lines[card.number].net == D("251.00")
    assert lines[cash.number].cash_kept == D("-275.00") and lines[cash.number].net == D("-24")
    assert "Cash on delivery" in page and "Card" in page
    assert "VIR-2026-0007" in page and "-100.00\xa0MAD" in page
    assert response.context["statement"].closing == D("127.00")


def test_a_shop_that_owes_the_commission_on_cash_orders_is_told_so(
    owner_client, place, deliver, tagine
):
    deliver(place(Order.Method.CASH_ON_DELIVERY, lines={tagine: 1}))

    response = owner_client.get(reverse("dashboard:earnings"))

    assert "-12.00\xa0MAD" in response.text  # 10% of 120
    assert "You owe Souk this" in response.text


def test_a_new_shop_sees_an_empty_statement(staff_client):
    response = staff_client.get(reverse("dashboard:earnings"))
    assert response.status_code == 200
    assert "Nothing is owed either way." in response.text
    assert "No order was delivered or refunded this month." in response.text
    assert "No payout was recorded this month." in response.text


def test_each_month_shows_its_own_rows_with_the_balance_carried_over(owner_client, sales):
    card, cash = sales
    last_month = last_month_start()
    LedgerEntry.objects.filter(shop_order__order=card).update(
        created=timezone.make_aware(datetime(last_month.year, last_month.month, 3, 12))
    )

    now = owner_client.get(reverse("dashboard:earnings"))
    assert [line.number for line in now.context["lines"]] == [cash.number]
    assert now.context["statement"].opening == D("251.00")
    assert now.context["older"] == last_month and now.context["newer"] is None

    before = owner_client.get(reverse("dashboard:earnings"), {"month": f"{last_month:%Y-%m}"})
    assert before.status_code == 200
    assert [line.number for line in before.context["lines"]] == [card.number]
    assert before.context["statement"].opening == D("0.00")
    assert before.context["statement"].closing == D("251.00")
    assert before.context["newer"] == timezone.localdate().replace(day=1)
    assert f"?month={last_month:%Y-%m}" in now.text


@pytest.mark.parametrize(
    "month", ["2026-13", "may", "2026-5", "9999-01", "2026-05-01", "0001-01", "0000-01", "1999-12"]
)
def test_a_bad_month_shows_this_month_with_the_reason_at_400(owner_client, sales, month):
    response = owner_client.get(reverse("dashboard:earnings"), {"month": month})

    assert response.status_code == 400
    assert "from the list" in response.text
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_a_month_long_before_the_shops_first_sale_is_shown_empty(owner_client, sales):
    response = owner_client.get(reverse("dashboard:earnings"), {"month": "2021-03"})

    assert response.status_code == 200
    assert response.context["lines"] == [] and response.context["older"] is None
    assert len(response.context["months"]) == 2  # this month, and the one asked for


def test_the_page_and_its_csv_answer_get_only(owner_client):
    for name in URLS:
        assert owner_client.post(reverse(name)).status_code == 405


def test_the_page_costs_the_same_queries_whatever_the_number_of_orders(
    owner_client, place, deliver, tagine, django_assert_num_queries
):
    deliver(place(Order.Method.CARD, lines={tagine: 1}))
    owner_client.get(reverse("dashboard:earnings"))  # the site's menu is cached from now on
    # user, membership with its shop, the balances, the month's rows; the cart badge.
    with django_assert_num_queries(5):
        owner_client.get(reverse("dashboard:earnings"))
    for method in [Order.Method.CARD, Order.Method.CASH_ON_DELIVERY] * 3:
        deliver(place(method, lines={tagine: 1}))
    with django_assert_num_queries(5):
        response = owner_client.get(reverse("dashboard:earnings"))
    assert len(response.context["lines"]) == 7


# --- the CSV ----------------------------------------------------------------------------


def test_the_statement_downloads_as_csv_with_plain_decimals_and_a_running_balance(
    owner_client, sales
):
    card, cash = sales

    response = owner_client.get(reverse("dashboard:earnings_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    month = timezone.localdate().strftime("%Y-%m")
    assert f'filename="statement-atelier-fassi-{month}.csv"' in response["Content-Disposition"]
    header, opening, *movements, closing = read_csv(response)
    assert header == [
        "Date",
        "Type",
        "Order",
        "Payment method",
        "Details",
        "Amount (MAD)",
        "Balance (MAD)",
    ]
    assert opening[1:] == ["Opening balance", "", "", "", "", "0.00"]
    assert [(row[1], row[2], row[5], row[6]) for row in movements] == [
        ("Sale", card.number, "275.00", "275.00"),
        ("Commission", card.number, "-24.00", "251.00"),
        ("Sale", cash.number, "275.00", "526.00"),
        ("Cash collected by the shop", cash.number, "-275.00", "251.00"),
        ("Commission", cash.number, "-24.00", "227.00"),
        ("Payout", "", "-100.00", "127.00"),
    ]
    assert movements[1][4] == "10.00% of the items"
    assert movements[3][3] == "Cash on delivery"
    assert movements[5][4].startswith("Transfer VIR-2026-0007 of ")
    assert closing[1] == "Closing balance" and closing[6] == "127.00"


def test_a_text_cell_is_never_read_as_a_formula(owner_client, place, deliver, shop, staff):
    deliver(place(Order.Method.CARD))
    payout_record(
        vendor=shop,
        amount=D("1.00"),
        reference="=HYPERLINK(1)",
        paid_on=timezone.localdate(),
        recorded_by=staff,
    )
    rows = read_csv(owner_client.get(reverse("dashboard:earnings_csv")))
    details = [row[4] for row in rows]
    assert not any(cell.startswith("=") for cell in details)


def test_a_bad_month_for_the_csv_is_a_400(owner_client):
    response = owner_client.get(reverse("dashboard:earnings_csv"), {"month": "last"})
    assert response.status_code == 400
    assert "choose one from the list" in response.text


# --- access -------------------------------------------------------------------------------


def test_no_parameter_switches_to_another_shops_statement(
    owner_client, other_owner, sales, other_shop
):
    card, _cash = sales
    rug_only = other_shop.ledger_entries.filter(shop_order__order=card).values_list(
        "amount", flat=True
    )
    assert list(rug_only)  # the cooperative earned from the same order

    for name in URLS:
        response = owner_client.get(
            reverse(name), {"vendor": other_shop.pk, "shop": other_shop.slug, "vendor_id": 2}
        )
        assert response.status_code == 200
        assert "900.00" not in response.content.decode()  # the rug's sale is not ours
    page = owner_client.get(reverse("dashboard:earnings"), {"vendor": other_shop.pk})
    assert page.context["statement"].vendor.slug == "atelier-fassi"


def test_the_other_shop_sees_only_its_own_rows(other_owner, sales):
    from tests.dashboard.conftest import signed_in

    response = signed_in(other_owner).get(reverse("dashboard:earnings"))

    assert response.context["statement"].vendor.slug == "cooperative-tafraout"
    assert "VIR-2026-0007" not in response.text  # Atelier Fassi's payout
    assert {line.gross for line in response.context["lines"]} == {D("900.00")}


@pytest.mark.parametrize("name", URLS)
def test_shoppers_are_refused_and_visitors_sent_to_sign_in(client, shopper_client, name):
    assert shopper_client.get(reverse(name)).status_code == 403
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
