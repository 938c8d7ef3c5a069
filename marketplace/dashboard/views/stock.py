"""The stock section: the quick stock table with its inline edits, the CSV export
and import (with the report of rejected rows), and the history of movements.

Every variant is looked up through the signed-in member's shop: another shop's
variant is a 404 here, and its SKU is unknown to an import. The changes go through
`catalog.services` (`stock_set`, `stock_set_many`), which record each movement.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from marketplace.catalog.models import LISTING_DEFERRED_FIELDS, StockMovement, Variant
from marketplace.catalog.services import (
    RejectedRow,
    StockChangeRefused,
    stock_set,
    stock_set_many,
)
from marketplace.core.http import HtmxHttpRequest, safe_next

from ..access import shop_object_or_404, shop_required
from ..forms.stock import MovementFilterForm, StockEditForm, StockFilterForm, StockImportForm
from ..stock_files import write_stock_file

TEMPLATE = "dashboard/stock/index.html"
STOCK_PER_PAGE = 50
MOVEMENTS_PER_PAGE = 50
# The last import's report, kept in the session for the page after the redirect.
IMPORT_REPORT_KEY = "dashboard_stock_import"
REPORT_MAX_REJECTED = 500


def _shop_variants(shop):
    """The shop's variants with what the table and the file show of their products,
    newest product first, each product's variants in their order."""
    return (
        Variant.objects.of_vendor(shop)
        .select_related("product")
        .defer(*(f"product__{name}" for name in LISTING_DEFERRED_FIELDS))
        .order_by("-product__created", "-product_id", "position", "pk")
    )


def _variant_or_404(request: HtmxHttpRequest, variant_id: int) -> Variant:
    return shop_object_or_404(
        Variant.objects.select_related("product"),
        request.shop,
        lookup="product__vendor",
        pk=variant_id,
    )


