"""Placing orders: all or nothing, split per shop, priced from the database, once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.cart.services import cart_add
from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.orders.models import InvalidTransition, Order, OrderLine, ShopOrder
from marketplace.orders.services import (
    CheckoutError,
    OrderActionRefused,
    ShippingAddress,
    checkout_quote,
    order_cancel,
    order_mark_paid,
    order_release_expired,
    place_order,
    shop_order_actions,
    shop_order_advance,
    shop_order_collect_cash,
)
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    city="Fès",
    country="MA",
)


@pytest.fixture
def cart(user):
    return DatabaseCart(user)


@pytest.fixture
def two_shop_cart(cart, make_product, other_shop):
    tagine = make_product("Tagine", price="120", variants=[{"stock": 5}]).variants.get()
    rug = make_product("Rug", price="900", vendor=other_shop, variants=[{"stock": 1}])
    cart.put(Entry(tagine.pk, 2, tagine.price))
    cart.put(Entry(rug.variants.get().pk, 1, Decimal("900")))
    return cart


def place(cart, user, *, key="k-1", method=Order.Method.CASH_ON_DELIVERY, expected=None, **kw):
    return place_order(
        cart=cart,
        user=user,
        email=user.email,
        address=ADDRESS,
        payment_method=method,
        language="en",
        idempotency_key=key,
        expected=expected or checkout_quote(cart=cart).fingerprint(),
        **kw,
    )


def test_an_order_is_split_per_shop_with_its_own_shipping(two_shop_cart, user, settings):
    settings.SHIPPING_DEFAULT_RATE, settings.SHIPPING_DEFAULT_FREE_ABOVE = (
        Decimal("35"),
        Decimal("600"),
    )
    order = place(two_shop_cart, user)
    assert order.number.startswith(f"SK-{timezone.now():%Y}-")
    assert order.status == Order.Status.CONFIRMED  # cash on delivery
    shops = {so.vendor.name: so for so in order.shop_orders.all()}
    assert shops["Atelier Fassi"].shipping_cost == Decimal("35.00")
    assert shops["Coopérative Tafraout"].shipping_cost == Decimal("0.00")  # free above 600
    assert order.items_subtotal == Decimal("1140.00") and order.total == Decimal("1175.00")
    line = OrderLine.objects.get(order=order, product_name="Tagine")
    assert (line.quantity, line.unit_price, line.line_total) == (2, Decimal("120"), Decimal("240"))
    assert len(two_shop_cart) == 0


def test_placing_twice_with_one_token_makes_one_order(two_shop_cart, user):
    expected = checkout_quote(cart=two_shop_cart).fingerprint()
    first = place(two_shop_cart, user, expected=expected)
    again = place(two_shop_cart, user, expected=expected)
    assert first.pk == again.pk and Order.objects.count() == 1


def test_a_price_changed_since_review_refuses_and_keeps_the_cart(two_shop_cart, user):
    expected = checkout_quote(cart=two_shop_cart).fingerprint()
    from marketplace.catalog.models import Product

    Product.objects.filter(name_en="Tagine").get().variants.update(price_override=Decimal("150"))
    with pytest.raises(CheckoutError):
        place(two_shop_cart, user, expected=expected)
    assert Order.objects.count() == 0 and len(two_shop_cart) == 2
    assert Product.objects.get(name_en="Tagine").variants.get().stock == 5  # stock untouched


def test_sold_out_says_what_and_keeps_the_cart(two_shop_cart, user):
    from marketplace.catalog.models import Variant

    Variant.objects.filter(product__name_en="Rug").update_quietly(stock=0)
    with pytest.raises(CheckoutError) as refused:
        place(two_shop_cart, user)
    assert refused.value.messages == ["Rug is sold out."]
    assert len(two_shop_cart) == 2


def test_a_card_order_awaits_payment_and_expires_with_its_stock_back(two_shop_cart, user):
    order = place(two_shop_cart, user, method=Order.Method.CARD)
    assert order.status == Order.Status.PENDING_PAYMENT and order.expires_at > timezone.now()
    assert order_release_expired(now=timezone.now() + timedelta(hours=1)) == 1
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    from marketplace.catalog.models import Variant

    assert Variant.objects.get(product__name_en="Rug").stock == 1


def test_paying_then_shipping_moves_the_order_with_its_shops(two_shop_cart, user):
    order = place(two_shop_cart, user, method=Order.Method.CARD)
    order_mark_paid(order=order)
    first, second = order.shop_orders.order_by("pk")
    shop_order_advance(
        shop_order=first, status=ShopOrder.Status.SHIPPED, carrier="Amana", tracking_number="AM123"
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PARTLY_SHIPPED
    shop_order_advance(
        shop_order=second, status=ShopOrder.Status.SHIPPED, carrier="Amana", tracking_number="AM124"
    )
    for shop_order in (first, second):
        shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    with pytest.raises(OrderActionRefused):
        order_cancel(order=order)


def test_cancelling_gives_the_stock_back(two_shop_cart, user):
    from marketplace.catalog.models import Variant

    order = place(two_shop_cart, user)
    assert Variant.objects.get(product__name_en="Tagine").stock == 3
    order_cancel(order=order, reason="Changed my mind")
    assert Variant.objects.get(product__name_en="Tagine").stock == 5
    assert set(order.shop_orders.values_list("status", flat=True)) == {"cancelled"}


def test_the_pipelines_refuse_moves_they_do_not_allow(two_shop_cart, user):
    order = place(two_shop_cart, user)
    with pytest.raises(InvalidTransition):
        order.set_status(Order.Status.PAID)  # cash on delivery is confirmed, never "paid"
    shop_order = order.shop_orders.first()
    with pytest.raises(InvalidTransition):
        shop_order.set_status(ShopOrder.Status.DELIVERED)  # not shipped yet
    with pytest.raises(OrderActionRefused):
        shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.SHIPPED)  # no tracking


def test_a_shop_cancelling_its_part_must_say_why(two_shop_cart, user):
    shop_order = place(two_shop_cart, user).shop_orders.first()
    with pytest.raises(OrderActionRefused, match="reason"):
        shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.CANCELLED, reason=" ")
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.NEW


def test_the_actions_a_shop_order_allows_follow_its_state_and_its_orders(two_shop_cart, user):
    card = place(two_shop_cart, user, method=Order.Method.CARD)
    unpaid = ShopOrder.objects.select_related("order").filter(order=card).first()
    assert shop_order_actions(shop_order=unpaid) == ["cancel"]  # not paid: not to prepare yet
    order_mark_paid(order=card)
    paid = ShopOrder.objects.select_related("order").get(pk=unpaid.pk)
    assert shop_order_actions(shop_order=paid) == ["accept", "ship", "cancel"]
    shop_order_advance(
        shop_order=paid, status=ShopOrder.Status.SHIPPED, carrier="Amana", tracking_number="1"
    )
    shop_order_advance(shop_order=paid, status=ShopOrder.Status.DELIVERED)
    delivered = ShopOrder.objects.select_related("order").get(pk=paid.pk)
    assert shop_order_actions(shop_order=delivered) == []  # a card order: no cash to collect


def test_the_cash_of_a_shop_order_is_collected_once(two_shop_cart, user):
    shop_order = place(two_shop_cart, user).shop_orders.first()
    shop_order_advance(
        shop_order=shop_order, status=ShopOrder.Status.SHIPPED, carrier="Amana", tracking_number="1"
    )
    shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)
    shop_order = ShopOrder.objects.select_related("order").get(pk=shop_order.pk)
    assert shop_order_actions(shop_order=shop_order) == ["collect_cash"]

    assert shop_order_collect_cash(shop_order=shop_order).cash_collected
    with pytest.raises(OrderActionRefused, match="already"):
        shop_order_collect_cash(shop_order=shop_order)


# --- concurrency (PostgreSQL: real row locks) ----------------------------------------


def _buyer_cart(n: int, variants):
    from marketplace.accounts.models import User

    buyer = User.objects.create_user(f"buyer{n}@example.com", "a-Strong-pass-1234")
    cart = DatabaseCart(buyer)
    for variant in variants:
        cart_add(cart=cart, variant_id=variant.pk, quantity=1)
    return buyer, cart


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_of_the_last_five_units_make_five_orders(make_product):
    from marketplace.catalog.models import Variant

    variant = make_product("Tagine", variants=[{"stock": 5}]).variants.get()
    carts = [_buyer_cart(n, [variant]) for n in range(20)]

    def buy(i):
        buyer, cart = carts[i]
        try:
            place(cart, buyer, key=f"k-{i}")
            return "ordered"
        except CheckoutError as refused:
            return refused.messages

    results = run_at_once(20, buy)
    assert results.count("ordered") == 5
    assert all(r == ["Tagine is sold out."] for r in results if r != "ordered")
    assert Order.objects.count() == 5 and OrderLine.objects.count() == 5
    assert Variant.objects.get(pk=variant.pk).stock == 0
    assert sum(len(cart) for _buyer, cart in carts) == 15  # the refused keep their carts


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_carts_with_the_same_items_in_opposite_order_check_out_without_deadlock(
    make_product, other_shop
):
    first = make_product("Tagine", variants=[{"stock": 50}]).variants.get()
    second = make_product("Rug", vendor=other_shop, variants=[{"stock": 50}]).variants.get()
    carts = [_buyer_cart(n, [first, second] if n % 2 else [second, first]) for n in range(8)]
    results = run_at_once(8, lambda i: place(carts[i][1], carts[i][0], key=f"k-{i}"))
    assert all(isinstance(r, Order) for r in results), results
    assert ShopOrder.objects.count() == 16
