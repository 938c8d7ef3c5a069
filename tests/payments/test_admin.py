"""Staff see payments, refunds and webhook events in the admin, and refund from there."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.orders.models import Order
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import payment_confirm_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")


@pytest.mark.django_db(transaction=True)  # commits, as in production: Stripe is asked then
def test_staff_refund_a_paid_card_order_in_full_from_the_admin(
    client, staff, card_order, stripe_keys
):
    payment = card_order.payments.get()
    payment_confirm_card(payment=payment, token=stripe_keys.card_token())
    client.force_login(staff)

    response = client.post(
        reverse("admin:payments_payment_changelist"),
        {"action": "refund_in_full", "_selected_action": [payment.pk]},
        follow=True,
    )

    assert "1 payment refunded." in response.text
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.REFUNDED
    assert Refund.objects.get(payment=payment).status == Refund.Status.SUCCEEDED


@pytest.mark.parametrize("model", ["payment", "refund", "stripeevent"])
def test_the_payment_admin_pages_render(client, staff, card_order, model):
    client.force_login(staff)
    assert client.get(reverse(f"admin:payments_{model}_changelist")).status_code == 200
    payment = Payment.objects.get(order=card_order)
    page = client.get(reverse("admin:payments_payment_change", args=[payment.pk]))
    assert page.status_code == 200 and card_order.number in page.text


@pytest.mark.django_db(transaction=True)
def test_staff_refund_part_of_a_card_order_from_the_orders_admin(
    client, staff, card_order, stripe_keys
):
    payment = card_order.payments.get()
    payment_confirm_card(payment=payment, token=stripe_keys.card_token())
    client.force_login(staff)
    url = reverse("admin:orders_order_changelist")

    page = client.post(url, {"action": "refund", "_selected_action": [card_order.pk]})
    assert 'name="amount"' in page.text and 'name="reason"' in page.text

    response = client.post(
        url,
        {
            "action": "refund",
            "apply": "yes",
            "amount": "100.00",
            "reason": "One tagine arrived cracked.",
            "_selected_action": [card_order.pk],
        },
        follow=True,
    )

    assert "1 order refunded." in response.text
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("100.00")
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    card_order.refresh_from_db()
    assert card_order.status != Order.Status.REFUNDED
    refund = Refund.objects.get(payment=payment)
    assert (
        refund.status == Refund.Status.SUCCEEDED and refund.reason == "One tagine arrived cracked."
    )


def test_an_order_without_a_card_payment_has_nothing_to_refund(client, staff, place):
    order = place(Order.Method.CASH_ON_DELIVERY)
    client.force_login(staff)
    response = client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "refund", "apply": "yes", "reason": "x", "_selected_action": [order.pk]},
        follow=True,
    )
    assert "no card payment to refund" in response.text
    assert not Refund.objects.exists()


def test_the_order_page_shows_its_payments(client, staff, card_order):
    client.force_login(staff)
    page = client.get(reverse("admin:orders_order_change", args=[card_order.pk]))
    assert page.status_code == 200
    assert "payments-group" in page.text or "Payments" in page.text
