"""Earnings: the shop's balance, its monthly statement and payouts, and the statement
as CSV. Always the signed-in member's shop (`request.shop`): no parameter names a
shop, so another shop's statement cannot be reached."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from marketplace.core.http import HtmxHttpRequest
from marketplace.core.spreadsheets import csv_response, text_cell
from marketplace.earnings.models import LedgerEntry
from marketplace.earnings.selectors import Statement, statement
from marketplace.earnings.services import commission_rate

from ..access import shop_required
from ..forms.earnings import StatementMonthForm, month_start, months_between


def _bounds(month: date) -> tuple[datetime, datetime]:
    """The month as [start, end) in the site's time zone."""
    following = (month + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime(month.year, month.month, 1, tzinfo=zone),
        datetime(following.year, following.month, 1, tzinfo=zone),
    )


def _statement_for(request) -> tuple[StatementMonthForm, date, Statement]:
    form = StatementMonthForm(request.GET)
    month = form.cleaned_data["month"] if form.is_valid() else month_start(timezone.localdate())
    start, end = _bounds(month)
    return form, month, statement(vendor=request.shop, start=start, end=end)


@require_safe
@shop_required
def index(request: HtmxHttpRequest):
    """Balance now, the month's lines per shop order and payouts. A bad month shows
    this month with the error, at 400. Whatever the number of orders: the user, the
    membership with its shop, the statement's two queries, and the layout's (the cart
    badge; the menu when not cached)."""
    form, month, current = _statement_for(request)
    this_month = month_start(timezone.localdate())
    first = month_start(
        timezone.localtime(current.first_entry).date() if current.first_entry else this_month
    )
    # The months the shop has rows in (and the one asked for, however old).
    months = months_between(first, this_month)
    if month not in months:
        months.append(month)
    older = (month - timedelta(days=1)).replace(day=1)
    newer = (month + timedelta(days=32)).replace(day=1)
    context = {
        "form": form,
        "month": month,
        "months": months,
        "newer": newer if newer <= this_month else None,
        "older": older if older >= first else None,
        "statement": current,
        "lines": current.lines,
        "totals": current.totals(),
        "rate": commission_rate(request.shop),
    }
    return render(
        request, "dashboard/earnings/index.html", context, status=200 if form.is_valid() else 400
    )


def _details(entry: LedgerEntry) -> str:
    if entry.kind == LedgerEntry.Kind.COMMISSION and entry.rate is not None:
        return _("%(rate)s%% of the items") % {"rate": entry.rate}
    if entry.payout_id:
        return _("Transfer %(reference)s of %(date)s") % {
            "reference": entry.payout.reference,
            "date": entry.payout.paid_on.isoformat(),
        }
    return ""


@require_safe
@shop_required
def statement_csv(request: HtmxHttpRequest):
    """The month's statement, one row per movement with the balance after it,
    opened and closed by the balances; UTF-8 with a byte-order mark (spreadsheets
    then read accents and Arabic), amounts as plain decimals (-24.00)."""
    form, month, current = _statement_for(request)
    if not form.is_valid():
        return HttpResponse(
            " ".join(form.errors["month"]), status=400, content_type="text/plain; charset=utf-8"
        )
    start = f"{month:%Y-%m-%d}"
    last = min((current.end - timedelta(days=1)).date(), timezone.localdate()).isoformat()
    rows = [[start, _("Opening balance"), "", "", "", "", current.opening]]
    for entry, balance in current.running():
        order = entry.shop_order.order if entry.shop_order_id else None
        rows.append(
            [
                timezone.localtime(entry.created).date().isoformat(),
                entry.get_kind_display(),
                order.number if order else "",
                order.get_payment_method_display() if order else "",
                text_cell(_details(entry)),
                entry.amount,
                balance,
            ]
        )
    rows.append([last, _("Closing balance"), "", "", "", "", current.closing])
    header = [
        _("Date"),
        _("Type"),
        _("Order"),
        _("Payment method"),
        _("Details"),
        _("Amount (%(currency)s)") % {"currency": settings.CURRENCY},
        _("Balance (%(currency)s)") % {"currency": settings.CURRENCY},
    ]
    return csv_response(f"statement-{request.shop.slug}-{month:%Y-%m}.csv", header, rows)
