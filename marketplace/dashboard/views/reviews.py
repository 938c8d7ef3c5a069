"""The shop's reviews: every visible review of its products, newest first (or only
those without a reply), and the one public reply the shop writes to each, edited in
place. Another shop's review is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from marketplace.core.http import HtmxHttpRequest
from marketplace.reviews import selectors, services
from marketplace.reviews.models import Review

from ..access import shop_object_or_404, shop_required
from ..forms.reviews import ReplyForm, ReviewFilterForm

TEMPLATE = "dashboard/reviews/index.html"
REPLY_TEMPLATE = "dashboard/reviews/reply.html"
REVIEWS_PER_PAGE = 20


@shop_required
@vary_on_headers("HX-Request")
@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    """Queries: the member (with the shop), the count, the page of reviews (with
    product, author and reply), and the number without a reply."""
    filters = ReviewFilterForm(request.GET)
    unanswered = filters.is_valid() and filters.cleaned_data["unanswered"]
    reviews = selectors.shop_reviews(request.shop, unanswered=unanswered)
    page = Paginator(reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "unanswered": unanswered,
        "page_obj": page,
        "reviews": page.object_list,
        "unanswered_count": selectors.shop_reviews(request.shop, unanswered=True).count(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{TEMPLATE}#review-results", context)
    return render(request, TEMPLATE, context)


def _row(request, review: Review, form: ReplyForm | None = None, *, status: int = 200):
    return render(
        request, f"{TEMPLATE}#review-row", {"review": review, "form": form}, status=status
    )


@shop_required
@require_POST
def reply(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Write or edit the shop's reply; htmx gets the review's card again."""
    queryset = Review.objects.visible().select_related("product", "user", "reply")
    review = shop_object_or_404(queryset, request.shop, lookup="product__vendor", pk=pk)
    form = ReplyForm(request.POST)
    error_status = 400
    if form.is_valid():
        try:
            services.review_reply(
                review=review,
                vendor=request.shop,
                author=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error("text", error)
        except services.ReviewRefused as refused:
            form.add_error(None, refused.message)
            error_status = 409
        else:
            messages.success(request, _("Your reply is published."))
            if request.htmx:
                review = queryset.get(pk=review.pk)
                return _row(request, review)
            return redirect(reverse("dashboard:reviews") + f"#review-row-{review.pk}")
    if request.htmx:
        return _row(request, review, form, status=error_status)
    return render(request, REPLY_TEMPLATE, {"review": review, "form": form}, status=error_status)
