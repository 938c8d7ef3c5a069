"""`manage.py expire_orders` cancels the card orders not paid in time and puts their
stock back on sale; it says how many."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.catalog.models import Variant
from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


def expire_orders() -> str:
    out = StringIO()
    call_command("expire_orders", stdout=out)
    return out.getvalue().strip()


def test_expire_orders_returns_the_stock_of_unpaid_card_orders(user, buy, tagine, rug):
    late = buy(user=user, method=Order.Method.CARD)
    in_time = buy(user=user, method=Order.Method.CARD, lines={tagine: 1})
    cash = buy(user=user)
    Order.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert Variant.objects.get(pk=tagine.pk).stock == 20 - 2 - 1 - 2

    assert expire_orders() == "Expired 1 unpaid order."

    late.refresh_from_db()
    assert late.status == Order.Status.CANCELLED
    assert Variant.objects.get(pk=tagine.pk).stock == 20 - 1 - 2
    assert Variant.objects.get(pk=rug.pk).stock == 10 - 1
    assert Order.objects.get(pk=in_time.pk).status == Order.Status.PENDING_PAYMENT
    assert Order.objects.get(pk=cash.pk).status == Order.Status.CONFIRMED


def test_expire_orders_with_nothing_to_do_says_so(user, buy):
    buy(user=user, method=Order.Method.CARD)
    assert expire_orders() == "Expired 0 unpaid orders."
    assert expire_orders() == "Expired 0 unpaid orders."
