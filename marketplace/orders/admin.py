"""Orders in the admin: for looking up, not for editing.

An order is a record of what was sold: its lines and totals are snapshots, and every
state change goes through orders.services (stock, refunds and e-mails follow from
it). So the admin shows everything read-only, adds nothing and deletes nothing;
staff act through actions that call the same services as the site: cancelling here
(stock goes back; payments refunds what was paid), refunds in payments/admin.py,
which extends this admin with the order's payments.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.admin_actions import form_action
from marketplace.core.admin_forms import reason_form

from . import services
from .models import Order, OrderLine, ShopOrder


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ShopOrderInline(ReadOnlyInline):
    model = ShopOrder
    fields = [
        "vendor",
        "status",
        "items_subtotal",
        "shipping_cost",
        "total",
        "ship_by",
        "carrier",
        "tracking_number",
        "cash_collected",
        "shipped_at",
        "delivered_at",
        "cancelled_at",
        "cancel_reason",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("vendor")


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = [
        "shop",
        "product_name",
        "options",
        "sku",
        "unit_price",
        "quantity",
        "line_total",
        "personalisation",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("shop_order__vendor")

    @admin.display(description=_("shop"))
    def shop(self, line: OrderLine) -> str:
        return line.shop_order.vendor.name


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "email", "user", "status", "payment_method", "total", "created"]
    list_filter = ["status", "payment_method", "created"]
    list_select_related = ["user"]
    search_fields = ["number", "email", "recipient_name", "phone"]
    actions = ["cancel"]
    date_hierarchy = "created"
    ordering = ["-created", "-id"]
    inlines = [ShopOrderInline, OrderLineInline]
    fieldsets = [
        (
            None,
            {"fields": ["number", "status", "user", "email", "language", "created", "updated"]},
        ),
        (
            _("Payment"),
            {
                "fields": [
                    "payment_method",
                    "currency",
                    "items_subtotal",
                    "shipping_total",
                    "total",
                    "expires_at",
                ]
            },
        ),
        (
            _("Delivery address"),
            {
                "fields": [
                    "recipient_name",
                    "phone",
                    "line1",
                    "line2",
                    "postal_code",
                    "city",
                    "region",
                    "country",
                ]
            },
        ),
        (_("Placed from"), {"fields": ["client_ip", "idempotency_key"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_cancel_permission(self, request) -> bool:
        return request.user.has_perm("orders.cancel_order")

    def _cancel(self, request, queryset, data):
        cancelled = 0
        for order in queryset.order_by("pk"):
            try:
                services.order_cancel(order=order, reason=data["reason"])
            except services.OrderActionRefused as refusal:
                self.message_user(request, f"{order.number}: {refusal.message}", messages.WARNING)
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d order cancelled: stock restored, payments refunded.",
                    "%(count)d orders cancelled: stock restored, payments refunded.",
                    cancelled,
                )
                % {"count": cancelled},
            )

    cancel = form_action(
        name="cancel",
        description=_("Cancel the selected orders…"),
        form_class=reason_form(_("Reason (sent to the buyer)"), max_length=300),
        title=_("Cancel orders"),
        intro=_(
            "Only orders no shop has shipped can be cancelled. Their stock goes back, card "
            "payments are refunded in full and the buyer and shops are told."
        ),
        submit=_("Cancel the orders"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._cancel(
            request, queryset, data
        ),
        permissions=["cancel"],
    )


@admin.register(ShopOrder)
class ShopOrderAdmin(admin.ModelAdmin):
    """Each shop's part of the orders, to follow fulfilment across shops (read only:
    shops move them from their dashboards)."""

    list_display = ["order", "vendor", "status", "total", "ship_by", "cash_collected", "created"]
    list_filter = ["status", "cash_collected", ("vendor", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["order__number", "order__email", "vendor__name", "tracking_number"]
    list_select_related = ["order", "vendor"]
    date_hierarchy = "created"
    inlines = [OrderLineInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ShopOrder._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
