"""The dashboard's orders: a shop's people see their part of each order, move it
through its states (accept, ship with tracking, deliver, cancel with a reason,
collect the cash of a cash-on-delivery order), and print its packing slip. The
buyer is mailed at each step; cancelling gives the stock back and refunds a card
payment (against localstripe). Another shop's order is a 404 on every URL."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.cart.storage import DatabaseCart, Entry, SessionCart
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import ShippingAddress, checkout_quote, place_order
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import payment_confirm_card, payment_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = ShippingAddress(
    recipient_name="Amina Idrissi",
    phone="+212600000000",
    line1="12 derb Sidi Ahmed",
    line2="Bab Boujloud",
    city="Fès",
    postal_code="30000",
    country="MA",
)
COD = Order.Method.CASH_ON_DELIVERY


@pytest.fixture
def tagine(make_product):
    """Atelier Fassi's tagine (size L, blue): 120 MAD, 20 in stock."""
    product = make_product(
        "Blue tagine", price="120", variants=[{"stock": 20, "size": "L", "colour": "blue"}]
    )
    return product.variants.get()


@pytest.fixture
def rug(make_product, other_shop):
    """Coopérative Tafraout's rug: 900 MAD, 50 in stock."""
    product = make_product("Wool rug", price="900", vendor=other_shop, variants=[{"stock": 50}])
    return product.variants.get()


@pytest.fixture
def buy(tagine, rug):
    """buy(method=..., lines={variant: quantity}, email=..., name=..., user=...): an
    order placed as checkout places it (place_order and payment_start in one
    transaction). Default: 2 tagines and 1 rug, cash on delivery, by a guest."""

    def buy(
        *,
        method: str = COD,
        lines: dict | None = None,
        email: str = "amina@example.com",
        name: str = "Amina Idrissi",
        user=None,
    ) -> Order:
        if user is not None:
            cart = DatabaseCart(user)
        else:
            from django.contrib.sessions.backends.cached_db import SessionStore

            session = SessionStore()
            session.create()
            cart = SessionCart(session)
        with transaction.atomic():
            for variant, quantity in (lines or {tagine: 2, rug: 1}).items():
                cart.put(Entry(variant.pk, quantity, variant.price))
        address = ShippingAddress(**{**ADDRESS.as_fields(), "recipient_name": name})
        with transaction.atomic():
            order = place_order(
                cart=cart,
                user=user,
                email=email,
                address=address,
                payment_method=method,
                language="en",
                idempotency_key=uuid.uuid4().hex,
                expected=checkout_quote(cart=cart).fingerprint(),
            )
            payment_start(order=order)
        return order

    return buy


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what the block schedules after COMMIT (mails, refunds)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def part(order: Order, shop) -> ShopOrder:
    return order.shop_orders.get(vendor=shop)


def url(name: str, shop_order: ShopOrder) -> str:
    return reverse(f"dashboard:{name}", kwargs={"pk": shop_order.pk})


def post(client, name, shop_order, data=None):
    return client.post(url(name, shop_order), data or {})


def ship(client, shop_order, carrier="Amana", tracking="AM123456789MA"):
    return post(client, "order_ship", shop_order, {"carrier": carrier, "tracking_number": tracking})


def text(response) -> str:
    return response.content.decode()


# --- The list ----------------------------------------------------------------------


def test_the_list_shows_the_shops_own_part_of_each_order_newest_first(
    owner_client, buy, shop, other_shop, rug
):
    first = buy(name="Amina Idrissi")
    second = buy(name="Karim Alaoui")
    only_rug = buy(lines={rug: 1})  # nothing from this shop

    response = owner_client.get(reverse("dashboard:orders"))

    assert response.status_code == 200
    rows = [so.order.number for so in response.context["shop_orders"]]
    assert rows == [second.number, first.number]
    html = text(response)
    assert only_rug.number not in html
    assert "Karim Alaoui" in html and "275.00" in html  # 2 tagines at 120, and 35 shipping
    assert 'class="table table-cards' in html and 'data-label="Buyer"' in html


