from django.contrib import admin, messages
from django.db.models import F, Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from marketplace.core.admin_actions import form_action
from marketplace.core.admin_forms import (
    LabelledFieldsMixin,
    LabelledInlineMixin,
    LanguageDirectionMixin,
    reason_form,
)

from .models import Category, Product, ProductImage, StockMovement, Variant


def thumbnail(image: ProductImage | None) -> str:
    if image is None:
        return ""
    return format_html(
        '<img src="{}" alt="" width="48" height="48" class="souk-thumb" loading="lazy">',
        image.src(320),
    )


@admin.register(Category)
class CategoryAdmin(LabelledFieldsMixin, LanguageDirectionMixin, TranslationAdmin):
    list_display = ["name", "parent", "slug", "position", "is_active", "is_featured"]
    list_filter = ["is_active", "is_featured", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_editable = ["position", "is_active", "is_featured"]
    list_select_related = ["parent"]
    search_fields = ["name_en", "name_fr", "name_ar", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("name_en",)}


class VariantInline(LabelledInlineMixin, admin.TabularInline):
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
    classes = ["souk-variants"]


class ProductImageInline(LabelledInlineMixin, LanguageDirectionMixin, TranslationStackedInline):
    """Stacked: an image with its alternative text in three languages does not fit
    a table row at 1280 px."""

    model = ProductImage
    extra = 0
    fields = ["preview", "image", "alt", "position", "is_main"]
    readonly_fields = ["preview"]

    def get_formset(self, request, obj=None, **kwargs):
        from .images import ProductImageForm

        kwargs.setdefault("form", ProductImageForm)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=_("preview"))
    def preview(self, image: ProductImage) -> str:
        return thumbnail(image) if image.pk else ""


class ShopStatusFilter(admin.SimpleListFilter):
    """The product's shop's status, titled apart from the product's own status."""

    title = _("shop status")
    parameter_name = "shop_status"

    def lookups(self, request, model_admin):
        return Product._meta.get_field("vendor").related_model.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(vendor__status=self.value())
        return queryset


class ModerationFilter(admin.SimpleListFilter):
    title = _("moderation")
    parameter_name = "moderation"

    def lookups(self, request, model_admin):
        return [("hidden", _("Hidden by staff")), ("shown", _("Not hidden"))]

    def queryset(self, request, queryset):
        if self.value() in ("hidden", "shown"):
            return queryset.filter(hidden_by_staff=self.value() == "hidden")
        return queryset


class StockFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock"

    def lookups(self, request, model_admin):
        return [
            ("in", _("In stock")),
            ("low", _("Low stock")),
            ("out", _("Out of stock")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "in":
            return queryset.filter(in_stock=True)
        if self.value() == "out":
            return queryset.filter(in_stock=False)
        if self.value() == "low":
            low = Variant.objects.filter(
                is_active=True, stock__lte=F("low_stock_threshold")
            ).values("product_id")
            return queryset.filter(pk__in=low)
        return queryset


@admin.register(Product)
class ProductAdmin(LanguageDirectionMixin, TranslationAdmin):
    """Staff moderate here: hiding a product is a flag of its own with a reason the
    vendor sees, which the vendor's publish and unpublish cannot undo."""

    list_display = [
        "thumbnail",
        "name",
        "vendor",
        "category",
        "status",
        "hidden_by_staff",
        "price",
        "in_stock",
        "created",
    ]
    list_display_links = ["name"]
    list_filter = [
        "status",
        ModerationFilter,
        StockFilter,
        ShopStatusFilter,
        ("category", admin.RelatedOnlyFieldListFilter),
        ("vendor", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_en", "name_fr", "name_ar", "variants__sku", "vendor__name"]
    list_select_related = ["vendor", "category"]
    readonly_fields = [
        "price",
        "in_stock",
        "rating_average",
        "rating_count",
        "hidden_by_staff",
        "moderation_reason",
        "moderated_at",
        "moderated_by",
        "created",
        "updated",
    ]
    autocomplete_fields = ["vendor", "category"]
    inlines = [VariantInline, ProductImageInline]
    actions = ["hide", "unhide"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "images",
                    queryset=ProductImage.objects.filter(is_main=True),
                    to_attr="main_images",
                )
            )
        )

    @admin.display(description=_("photo"))
    def thumbnail(self, product: Product) -> str:
        images = getattr(product, "main_images", None)
        return thumbnail(images[0] if images else None)

    def _hide(self, request, queryset, data):
        count = queryset.hide_by_staff(reason=data["reason"], by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d product hidden from the storefront.",
                "%(count)d products hidden from the storefront.",
                count,
            )
            % {"count": count},
            messages.WARNING,
        )

    hide = form_action(
        name="hide",
        description=_("Hide the selected products (staff moderation)…"),
        form_class=reason_form(_("Reason (shown to the shop)")),
        title=_("Hide products"),
        intro=_(
            "The products leave the storefront at once and stay hidden whatever their shop "
            "does, until staff show them again. The shop sees the reason in its dashboard."
        ),
        submit=_("Hide the products"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._hide(request, queryset, data),
        permissions=["change"],
    )

    @admin.action(
        description=_("Lift staff hiding from the selected products"), permissions=["change"]
    )
    def unhide(self, request, queryset):
        count = queryset.unhide_by_staff(by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d product no longer hidden by staff.",
                "%(count)d products no longer hidden by staff.",
                count,
            )
            % {"count": count},
        )


@admin.register(Variant)
class VariantAdmin(LabelledFieldsMixin, admin.ModelAdmin):
    """Variants to look up by SKU (and to pick in autocompletes); they are edited
    with their product."""

    list_display = ["sku", "product", "size", "colour", "price_override", "stock", "is_active"]
    list_filter = ["is_active", "colour"]
    search_fields = ["sku", "product__name_en", "product__name_fr", "product__name_ar"]
    list_select_related = ["product"]
    autocomplete_fields = ["product"]


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    """Read only: every change of stock, as the services recorded it."""

    list_display = ["created", "variant", "change", "stock_after", "reason", "note", "user"]
    list_filter = ["reason", "created"]
    search_fields = ["variant__sku", "note", "user__email"]
    list_select_related = ["variant__product", "user"]
    date_hierarchy = "created"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
