"""The product listing that the product list, category and shop pages share.

A non-view module, so that every page listing products calls it without one view
module importing another (see docs/architecture.md, "Apps and layers").
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from marketplace.core.fragments import cached_fragment
from marketplace.core.http import HtmxHttpRequest

from .forms import SORT_CHOICES, ProductFilterForm, page_number
from .models import Variant
from .selectors import available_sizes, product_listing


def listing_page(request: HtmxHttpRequest, template: str, context: dict, **scope) -> HttpResponse:
    """Render a product listing: the whole page, or only the results for htmx.

    The listing (filters and results) is a shared fragment for anonymous visitors,
    keyed on the parsed filters and page number (never the raw URL); links inside it
    are built from the same canonical query. The page around it (header, cart
    counter, messages) is always rendered fresh.
    """
    form = ProductFilterForm(request.GET)
    form.is_valid()  # the page title and heading read the cleaned search text
    htmx_partial = request.htmx and not request.htmx.history_restore_request
    fragment = "catalog/_listing.html#product-results" if htmx_partial else "catalog/_listing.html"
    query = form.canonical_query()
    page = page_number(request.GET.get("page"))
    page_query = query.copy()
    if page > 1:
        page_query["page"] = str(page)
    next_url = f"{request.path}?{page_query.urlencode()}" if page_query else request.path
    # What the fragment shows besides the filters: the names of ignored filters.
    vary = f"{request.path}?{page_query.urlencode()}#{','.join(sorted(form.errors))}"

    def render_listing(extra: dict) -> str:
        listing = product_listing(form.filters(), page_number=page, **scope)
        ignored = form.ignored() + [str(form.fields[name].label) for name in listing.unknown]
        suggestion_url = ""
        if listing.suggestion:
            suggestion_query = query.copy()
            suggestion_query["q"] = listing.suggestion
            suggestion_url = f"{request.path}?{suggestion_query.urlencode()}"
        return render_to_string(
            fragment,
            context
            | extra
            | {
                "form": form,
                "query": query,
                "next_url": next_url,
                "listing": listing,
                "page_obj": listing.page,
                "products": listing.page.object_list,
                "ignored_filters": ignored,
                "suggestion_url": suggestion_url,
                "sort_choices": [
                    c for c in SORT_CHOICES if c[0] != "relevance" or form.filters().get("q")
                ],
                "colour_choices": Variant.Colour.choices,
                "sizes": available_sizes(),
                "selected_options": {f"{k}:{v}" for k, v in listing.filters.get("option", [])},
            },
            request,
        )

    html = cached_fragment(request, fragment, render_listing, vary=vary)
    if htmx_partial:
        return HttpResponse(html)
    return render(request, template, context | {"form": form, "listing_html": html})