def test_a_card_order_awaiting_payment_is_not_the_shops_to_prepare_yet(
    owner_client, buy, stripe_keys
):
    unpaid = buy(method=Order.Method.CARD)

    response = owner_client.get(reverse("dashboard:orders"))

    assert unpaid.number not in text(response)
    so = unpaid.shop_orders.get(vendor__slug="atelier-fassi")
    assert owner_client.get(url("order_detail", so)).status_code == 404


def test_the_list_filters_by_status(owner_client, buy, shop):
    new = buy()
    shipped = buy()
    ship(owner_client, part(shipped, shop))

    response = owner_client.get(reverse("dashboard:orders"), {"status": "shipped"})

    assert [so.order.number for so in response.context["shop_orders"]] == [shipped.number]
    response = owner_client.get(reverse("dashboard:orders"), {"status": "new"})
    assert [so.order.number for so in response.context["shop_orders"]] == [new.number]


def test_the_list_filters_by_the_day_placed(owner_client, buy):
    old, recent = buy(), buy()
    Order.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=10))
    today = timezone.localdate()

    since = owner_client.get(reverse("dashboard:orders"), {"from": today.isoformat()})
    until = owner_client.get(
        reverse("dashboard:orders"), {"to": (today - timedelta(days=5)).isoformat()}
    )

    assert [so.order.number for so in since.context["shop_orders"]] == [recent.number]
    assert [so.order.number for so in until.context["shop_orders"]] == [old.number]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("karim", "karim"),  # the buyer's name, any case
        ("k.alaoui@example", "karim"),  # part of the e-mail address
        ("Amina", "amina"),
    ],
)
def test_the_list_searches_the_buyers_name_and_email(owner_client, buy, q, expected):
    orders = {
        "amina": buy(name="Amina Idrissi", email="amina@example.com"),
        "karim": buy(name="Karim Alaoui", email="k.alaoui@example.com"),
    }

    response = owner_client.get(reverse("dashboard:orders"), {"q": q})

    assert [so.order.number for so in response.context["shop_orders"]] == [orders[expected].number]


def test_the_list_searches_the_order_number(owner_client, buy):
    wanted, _other = buy(), buy()

    response = owner_client.get(reverse("dashboard:orders"), {"q": wanted.number.lower()})

    assert [so.order.number for so in response.context["shop_orders"]] == [wanted.number]


def test_bad_filter_values_are_dropped_and_named_never_a_500(owner_client, buy):
    order = buy()

    response = owner_client.get(
        reverse("dashboard:orders"),
        {"status": "bogus", "from": "2026-13-45", "to": "yesterday", "page": "x"},
    )

    assert response.status_code == 200
    assert [so.order.number for so in response.context["shop_orders"]] == [order.number]
    assert (
        "Some filters could not be used and were ignored: Status, Placed from, Placed until."
        in text(response)
    )
    long = owner_client.get(reverse("dashboard:orders"), {"q": "x" * 500, "page": "-3"})
    assert long.status_code == 200 and "Order number or buyer" in long.context["ignored_filters"]


def test_nothing_matching_says_so(owner_client, buy):
    buy()
    response = owner_client.get(reverse("dashboard:orders"), {"q": "nobody"})
    assert "No order matches these filters." in text(response)


def test_a_shop_without_orders_is_told_where_they_will_appear(owner_client):
    assert "No orders yet." in text(owner_client.get(reverse("dashboard:orders")))


def test_the_list_pages_and_its_links_keep_the_filters(owner_client, buy, settings):
    from marketplace.dashboard.views import orders as views

    for _n in range(3):
        buy()
    settings.DEBUG = False
    views.ORDERS_PER_PAGE, saved = 2, views.ORDERS_PER_PAGE
    try:
        response = owner_client.get(reverse("dashboard:orders"), {"status": "new", "junk": "1"})
        second = owner_client.get(reverse("dashboard:orders"), {"status": "new", "page": "2"})
    finally:
        views.ORDERS_PER_PAGE = saved
    assert len(response.context["shop_orders"]) == 2
    assert 'href="?status=new&amp;page=2"' in text(response)  # junk left out
    assert len(second.context["shop_orders"]) == 1


