"""The shop's orders: the list with its filters, one shop order with its actions,
and its packing slip.

Every lookup goes through `ShopOrder.objects.for_vendor(request.shop)`: another
shop's order (or one still awaiting a card payment) is a 404. The actions are
plain POST forms answered with redirect-after-POST; the rules are
`orders.services` (and `payments.services` for the cash), which refuse a move the
states do not allow: the detail page then says why, with a 409. A form with a
missing field (carrier, tracking number, reason) is shown again with its errors,
with a 400. The list's filter form is enhanced with htmx (the results partial).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from marketplace.core.http import HtmxHttpRequest
from marketplace.orders import services
from marketplace.orders.models import ShopOrder
from marketplace.payments.services import payment_cash_collected

from ..access import shop_object_or_404, shop_required
from ..forms.orders import CancelForm, ShipForm, ShopOrderFilterForm

ORDERS_PER_PAGE = 25
LIST_TEMPLATE = "dashboard/orders/list.html"
DETAIL_TEMPLATE = "dashboard/orders/detail.html"


def _shop_order(request: HtmxHttpRequest, pk: int) -> ShopOrder:
    """This shop's shop order `pk` with its order, buyer, lines and payment, or a 404."""
    queryset = ShopOrder.objects.for_vendor(request.shop).with_details()
    return shop_object_or_404(queryset.prefetch_related("order__payments"), request.shop, pk=pk)


@never_cache
@vary_on_headers("HX-Request")
@require_GET
@shop_required
def index(request: HtmxHttpRequest) -> HttpResponse:
    """The shop's orders, newest first, filtered by status, date placed and a search
    of the order number or the buyer; bad filter values are dropped and named. Three
    queries after the membership's: the count, the page, nothing per row."""
    form = ShopOrderFilterForm(request.GET)
    filters = form.filters()
    shop_orders = (
        ShopOrder.objects.for_vendor(request.shop)
        .search(filters.get("q", ""))
        .placed_between(filters.get("from"), filters.get("to"))
    )
    if status := filters.get("status"):
        shop_orders = shop_orders.filter(status=status)
    page = Paginator(shop_orders.for_list(), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "shop_orders": page.object_list,
        "query": form.canonical_query(),
        "ignored_filters": form.ignored(),
        "filtered": bool(filters),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{LIST_TEMPLATE}#orders-results", context)
    return render(request, LIST_TEMPLATE, context)


def _detail(request: HtmxHttpRequest, shop_order: ShopOrder, *, status=200, **forms):
    payments = list(shop_order.order.payments.all())
    context = {
        "shop_order": shop_order,
        "order": shop_order.order,
        "lines": list(shop_order.lines.all()),
        "payment": payments[0] if payments else None,
        "actions": services.shop_order_actions(shop_order=shop_order),
        "ship_form": forms.get("ship_form") or ShipForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }
    return render(request, DETAIL_TEMPLATE, context, status=status)


@never_cache
@require_GET
@shop_required
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One shop order: lines, buyer and address, payment, history and the actions its
    state allows."""
    return _detail(request, _shop_order(request, pk))


def _act(request: HtmxHttpRequest, pk: int, action, success: str, **forms) -> HttpResponse:
    """Run `action(shop_order)`; a refusal is shown on the detail page with a 409."""
    shop_order = _shop_order(request, pk)
    try:
        action(shop_order)
    except services.OrderActionRefused as refused:
        messages.error(request, refused.message)
        return _detail(request, _shop_order(request, pk), status=409, **forms)
    messages.success(request, success % {"number": shop_order.order.number})
    return redirect("dashboard:order_detail", pk=shop_order.pk)


def _invalid(request: HtmxHttpRequest, pk: int, **forms) -> HttpResponse:
    messages.error(request, _("Check the form below: something is missing."))
    return _detail(request, _shop_order(request, pk), status=400, **forms)


@require_POST
@shop_required
def accept(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda so: services.shop_order_advance(shop_order=so, status=ShopOrder.Status.PROCESSING),
        _("Order %(number)s accepted: the buyer knows you are preparing it."),
    )


@require_POST
@shop_required
def ship(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    form = ShipForm(request.POST)
    if not form.is_valid():
        return _invalid(request, pk, ship_form=form)
    return _act(
        request,
        pk,
        lambda so: services.shop_order_advance(
            shop_order=so,
            status=ShopOrder.Status.SHIPPED,
            carrier=form.cleaned_data["carrier"],
            tracking_number=form.cleaned_data["tracking_number"],
        ),
        _("Order %(number)s marked shipped: the buyer has the tracking number."),
        ship_form=form,
    )


@require_POST
@shop_required
def deliver(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda so: services.shop_order_advance(shop_order=so, status=ShopOrder.Status.DELIVERED),
        _("Order %(number)s marked delivered."),
    )


@require_POST
@shop_required
def cancel(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _invalid(request, pk, cancel_form=form)
    return _act(
        request,
        pk,
        lambda so: services.shop_order_advance(
            shop_order=so, status=ShopOrder.Status.CANCELLED, reason=form.cleaned_data["reason"]
        ),
        _("Order %(number)s cancelled: its stock is back and the buyer was told."),
        cancel_form=form,
    )


@require_POST
@shop_required
def collect_cash(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda so: payment_cash_collected(shop_order=so),
        _("Cash of order %(number)s recorded as collected: the buyer has a receipt."),
    )


@never_cache
@require_GET
@shop_required
def packing_slip(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A printable page to put in the parcel: the shop, the buyer's address, the order
    number and the lines, without prices (a parcel may be a gift)."""
    shop_order = shop_object_or_404(
        ShopOrder.objects.for_vendor(request.shop).with_details(), request.shop, pk=pk
    )
    context = {
        "shop_order": shop_order,
        "order": shop_order.order,
        "shop": request.shop,
        "lines": list(shop_order.lines.all()),
    }
    return render(request, "dashboard/orders/packing_slip.html", context)
