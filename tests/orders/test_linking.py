"""A guest's orders join the account that later signs up with, and confirms, the same
address: the buyer finds them under My orders. Nobody else's do."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


def sign_up(client, email: str, password: str) -> None:
    client.post(
        reverse("account_signup"),
        {"email": email, "full_name": "Nadia", "password1": password, "password2": password},
    )


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S*/confirm-email/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_guest_orders_appear_under_my_orders_once_the_address_is_confirmed(client, buy, password):
    mine = buy(email="Nadia@Example.com")
    also_mine = buy(email="nadia@example.com", method=Order.Method.CARD)
    someone_elses = buy(email="other@example.com")

    sign_up(client, "nadia@example.com", password)
    assert Order.objects.filter(user__isnull=False).count() == 0  # not before confirming

    response = client.post(confirmation_link(mail.outbox[-1]))

    assert response.status_code == 302
    linked = Order.objects.filter(user__email="nadia@example.com")
    assert set(linked) == {mine, also_mine}
    assert Order.objects.get(pk=someone_elses.pk).user is None
    html = client.get("/en/orders/").content.decode()  # confirming signed the user in
    assert mine.number in html and also_mine.number in html
    assert someone_elses.number not in html
    assert client.get(f"/en/orders/{mine.number}/").status_code == 200
