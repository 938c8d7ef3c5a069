from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from marketplace.core.fragments import cached_fragment
from marketplace.core.origin import absolute_url
from marketplace.core.views import HtmxHttpRequest

from .forms import SORT_CHOICES, ProductFilterForm
from .models import SEARCH_LANGUAGES, Category, Product, Variant
from .selectors import available_sizes, product_listing, related_products
from .seo import product_json_ld


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


@vary_on_headers("HX-Request")
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    return listing_page(request, "catalog/product_list.html", {})


@vary_on_headers("HX-Request")
def category_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category.objects.active().select_related("parent"), slug=slug)
    return listing_page(
        request, "catalog/product_list.html", {"category": category}, category=category
    )


def _find_product(slug: str) -> Product:
    """The visible product with this slug in the page's language; failing that,
    in another language (the caller redirects to the right slug)."""
    code = (translation.get_language() or "en")[:2]
    visible = (
        Product.objects.visible()
        .select_related("vendor", "category__parent")
        .defer(*(f"search_{language}" for language in SEARCH_LANGUAGES))
        .order_by()
    )
    product = visible.filter(**{f"slug_{code}": slug}).first()
    if product is not None:
        return product
    any_language = Q()
    for other in SEARCH_LANGUAGES:
        any_language |= Q(**{f"slug_{other}": slug})
    product = visible.filter(any_language).first()
    if product is None:
        raise Http404(_("This product is not available."))
    return product


@vary_on_headers("HX-Request")
def product_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    product = _find_product(slug)
    if product.slug != slug:  # `product.slug` is the page language's (or its fallback)
        url = product.get_absolute_url()
        if request.GET:
            url += "?" + request.GET.urlencode()
        return HttpResponsePermanentRedirect(url)

    htmx_partial = request.htmx and not request.htmx.history_restore_request

    def render_body(extra: dict) -> str:
        variants = list(product.variants.filter(is_active=True))
        selected = next(
            (v for v in variants if str(v.pk) == request.GET.get("variant")),
            next((v for v in variants if v.stock > 0), variants[0]),
        )
        for variant in variants:
            variant.product = product  # variant.price reads the product's base price
        context = {"product": product, "variants": variants, "variant": selected} | extra
        if htmx_partial:
            return render_to_string("catalog/_product_body.html#variant-panel", context, request)
        images = list(product.images.all())
        context |= {
            "images": images,
            "breadcrumbs": [*product.category.ancestors(), product.category],
            "related": related_products(product),
            "json_ld": product_json_ld(product, variants, images),
        }
        return render_to_string("catalog/_product_body.html", context, request)

    fragment = "product-variant" if htmx_partial else "product"
    body = cached_fragment(request, f"{fragment}:{product.pk}", render_body)
    if htmx_partial:
        return HttpResponse(body)

    alternates = []
    for code, _name in translation.trans_real.get_languages().items():
        with translation.override(code):
            alternates.append((code, absolute_url(product.get_absolute_url())))
    with translation.override("en"):
        x_default = absolute_url(product.get_absolute_url())
    context = {
        "product": product,
        "body_html": body,
        "alternates": alternates,
        "x_default": x_default,
        "canonical": absolute_url(product.get_absolute_url()),
    }
    return render(request, "catalog/product_detail.html", context)
