"""seed_demo's dashboard part: an owner for two demo shops (passwords printed once)
and four weeks of orders in every state, so that `make run` shows living dashboards;
idempotent, like the rest of seed_demo."""

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max, Min, Sum
from django.test import Client
from django.urls import reverse

from marketplace.catalog.demo import drawing
from marketplace.dashboard.demo import KEY_PREFIX, OWNERS
from marketplace.earnings.models import LedgerEntry, Payout
from marketplace.earnings.selectors import shop_balance
from marketplace.orders.models import Order, ShopOrder
from marketplace.vendors.models import VendorMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(drawing, "IMAGE_SIZE", (240, 180))  # smaller photos, same code
    return tmp_path


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "orders": Order.objects.count(),
        "ledger": LedgerEntry.objects.count(),
        "payouts": Payout.objects.count(),
    }


@pytest.mark.slow
def test_seed_demo_makes_two_shop_owners_and_weeks_of_orders_once(media):
    output = seed_demo()

    # Each owner is printed once with a password that signs in, and runs its shop.
    for owner in OWNERS:
        match = re.search(rf"e-mail:\s+{re.escape(owner.email)}\s+password:\s+(\S+)", output)
        assert match, output
        user = get_user_model().objects.get(email=owner.email)
        assert user.check_password(match.group(1))
        assert user.has_verified_email() and not user.is_staff
        membership = VendorMember.objects.get(user=user)
        assert membership.is_owner and membership.vendor.slug == owner.shop
        client = Client()
        assert client.login(email=owner.email, password=match.group(1))
        assert client.get(reverse("dashboard:earnings")).status_code == 200

    orders = Order.objects.filter(idempotency_key__startswith=KEY_PREFIX)
    assert 20 <= orders.count() <= 30
    assert set(orders.values_list("payment_method", flat=True)) == set(Order.Method.values)
    statuses = set(ShopOrder.objects.filter(order__in=orders).values_list("status", flat=True))
    assert statuses == set(ShopOrder.Status.values)
    spread = orders.aggregate(first=Min("created"), last=Max("created"))
    assert spread["last"] - spread["first"] >= timedelta(days=21)

    # The shops' ledgers: delivered orders of both methods, payouts, balances that
    # are their rows' sums.
    for owner in OWNERS:
        entries = LedgerEntry.objects.filter(vendor__slug=owner.shop)
        kinds = set(entries.values_list("kind", flat=True))
        assert {"sale", "commission", "cash_kept", "payout"} <= kinds
        vendor = entries.first().vendor
        total = Decimal(str(entries.aggregate(s=Sum("amount"))["s"])).quantize(Decimal("0.01"))
        assert shop_balance(vendor=vendor) == total  # (SQLite sums in floating point)
    assert not LedgerEntry.objects.filter(shop_order__status=ShopOrder.Status.CANCELLED).exists()
    # Ledger rows are dated with their deliveries, weeks back.
    dates = LedgerEntry.objects.aggregate(first=Min("created"), last=Max("created"))
    assert dates["last"] - dates["first"] >= timedelta(days=14)

    before = counts()
    again = seed_demo()
    assert counts() == before
    assert "password:" not in again
    assert "exist already" in again and "Demo orders exist already." in again
    assert f"manage.py changepassword {OWNERS[0].email}" in again


@pytest.mark.slow
def test_every_demo_rating_is_the_aggregate_of_verified_reviews(media):
    from decimal import ROUND_HALF_UP

    from django.db.models import Avg, Count, Q

    from marketplace.catalog.models import Product

    seed_demo()
    rated = Product.objects.filter(rating_count__gt=0).annotate(
        n=Count("reviews", filter=Q(reviews__is_hidden=False)),
        mean=Avg("reviews__rating", filter=Q(reviews__is_hidden=False)),
    )
    assert rated.count() >= 5
    for product in rated:
        assert product.rating_count == product.n
        mean = Decimal(str(product.mean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert product.rating_average == mean
        for review in product.reviews.select_related("order_line__shop_order"):
            assert review.order_line.shop_order.status == ShopOrder.Status.DELIVERED
            assert review.order_line.shop_order.order.user_id == review.user_id
    assert not Product.objects.filter(rating_count=0, rating_average__gt=0).exists()
    seed_demo()  # again: nothing more
    assert Product.objects.filter(rating_count__gt=0).count() == rated.count()
