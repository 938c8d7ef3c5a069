"""The staff figures page: /admin/figures/ (staff only, in the admin's look)."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from marketplace.catalog.templatetags.catalog_tags import money
from marketplace.core.charts import bar_chart
from marketplace.core.spreadsheets import csv_response, text_cell

from . import selectors
from .forms import PeriodForm


def _tables(figures: selectors.Figures) -> dict[str, tuple[list[str], list[list]]]:
    """Each table of the page as (header, rows), for the CSV exports."""
    return {
        "daily": (
            [_("Day"), _("Orders"), _("Gross merchandise value"), _("Average order value")],
            [[d.day.isoformat(), d.orders, d.gmv, d.average] for d in figures.days],
        ),
        "states": (
            [_("Status"), _("Orders")],
            [[label, n] for _value, label, n in figures.by_state],
        ),
        "shops": (
            [_("Shop"), _("Orders"), _("Items"), _("Gross merchandise value")],
            [[r["vendor__name"], r["orders"], r["items"], r["gmv"]] for r in figures.top_shops],
        ),
        "products": (
            [_("Product"), _("Shop"), _("Units"), _("Revenue")],
            [[r["name"], r["shop"], r["units"], r["revenue"]] for r in figures.top_products],
        ),
        "commission": (
            [_("Shop"), _("Commission")],
            [[r["vendor__name"], r["commission"]] for r in figures.commission_by_shop],
        ),
        "payouts": (
            [_("Shop"), _("Balance due")],
            [[r["name"], r["balance"]] for r in figures.payouts_due],
        ),
    }


def _csv(name: str, period: selectors.Period, header: list[str], rows: list[list]) -> HttpResponse:
    filename = f"souk-{name}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return csv_response(filename, header, [[text_cell(row[0]), *row[1:]] for row in rows])


@staff_member_required
def figures(request):
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        period, status = PeriodForm.default_period(), 400
    else:
        period = form.cleaned_data["period"] if form.is_bound else PeriodForm.default_period()
        status = 200
    data = selectors.figures(period)
    tables = _tables(data)
    export = request.GET.get("export")
    if export and status == 200:
        if export not in tables:
            return HttpResponse(_("There is no such table."), status=400, content_type="text/plain")
        return _csv(export, period, *tables[export])
    chart = bar_chart(
        [(d.day.isoformat(), d.gmv) for d in data.days],
        title=_("Gross merchandise value per day"),
        formatter=money,
        rtl=get_language_bidi(),
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Marketplace figures"),
        "form": form
        if form.is_bound
        else PeriodForm(initial={"first": period.first, "last": period.last}),
        "figures": data,
        "chart": chart,
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "analytics/figures.html", context, status=status)
