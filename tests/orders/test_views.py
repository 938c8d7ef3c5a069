"""The shopper's order pages: only the buyer (signed in) or the holder of the guest
link sees an order, everybody else gets a 404; cancelling works while nothing has
shipped; the pages cost a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.catalog.models import Variant
from marketplace.orders.links import order_guest_key, order_guest_path, order_guest_url
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_mark_paid, shop_order_advance
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lazy_loads_raise")]


@pytest.fixture
def stranger(db):
    return UserFactory(email="someone.else@example.com")


def detail(order, lang="en"):
    return f"/{lang}/orders/{order.number}/"


def cancel_url(order, lang="en"):
    return f"/{lang}/orders/{order.number}/cancel/"


def ship(order, *, carrier="Amana", tracking="AM123456789MA"):
    shop_order = order.shop_orders.order_by("pk").first()
    return shop_order_advance(
        shop_order=shop_order,
        status=ShopOrder.Status.SHIPPED,
        carrier=carrier,
        tracking_number=tracking,
    )


# --- My orders ----------------------------------------------------------------------


def test_my_orders_needs_signing_in(client):
    response = client.get("/en/orders/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=/en/orders/")


def test_my_orders_shows_the_shoppers_own_orders_newest_first(client, user, stranger, buy):
    first = buy(user=user)
    second = buy(user=user)
    theirs = buy(user=stranger)
    client.force_login(user)

    response = client.get("/en/orders/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(second.number) < html.index(first.number)
    assert theirs.number not in html
    assert "2 \u00d7 Blue tagine" in html and "Coopérative Tafraout" in html
    assert reverse("orders:detail", kwargs={"number": first.number}) in html


def test_my_orders_pages_and_a_bad_page_number_shows_a_page(client, user, buy, monkeypatch):
    monkeypatch.setattr("marketplace.orders.views.ORDERS_PER_PAGE", 2)
    orders = [buy(user=user) for _ in range(3)]
    client.force_login(user)

    page_two = client.get("/en/orders/?page=2").content.decode()
    assert orders[0].number in page_two and orders[2].number not in page_two
    assert "Page 2 of 2" in page_two
    for junk in ("abc", "0", "99999999999999999999", "-1"):
        assert client.get(f"/en/orders/?page={junk}").status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_orders_costs_the_same_queries_for_one_order_or_a_full_page(client, user, buy):
    client.force_login(user)
    buy(user=user)
    client.get("/en/orders/")  # warm the session cache
    one = _queries(client, "/en/orders/")
    for _ in range(6):
        buy(user=user)
    many = _queries(client, "/en/orders/")
    # user, count, orders, their shop orders with shops, their lines, the cart badge
    assert one == many == 6


def test_an_order_page_costs_a_fixed_number_of_queries(client, user, buy):
    order = buy(user=user)
    client.force_login(user)
    client.get(detail(order))
    # user, the order, its shop orders with shops, their lines, the cart badge
    assert _queries(client, detail(order)) == 5


def test_the_account_menu_links_to_my_orders_when_signed_in(client, user, tagine):
    assert 'href="/en/orders/"' not in client.get("/en/cart/").content.decode()
    client.force_login(user)
    assert ">My orders</a>" in client.get("/en/cart/").content.decode()


# --- One order ------------------------------------------------------------------------


def test_the_buyer_sees_lines_shops_tracking_totals_and_payment(client, user, buy):
    order = buy(user=user)
    ship(order)
    client.force_login(user)

    response = client.get(detail(order))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    for text in (
        order.number,
        "Blue tagine",
        "Wool rug",
        "Atelier Fassi",
        "Coopérative Tafraout",
        "Amana",
        "AM123456789MA",
        "Partly shipped",
        "Cash on delivery",
        "To pay in cash on delivery",
        "1,175.00",  # the total: 240 + 35 shipping + 900 (free shipping above 600)
        "12 derb Sidi Ahmed",
    ):
        assert text in html, text


def test_a_card_order_shows_its_payment_state_from_the_order(client, user, buy):
    order = buy(user=user, method=Order.Method.CARD)
    client.force_login(user)
    assert "Awaiting your card payment" in client.get(detail(order)).content.decode()
    order_mark_paid(order=order)
    assert "Paid by card" in client.get(detail(order)).content.decode()


def test_a_signed_out_visitor_is_asked_to_sign_in_whether_or_not_the_order_exists(
    client, user, buy
):
    order = buy(user=user)
    for url in (detail(order), "/en/orders/SK-2000-999999/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/en/accounts/login/?next=")


def test_another_shoppers_order_is_a_404(client, user, stranger, buy):
    order = buy(user=user)
    client.force_login(stranger)
    assert client.get(detail(order)).status_code == 404
    assert client.post(cancel_url(order)).status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


@pytest.mark.parametrize("number", ["SK-2026-12", "sk-2026-000001", "SK-2026-000001x", "1"])
def test_a_malformed_order_number_is_a_404(client, user, number):
    client.force_login(user)
    assert client.get(f"/en/orders/{number}/").status_code == 404


# --- Guests -------------------------------------------------------------------------------


def test_a_guest_follows_the_order_through_the_signed_link(client, buy):
    order = buy(email="guest@example.com", language="fr")

    url = order_guest_url(order)

    assert url == f"http://testserver/fr/orders/{order.number}/?key={order_guest_key(order)}"
    response = client.get(order_guest_path(order))
    assert response.status_code == 200
    assert order.number in response.content.decode()
    assert "Tajine bleu" in response.content.decode()  # the lines, in the buyer's language


def test_a_tampered_or_another_orders_key_is_a_404(client, buy):
    order = buy(email="guest@example.com")
    other = buy(email="another.guest@example.com")
    key = order_guest_key(order)

    for bad in (
        key[:-1] + ("A" if key[-1] != "A" else "B"),
        key + "x",
        order_guest_key(other),
        "x",
    ):
        assert client.get(f"{detail(order)}?key={bad}").status_code == 404, bad
    assert client.get(f"{detail(other)}?key={key}").status_code == 404


def test_a_signed_in_stranger_with_a_wrong_key_still_gets_a_404(client, stranger, buy):
    order = buy(email="guest@example.com")
    client.force_login(stranger)
    assert client.get(f"{detail(order)}?key=nope").status_code == 404


def test_a_guest_cancels_from_the_signed_link(client, buy, tagine):
    order = buy(email="guest@example.com")

    response = client.post(cancel_url(order), {"key": order_guest_key(order)})

    assert response.status_code == 302
    assert response.url == order_guest_path(order)
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert Variant.objects.get(pk=tagine.pk).stock == 20  # back on sale
    page = client.get(response.url).content.decode()
    assert f"Your order {order.number} is cancelled." in page


def test_a_guest_cannot_cancel_without_the_key(client, buy):
    order = buy(email="guest@example.com")
    assert client.post(cancel_url(order), {"key": "forged"}).status_code == 404
    response = client.post(cancel_url(order))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


# --- Cancelling ---------------------------------------------------------------------------


def test_the_buyer_cancels_before_anything_shipped(client, user, buy, tagine, rug):
    order = buy(user=user)
    client.force_login(user)

    response = client.post(cancel_url(order), {"reason": "Ordered twice"}, follow=True)

    assert response.redirect_chain == [(detail(order), 302)]
    html = response.content.decode()
    assert f"Your order {order.number} is cancelled." in html
    assert "Ordered twice" in html
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert set(order.shop_orders.values_list("cancel_reason", flat=True)) == {"Ordered twice"}
    assert [Variant.objects.get(pk=v.pk).stock for v in (tagine, rug)] == [20, 10]
    assert 'action="/en/orders/' not in html  # no cancel form any more


def test_cancelling_is_refused_once_a_shop_has_shipped(client, user, buy, tagine):
    order = buy(user=user)
    ship(order)
    client.force_login(user)
    assert "Cancel the order" not in client.get(detail(order)).content.decode()

    response = client.post(cancel_url(order))

    assert response.status_code == 409
    assert "This order can no longer be cancelled." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PARTLY_SHIPPED
    assert Variant.objects.get(pk=tagine.pk).stock == 18


def test_cancelling_twice_says_it_is_too_late(client, user, buy):
    order = buy(user=user)
    client.force_login(user)
    client.post(cancel_url(order))
    response = client.post(cancel_url(order))
    assert response.status_code == 409
    assert "This order can no longer be cancelled." in response.content.decode()


def test_a_reason_too_long_is_a_400_and_cancels_nothing(client, user, buy):
    order = buy(user=user)
    client.force_login(user)
    response = client.post(cancel_url(order), {"reason": "x" * 301})
    assert response.status_code == 400
    assert "at most 300 characters" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


def test_cancel_is_post_only(client, user, buy):
    order = buy(user=user)
    client.force_login(user)
    assert client.get(cancel_url(order)).status_code == 405


@pytest.mark.parametrize(
    ("lang", "heading", "direction"),
    [("fr", "Commande", "ltr"), ("ar", "الطلب", "rtl")],
)
def test_the_order_page_speaks_the_shoppers_language(client, user, buy, lang, heading, direction):
    order = buy(user=user, language=lang)
    client.force_login(user)
    html = client.get(detail(order, lang)).content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert re.search(rf"<h1[^>]*>{heading} {order.number}</h1>", html)


@pytest.mark.parametrize(
    "key",
    ["", ":", "a:b:c", "../../etc/passwd", "é" * 3000, "%00", "<script>", " " * 10],
)
def test_a_junk_key_is_a_404_never_a_500(client, buy, key):
    order = buy(email="guest@example.com")
    response = client.get(detail(order), {"key": key})
    assert response.status_code in (302, 404)  # an empty key: sign in first
    response = client.post(cancel_url(order), {"key": key})
    assert response.status_code in (302, 404)
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


def test_a_nul_in_the_key_or_the_reason_is_a_400(client, buy):
    order = buy(email="guest@example.com")
    assert client.get(detail(order), {"key": "a\x00b"}).status_code == 400
    response = client.post(cancel_url(order), {"key": order_guest_key(order), "reason": "x\x00"})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED
