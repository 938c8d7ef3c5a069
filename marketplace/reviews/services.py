"""Writing, changing, moderating, answering and reporting reviews.

Keyword-only and atomic. Every change that can move a product's aggregate (create,
edit, delete, hide, restore) locks the product's row first (`_lock_product`, the
one lock these services take, so they cannot deadlock each other or a sale, which
locks variants then products), then recomputes the rating of the product from its
visible reviews with one aggregate query and writes it with one UPDATE in the same
transaction. Two buyers reviewing at once therefore queue on the product row and
the second recomputes with the first's review in: the aggregate stays exact.

The UPDATE goes through `StorefrontQuerySet.update()`, which expires the shared
fragments after commit: cards and product pages show the rating.

Refusals are `ReviewRefused` subclasses with a translated message.
"""

from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product

from . import selectors
from .models import (
    RATING_MAX,
    RATING_MIN,
    REPLY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TEXT_MIN_LENGTH,
    Review,
    ReviewReply,
    ReviewReport,
)

CENT = Decimal("0.01")
# Not `updated`: it says when the buyer last changed their words ("edited").
MODERATION_FIELDS = ["is_hidden", "hidden_reason", "hidden_at", "hidden_by"]
# Set while review_delete() deletes: its own recompute covers it (see receivers.py).
_SERVICE_DELETE: ContextVar[bool] = ContextVar("reviews_service_delete", default=False)


def deleting_through_service() -> bool:
    return _SERVICE_DELETE.get()


class ReviewRefused(Exception):
    """The change is not allowed as things stand; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotEligible(ReviewRefused):
    """Only buyers whose order line for the product was delivered may review it."""


class AlreadyDone(ReviewRefused):
    """A second review of the same product, a second report of the same review."""


# --- The aggregate ------------------------------------------------------------------


def _lock_product(product_id: int) -> None:
    Product.objects.select_for_update().filter(pk=product_id).values_list("pk").first()


def _refresh_rating(product_id: int) -> tuple[Decimal, int]:
    """Average and count of the product's visible reviews (one aggregate query),
    written on the product (one UPDATE). Call with the product locked."""
    totals = (
        Review.objects.visible()
        .filter(product_id=product_id)
        .aggregate(count=Count("id"), total=Sum("rating"))
    )
    count = totals["count"]
    average = Decimal("0.00")
    if count:
        average = (Decimal(totals["total"]) / count).quantize(CENT, ROUND_HALF_UP)
    Product.objects.filter(pk=product_id).update(rating_average=average, rating_count=count)
    return average, count


def product_rating_refresh(*, product_id: int) -> tuple[Decimal, int]:
    """Recompute a product's rating from scratch (repairs, cascaded deletes)."""
    with transaction.atomic():
        _lock_product(product_id)
        return _refresh_rating(product_id)


# --- The buyer ----------------------------------------------------------------------


def _checked(rating, text: str) -> tuple[int, str]:
    """The form's rules again, for callers that are not the form."""
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValidationError(_("Choose a rating from 1 to 5 stars."), code="rating")
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValidationError(_("Choose a rating from 1 to 5 stars."), code="rating")
    text = (text or "").strip()
    if not TEXT_MIN_LENGTH <= len(text) <= TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Write between %(min)d and %(max)d characters.")
            % {"min": TEXT_MIN_LENGTH, "max": TEXT_MAX_LENGTH},
            code="text",
        )
    return rating, text


def not_eligible_message(*, user, product_id: int) -> str:
    """Why this user may not review the product (they have no delivered line for it)."""
    if user.is_authenticated and selectors.purchase_on_its_way(user=user, product_id=product_id):
        return _(
            "Your order of this product has not been delivered yet: "
            "you can review it once it arrives."
        )
    return _("Only buyers who received this product can review it.")


