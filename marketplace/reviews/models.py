"""Verified-purchase reviews of products, the shops' replies and shoppers' reports.

A review is written by a buyer whose order line for the product was delivered (the
line is kept: every review is a verified purchase), once per product. The product
keeps the aggregate of its visible reviews (`Product.rating_average`,
`rating_count`), recomputed by `reviews.services` in the transaction of each change,
under the product's row lock. Staff hide reviews (the buyer's words are never edited
by anyone else); a hidden review leaves the product page and the aggregate.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Product
from marketplace.orders.models import OrderLine
from marketplace.vendors.models import Vendor

RATING_MIN, RATING_MAX = 1, 5
TEXT_MIN_LENGTH, TEXT_MAX_LENGTH = 10, 2000
REPLY_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 500


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """What the storefront shows and counts: not hidden by staff."""
        return self.filter(is_hidden=False)

    def of_shop(self, vendor):
        return self.filter(product__vendor=vendor)

    def with_open_reports(self):
        """`open_reports`: how many of each review's reports staff have not settled."""
        return self.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved=False), distinct=True)
        )

    def reported(self):
        """Reviews with at least one report staff have not settled (the queue)."""
        return self.filter(reports__resolved=False).distinct()

    def for_display(self):
        """With what a review's card shows: its author and the shop's reply."""
        return self.select_related("user", "reply")


class Review(models.Model):
    """A buyer's rating (1 to 5) and text about a product they received."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("product")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("buyer"),
    )
    # The delivered line that entitles the buyer to review: the "verified purchase".
    order_line = models.ForeignKey(
        OrderLine,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("order line"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
    )
    text = models.TextField(
        _("review"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MinLengthValidator(TEXT_MIN_LENGTH)],
    )
    # The language the buyer wrote in (the page's language, unless they said otherwise).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    is_hidden = models.BooleanField(_("hidden by staff"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    created = models.DateTimeField(_("written"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "user"], name="reviews_one_review_per_product_and_buyer"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="reviews_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), TEXT_MAX_LENGTH),
                name="reviews_text_max_length",
            ),
        ]
        indexes = [
            # The product page: visible reviews, newest first (and by rating).
            models.Index(
                fields=["product", "-created", "-id"],
                name="reviews_visible_new",
                condition=Q(is_hidden=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 · {self.product_id} · {self.user_id}"

    @property
    def was_edited(self) -> bool:
        """The buyer changed it after publishing (moderation does not touch `updated`)."""
        return (self.updated - self.created).total_seconds() > 60


class ReviewReply(models.Model):
    """The shop's one public answer to a review (editable by the shop's members)."""

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="reply", verbose_name=_("review")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="review_replies", verbose_name=_("shop")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("reply"), max_length=REPLY_MAX_LENGTH)
    created = models.DateTimeField(_("written"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reply to a review")
        verbose_name_plural = _("replies to reviews")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.vendor_id} → {self.review_id}"


class ReviewReport(models.Model):
    """A signed-in shopper tells staff a review breaks the rules; once per review."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or hateful")
        OFF_TOPIC = "off_topic", _("Not about the product")
        PERSONAL = "personal", _("Shares personal information")
        FAKE = "fake", _("Not a genuine experience")
        OTHER = "other", _("Something else")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="reports", verbose_name=_("review")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_reports",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.CharField(_("details"), max_length=NOTE_MAX_LENGTH, blank=True)
    created = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("settled"), default=False)
    resolved_at = models.DateTimeField(_("settled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report on a review")
        verbose_name_plural = _("reports on reviews")
        ordering = ["resolved", "-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user"], name="reviews_one_report_per_review_and_user"
            ),
        ]
        indexes = [models.Index(fields=["review", "resolved"], name="reviews_report_open")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.review_id}"