def test_htmx_gets_the_results_only(owner_client, buy):
    order = buy()

    response = owner_client.get(reverse("dashboard:orders"), {"q": "Amina"}, HTTP_HX_REQUEST="true")

    html = text(response)
    assert html.lstrip().startswith('<section id="orders-results"')
    assert order.number in html and 'id="orders-status"' in html
    assert "dashboard-nav" not in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_list_costs_the_same_queries_whatever_its_length(
    owner_client, buy, django_assert_num_queries, lazy_loads_raise
):
    buy()
    owner_client.get(reverse("dashboard:orders"))  # the site's menu is cached from now on
    # user, membership with its shop, count, cart counter, page (orders, item counts)
    with django_assert_num_queries(5):
        assert owner_client.get(reverse("dashboard:orders")).status_code == 200
    for _n in range(5):
        buy()
    with django_assert_num_queries(5):
        response = owner_client.get(reverse("dashboard:orders"), {"q": "amina", "status": "new"})
    assert len(response.context["shop_orders"]) == 6


# --- One order ---------------------------------------------------------------------


def test_the_detail_shows_lines_buyer_address_payment_and_history(owner_client, buy, shop, tagine):
    buyer = UserFactory(email="karim@example.com", full_name="Karim Alaoui", phone="+212611111111")
    order = buy(user=buyer, email=buyer.email, name="Amina Idrissi")
    shop_order = part(order, shop)

    response = owner_client.get(url("order_detail", shop_order))

    assert response.status_code == 200
    html = text(response)
    for shown in (
        order.number,
        "Blue tagine",
        tagine.label,
        tagine.sku,
        "120.00",  # unit price
        "240.00",  # line total
        "35.00",  # this shop's shipping
        "275.00",  # this shop's total
        "Amina Idrissi",  # the recipient
        "Karim Alaoui",  # the buyer's account
        "karim@example.com",
        "+212600000000",
        "12 derb Sidi Ahmed",
        "Bab Boujloud",
        "30000 Fès",
        "Morocco",
        "Cash on delivery",
        "To collect on delivery: 275.00",
        "Placed",
        "Ships by",
    ):
        assert shown in html, shown
    assert "Wool rug" not in html and "900.00" not in html  # the other shop's part
    assert response.context["actions"] == ["accept", "ship", "cancel"]


def test_the_detail_of_a_paid_card_order_shows_the_payment(owner_client, buy, shop, stripe_keys):
    order = buy(method=Order.Method.CARD)
    payment_confirm_card(payment=order.payments.get(), token=stripe_keys.card_token())

    html = text(owner_client.get(url("order_detail", part(order, shop))))

    assert "Card" in html and '<dd id="payment-state">' in html
    assert "Paid" in html.split('id="payment-state">')[1].split("</dd>")[0]


def test_the_detail_costs_a_fixed_number_of_queries(
    owner_client, buy, shop, django_assert_num_queries, lazy_loads_raise
):
    shop_order = part(buy(), shop)
    owner_client.get(url("order_detail", shop_order))  # the site's menu is cached from now on
    # user, membership, the shop order with its order and buyer, its lines, the order's
    # payment, the cart counter
    with django_assert_num_queries(6):
        assert owner_client.get(url("order_detail", shop_order)).status_code == 200


def test_staff_members_run_the_orders_too(staff_client, buy, shop, mailoutbox, commit):
    shop_order = part(buy(), shop)
    with commit():
        response = post(staff_client, "order_accept", shop_order)
    assert response.status_code == 302
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.PROCESSING


# --- Actions and their e-mails -----------------------------------------------------


def test_accepting_prepares_the_order_and_tells_the_buyer(
    owner_client, buy, shop, mailoutbox, commit
):
    order = buy()
    shop_order = part(order, shop)
    mailoutbox.clear()

    with commit():
        response = post(owner_client, "order_accept", shop_order)

    assert response.status_code == 302 and response["Location"] == url("order_detail", shop_order)
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.PROCESSING
    (mail,) = mailoutbox
    assert mail.to == ["amina@example.com"]
    assert mail.subject == f"[Souk] Atelier Fassi is preparing your order {order.number}"
    assert "accepted your items" in mail.body
    page = owner_client.get(response["Location"])
    assert "accepted: the buyer knows you are preparing it" in text(page)
    assert page.context["actions"] == ["ship", "cancel"]


