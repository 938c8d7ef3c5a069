"""Every model staff work with is in the admin, and every changelist costs the same
number of queries whatever the number of rows (no N+1): each is rendered with one
set of rows, then with twice as many, and the count is pinned."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts.models import Address
from marketplace.cart.models import Cart, CartLine, WishlistItem
from marketplace.catalog.models import StockMovement
from marketplace.earnings.models import BuyerRefund, Payout
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import place_order, shop_order_advance
from marketplace.payments.models import Payment, Refund, StripeEvent
from marketplace.reviews.services import review_create, review_reply, review_report
from marketplace.vendors.models import MemberInvitation, VendorMember
from tests.catalog.test_queries import add_images
from tests.factories import UserFactory, VendorFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

# Edited inside their parent's page only (inlines).
INLINE_ONLY = {"cart.CartLine", "orders.OrderLine", "catalog.ProductImage", "reviews.ReviewReply"}

# Queries of each changelist (session, user and the page's own), whatever the rows.
QUERIES = {
    "accounts_user": 4,
    "accounts_address": 4,
    "vendors_vendor": 5,
    "vendors_vendormember": 4,
    "vendors_memberinvitation": 4,
    "catalog_category": 5,
    "catalog_product": 6,
    "catalog_variant": 4,
    "catalog_stockmovement": 6,
    "cart_cart": 4,
    "cart_wishlistitem": 4,
    "orders_order": 6,
    "orders_shoporder": 7,
    "payments_payment": 4,
    "payments_refund": 4,
    "payments_stripeevent": 5,
    "reviews_review": 3,
    "reviews_reviewreport": 4,
    "earnings_payout": 6,
    "earnings_ledgerentry": 7,
    "earnings_buyerrefund": 6,
}


def test_every_model_of_souk_is_in_the_admin():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("marketplace.")
        and model._meta.label not in INLINE_ONLY
        and model not in admin.site._registry
    ]
    assert not missing


def populate(make_product, categories, n: int) -> None:
    """One of everything a changelist lists, `n` being which set this is."""
    from marketplace.cart.storage import DatabaseCart, Entry
    from marketplace.orders.services import checkout_quote

    shop = VendorFactory(name=f"Shop {n}")
    owner = UserFactory(email=f"owner{n}@example.com")
    VendorMember.objects.create(vendor=shop, user=owner)
    MemberInvitation.objects.create(vendor=shop, email=f"staff{n}@example.com", invited_by=owner)
    product = make_product(f"Tagine {n}", vendor=shop, variants=[{"stock": 9}])
    add_images(product, 1)
    variant = product.variants.get()
    StockMovement.objects.create(variant=variant, change=-1, stock_after=8, reason="sale")
    buyer = UserFactory(email=f"buyer{n}@example.com")
    Address.objects.create(
        user=buyer, recipient_name="A", phone="+212600000000", line1="1", city="Fès"
    )
    WishlistItem.objects.create(user=buyer, product=product)
    cart = DatabaseCart(buyer)
    with transaction.atomic():
        cart.put(Entry(variant.pk, 1, variant.price))
    order = place_order(
        cart=cart,
        user=buyer,
        email=buyer.email,
        address=ADDRESS,
        payment_method=Order.Method.CASH_ON_DELIVERY,
        language="en",
        idempotency_key=uuid.uuid4().hex,
        expected=checkout_quote(cart=cart).fingerprint(),
    )
    CartLine.objects.create(
        cart=Cart.objects.get_or_create(user=buyer)[0],
        variant=variant,
        quantity=1,
        price_seen=variant.price,
    )
    payment = Payment.objects.get_or_create(
        order=order, method=order.payment_method, defaults={"amount": order.total}
    )[0]
    Refund.objects.create(payment=payment, amount=Decimal("1.00"), reason="test")
    StripeEvent.objects.create(event_id=f"evt_{n}", type="payment_intent.succeeded")
    # Delivered: the ledger has its rows, the buyer reviews, another shopper reports it.
    for shop_order in order.shop_orders.all():
        for status in (ShopOrder.Status.SHIPPED, ShopOrder.Status.DELIVERED):
            shop_order_advance(
                shop_order=shop_order, status=status, carrier="Amana", tracking_number="AM1"
            )
    review = review_create(
        user=buyer, product=product, rating=4, text="Well made and well packed.", language="en"
    )
    review_reply(review=review, vendor=shop, author=owner, text="Thank you for your kind words.")
    review_report(review=review, user=UserFactory(), reason="spam", note="")
    BuyerRefund.objects.create(order=order, amount=Decimal("1.00"))
    staff = UserFactory(email=f"staff{n}@souk.local", is_staff=True)
    # (Cash on delivery leaves the shop owing the commission: a payout is recorded
    # as staff would for a shop paid earlier, without its balance check.)
    Payout.objects.create(
        vendor=shop,
        amount=Decimal("1.00"),
        reference=f"VIR-{n}",
        paid_on=date(2026, 11, 1),
        recorded_by=staff,
    )


def test_no_changelist_grows_with_its_rows(client, django_user_model, make_product, categories):
    client.force_login(django_user_model.objects.create_superuser("boss@souk.local", "x-9876-P"))

    def counts() -> dict[str, int]:
        out = {}
        for name in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse(f"admin:{name}_changelist"))
            assert response.status_code == 200, name
            out[name] = len(captured)
        return out

    for n in range(2):
        populate(make_product, categories, n)
    few = counts()
    for n in range(2, 6):
        populate(make_product, categories, n)
    assert counts() == few
    assert few == QUERIES
