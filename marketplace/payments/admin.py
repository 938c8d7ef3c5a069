from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Payment, Refund, StripeEvent
from .services import PaymentRefused, payment_refund, refund_send


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    can_delete = False
    fields = ["amount", "status", "stripe_refund_id", "reason", "created"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Payments are written by the payment flow only; staff read them and refund."""

    list_display = ["order", "method", "amount", "currency", "status", "amount_refunded", "created"]
    list_filter = ["method", "status"]
    search_fields = ["order__number", "order__email", "stripe_payment_intent_id"]
    list_select_related = ["order"]
    readonly_fields = [
        "order",
        "method",
        "amount",
        "currency",
        "status",
        "stripe_payment_intent_id",
        "amount_refunded",
        "created",
        "updated",
    ]
    inlines = [RefundInline]
    actions = ["refund_in_full"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Refund what is left of the selected card payments"))
    def refund_in_full(self, request, queryset):
        done = 0
        for payment in queryset.order_by("pk"):
            try:
                refund = payment_refund(payment=payment, amount=None, reason="Refunded by staff.")
            except PaymentRefused as refused:
                self.message_user(request, f"{payment}: {refused.message}", messages.WARNING)
                continue
            done += refund.status == Refund.Status.SUCCEEDED
        self.message_user(
            request,
            ngettext("%(count)d payment refunded.", "%(count)d payments refunded.", done)
            % {"count": done},
        )


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ["payment", "amount", "status", "stripe_refund_id", "created"]
    list_filter = ["status"]
    search_fields = ["payment__order__number", "stripe_refund_id"]
    list_select_related = ["payment__order"]
    readonly_fields = ["payment", "amount", "status", "stripe_refund_id", "reason", "created"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected pending refunds to Stripe again"))
    def send_again(self, request, queryset):
        settled = sum(
            refund_send(refund_id=pk).status != Refund.Status.PENDING
            for pk in queryset.filter(status=Refund.Status.PENDING).values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext("%(count)d refund settled.", "%(count)d refunds settled.", settled)
            % {"count": settled},
        )


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "created"]
    list_filter = ["type"]
    search_fields = ["event_id"]
    readonly_fields = ["event_id", "type", "created"]

    def has_add_permission(self, request):
        return False
