"""The product listing that the product list, category and shop pages share.

A non-view module, so that every page listing products calls it without one view
module importing another (see docs/architecture.md, "Apps and layers").
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from marketplace.core.fragments import cached_fragment
from marketplace.core.http import HtmxHttpRequest

from .forms import SORT_CHOICES, ProductFilterForm
from .models import Variant
from .selectors import available_sizes, product_listing


def listing_page(request: HtmxHttpRequest, template: str, context: dict, **scope) -> HttpResponse:
    """Render a product listing: the whole page, or only the results for htmx.

    The listing (filters and results) is a shared fragment for anonymous visitors;
    the page around it (header, cart counter, messages) is always rendered fresh.
    """
    form = ProductFilterForm(request.GET)
    form.is_valid()  # the page title and heading read the cleaned search text
    htmx_partial = request.htmx and not request.htmx.history_restore_request
    fragment = "catalog/_listing.html#product-results" if htmx_partial else "catalog/_listing.html"

    def render_listing(extra: dict) -> str:
        listing = product_listing(form.filters(), page_number=request.GET.get("page"), **scope)
        ignored = form.ignored() + [str(form.fields[name].label) for name in listing.unknown]
        return render_to_string(
            fragment,
            context
            | extra
            | {
                "form": form,
                "listing": listing,
                "page_obj": listing.page,
                "products": listing.page.object_list,
                "ignored_filters": ignored,
                "sort_choices": [
                    c for c in SORT_CHOICES if c[0] != "relevance" or form.filters().get("q")
                ],
                "colour_choices": Variant.Colour.choices,
                "sizes": available_sizes(),
                "selected_options": {f"{k}:{v}" for k, v in listing.filters.get("option", [])},
            },
            request,
        )

    html = cached_fragment(request, fragment, render_listing)
    if htmx_partial:
        return HttpResponse(html)
    return render(request, template, context | {"form": form, "listing_html": html})
