from django.shortcuts import render

from marketplace.core.http import HtmxHttpRequest

from ..access import shop_required


@shop_required
def overview(request: HtmxHttpRequest):
    return render(request, "dashboard/overview.html", {"shop": request.shop})