@shop_required
@vary_on_headers("HX-Request")
@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    filters = StockFilterForm(request.GET).filters()
    variants = _shop_variants(request.shop)
    if filters["q"]:
        q = filters["q"]
        variants = variants.filter(
            Q(sku__icontains=q)
            | Q(product__name_en__icontains=q)
            | Q(product__name_fr__icontains=q)
            | Q(product__name_ar__icontains=q)
        )
    if filters["low"]:
        variants = variants.low_stock()
    page_obj = Paginator(variants, STOCK_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter_form": StockFilterForm(initial=filters),
        "filters": filters,
        "page_obj": page_obj,
        "variants": page_obj.object_list,
        "next_url": request.get_full_path(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{TEMPLATE}#stock-table", context)
    return render(request, TEMPLATE, context)


def _row_or_page(request, variant, form, next_url: str, *, status: int) -> HttpResponse:
    """A refused edit: its row again, with the errors (htmx), or the edit page."""
    context = {"variant": variant, "form": form, "next_url": next_url}
    if request.htmx:
        return render(request, f"{TEMPLATE}#stock-row", context, status=status)
    return render(request, "dashboard/stock/edit.html", context, status=status)


@shop_required
@require_http_methods(["GET", "POST"])
def edit(request: HtmxHttpRequest, variant_id: int) -> HttpResponse:
    """One variant's stock and price: the row's inline form posts here (htmx gets
    the row back; without JavaScript, a redirect back to the table). GET shows the
    same form on a page of its own."""
    variant = _variant_or_404(request, variant_id)
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    next_url = next_url or reverse("dashboard:stock")
    if request.method == "GET":
        form = StockEditForm(
            initial={"stock": variant.stock, "price": variant.price_override, "seen": variant.stock}
        )
        return render(
            request,
            "dashboard/stock/edit.html",
            {"variant": variant, "form": form, "next_url": next_url},
        )
    form = StockEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The stock was not saved: correct the values shown."))
        return _row_or_page(request, variant, form, next_url, status=400)
    data = form.cleaned_data
    try:
        variant = stock_set(
            variant=variant,
            stock=data["stock"],
            price_override=data["price"],
            user=request.user,
            expected=data["seen"],
        )
    except Variant.DoesNotExist:
        raise Http404 from None
    except StockChangeRefused as refusal:
        variant = _variant_or_404(request, variant_id)
        # The values typed stay; `seen` is now the stock as it is, so saving
        # again (after checking) goes through.
        form = StockEditForm(
            {"stock": request.POST.get("stock"), "price": request.POST.get("price", "")}
            | {"seen": variant.stock}
        )
        form.is_valid()
        form.add_error(None, refusal.message)
        messages.error(request, refusal.message)
        return _row_or_page(request, variant, form, next_url, status=409)
    messages.success(
        request,
        _("Saved: %(item)s (%(sku)s) has %(stock)s in stock.")
        % {"item": str(variant), "sku": variant.sku, "stock": variant.stock},
    )
    if request.htmx:
        return render(request, f"{TEMPLATE}#stock-row", {"variant": variant, "next_url": next_url})
    return redirect(next_url)


@shop_required
@require_GET
def export(request: HtmxHttpRequest) -> HttpResponse:
    """Every variant of the shop as a stock file (stock_files.py), to edit and
    import again."""
    content = write_stock_file(_shop_variants(request.shop).iterator(chunk_size=500))
    name = f"stock-{request.shop.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@shop_required
@require_http_methods(["GET", "POST"])
def import_file(request: HtmxHttpRequest) -> HttpResponse:
    """Upload a stock file. A file that cannot be read is a 400 saying why (nothing
    changed); otherwise its good rows are applied together and the report (rows
    applied, rows rejected and why) is shown after a redirect."""
    if request.method == "POST":
        form = StockImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "dashboard/stock/import.html", {"form": form}, status=400)
        name = form.cleaned_data["file"].name or ""
        result = stock_set_many(
            vendor=request.shop,
            rows=form.rows,
            user=request.user,
            note=_("File %(name)s") % {"name": name},
        )
        request.session[IMPORT_REPORT_KEY] = {
            "shop": request.shop.pk,
            "file": name,
            "applied": result.applied,
            "unchanged": result.unchanged,
            "rejected_count": len(result.rejected),
            "rejected": [
                [row.line, row.sku, row.problem, row.details]
                for row in result.rejected[:REPORT_MAX_REJECTED]
            ],
        }
        return redirect("dashboard:stock_import_report")
    return render(request, "dashboard/stock/import.html", {"form": StockImportForm()})


@shop_required
@require_GET
def import_report(request: HtmxHttpRequest) -> HttpResponse:
    report = request.session.get(IMPORT_REPORT_KEY)
    if not report or report.get("shop") != request.shop.pk:
        messages.info(request, _("There is no import to report on yet."))
        return redirect("dashboard:stock_import")
    rejected = [
        RejectedRow(line, sku, problem, details)
        for line, sku, problem, details in report["rejected"]
    ]
    context = {
        "report": report,
        "rejected": rejected,
        "more_rejected": report["rejected_count"] - len(rejected),
    }
    return render(request, "dashboard/stock/import_report.html", context)


def _movements_page(request: HtmxHttpRequest, variant: Variant | None) -> HttpResponse:
    form = MovementFilterForm(request.GET)
    reason = form.reason_value()
    movements = (
        StockMovement.objects.of_vendor(request.shop)
        .select_related("variant__product", "user")
        .defer(*(f"variant__product__{name}" for name in LISTING_DEFERRED_FIELDS))
    )
    if variant is not None:
        movements = movements.filter(variant=variant)
    if reason:
        movements = movements.filter(reason=reason)
    page_obj = Paginator(movements.order_by("-created", "-pk"), MOVEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "variant": variant,
        "filter_form": MovementFilterForm(initial={"reason": reason}),
        "reason": reason,
        "ignored_reason": bool(request.GET.get("reason")) and not reason,
        "page_obj": page_obj,
        "movements": page_obj.object_list,
    }
    return render(request, "dashboard/stock/movements.html", context)


@shop_required
@require_GET
def movements(request: HtmxHttpRequest) -> HttpResponse:
    """Every stock change of the shop, newest first, filtered by why."""
    return _movements_page(request, None)


@shop_required
@require_GET
def variant_movements(request: HtmxHttpRequest, variant_id: int) -> HttpResponse:
    """One variant's stock changes."""
    return _movements_page(request, _variant_or_404(request, variant_id))
