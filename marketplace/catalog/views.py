from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from marketplace.core.views import HtmxHttpRequest

from .forms import SORT_CHOICES, ProductFilterForm
from .models import SEARCH_LANGUAGES, Category, Product, Variant
from .selectors import available_sizes, product_listing, related_products
from .seo import product_json_ld


def listing_page(request: HtmxHttpRequest, template: str, context: dict, **scope) -> HttpResponse:
    """Render a product listing: the whole page, or only the results for htmx."""
    form = ProductFilterForm(request.GET)
    listing = product_listing(form.filters(), page_number=request.GET.get("page"), **scope)
    ignored = form.ignored() + [str(form.fields[name].label) for name in listing.unknown]
    context |= {
        "form": form,
        "listing": listing,
        "page_obj": listing.page,
        "products": listing.page.object_list,
        "ignored_filters": ignored,
        "sort_choices": [c for c in SORT_CHOICES if c[0] != "relevance" or form.filters().get("q")],
        "colour_choices": Variant.Colour.choices,
        "sizes": available_sizes(),
        "selected_options": {f"{k}:{v}" for k, v in listing.filters.get("option", [])},
    }
    if request.htmx and not request.htmx.history_restore_request:
        template = "catalog/_listing.html#product-results"
    return render(request, template, context)


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
    visible = Product.objects.visible().select_related("vendor", "category__parent")
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

    variants = list(product.variants.filter(is_active=True))
    selected = next(
        (v for v in variants if str(v.pk) == request.GET.get("variant")),
        next((v for v in variants if v.stock > 0), variants[0]),
    )
    for variant in variants:
        variant.product = product  # variant.price reads the product's base price
    context = {
        "product": product,
        "variants": variants,
        "variant": selected,
        "images": list(product.images.all()),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "catalog/product_detail.html#variant-panel", context)

    alternates = []
    for code, _name in translation.trans_real.get_languages().items():
        with translation.override(code):
            alternates.append((code, request.build_absolute_uri(product.get_absolute_url())))
    with translation.override("en"):
        x_default = request.build_absolute_uri(product.get_absolute_url())
    context |= {
        "alternates": alternates,
        "x_default": x_default,
        "canonical": request.build_absolute_uri(product.get_absolute_url()),
        "breadcrumbs": [*product.category.ancestors(), product.category],
        "related": related_products(product),
        "json_ld": product_json_ld(product, variants, context["images"], request),
        "category_url": reverse("catalog:category", kwargs={"slug": product.category.slug}),
    }
    return render(request, "catalog/product_detail.html", context)
