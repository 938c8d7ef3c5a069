"""The shopper's order pages: my orders, one order, cancelling it.

A signed-in buyer sees their own orders; a guest opens theirs through the signed
link of their e-mail (`links.py`); anybody else gets a 404. The pages work without
JavaScript: cancelling is a plain POST form answered with redirect-after-POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from marketplace.core.http import HtmxHttpRequest

from . import services
from .forms import CancelOrderForm
from .links import order_guest_path, order_opens_for
from .models import Order

ORDERS_PER_PAGE = 10
DETAIL_TEMPLATE = "orders/order_detail.html"


def _order_or_404(request: HtmxHttpRequest, number: str, key: str | None) -> Order:
    order = Order.objects.with_details().filter(number=number).first()
    if order is None or not order_opens_for(order, user=request.user, key=key):
        raise Http404(_("No such order."))
    return order


def _detail(request: HtmxHttpRequest, order: Order, key: str | None, *, form=None, status=200):
    return render(
        request,
        DETAIL_TEMPLATE,
        {"order": order, "key": key, "cancel_form": form or CancelOrderForm()},
        status=status,
    )


def _detail_url(order: Order, key: str | None) -> str:
    return order_guest_path(order) if key else order.get_absolute_url()


@never_cache
@login_required
@require_GET
def order_list(request: HtmxHttpRequest) -> HttpResponse:
    """The signed-in shopper's orders, newest first: four queries per page (count,
    orders, their shop orders with the shop, their lines), whatever the page holds."""
    orders = Order.objects.for_user(request.user).with_details()
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/order_list.html", {"page": page})


@never_cache
@require_GET
def order_detail(request: HtmxHttpRequest, number: str) -> HttpResponse:
    key = request.GET.get("key")
    if not key and not request.user.is_authenticated:
        # Whether or not the order exists: a signed-out buyer signs in first.
        return redirect_to_login(request.get_full_path())
    return _detail(request, _order_or_404(request, number, key), key)


@never_cache
@require_POST
def order_cancel(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """Cancel the whole order while no shop has shipped (stock back, card refunded by
    payments); a refusal says why, with a 409."""
    key = request.POST.get("key")
    if not key and not request.user.is_authenticated:
        return redirect_to_login(reverse("orders:detail", kwargs={"number": number}))
    order = _order_or_404(request, number, key)
    form = CancelOrderForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _detail(request, order, key, form=form, status=400)
    try:
        if not order.can_be_cancelled:
            raise services.OrderActionRefused(_("This order can no longer be cancelled."))
        services.order_cancel(order=order, reason=form.cleaned_data["reason"])
    except services.OrderActionRefused as refused:
        messages.error(request, refused.message)
        order = _order_or_404(request, number, key)
        return _detail(request, order, key, status=409)
    messages.success(
        request,
        _("Your order %(number)s is cancelled.") % {"number": order.number},
    )
    return redirect(_detail_url(order, key))