def test_shipping_needs_the_carrier_and_the_tracking_number(
    owner_client, buy, shop, mailoutbox, commit
):
    shop_order = part(buy(), shop)
    mailoutbox.clear()

    with commit():
        response = ship(owner_client, shop_order, carrier="Amana", tracking="  ")

    assert response.status_code == 400
    assert "Give the tracking number." in text(response)
    assert 'value="Amana"' in text(response)  # what was typed stays
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.NEW and not mailoutbox


def test_shipping_tells_the_buyer_the_carrier_and_tracking_number(
    owner_client, buy, shop, mailoutbox, commit
):
    order = buy()
    shop_order = part(order, shop)
    mailoutbox.clear()

    with commit():
        response = ship(owner_client, shop_order)

    assert response.status_code == 302
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.SHIPPED and shop_order.shipped_at
    assert (shop_order.carrier, shop_order.tracking_number) == ("Amana", "AM123456789MA")
    order.refresh_from_db()
    assert order.status == Order.Status.PARTLY_SHIPPED  # the rug is still to come
    (mail,) = mailoutbox
    assert "on its way" in mail.subject
    assert "Amana" in mail.body and "AM123456789MA" in mail.body
    html = text(owner_client.get(url("order_detail", shop_order)))
    assert "AM123456789MA" in html and "Shipped" in html


def test_delivering_tells_the_buyer(owner_client, buy, shop, mailoutbox, commit):
    shop_order = part(buy(), shop)
    ship(owner_client, shop_order)
    mailoutbox.clear()

    with commit():
        response = post(owner_client, "order_deliver", shop_order)

    assert response.status_code == 302
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.DELIVERED and shop_order.delivered_at
    (mail,) = mailoutbox
    assert "was delivered" in mail.subject
    page = owner_client.get(url("order_detail", shop_order))
    assert page.context["actions"] == ["collect_cash"]


@pytest.mark.parametrize(
    ("state", "action", "data"),
    [
        ("new", "order_deliver", {}),  # not shipped yet
        ("shipped", "order_accept", {}),
        ("shipped", "order_cancel", {"reason": "Too late"}),
        ("shipped", "order_ship", {"carrier": "Amana", "tracking_number": "2"}),
        ("cancelled", "order_accept", {}),
        ("new", "order_collect_cash", {}),  # not delivered
    ],
)
def test_a_move_the_state_does_not_allow_is_refused_with_a_409_and_changes_nothing(
    owner_client, buy, shop, mailoutbox, commit, state, action, data
):
    shop_order = part(buy(), shop)
    if state == "shipped":
        ship(owner_client, shop_order)
    if state == "cancelled":
        post(owner_client, "order_cancel", shop_order, {"reason": "Broken in the kiln"})
    shop_order.refresh_from_db()
    before = (shop_order.status, shop_order.tracking_number, shop_order.cancel_reason)
    mailoutbox.clear()

    with commit():
        response = post(owner_client, action, shop_order, data)

    assert response.status_code == 409
    assert 'class="alert alert-danger"' in text(response)
    shop_order.refresh_from_db()
    assert (shop_order.status, shop_order.tracking_number, shop_order.cancel_reason) == before
    assert not mailoutbox


def test_the_refusal_says_why(owner_client, buy, shop):
    shop_order = part(buy(), shop)
    response = post(owner_client, "order_deliver", shop_order)
    assert "A shop order that is “New” cannot move to “Delivered”." in text(response)


def test_cancelling_needs_a_reason(owner_client, buy, shop, tagine):
    shop_order = part(buy(), shop)

    response = post(owner_client, "order_cancel", shop_order, {"reason": " "})

    assert response.status_code == 400
    assert "Give the reason for cancelling: the buyer reads it." in text(response)
    shop_order.refresh_from_db()
    tagine.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.NEW and tagine.stock == 18