def review_create(*, user, product: Product, rating: int, text: str, language: str) -> Review:
    """The buyer's review of a product they received: once per product."""
    rating, text = _checked(rating, text)
    with transaction.atomic():
        _lock_product(product.pk)
        if Review.objects.filter(product_id=product.pk, user=user).exists():
            raise AlreadyDone(
                _("You have already reviewed this product: you can edit your review instead.")
            )
        line = selectors.delivered_line(user=user, product_id=product.pk)
        if line is None:
            raise NotEligible(not_eligible_message(user=user, product_id=product.pk))
        review = Review.objects.create(
            product_id=product.pk,
            user=user,
            order_line=line,
            rating=rating,
            text=text,
            language=language,
        )
        _refresh_rating(product.pk)
    return review


def review_update(*, review: Review, rating: int, text: str, language: str) -> Review:
    """The buyer changes their review (a hidden one stays hidden)."""
    rating, text = _checked(rating, text)
    with transaction.atomic():
        _lock_product(review.product_id)
        review.rating, review.text, review.language = rating, text, language
        review.save(update_fields=["rating", "text", "language", "updated"])
        _refresh_rating(review.product_id)
    return review


def review_delete(*, review: Review) -> None:
    """The buyer takes their review back (and may write a new one)."""
    with transaction.atomic():
        _lock_product(review.product_id)
        token = _SERVICE_DELETE.set(True)
        try:
            Review.objects.filter(pk=review.pk).delete()
        finally:
            _SERVICE_DELETE.reset(token)
        _refresh_rating(review.product_id)


# --- Staff --------------------------------------------------------------------------


def review_hide(*, review: Review, by, reason: str = "") -> Review:
    """Staff take a review off the product page and out of its rating; its open
    reports are settled."""
    with transaction.atomic():
        _lock_product(review.product_id)
        now = timezone.now()
        review.is_hidden, review.hidden_reason = True, reason.strip()
        review.hidden_at, review.hidden_by = now, by
        review.save(update_fields=MODERATION_FIELDS)
        review.reports.filter(resolved=False).update(resolved=True, resolved_at=now)
        _refresh_rating(review.product_id)
    return review


def review_restore(*, review: Review, by) -> Review:
    """Staff put a hidden review back on the product page and in its rating."""
    with transaction.atomic():
        _lock_product(review.product_id)
        review.is_hidden, review.hidden_reason = False, ""
        review.hidden_at, review.hidden_by = None, None
        review.save(update_fields=MODERATION_FIELDS)
        _refresh_rating(review.product_id)
    return review


def reports_dismiss(*, review: Review) -> int:
    """Staff read the reports and keep the review shown: the reports are settled."""
    return review.reports.filter(resolved=False).update(resolved=True, resolved_at=timezone.now())


# --- The shop -----------------------------------------------------------------------


def review_reply(*, review: Review, vendor, author, text: str) -> ReviewReply:
    """The shop's one public reply to a review of its product: written once, then
    edited. The aggregate does not move, so the review's row is the lock."""
    text = (text or "").strip()
    if not text or len(text) > REPLY_MAX_LENGTH:
        raise ValidationError(
            _("Write a reply of at most %(max)d characters.") % {"max": REPLY_MAX_LENGTH},
            code="text",
        )
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("product").get(pk=review.pk)
        if review.product.vendor_id != vendor.pk:
            raise ReviewRefused(_("This review is not about one of your products."))
        if review.is_hidden:
            raise ReviewRefused(_("Our team has hidden this review: it cannot be answered."))
        reply, _created = ReviewReply.objects.update_or_create(
            review=review, defaults={"vendor": vendor, "author": author, "text": text}
        )
    return reply


# --- Anyone signed in ---------------------------------------------------------------


def review_report(*, review: Review, user, reason: str, note: str = "") -> ReviewReport:
    """A signed-in user tells staff a review breaks the rules: once per review."""
    if reason not in ReviewReport.Reason.values:
        raise ValidationError(_("Choose a reason."), code="reason")
    if review.user_id == user.pk:
        raise ReviewRefused(_("You cannot report your own review."))
    try:
        with transaction.atomic():
            return ReviewReport.objects.create(
                review=review, user=user, reason=reason, note=(note or "").strip()[:500]
            )
    except IntegrityError:  # the unique (review, user) constraint
        raise AlreadyDone(
            _("You have already reported this review: our team will look at it.")
        ) from None
