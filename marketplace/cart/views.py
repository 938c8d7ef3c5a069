"""Cart and wishlist pages. Every action is a POST form that works without
JavaScript (redirect-after-POST back to a safe `next`); with htmx the same form gets
the fragment it changed, and the header counter out of band."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from marketplace.catalog.models import Product
from marketplace.core.http import HtmxHttpRequest, safe_next

from . import services
from .forms import AddToCartForm, UpdateLineForm, VariantForm
from .selectors import cart_summary, wishlist_items
from .storage import get_cart

DETAIL_TEMPLATE = "cart/detail.html"
WISHLIST_TEMPLATE = "cart/wishlist.html"
# The product an anonymous visitor tried to save: saved once they have signed in.
PENDING_WISHLIST_KEY = "wishlist_pending"


def _badge(request: HtmxHttpRequest) -> str:
    """The header counter, to append to an htmx response out of band."""
    count = get_cart(request).count()
    return render_to_string(
        "base.html#cart-badge", {"cart_count": count, "oob": True}, request=request
    )


def _cart_context(request: HtmxHttpRequest) -> dict:
    return {"summary": cart_summary(get_cart(request))}


def _cart_fragment(request: HtmxHttpRequest, *, status: int = 200) -> HttpResponse:
    """The cart's lines and totals, plus the counter out of band (htmx)."""
    html = render_to_string(f"{DETAIL_TEMPLATE}#cart-lines", _cart_context(request), request)
    return HttpResponse(html + _badge(request), status=status)


def _error_messages(request: HtmxHttpRequest, form) -> None:
    seen = set()
    for errors in form.errors.values():
        for error in errors:
            if error not in seen:
                seen.add(error)
                messages.error(request, error)


def _bad_request(request: HtmxHttpRequest, message: str | None = None, form=None) -> HttpResponse:
    """Malformed input: a 400 showing why, the cart untouched."""
    if form is not None:
        _error_messages(request, form)
    if message:
        messages.error(request, message)
    if request.htmx:
        return _cart_fragment(request, status=400)
    return render(request, DETAIL_TEMPLATE, _cart_context(request), status=400)


@never_cache
@vary_on_headers("HX-Request")
@require_GET
def detail(request: HtmxHttpRequest) -> HttpResponse:
    context = _cart_context(request)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{DETAIL_TEMPLATE}#cart-lines", context)
    return render(request, DETAIL_TEMPLATE, context)


@require_POST
def add(request: HtmxHttpRequest) -> HttpResponse:
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, form=form)
    next_url = safe_next(request, request.POST.get("next")) or reverse("cart:detail")
    try:
        variant = services.cart_add(
            cart=get_cart(request),
            variant_id=form.cleaned_data["variant"],
            quantity=form.cleaned_data["quantity"],
        )
    except services.CartItemNotFound as error:
        return _bad_request(request, error.message)
    except services.CartError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("“%(name)s” was added to your cart.") % {"name": variant.product.name}
        )
    if request.htmx:
        # The form asked for no swap: only the counter and the messages change.
        return HttpResponse(_badge(request))
    return redirect(next_url)


def _line_action(request: HtmxHttpRequest, form, action, success: str) -> HttpResponse:
    if not form.is_valid():
        return _bad_request(request, form=form)
    try:
        action(form.cleaned_data)
    except services.CartItemNotFound as error:
        return _bad_request(request, error.message)
    except services.CartError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    if request.htmx:
        return _cart_fragment(request)
    return redirect("cart:detail")


@require_POST
def update(request: HtmxHttpRequest) -> HttpResponse:
    cart = get_cart(request)
    return _line_action(
        request,
        UpdateLineForm(request.POST),
        lambda data: services.cart_update(
            cart=cart, variant_id=data["variant"], quantity=data["quantity"]
        ),
        _("Your cart was updated."),
    )


@require_POST
def remove(request: HtmxHttpRequest) -> HttpResponse:
    cart = get_cart(request)
    return _line_action(
        request,
        VariantForm(request.POST),
        lambda data: services.cart_remove(cart=cart, variant_id=data["variant"]),
        _("The item was removed from your cart."),
    )


@require_POST
def clear(request: HtmxHttpRequest) -> HttpResponse:
    services.cart_clear(cart=get_cart(request))
    messages.success(request, _("Your cart is now empty."))
    if request.htmx:
        return _cart_fragment(request)
    return redirect("cart:detail")


# --- Wishlist -------------------------------------------------------------------


@never_cache
@vary_on_headers("HX-Request")
@require_GET
@login_required
def wishlist(request: HtmxHttpRequest) -> HttpResponse:
    items = wishlist_items(request.user)
    # The hearts on this page need no query of their own.
    request._souk_wishlist_ids = {item.product_id for item in items}
    context = {"items": items}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{WISHLIST_TEMPLATE}#wishlist-items", context)
    return render(request, WISHLIST_TEMPLATE, context)


@require_POST
def wishlist_toggle(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    """The heart. A visitor who is not signed in is sent to sign in, then back to the
    product with it saved (see `wishlist_add`)."""
    next_url = safe_next(request, request.POST.get("next"))
    if not request.user.is_authenticated:
        product = get_object_or_404(Product.objects.visible(), pk=product_id)
        request.session[PENDING_WISHLIST_KEY] = product.pk
        add_url = reverse("cart:wishlist_add", kwargs={"product_id": product.pk})
        add_url += "?" + urlencode({"next": next_url or product.get_absolute_url()})
        login_url = redirect_to_login(add_url).url
        if request.htmx:
            return HttpResponseClientRedirect(login_url)
        return redirect(login_url)

    try:
        saved = services.wishlist_toggle(user=request.user, product_id=product_id)
    except services.CartItemNotFound as error:
        raise Http404(error.message) from error
    if saved:
        messages.success(request, _("Saved to your wishlist."))
    else:
        messages.success(request, _("Removed from your wishlist."))
    if request.htmx:
        product = get_object_or_404(Product, pk=product_id)
        next_url = next_url or safe_next(request, request.htmx.current_url_abs_path)
        return render(
            request,
            "cart/_wishlist_button.html",
            {
                "product": product,
                "wishlist_product_ids": {product.pk} if saved else set(),
                "next_url": next_url,
            },
        )
    return redirect(next_url or reverse("cart:wishlist"))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def wishlist_add(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    """Where sign-in returns to after a heart was clicked while signed out.

    A GET saves only the product this browser's session asked to save before signing
    in (so a link from another site cannot fill anyone's wishlist); any other GET asks
    for confirmation with a POST form.
    """
    product = get_object_or_404(Product.objects.visible(), pk=product_id)
    next_url = (
        safe_next(request, request.POST.get("next") or request.GET.get("next"))
        or product.get_absolute_url()
    )
    pending = request.session.get(PENDING_WISHLIST_KEY)
    if request.method == "POST" or pending == product.pk:
        request.session.pop(PENDING_WISHLIST_KEY, None)
        services.wishlist_add(user=request.user, product=product)
        messages.success(
            request, _("“%(name)s” is saved in your wishlist.") % {"name": product.name}
        )
        return redirect(next_url)
    return render(request, "cart/wishlist_add.html", {"product": product, "next_url": next_url})
