"""Staff see payments, refunds and webhook events in the admin, and refund from there."""

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
