from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.vary import vary_on_headers

from marketplace.catalog.views import listing_page
from marketplace.core.http import HtmxHttpRequest

from .models import Vendor


@vary_on_headers("HX-Request")
def shop_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A shop's public page: banner, story, and its products with filters and sort."""
    vendor = get_object_or_404(Vendor.objects.approved(), slug=slug)
    return listing_page(request, "vendors/shop_detail.html", {"vendor": vendor}, vendor=vendor)
