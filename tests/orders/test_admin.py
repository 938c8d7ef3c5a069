"""Staff look orders up in the admin (by number or e-mail, by status, payment method
and date), read-only: an order's snapshots and state change only through services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")
    client.force_login(admin)
    return client


def test_staff_find_orders_by_number_email_status_and_method(staff_client, user, buy):
    cash = buy(user=user)
    card = buy(email="guest@example.com", method=Order.Method.CARD)
    url = reverse("admin:orders_order_changelist")

    def listed(query: str) -> set[str]:
        html = staff_client.get(f"{url}?{query}").content.decode()
        return {number for number in (cash.number, card.number) if number in html}

    assert listed("") == {cash.number, card.number}
    assert listed(f"q={card.number}") == {card.number}
    assert listed("q=guest@example") == {card.number}
    assert listed("status__exact=confirmed") == {cash.number}
    assert listed("payment_method__exact=card") == {card.number}


def test_an_order_shows_its_shop_orders_and_lines_read_only(staff_client, user, buy):
    order = buy(user=user)
    response = staff_client.get(reverse("admin:orders_order_change", args=[order.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Atelier Fassi", "Coopérative Tafraout", "Blue tagine", "Wool rug", order.email):
        assert text in html
    assert 'name="status"' not in html and 'name="_save"' not in html  # nothing to edit
    assert staff_client.get(reverse("admin:orders_order_add")).status_code == 403
    assert (
        staff_client.get(reverse("admin:orders_order_delete", args=[order.pk])).status_code == 403
    )


def test_the_order_list_costs_the_same_queries_for_more_orders(staff_client, user, buy):
    url = reverse("admin:orders_order_changelist")
    buy(user=user)
    staff_client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    one = count()
    for _ in range(5):
        buy(user=user)
    assert count() == one


def test_staff_cancel_an_order_with_a_reason_and_its_stock_goes_back(
    staff_client, user, buy, tagine, mailoutbox, django_capture_on_commit_callbacks
):
    order = buy(user=user)
    tagine.refresh_from_db()
    assert tagine.stock == 18
    url = reverse("admin:orders_order_changelist")

    page = staff_client.post(url, {"action": "cancel", "_selected_action": [order.pk]})
    assert 'name="reason"' in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url,
            {
                "action": "cancel",
                "apply": "yes",
                "reason": "The buyer asked by phone.",
                "_selected_action": [order.pk],
            },
            follow=True,
        )

    assert "1 order cancelled" in response.text
    order.refresh_from_db()
    tagine.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and tagine.stock == 20
    assert any(order.number in m.subject or order.number in m.body for m in mailoutbox)


def test_a_shipped_order_cannot_be_cancelled_from_the_admin(staff_client, user, buy):
    from marketplace.orders.models import ShopOrder
    from marketplace.orders.services import shop_order_advance

    order = buy(user=user)
    shop_order = order.shop_orders.order_by("pk").first()
    shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.PROCESSING)
    shop_order_advance(
        shop_order=shop_order,
        status=ShopOrder.Status.SHIPPED,
        carrier="Amana",
        tracking_number="AM1",
    )
    response = staff_client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "cancel", "apply": "yes", "reason": "x", "_selected_action": [order.pk]},
        follow=True,
    )
    assert "can no longer be cancelled" in response.text or "already shipped" in response.text
    order.refresh_from_db()
    assert order.status != Order.Status.CANCELLED