def test_cancelling_gives_the_stock_back_and_tells_the_buyer_why(
    owner_client, buy, shop, tagine, mailoutbox, commit
):
    order = buy()
    shop_order = part(order, shop)
    tagine.refresh_from_db()
    assert tagine.stock == 18
    mailoutbox.clear()

    with commit():
        response = post(
            owner_client, "order_cancel", shop_order, {"reason": "The glaze cracked in the kiln"}
        )

    assert response.status_code == 302
    shop_order.refresh_from_db()
    tagine.refresh_from_db()
    assert shop_order.status == ShopOrder.Status.CANCELLED
    assert shop_order.cancel_reason == "The glaze cracked in the kiln"
    assert tagine.stock == 20
    (mail,) = mailoutbox  # the buyer only: the shop did it
    assert mail.to == ["amina@example.com"]
    assert mail.subject == f"[Souk] Part of your order {order.number} was cancelled"
    assert "The glaze cracked in the kiln" in mail.body
    assert "Blue tagine" in mail.body and "Wool rug" not in mail.body
    html = text(owner_client.get(url("order_detail", shop_order)))
    assert "The glaze cracked in the kiln" in html and "Nothing to collect" in html


def test_cancelling_a_card_order_refunds_the_shops_part_on_the_card(
    owner_client, buy, shop, stripe_keys, mailoutbox, commit
):
    order = buy(method=Order.Method.CARD)
    outcome = payment_confirm_card(payment=order.payments.get(), token=stripe_keys.card_token())
    assert outcome.status == "succeeded"
    shop_order = part(order, shop)
    mailoutbox.clear()

    with commit():
        response = post(owner_client, "order_cancel", shop_order, {"reason": "Sold out"})

    assert response.status_code == 302
    refund = Refund.objects.get(payment__order=order)
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.amount == shop_order.total == Decimal("275.00")
    stripe = stripe_keys.request("GET", f"/v1/refunds/{refund.stripe_refund_id}")
    assert stripe["amount"] == 27500
    payment = order.payments.get()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == sorted(
        [
            f"[Souk] Part of your order {order.number} was cancelled",
            f"[Souk] We refunded 275.00\xa0MAD for order {order.number}",
        ]
    )
    html = text(owner_client.get(url("order_detail", shop_order)))
    assert "Partly refunded" in html and "275.00\xa0MAD refunded" in html


def test_the_cash_of_a_delivered_order_is_collected_once_with_a_receipt(
    owner_client, other_owner, buy, shop, other_shop, mailoutbox, commit
):
    from tests.dashboard.conftest import signed_in

    order = buy()
    shop_order = part(order, shop)
    ship(owner_client, shop_order)
    post(owner_client, "order_deliver", shop_order)
    mailoutbox.clear()

    with commit():
        response = post(owner_client, "order_collect_cash", shop_order)

    assert response.status_code == 302
    shop_order.refresh_from_db()
    assert shop_order.cash_collected
    (receipt,) = mailoutbox
    assert receipt.to == ["amina@example.com"]
    assert receipt.subject == f"[Souk] Receipt: you paid 275.00\xa0MAD for order {order.number}"
    assert order.payments.get().status == Payment.Status.PENDING  # the rug's cash is due
    page = owner_client.get(url("order_detail", shop_order))
    assert page.context["actions"] == [] and "Cash collected" in text(page)

    again = post(owner_client, "order_collect_cash", shop_order)
    assert again.status_code == 409
    assert "already recorded as collected" in text(again)
    assert len(mailoutbox) == 1

    coop = signed_in(other_owner)
    rug_part = part(order, other_shop)
    ship(coop, rug_part)
    post(coop, "order_deliver", rug_part)
    post(coop, "order_collect_cash", rug_part)
    assert order.payments.get().status == Payment.Status.SUCCEEDED


def test_a_card_order_has_no_cash_to_collect(owner_client, buy, shop, stripe_keys):
    order = buy(method=Order.Method.CARD)
    payment_confirm_card(payment=order.payments.get(), token=stripe_keys.card_token())
    shop_order = part(order, shop)
    ship(owner_client, shop_order)
    post(owner_client, "order_deliver", shop_order)

    page = owner_client.get(url("order_detail", shop_order))
    response = post(owner_client, "order_collect_cash", shop_order)

    assert "collect_cash" not in page.context["actions"]
    assert response.status_code == 409
    assert "Only a delivered cash-on-delivery order can be collected." in text(response)


