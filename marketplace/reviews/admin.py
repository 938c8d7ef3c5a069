"""Staff moderation of reviews: the reported queue (reviews with reports to settle
come first), hiding and restoring (through the services, which recompute the
product's rating in the same transaction), and the reports themselves.

A review's words are its buyer's: staff read them here and hide them, never edit them.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.admin_actions import form_action

from . import services
from .models import RATING_MAX, RATING_MIN, Review, ReviewReply, ReviewReport

REVIEW_FIELDS = [
    "product",
    "user",
    "order_line",
    "rating",
    "text",
    "language",
    "created",
    "updated",
    "is_hidden",
    "hidden_reason",
    "hidden_at",
    "hidden_by",
]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the buyer who wrote it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", _("To settle")), ("none", _("None to settle"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "none":
            return queryset.filter(open_reports=0)
        return queryset


class RatingFilter(admin.SimpleListFilter):
    """The five ratings, without a query for the values present."""

    title = _("rating")
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [(str(stars), f"{stars} ★") for stars in range(RATING_MAX, RATING_MIN - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() in {str(stars) for stars in range(RATING_MIN, RATING_MAX + 1)}:
            return queryset.filter(rating=int(self.value()))
        return queryset


class ReportInline(admin.TabularInline):
    model = ReviewReport
    extra = 0
    fields = ["user", "reason", "note", "created", "resolved", "resolved_at"]
    readonly_fields = ["user", "reason", "note", "created", "resolved_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ReplyInline(admin.StackedInline):
    model = ReviewReply
    extra = 0
    fields = ["vendor", "author", "text", "created", "updated"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "product",
        "shop",
        "user",
        "rating",
        "excerpt",
        "language",
        "open_reports_count",
        "is_hidden",
        "created",
    ]
    list_display_links = ["product", "excerpt"]
    list_filter = [ReportedFilter, "is_hidden", RatingFilter, "language", "created"]
    list_select_related = ["product__vendor", "user"]
    search_fields = [
        "text",
        "user__email",
        "user__full_name",
        "product__name_en",
        "product__name_fr",
        "product__name_ar",
        "product__vendor__name",
    ]
    fields = REVIEW_FIELDS
    readonly_fields = REVIEW_FIELDS
    inlines = [ReplyInline, ReportInline]
    actions = ["hide", "restore", "dismiss_reports"]
    show_full_result_count = False

    def get_queryset(self, request):
        # Annotated before the ordering, which sorts on the annotation.
        return (
            self.model._default_manager.get_queryset()
            .with_open_reports()
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        """The reported queue first: reviews with reports to settle, most reported first."""
        return ["-open_reports", "-created", "-id"]

    def has_add_permission(self, request) -> bool:
        return False  # buyers write reviews, from a delivered order

    @admin.display(description=_("shop"), ordering="product__vendor__name")
    def shop(self, review: Review) -> str:
        return review.product.vendor.name

    @admin.display(description=_("review"))
    def excerpt(self, review: Review) -> str:
        return Truncator(review.text).chars(80)

    @admin.display(description=_("reports to settle"), ordering="open_reports")
    def open_reports_count(self, review: Review) -> int:
        return review.open_reports

    def _tell(self, request, count: int, message: str) -> None:
        if count:
            self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def _hide(self, request, queryset, data):
        """Hide each review (the buyer sees the reason) and recompute its product's
        rating."""
        hidden = 0
        for review in queryset.filter(is_hidden=False).order_by("pk"):
            services.review_hide(review=review, by=request.user, reason=data["reason"])
            hidden += 1
        self._tell(
            request,
            hidden,
            ngettext("%(count)d review hidden.", "%(count)d reviews hidden.", hidden),
        )

    hide = form_action(
        name="hide",
        description=_("Hide the selected reviews…"),
        form_class=HideForm,
        title=_("Hide reviews"),
        intro=_(
            "Hidden reviews leave the product page and the product's rating. Their buyers "
            "see the reason on their review; their reports are settled."
        ),
        submit=_("Hide the reviews"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._hide(request, queryset, data),
        permissions=["change"],
    )

    @admin.action(description=_("Restore the selected reviews"), permissions=["change"])
    def restore(self, request, queryset):
        restored = 0
        for review in queryset.filter(is_hidden=True).order_by("pk"):
            services.review_restore(review=review, by=request.user)
            restored += 1
        self._tell(
            request,
            restored,
            ngettext("%(count)d review restored.", "%(count)d reviews restored.", restored),
        )

    @admin.action(
        description=_("Keep the selected reviews shown and settle their reports"),
        permissions=["change"],
    )
    def dismiss_reports(self, request, queryset):
        settled = sum(services.reports_dismiss(review=review) for review in queryset.order_by("pk"))
        self._tell(
            request,
            settled,
            ngettext("%(count)d report settled.", "%(count)d reports settled.", settled),
        )


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    """Reports one by one. Staff may record one a shopper sent by e-mail (the review
    found by autocomplete); hiding a review settles its reports."""

    list_display = ["review", "reason", "user", "created", "resolved"]
    list_filter = ["resolved", "reason", "created"]
    list_select_related = ["review", "user"]
    search_fields = ["note", "user__email", "review__text"]
    autocomplete_fields = ["review", "user"]
    readonly_fields = ["created", "resolved_at"]
    ordering = ["resolved", "-created", "-id"]
