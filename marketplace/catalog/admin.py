from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from marketplace.core.admin_actions import status_action

from .models import Category, Product, ProductImage, Variant


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "parent", "slug", "position", "is_active", "is_featured"]
    list_filter = ["is_active", "is_featured", "parent"]
    list_editable = ["position", "is_active", "is_featured"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0
    fields = [
        "sku",
        "size",
        "colour",
        "price_override",
        "stock",
        "low_stock_threshold",
        "is_active",
    ]


class ProductImageInline(TranslationTabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "alt", "position", "is_main"]

    def get_formset(self, request, obj=None, **kwargs):
        from .images import ProductImageForm

        kwargs.setdefault("form", ProductImageForm)
        return super().get_formset(request, obj, **kwargs)


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["name", "vendor", "category", "status", "price", "in_stock", "created"]
    list_filter = ["status", "in_stock", "vendor__status", "category", "vendor"]
    search_fields = ["name_en", "name_fr", "name_ar", "variants__sku", "vendor__name"]
    list_select_related = ["vendor", "category"]
    readonly_fields = ["price", "in_stock", "rating_average", "rating_count", "updated"]
    raw_id_fields = ["vendor"]
    inlines = [VariantInline, ProductImageInline]
    actions = ["hide", "activate"]
    show_full_result_count = False

    hide = status_action(
        status=Product.Status.INACTIVE,
        description=_("Hide the selected products from the storefront"),
        message=ngettext_lazy("%(count)d product hidden.", "%(count)d products hidden.", "count"),
    )
    activate = status_action(
        status=Product.Status.ACTIVE,
        description=_("Put the selected products on sale"),
        message=ngettext_lazy(
            "%(count)d product activated.", "%(count)d products activated.", "count"
        ),
    )
