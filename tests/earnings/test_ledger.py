"""The shops' ledger: what a delivered shop order earns its shop, in Decimal, with
the commission on the items only; cash on delivery; refunds (also after a payout);
payouts; and a balance that is always the sum of its rows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from marketplace.earnings.models import BuyerRefund, LedgerEntry, Payout
from marketplace.earnings.selectors import balances_due, shop_balance, statement
from marketplace.earnings.services import (
    PayoutRefused,
    commission_on,
    ledger_record_delivery,
    ledger_record_refund,
    payout_record,
    split,
)
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_cancel
from marketplace.orders.signals import shop_order_changed
from tests.earnings.orders import advance

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind
D = Decimal


def rows(vendor) -> list[tuple[str, Decimal]]:
    return list(
        LedgerEntry.objects.filter(vendor=vendor).order_by("id").values_list("kind", "amount")
    )


def ledger_sum(vendor) -> Decimal:
    return LedgerEntry.objects.filter(vendor=vendor).aggregate(s=Sum("amount"))["s"] or D("0")


def shop_order_of(order: Order, vendor) -> ShopOrder:
    return order.shop_orders.get(vendor=vendor)


def record_payout(vendor, staff, amount, reference="VIR-2026-0001", **kwargs) -> Payout:
    return payout_record(
        vendor=vendor,
        amount=D(amount),
        reference=reference,
        paid_on=kwargs.pop("paid_on", timezone.localdate()),
        recorded_by=staff,
        **kwargs,
    )


# --- deliveries ------------------------------------------------------------------------


def test_a_delivered_card_sale_owes_the_shop_its_total_less_the_commission_on_items_only(
    place, deliver, shop, settings
):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")
    deliver(place(Order.Method.CARD))

    # 2 tagines at 120 = 240 of items, 35 of shipping: 10% of 240 only.
    assert rows(shop) == [(Kind.SALE, D("275.00")), (Kind.COMMISSION, D("-24.00"))]
    commission = LedgerEntry.objects.get(vendor=shop, kind=Kind.COMMISSION)
    assert commission.rate == D("10.00")
    balance = shop_balance(vendor=shop)
    assert balance == D("251.00") and isinstance(balance, Decimal)


def test_a_shops_own_commission_rate_wins_over_the_platform_default(
    place, deliver, other_shop, settings
):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")
    other_shop.commission_rate = D("8.50")
    other_shop.save()
    deliver(place(Order.Method.CARD))

    # The rug: 900 of items, free shipping; 8.50% of 900 = 76.50.
    assert rows(other_shop) == [(Kind.SALE, D("900.00")), (Kind.COMMISSION, D("-76.50"))]
    assert shop_balance(vendor=other_shop) == D("823.50")


def test_commissions_are_rounded_to_the_cent_half_up():
    assert commission_on(D("10.10"), D("5.00")) == D("0.51")  # 0.505: half up, not to even
    assert commission_on(D("10.30"), D("5.00")) == D("0.52")  # 0.515
    assert commission_on(D("33.33"), D("7.25")) == D("2.42")  # 2.416425
    assert commission_on(D("0.00"), D("12.00")) == D("0.00")


def test_cash_on_delivery_leaves_the_shop_owing_the_commission(place, deliver, shop, settings):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")
    deliver(place(Order.Method.CASH_ON_DELIVERY))

    # The shop collected 275 from the courier: the ledger shows the sale, the cash
    # it kept and the commission it owes Souk.
    assert rows(shop) == [
        (Kind.SALE, D("275.00")),
        (Kind.CASH_KEPT, D("-275.00")),
        (Kind.COMMISSION, D("-24.00")),
    ]
    assert shop_balance(vendor=shop) == D("-24.00")


def test_nothing_is_earned_before_delivery_nor_by_a_cancelled_order(place, shop, other_shop):
    order = place(Order.Method.CARD)
    advance(shop_order_of(order, shop), ShopOrder.Status.PROCESSING, ShopOrder.Status.SHIPPED)
    assert rows(shop) == []

    cash = place(Order.Method.CASH_ON_DELIVERY)
    order_cancel(order=cash, reason="Changed my mind")
    assert rows(shop) == [] and rows(other_shop) == []
    assert shop_balance(vendor=shop) == D("0.00")


def test_a_delivery_heard_twice_writes_its_rows_once(place, deliver, shop):
    order = deliver(place(Order.Method.CARD))
    shop_order = shop_order_of(order, shop)
    before = rows(shop)

    assert ledger_record_delivery(shop_order=shop_order) == []
    shop_order_changed.send(
        sender=ShopOrder, shop_order=shop_order, previous=ShopOrder.Status.SHIPPED
    )
    assert rows(shop) == before
    # And the database refuses a second sale row of a shop order, whoever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            vendor=shop, shop_order=shop_order, kind=Kind.SALE, amount=D("275.00")
        )


# --- refunds ---------------------------------------------------------------------------


def test_a_refund_is_shared_among_the_shops_by_their_totals_with_their_commission_back(
    place, deliver, shop, other_shop, settings
):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")
    order = deliver(place(Order.Method.CARD))

    ledger_record_refund(order=order, amount=D("117.50"))  # 10% of 1175

    # Atelier Fassi: 275 of 1175 -> 27.50 back to the buyer, 10% of its 24.00
    # commission (2.40) back to the shop; the cooperative: 90.00 and 9.00.
    assert rows(shop)[2:] == [(Kind.REFUND, D("-27.50")), (Kind.COMMISSION_REFUND, D("2.40"))]
    assert rows(other_shop)[2:] == [
        (Kind.REFUND, D("-90.00")),
        (Kind.COMMISSION_REFUND, D("9.00")),
    ]
    assert shop_balance(vendor=shop) == D("251.00") - D("27.50") + D("2.40")


def test_a_full_refund_leaves_nothing_earned(place, deliver, shop, other_shop):
    order = deliver(place(Order.Method.CARD))

    ledger_record_refund(order=order, amount=D("1175.00"))

    assert shop_balance(vendor=shop) == D("0.00")
    assert shop_balance(vendor=other_shop) == D("0.00")


def test_a_refund_of_a_cancelled_shop_order_takes_nothing_from_the_others(
    place, deliver, shop, other_shop
):
    order = place(Order.Method.CARD)
    advance(shop_order_of(order, other_shop), ShopOrder.Status.CANCELLED)
    deliver(shop_order_of(order, shop))
    earned = rows(shop)

    # Payments gives back the cancelled rug (900), as refund_cancelled_shop_orders does.
    ledger_record_refund(order=order, amount=D("900.00"))

    assert rows(shop) == earned
    assert rows(other_shop) == []
    assert BuyerRefund.objects.filter(order=order).count() == 1


def test_a_refund_heard_before_delivery_is_applied_when_the_shop_order_is_delivered(
    place, deliver, shop
):
    order = place(Order.Method.CARD)
    ledger_record_refund(order=order, amount=D("1175.00"))
    assert rows(shop) == []  # nothing earned yet, nothing taken back yet

    deliver(shop_order_of(order, shop))

    assert [kind for kind, _amount in rows(shop)] == [
        Kind.SALE,
        Kind.COMMISSION,
        Kind.REFUND,
        Kind.COMMISSION_REFUND,
    ]
    assert shop_balance(vendor=shop) == D("0.00")


def test_a_refund_after_a_payout_is_a_negative_adjustment_on_the_next_statement(
    place, deliver, shop, staff, settings, tagine
):
    settings.PLATFORM_COMMISSION_RATE = D("10.00")
    order = deliver(place(Order.Method.CARD, lines={tagine: 2}))
    record_payout(shop, staff, "251.00")
    assert shop_balance(vendor=shop) == D("0.00")
    # All of that happened last month.
    now = timezone.now()
    this_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    LedgerEntry.objects.filter(vendor=shop).update(created=last_month + timedelta(days=3))
    before = statement(vendor=shop, start=last_month, end=this_month)
    assert (before.opening, before.closing) == (D("0.00"), D("0.00"))

    ledger_record_refund(order=order, amount=D("275.00"))  # the tagines came back broken

    past = statement(vendor=shop, start=last_month, end=this_month)
    assert [e.pk for e in past.entries] == [e.pk for e in before.entries]  # unchanged
    current = statement(vendor=shop, start=this_month, end=now + timedelta(days=1))
    assert current.opening == D("0.00")
    [line] = current.lines
    assert line.number == order.number
    assert (line.gross, line.commission, line.adjustments) == (D("0"), D("0"), D("-251.00"))
    assert current.closing == current.balance == D("-251.00")  # the shop owes it back


def test_split_shares_by_weight_to_the_cent_and_adds_up():
    assert split(D("100.00"), [D("1"), D("1"), D("1")]) == [D("33.33"), D("33.33"), D("33.34")]
    assert split(D("0.00"), [D("5"), D("5")]) == [D("0.00"), D("0.00")]
    assert sum(split(D("10.01"), [D("3"), D("7")])) == D("10.01")


# --- payouts ---------------------------------------------------------------------------


def test_a_payout_is_a_ledger_row_that_lowers_the_balance(place, deliver, shop, staff):
    deliver(place(Order.Method.CARD))

    payout = record_payout(shop, staff, "200.00", note="May's transfer")

    assert payout.recorded_by == staff and payout.amount == D("200.00")
    entry = payout.ledger_entry
    assert (entry.kind, entry.amount, entry.vendor) == (Kind.PAYOUT, D("-200.00"), shop)
    assert shop_balance(vendor=shop) == D("51.00")


@pytest.mark.parametrize(
    ("amount", "field", "message"),
    [
        ("0", "amount", "more than zero"),
        ("-5", "amount", "more than zero"),
        ("10.005", "amount", "two decimals"),
        ("251.01", "amount", "is owed 251.00"),
    ],
)
def test_a_payout_is_refused_for_an_amount_the_shop_is_not_owed(
    place, deliver, shop, staff, amount, field, message
):
    deliver(place(Order.Method.CARD))

    with pytest.raises(PayoutRefused) as refused:
        record_payout(shop, staff, amount)

    assert message in refused.value.errors[field]
    assert not Payout.objects.exists()
    assert shop_balance(vendor=shop) == D("251.00")


def test_a_payout_is_refused_twice_with_one_reference_in_the_future_or_by_non_staff(
    place, deliver, shop, staff, user
):
    deliver(place(Order.Method.CARD))
    record_payout(shop, staff, "100.00", reference="VIR-1")

    with pytest.raises(PayoutRefused, match="already recorded"):
        record_payout(shop, staff, "100.00", reference="VIR-1")
    with pytest.raises(PayoutRefused, match="future"):
        record_payout(
            shop, staff, "10.00", reference="VIR-2", paid_on=timezone.localdate() + timedelta(1)
        )
    with pytest.raises(PayoutRefused, match="staff"):
        record_payout(shop, user, "10.00", reference="VIR-3")
    assert Payout.objects.count() == 1


# --- balances --------------------------------------------------------------------------


def test_every_balance_is_the_sum_of_its_rows_and_statements_add_up(
    place, deliver, shop, other_shop, staff
):
    deliver(place(Order.Method.CARD))
    deliver(place(Order.Method.CASH_ON_DELIVERY))
    third = deliver(place(Order.Method.CARD))
    record_payout(other_shop, staff, "1000.00")
    ledger_record_refund(order=third, amount=D("50.00"))
    place(Order.Method.CASH_ON_DELIVERY)  # not delivered: earns nothing yet

    for vendor in (shop, other_shop):
        assert shop_balance(vendor=vendor) == ledger_sum(vendor)
        whole = statement(
            vendor=vendor,
            start=timezone.now() - timedelta(days=1),
            end=timezone.now() + timedelta(days=1),
        )
        assert whole.opening + sum(e.amount for e in whole.entries) == whole.closing
        assert whole.closing == whole.balance == ledger_sum(vendor)
    due = {vendor.slug: vendor.balance for vendor in balances_due()}
    assert due == {
        "atelier-fassi": ledger_sum(shop),
        "cooperative-tafraout": ledger_sum(other_shop),
    }


def test_balances_due_is_one_query_and_leaves_out_shops_owed_nothing(
    place, deliver, shop, other_shop, django_assert_num_queries
):
    deliver(place(Order.Method.CASH_ON_DELIVERY, lines=None))  # both shops owe commission

    with django_assert_num_queries(1):
        assert list(balances_due()) == []


# --- refunds through payments (localstripe) -----------------------------------------------


def test_a_staff_refund_through_stripe_lands_on_the_shops_ledgers(
    paid_through_stripe, deliver, shop, other_shop, django_capture_on_commit_callbacks
):
    from marketplace.payments.models import Refund
    from marketplace.payments.services import payment_refund

    order = deliver(paid_through_stripe())

    with django_capture_on_commit_callbacks(execute=True):
        payment_refund(payment=order.payments.get(), amount=D("117.50"), reason="Late")

    assert Refund.objects.get().status == Refund.Status.SUCCEEDED
    assert rows(shop)[2:] == [(Kind.REFUND, D("-27.50")), (Kind.COMMISSION_REFUND, D("2.40"))]
    assert rows(other_shop)[2:] == [
        (Kind.REFUND, D("-90.00")),
        (Kind.COMMISSION_REFUND, D("9.00")),
    ]


def test_a_shop_cancelling_its_paid_part_is_refunded_without_touching_the_other_shop(
    paid_through_stripe, deliver, shop, other_shop, django_capture_on_commit_callbacks
):
    order = paid_through_stripe()
    deliver(shop_order_of(order, shop))
    earned = rows(shop)

    with django_capture_on_commit_callbacks(execute=True):
        advance(shop_order_of(order, other_shop), ShopOrder.Status.CANCELLED)

    assert BuyerRefund.objects.get(order=order).amount == D("900.00")  # payments refunded it
    assert rows(shop) == earned
    assert rows(other_shop) == []


def test_a_delivery_heard_again_after_a_refund_writes_nothing_more(place, deliver, shop):
    order = deliver(place(Order.Method.CARD))
    ledger_record_refund(order=order, amount=D("100.00"))
    before = rows(shop)

    assert ledger_record_delivery(shop_order=shop_order_of(order, shop)) == []

    assert rows(shop) == before
