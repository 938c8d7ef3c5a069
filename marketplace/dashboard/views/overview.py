"""The dashboard's first page: how the shop is doing and what needs doing.

Sales and orders this week and this month, the orders waiting for the shop (linked
to the orders section, filtered), the variants to restock, a chart of the last 30
days' sales drawn on the server as SVG, and the latest reviews of its products. The
figures come from `dashboard/sales.py`, each aggregated by the database.
"""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_GET

from marketplace.core.http import HtmxHttpRequest
from marketplace.orders.models import ShopOrder
from marketplace.reviews.selectors import latest_for_shop

from ..access import shop_required
from ..sales import low_stock, sales_chart, shop_figures


@shop_required
@require_GET
def overview(request: HtmxHttpRequest):
    shop = request.shop
    today = timezone.localdate()
    low_variants, low_count = low_stock(shop)
    context = {
        "shop": shop,
        "figures": shop_figures(shop, today=today),
        "low_variants": low_variants,
        "low_count": low_count,
        "chart": sales_chart(shop, today=today, rtl=get_language_bidi()),
        "statuses": ShopOrder.Status,
        "latest_reviews": latest_for_shop(shop),
    }
    return render(request, "dashboard/overview.html", context)
