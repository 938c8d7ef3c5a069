"""The products section of the dashboard: the shop's product list, the editor (texts
in each language, details, variants), photos, the preview, and publishing,
unpublishing, copying and archiving.

Thin views: forms parse (dashboard/forms/products.py), catalog's services decide
(`product_save`, `product_publish`...; refusals are shown as they are). Every
lookup goes through `request.shop`: another shop's product or photo is a 404.
Photos are managed with htmx partials (`#product-images`) and work as plain forms
without JavaScript.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from marketplace.catalog import services
from marketplace.catalog.models import Product, ProductImage, Variant
from marketplace.catalog.selectors import related_products
from marketplace.catalog.seo import product_json_ld
from marketplace.core.http import HtmxHttpRequest

from ..access import shop_object_or_404, shop_required
from ..forms.products import (
    ProductFilterForm,
    ProductForm,
    ProductImageTextForm,
    ProductImageUploadForm,
    VariantFormSet,
)

PER_PAGE = 25
LIST_TEMPLATE = "dashboard/products/list.html"
EDIT_TEMPLATE = "dashboard/products/edit.html"
PREVIEW_TEMPLATE = "dashboard/products/preview.html"


def _shop_product(request: HtmxHttpRequest, pk: int) -> Product:
    return shop_object_or_404(Product.objects.select_related("category"), request.shop, pk=pk)


def _shop_image(request: HtmxHttpRequest, pk: int, image_pk: int) -> ProductImage:
    return shop_object_or_404(
        ProductImage.objects.select_related("product"),
        request.shop,
        lookup="product__vendor",
        product_id=pk,
        pk=image_pk,
    )


# --- The list -----------------------------------------------------------------------


@shop_required
@vary_on_headers("HX-Request")
def index(request: HtmxHttpRequest) -> HttpResponse:
    """The shop's products, newest first: search by name (any language) or SKU,
    filter by status, with each one's stock and a low-stock marker."""
    form = ProductFilterForm(request.GET)
    products = form.filter(Product.objects.filter(vendor=request.shop).for_dashboard())
    page = Paginator(products.order_by("-created", "-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page_obj": page, "products": page.object_list}
    status = 400 if form.errors else 200
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{LIST_TEMPLATE}#product-results", context, status=status)
    return render(request, LIST_TEMPLATE, context, status=status)


# --- The editor ---------------------------------------------------------------------


def _editor(request: HtmxHttpRequest, product: Product) -> HttpResponse:
    """Create or edit: the product form and its variants, saved together."""
    creating = product.pk is None
    posted = request.method == "POST"
    form = ProductForm(
        request.POST if posted else None,
        instance=product,
        shop=request.shop,
        initial={"language": (get_language() or "en")[:2]} if creating else None,
    )
    formset = VariantFormSet(
        request.POST if posted else None,
        instance=product,
        prefix="variants",
        queryset=Variant.objects.order_by("position", "id"),
    )
    if creating:
        formset.extra = 3
    if posted and form.is_valid() and formset.is_valid():
        try:
            saved = services.product_save(
                product=form.save(commit=False), variants=formset.edits(), user=request.user
            )
        except services.VariantRefused as refusal:
            formset.add_refusal(refusal)
        else:
            if "publish" in request.POST:
                _publish(request, saved)
            elif creating:
                messages.success(
                    request, _("Saved as a draft. Add its photos, then publish it when ready.")
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect("dashboard:product_edit", pk=saved.pk)
    context = {"form": form, "formset": formset, "product": product, "creating": creating}
    if not creating:
        context |= _images_context(product) | {"problems": product.publish_problems()}
    return render(request, EDIT_TEMPLATE, context, status=400 if posted else 200)


@shop_required
def create(request: HtmxHttpRequest) -> HttpResponse:
    return _editor(request, Product(vendor=request.shop, status=Product.Status.DRAFT))


@shop_required
def edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _editor(request, _shop_product(request, pk))


# --- Publishing and the other actions ------------------------------------------------


def _publish(request: HtmxHttpRequest, product: Product) -> bool:
    try:
        services.product_publish(product=product)
    except services.ProductActionRefused as refusal:
        messages.error(request, " ".join([refusal.message, *refusal.problems]))
        return False
    if product.hidden_by_staff:
        messages.warning(
            request,
            _(
                "Published, but shoppers still cannot see it: our team has hidden it. "
                "The reason is on this page."
            ),
        )
    else:
        messages.success(request, _("Published: shoppers can now find it."))
    return True


@shop_required
@require_POST
def publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    _publish(request, _shop_product(request, pk))
    return redirect("dashboard:product_edit", pk=pk)


@shop_required
@require_POST
def unpublish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = _shop_product(request, pk)
    try:
        services.product_unpublish(product=product)
    except services.ProductActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Unpublished: shoppers no longer see it."))
    return redirect("dashboard:product_edit", pk=pk)


@shop_required
@require_POST
def archive(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = _shop_product(request, pk)
    services.product_archive(product=product)
    messages.success(
        request,
        _("%(name)s is archived: off the storefront, listed under Archived.")
        % {"name": product.name},
    )
    return redirect("dashboard:products")


@shop_required
@require_POST
def duplicate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    copy = services.product_duplicate(product=_shop_product(request, pk))
    messages.success(
        request,
        _(
            "This is a draft copy, with new SKUs and no stock: count its stock, "
            "check it, then publish it."
        ),
    )
    return redirect("dashboard:product_edit", pk=copy.pk)


# --- The preview --------------------------------------------------------------------


@shop_required
@vary_on_headers("HX-Request")
def preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The product's page as shoppers will see it (catalog/_product_body.html),
    whatever its status; marked as a preview when shoppers cannot see it."""
    product = shop_object_or_404(
        Product.objects.select_related("vendor", "category__parent").prefetch_related(
            Prefetch(
                "variants",
                queryset=Variant.objects.filter(is_active=True),
                to_attr="active_variants",
            ),
            "images",
        ),
        request.shop,
        pk=pk,
    )
    variants = product.active_variants
    chosen = next((v for v in variants if str(v.pk) == request.GET.get("variant")), None)
    selected = chosen or next((v for v in variants if v.stock > 0), None)
    selected = selected or (variants[0] if variants else None)
    for variant in variants:
        variant.product = product
    images = list(product.images.all())
    product.main_images = [image for image in images if image.is_main]
    preview_url = reverse("dashboard:product_preview", kwargs={"pk": product.pk})
    context = {
        "product": product,
        "variants": variants,
        "variant": selected,
        "variant_url": preview_url,
        "next_url": preview_url,
        "visible": Product.objects.visible().filter(pk=product.pk).exists(),
        "problems": product.publish_problems(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "catalog/_product_body.html#variant-panel", context)
    context |= {
        "images": images,
        "breadcrumbs": [*product.category.ancestors(), product.category],
        "related": related_products(product),
        "json_ld": product_json_ld(product, variants, images),
    }
    return render(request, PREVIEW_TEMPLATE, context)


# --- Photos -------------------------------------------------------------------------


def _images_context(
    product: Product,
    *,
    upload_form: ProductImageUploadForm | None = None,
    bound: tuple[int, ProductImageTextForm] | None = None,
) -> dict:
    """What the photos partial (#product-images) shows: the photos in the order
    shoppers see them, each with its description form, and the upload form."""
    images = list(ProductImage.objects.filter(product=product).order_by("-is_main", "position"))
    rows = []
    for image in images:
        if bound is not None and bound[0] == image.pk:
            text_form = bound[1]
        else:
            text_form = ProductImageTextForm(instance=image, prefix=f"image-{image.pk}")
        rows.append({"image": image, "form": text_form, "thumb_height": image.height_for(160)})
    for index, row in enumerate(rows):
        movable = not row["image"].is_main
        row["can_move_up"] = movable and index > 0 and not rows[index - 1]["image"].is_main
        row["can_move_down"] = movable and index < len(rows) - 1
    return {
        "product": product,
        "image_rows": rows,
        "upload_form": upload_form or ProductImageUploadForm(prefix="upload"),
        "images_max": services.PRODUCT_IMAGES_MAX,
    }


def _images_response(
    request: HtmxHttpRequest, product: Product, *, status: int = 200, **kwargs
) -> HttpResponse:
    """The photos partial for htmx; otherwise back to the editor (after a POST that
    worked) or the editor with the errors (400)."""
    if request.htmx:
        context = _images_context(product, **kwargs)
        return render(request, f"{EDIT_TEMPLATE}#product-images", context, status=status)
    if status == 200:
        url = reverse("dashboard:product_edit", kwargs={"pk": product.pk})
        return redirect(f"{url}#product-images")
    form = ProductForm(instance=product, shop=request.shop)
    formset = VariantFormSet(
        instance=product, prefix="variants", queryset=Variant.objects.order_by("position", "id")
    )
    context = {"form": form, "formset": formset, "product": product, "creating": False}
    context |= _images_context(product, **kwargs) | {"problems": product.publish_problems()}
    return render(request, EDIT_TEMPLATE, context, status=status)


@shop_required
@require_POST
def image_upload(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = _shop_product(request, pk)
    form = ProductImageUploadForm(
        request.POST, request.FILES, instance=ProductImage(product=product), prefix="upload"
    )
    if not form.is_valid():
        return _images_response(request, product, status=400, upload_form=form)
    try:
        services.product_image_add(image=form.save(commit=False))
    except services.ProductActionRefused as refusal:
        form.add_error(None, refusal.message)
        return _images_response(request, product, status=400, upload_form=form)
    messages.success(request, _("Photo added."))
    return _images_response(request, product)


@shop_required
@require_POST
def image_move(request: HtmxHttpRequest, pk: int, image_pk: int) -> HttpResponse:
    image = _shop_image(request, pk, image_pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        return HttpResponseBadRequest(_("Move a photo up or down."))
    services.product_image_move(image=image, offset=offset)
    messages.success(request, _("Photo moved."))
    return _images_response(request, image.product)


@shop_required
@require_POST
def image_update(request: HtmxHttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Save a photo's description in each language; with `main`, make it the main
    photo as well."""
    image = _shop_image(request, pk, image_pk)
    form = ProductImageTextForm(request.POST, instance=image, prefix=f"image-{image.pk}")
    if not form.is_valid():
        return _images_response(request, image.product, status=400, bound=(image.pk, form))
    with transaction.atomic():
        form.save()
        if "main" in request.POST:
            services.product_image_set_main(image=image)
    if "main" in request.POST:
        messages.success(request, _("This is now the main photo."))
    else:
        messages.success(request, _("Photo description saved."))
    return _images_response(request, image.product)


@shop_required
@require_POST
def image_delete(request: HtmxHttpRequest, pk: int, image_pk: int) -> HttpResponse:
    image = _shop_image(request, pk, image_pk)
    try:
        services.product_image_delete(image=image)
    except services.ProductActionRefused as refusal:
        messages.error(request, refusal.message)
        return _images_response(request, image.product, status=409)
    messages.success(request, _("Photo deleted."))
    return _images_response(request, image.product)
