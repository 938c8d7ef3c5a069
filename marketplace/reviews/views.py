"""The review pages: a product's reviews (the section the product page loads with
htmx, and the same as a page of its own without JavaScript), writing, editing and
deleting one's review, and reporting someone else's.

Thin views: the rules live in services.py (refusals are `ReviewRefused`, shown as
they are: 403 for a buyer who may not review, 409 for a second review or report),
bad forms re-render with their errors and a 400. Another buyer's review is a 404 on
the edit and delete pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from marketplace.catalog.models import SEARCH_LANGUAGES, Product
from marketplace.core.http import HtmxHttpRequest

from . import selectors, services
from .forms import ReportForm, ReviewFilterForm, ReviewForm
from .models import Review

REVIEWS_TEMPLATE = "reviews/product_reviews.html"
FORM_TEMPLATE = "reviews/review_form.html"
REVIEWS_PER_PAGE = 10


def _visible_product(product_id: int) -> Product:
    """The product as shoppers may see it, or a 404."""
    products = (
        Product.objects.visible()
        .select_related("vendor")
        .defer(*(f"search_{code}" for code in SEARCH_LANGUAGES))
    )
    return get_object_or_404(products, pk=product_id)


def _reviews_anchor(product: Product) -> str:
    return product.get_absolute_url() + "#reviews"


def _page_language() -> str:
    return (get_language() or "en")[:2]


@vary_on_headers("HX-Request")
@require_GET
def product_reviews(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    """The product's rating, its distribution by stars and its reviews, newest first,
    ten a page, all or one rating. An htmx request gets the section (`#reviews`,
    loaded by the product page) or only the list (`#review-list`: pages, filter).

    Queries: the product, the distribution, the count and the page of reviews (with
    authors and replies); a signed-in visitor adds their own review, whether they
    may write one, and what they reported."""
    product = _visible_product(product_id)
    form = ReviewFilterForm(request.GET)
    valid = form.is_valid()
    rating = form.cleaned_data.get("rating") if valid else None
    reviews = selectors.product_reviews(product, rating=rating)
    page = Paginator(reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    partial = None
    if request.htmx and not request.htmx.history_restore_request:
        partial = "review-list" if request.htmx.target == "review-list" else "reviews"
    context = {
        "product": product,
        "filter_form": form,
        "rating": rating,
        "page_obj": page,
        "reviews": page.object_list,
        "viewer": selectors.viewer_state(request.user, product, page.object_list),
        "list_url": reverse("reviews:product", kwargs={"product_id": product.pk}),
        # Inside the product page (htmx), the list pages and filters in place; the
        # page of its own uses plain links and forms.
        "embedded": bool(partial),
    }
    if partial != "review-list":
        context["summary"] = selectors.rating_summary(product)
    status = 200 if valid else 400
    template = f"{REVIEWS_TEMPLATE}#{partial}" if partial else REVIEWS_TEMPLATE
    return render(request, template, context, status=status)


def _form_page(request, *, product, form, review=None, refusal: str = "", status: int = 200):
    context = {"product": product, "form": form, "review": review, "refusal": refusal}
    return render(request, FORM_TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    """Write a review: only a buyer whose order line for the product was delivered,
    once per product (coming back here opens their review to edit)."""
    product = _visible_product(product_id)
    own = Review.objects.filter(product=product, user=request.user).only("pk").first()
    if own is not None and request.method == "GET":
        messages.info(request, _("You have already reviewed this product: here is your review."))
        return redirect("reviews:edit", pk=own.pk)
    if request.method == "GET":
        if selectors.delivered_line(user=request.user, product_id=product.pk) is None:
            refusal = services.not_eligible_message(user=request.user, product_id=product.pk)
            return _form_page(request, product=product, form=None, refusal=refusal, status=403)
        form = ReviewForm(initial={"language": _page_language()})
        return _form_page(request, product=product, form=form)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _form_page(request, product=product, form=form, status=400)
    try:
        services.review_create(
            user=request.user,
            product=product,
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
        )
    except services.NotEligible as refused:
        return _form_page(request, product=product, form=None, refusal=refused.message, status=403)
    except services.AlreadyDone as refused:
        form.add_error(None, refused.message)
        return _form_page(request, product=product, form=form, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, product=product, form=form, status=400)
    messages.success(request, _("Thank you! Your review is published."))
    return redirect(_reviews_anchor(product))


def _own_review(request, pk: int) -> Review:
    """The signed-in buyer's review, or a 404 (another buyer's review does not exist here)."""
    return get_object_or_404(Review.objects.select_related("product"), pk=pk, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    review = _own_review(request, pk)
    product = review.product
    if request.method == "GET":
        initial = {"rating": review.rating, "text": review.text, "language": review.language}
        return _form_page(request, product=product, form=ReviewForm(initial=initial), review=review)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _form_page(request, product=product, form=form, review=review, status=400)
    try:
        services.review_update(
            review=review,
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, product=product, form=form, review=review, status=400)
    messages.success(request, _("Your review is updated."))
    return redirect(_reviews_anchor(product))


@login_required
@require_http_methods(["GET", "POST"])
def review_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    review = _own_review(request, pk)
    if request.method == "GET":
        return render(request, "reviews/review_delete.html", {"review": review})
    services.review_delete(review=review)
    messages.success(request, _("Your review is deleted."))
    return redirect(_reviews_anchor(review.product))


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Tell staff a review breaks the rules: any signed-in user, once per review."""
    review = get_object_or_404(Review.objects.visible().select_related("product", "user"), pk=pk)
    template = "reviews/review_report.html"
    context = {"review": review, "refusal": ""}
    if review.user_id == request.user.pk:
        context["refusal"] = _("You cannot report your own review.")
        return render(request, template, context, status=403)
    if review.reports.filter(user=request.user).exists():
        context["refusal"] = _("You have already reported this review: our team will look at it.")
        return render(request, template, context, status=409 if request.method == "POST" else 200)
    form = ReportForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method == "GET":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        services.review_report(
            review=review,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyDone as refused:
        context["refusal"] = refused.message
        return render(request, template, context, status=409)
    except services.ReviewRefused as refused:
        context["refusal"] = refused.message
        return render(request, template, context, status=403)
    messages.success(request, _("Thank you: our team will look at this review."))
    return redirect(_reviews_anchor(review.product))