# --- Packing slip ------------------------------------------------------------------


def test_the_packing_slip_is_a_clean_printable_page_without_prices(owner_client, buy, shop, tagine):
    shop.city, shop.region, shop.contact_phone = "Fès", "Fès-Meknès", "+212 5 35 00 00 00"
    shop.save()
    order = buy()
    shop_order = part(order, shop)

    response = owner_client.get(url("order_packing_slip", shop_order))

    assert response.status_code == 200
    html = text(response)
    for shown in (
        order.number,
        "Atelier Fassi",
        "Fès-Meknès",
        "+212 5 35 00 00 00",
        "Amina Idrissi",
        "12 derb Sidi Ahmed",
        "+212600000000",
        "Blue tagine",
        tagine.label,
        tagine.sku,
        "Cash on delivery",
    ):
        assert shown in html, shown
    assert "MAD" not in html and "120" not in html and "275" not in html  # no prices
    assert "Wool rug" not in html
    assert "dashboard-nav" not in html and "site-header" not in html
    assert "css/dashboard" in html and "js/dashboard-orders" in html
    assert "<script>" not in html and "style=" not in html and "onclick" not in html


def test_the_print_rules_hide_the_buttons():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/dashboard.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    assert ".packing-slip-tools { display: none" in print_rules


def test_the_packing_slip_is_right_to_left_in_arabic(owner_client, buy, shop):
    shop_order = part(buy(), shop)
    response = owner_client.get(f"/ar/dashboard/orders/{shop_order.pk}/packing-slip/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in text(response)
    assert "bootstrap.rtl.min.css" in text(response)


# --- Who may open what -------------------------------------------------------------

ACTIONS = [
    ("order_accept", {}),
    ("order_ship", {"carrier": "Amana", "tracking_number": "1"}),
    ("order_deliver", {}),
    ("order_cancel", {"reason": "Nope"}),
    ("order_collect_cash", {}),
]
PAGES = ["order_detail", "order_packing_slip"]


@pytest.fixture
def theirs(buy, other_shop, rug):
    """The cooperative's part of an order that has none of Atelier Fassi's items."""
    return part(buy(lines={rug: 1}), other_shop)


@pytest.mark.parametrize("name", PAGES)
def test_another_shops_order_is_a_404_on_its_pages(owner_client, theirs, name):
    assert owner_client.get(url(name, theirs)).status_code == 404


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_another_shops_order_is_a_404_on_every_action_and_stays_as_it_was(
    owner_client, theirs, name, data
):
    response = owner_client.post(url(name, theirs), data)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ShopOrder.Status.NEW and not theirs.cash_collected


def test_an_unknown_order_is_a_404(owner_client):
    assert owner_client.get("/en/dashboard/orders/999999/").status_code == 404
    assert owner_client.get("/en/dashboard/orders/abc/").status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_a_shopper_gets_the_dashboard_refusal_on_order_pages(shopper_client, theirs, name):
    response = shopper_client.get(url(name, theirs))
    assert response.status_code == 403 and "The dashboard is for shops" in text(response)


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_a_shopper_gets_the_dashboard_refusal_on_actions(shopper_client, theirs, name, data):
    assert shopper_client.post(url(name, theirs), data).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_order_pages(client, theirs, name):
    response = client.get(url(name, theirs))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_anonymous_visitors_are_sent_to_sign_in_from_actions(client, theirs, name, data):
    response = client.post(url(name, theirs), data)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    theirs.refresh_from_db()
    assert theirs.status == ShopOrder.Status.NEW


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_actions_are_post_only(owner_client, buy, shop, name, data):
    shop_order = part(buy(), shop)
    assert owner_client.get(url(name, shop_order)).status_code == 405


def test_the_list_is_get_only(owner_client):
    assert owner_client.post(reverse("dashboard:orders")).status_code == 405
