"""Demo reviews: the ratings the demo catalogue shows come from real reviews.

The demo products that have a `rating` in catalog/demo/data/products.json (an
average and a number of ratings) get a few reviews that add up to about that
average, each written by a demo buyer who bought the product and received it:
an order placed, shipped and delivered through the real services (cash on
delivery, cash collected), moved back a month or two, then `review_create`. So
the product page's "verified purchase" is true, and the product's rating columns
are the reviews' own aggregate. Sold-out products get none (nobody could buy them).
Run once, after the demo orders (`seed_dashboard_demo`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.catalog.demo.content import PRODUCTS
from marketplace.catalog.demo.seeding import slugs_for
from marketplace.catalog.models import Product, StockMovement
from marketplace.earnings.models import LedgerEntry
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    CheckoutError,
    checkout_quote,
    place_order,
    shop_order_advance,
)
from marketplace.payments.services import payment_cash_collected, payment_start
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_create

from .demo import ADDRESS

KEY_PREFIX = "souk-demo-review-"
REVIEWERS = (
    ("nadia@souk.local", "Nadia El Amrani", "fr"),
    ("omar@souk.local", "Omar Benali", "ar"),
    ("emma@souk.local", "Emma Laurent", "en"),
    ("youssef@souk.local", "Youssef Tazi", "fr"),
    ("leila@souk.local", "Leila Haddad", "ar"),
)
TEXTS = {
    "en": {
        5: "Beautiful work, even better than the photos. Carefully packed and quick to arrive.",
        4: "Lovely piece and well made; delivery took a few days longer than said.",
        3: "Nice, but the colour is darker than on the photos.",
    },
    "fr": {
        5: "Un travail magnifique, encore plus beau qu'en photo. Emballage soigné.",
        4: "Très belle pièce, bien finie ; la livraison a pris quelques jours de plus.",
        3: "Joli, mais la couleur est plus foncée que sur les photos.",
    },
    "ar": {
        5: "عمل رائع وأجمل من الصور. التغليف متقن ووصل بسرعة.",
        4: "قطعة جميلة ومتقنة الصنع، لكن التوصيل تأخر بضعة أيام.",
        3: "جميل، لكن اللون أغمق مما في الصور.",
    },
}


def ratings_for(average: Decimal, count: int) -> list[int]:
    """A few whole ratings (1 to 4 of them, more for a product rated more often)
    whose average is as close to `average` as whole stars allow."""
    n = 1 if count < 5 else 2 if count < 10 else 3 if count < 20 else 4
    total = int((average * n).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    base, extra = divmod(total, n)
    return [max(1, min(5, base + (1 if i < extra else 0))) for i in range(n)]


def _reviewer(email: str, name: str):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _buy_and_receive(buyer, product: Product, key: str, language: str, days_ago: int) -> bool:
    variant = product.variants.filter(is_active=True, stock__gte=1).order_by("pk").first()
    if variant is None:
        return False
    cart = DatabaseCart(buyer)
    with transaction.atomic():
        cart.lock()
        cart.clear()
        cart.put(Entry(variant.pk, 1, variant.price))
    try:
        with transaction.atomic():
            order = place_order(
                cart=cart,
                user=buyer,
                email=buyer.email,
                address=_address(buyer),
                payment_method=Order.Method.CASH_ON_DELIVERY,
                language=language,
                idempotency_key=key,
                expected=checkout_quote(cart=cart).fingerprint(),
            )
            payment_start(order=order)
    except CheckoutError:
        return False
    for shop_order in order.shop_orders.all():
        for status in (ShopOrder.Status.PROCESSING, ShopOrder.Status.SHIPPED):
            shop_order = shop_order_advance(
                shop_order=shop_order,
                status=status,
                carrier="Amana",
                tracking_number=f"AM{order.pk:06d}RV",
            )
        shop_order = shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)
        payment_cash_collected(shop_order=shop_order)
    placed = timezone.now() - timedelta(days=days_ago)
    delivered = placed + timedelta(days=3)
    Order.objects.filter(pk=order.pk).update(created=placed)
    StockMovement.objects.filter(note=order.number).update(created=placed)
    ShopOrder.objects.filter(order=order).update(
        created=placed, shipped_at=placed + timedelta(days=1), delivered_at=delivered
    )
    LedgerEntry.objects.filter(shop_order__order=order).update(created=delivered)
    return True


def _address(buyer):
    return replace(ADDRESS, recipient_name=buyer.full_name)


def seed_reviews(stdout=None) -> int:
    """The demo reviews, once; returns how many were written."""
    if Review.objects.filter(user__email__in=[email for email, *_ in REVIEWERS]).exists():
        if stdout is not None:
            stdout.write("Demo reviews exist already.")
        return 0
    buyers = [(_reviewer(email, name), language) for email, name, language in REVIEWERS]
    written = 0
    for index, spec in enumerate(s for s in PRODUCTS if s.rating and not s.sold_out):
        product = Product.objects.filter(slug_en=slugs_for(spec.name)[0]).first()
        if product is None:
            continue
        average, count = spec.rating
        for j, rating in enumerate(ratings_for(Decimal(average), count)):
            buyer, language = buyers[(index + j) % len(buyers)]
            days_ago = 70 - (index * 7 + j * 11) % 60
            if not _buy_and_receive(buyer, product, f"{KEY_PREFIX}{index}-{j}", language, days_ago):
                break
            review = review_create(
                user=buyer,
                product=product,
                rating=rating,
                text=TEXTS[language][max(3, rating)],
                language=language,
            )
            Review.objects.filter(pk=review.pk).update(
                created=timezone.now() - timedelta(days=days_ago - 5)
            )
            written += 1
    if stdout is not None:
        stdout.write(f"Demo reviews: {written}, each by a buyer who received the product.")
    return written
