from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from marketplace.core.fragments import cached_fragment
from marketplace.core.http import HtmxHttpRequest
from marketplace.core.origin import absolute_url
from marketplace.vendors.models import Vendor

from .listing import listing_page
from .models import SEARCH_LANGUAGES, Category, Product
from .selectors import home_sections, related_products
from .seo import product_json_ld


def home(request: HtmxHttpRequest) -> HttpResponse:
    """The home page: featured categories, products and shops (a shared fragment)."""

    def render_sections(extra: dict) -> str:
        context = home_sections() | {"next_url": request.path} | extra
        return render_to_string("catalog/_home_sections.html", context, request)

    sections = cached_fragment(request, "home", render_sections)
    return render(request, "catalog/home.html", {"sections_html": sections})


@vary_on_headers("HX-Request")
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    return listing_page(request, "catalog/product_list.html", {})


@vary_on_headers("HX-Request")
def category_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category.objects.active().select_related("parent"), slug=slug)
    if category.pk not in Category.visible_ids():
        raise Http404(_("This category is not available."))  # under a hidden parent
    return listing_page(
        request, "catalog/product_list.html", {"category": category}, category=category
    )


@vary_on_headers("HX-Request")
def shop_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A shop's public page: banner, story, and its products with filters and sort."""
    vendor = get_object_or_404(Vendor.objects.approved(), slug=slug)
    return listing_page(request, "catalog/shop_detail.html", {"vendor": vendor}, vendor=vendor)


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
    # Loaded once, into what the templates read (product.only_variant, variant.price).
    variants = product.active_variants = list(product.variants.filter(is_active=True))
    chosen = next((v for v in variants if str(v.pk) == request.GET.get("variant")), None)
    selected = chosen or next((v for v in variants if v.stock > 0), variants[0])
    for variant in variants:
        variant.product = product  # variant.price reads the product's base price
    next_url = product.get_absolute_url() + (f"?variant={chosen.pk}" if chosen else "")

    def render_body(extra: dict) -> str:
        context = {
            "product": product,
            "variants": variants,
            "variant": selected,
            "next_url": next_url,
        } | extra
        if htmx_partial:
            return render_to_string("catalog/_product_body.html#variant-panel", context, request)
        images = list(product.images.all())
        product.main_images = [image for image in images if image.is_main]
        context |= {
            "images": images,
            "breadcrumbs": [*product.category.ancestors(), product.category],
            "related": related_products(product),
            "json_ld": product_json_ld(product, variants, images),
        }
        return render_to_string("catalog/_product_body.html", context, request)

    fragment = "product-variant" if htmx_partial else "product"
    body = cached_fragment(
        request, fragment, render_body, vary=str(chosen.pk if chosen else ""), product=product.pk
    )
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
