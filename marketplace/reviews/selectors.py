"""What the review pages read, in a fixed number of queries each.

- `purchase_of(user, product_id)`: the delivered order line that entitles a buyer to
  review a product (one query), and whether a purchase is still on its way.
- `rating_summary(product)`: the aggregate kept on the product plus the distribution
  by stars (one GROUP BY query).
- `product_reviews(product, rating=)`: the visible reviews, newest first, with their
  authors and replies (one query per page, plus the paginator's count).
- `viewer_state(user, product, reviews)`: what the signed-in visitor may do here
  (their own review, their purchases of it, which reviews they reported): 1 to 3 queries.
- `shop_reviews(shop, unanswered=)`, `latest_for_shop(shop, limit=)`: the dashboard's.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from marketplace.orders.models import OrderLine, ShopOrder

from .models import RATING_MAX, RATING_MIN, Review, ReviewReport

SETTLED = {ShopOrder.Status.DELIVERED, ShopOrder.Status.CANCELLED}


def _lines_of(user, product_id: int):
    return OrderLine.objects.filter(order__user=user, product_id=product_id)


def delivered_line(*, user, product_id: int) -> OrderLine | None:
    """The buyer's latest line for this product in a shop order that was delivered."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        _lines_of(user, product_id)
        .filter(shop_order__status=ShopOrder.Status.DELIVERED)
        .order_by("-id")
        .first()
    )


def purchase_on_its_way(*, user, product_id: int) -> bool:
    """The buyer ordered it and no shop order of it was delivered or cancelled yet."""
    return _lines_of(user, product_id).exclude(shop_order__status__in=SETTLED).exists()


@dataclass(frozen=True)
class StarBar:
    stars: int
    count: int
    percent: int


@dataclass(frozen=True)
class RatingSummary:
    average: Decimal
    count: int
    bars: list[StarBar]  # five stars first


def rating_summary(product) -> RatingSummary:
    """Average and count from the product's columns (what cards and JSON-LD show),
    the distribution of the visible reviews by stars: one query."""
    counts = dict(
        Review.objects.visible()
        .filter(product=product)
        .order_by()
        .values_list("rating")
        .annotate(n=Count("id"))
    )
    total = sum(counts.values())
    bars = []
    for stars in range(RATING_MAX, RATING_MIN - 1, -1):
        count = counts.get(stars, 0)
        bars.append(StarBar(stars, count, round(100 * count / total) if total else 0))
    return RatingSummary(product.rating_average, product.rating_count, bars)


def product_reviews(product, *, rating: int | None = None):
    """Visible reviews of the product, newest first, with author and reply."""
    reviews = Review.objects.visible().filter(product=product).for_display()
    if rating:
        reviews = reviews.filter(rating=rating)
    return reviews.order_by("-created", "-id")


@dataclass
class ViewerState:
    """What the visitor may do in a product's reviews section."""

    own_review: Review | None = None
    can_review: bool = False  # a delivered purchase and no review yet
    on_its_way: bool = False  # bought, not delivered yet
    reported_ids: set[int] = field(default_factory=set)


def viewer_state(user, product, reviews) -> ViewerState:
    """Nothing for anonymous visitors (no query); for a signed-in user, their review
    (one query), the states of their purchases of it when they have none (one) and
    which of `reviews` they reported (one, when the page has reviews by others)."""
    state = ViewerState()
    if not user.is_authenticated:
        return state
    state.own_review = Review.objects.filter(product=product, user=user).first()
    if state.own_review is None:
        statuses = set(
            _lines_of(user, product.pk).values_list("shop_order__status", flat=True).distinct()
        )
        state.can_review = ShopOrder.Status.DELIVERED in statuses
        state.on_its_way = not state.can_review and bool(statuses - SETTLED)
    others = [review.pk for review in reviews if review.user_id != user.pk]
    if others:
        state.reported_ids = set(
            ReviewReport.objects.filter(user=user, review_id__in=others).values_list(
                "review_id", flat=True
            )
        )
    return state


def shop_reviews(shop, *, unanswered: bool = False):
    """The visible reviews of the shop's products, newest first, with the product,
    the author and the reply (one query per page)."""
    reviews = (
        Review.objects.visible()
        .of_shop(shop)
        .select_related("product", "user", "reply")
        .order_by("-created", "-id")
    )
    if unanswered:
        reviews = reviews.filter(reply__isnull=True)
    return reviews


def latest_for_shop(shop, limit: int = 5) -> list[Review]:
    """The shop's latest visible reviews for its dashboard overview: one query."""
    return list(shop_reviews(shop)[:limit])
