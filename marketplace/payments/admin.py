from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.admin_actions import form_action
from marketplace.orders import admin as orders_admin
from marketplace.orders.models import Order

from .models import Payment, Refund, StripeEvent
from .services import PaymentRefused, payment_refund, refund_send


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to refund"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Leave empty to refund all that is left of each payment."),
    )
    reason = forms.CharField(
        label=_("Reason (sent to the buyer)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


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

    def has_refund_permission(self, request) -> bool:
        return request.user.has_perm("payments.refund_payment")

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

    refund_in_full.allowed_permissions = ("refund",)


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["method", "amount", "status", "amount_refunded", "stripe_payment_intent_id"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def refund_orders(modeladmin, request, queryset, data) -> None:
    """Refund the card payments of the selected orders through Stripe: `amount` from
    each (all that is left when empty). A partial amount is for one order at a time."""
    orders = list(queryset.order_by("pk"))
    amount = data["amount"]
    if amount is not None and len(orders) > 1:
        modeladmin.message_user(
            request, _("Refund a partial amount one order at a time."), messages.ERROR
        )
        return
    refunded = 0
    for order in orders:
        payment = order.payments.filter(
            method=Order.Method.CARD, status__in=Payment.CAPTURED
        ).first()
        if payment is None:
            modeladmin.message_user(
                request,
                _("%(order)s: no card payment to refund.") % {"order": order.number},
                messages.WARNING,
            )
            continue
        try:
            refund = payment_refund(payment=payment, amount=amount, reason=data["reason"])
        except PaymentRefused as refused:
            modeladmin.message_user(request, f"{order.number}: {refused.message}", messages.WARNING)
            continue
        if refund.status == Refund.Status.PENDING:
            modeladmin.message_user(
                request,
                _("%(order)s: Stripe could not be reached; the refund will be sent again.")
                % {"order": order.number},
                messages.WARNING,
            )
        refunded += refund.status == Refund.Status.SUCCEEDED
    if refunded:
        modeladmin.message_user(
            request,
            ngettext("%(count)d order refunded.", "%(count)d orders refunded.", refunded)
            % {"count": refunded},
        )


admin.site.unregister(Order)


@admin.register(Order)
class OrderAdmin(orders_admin.OrderAdmin):
    """Orders with their payments, and refunds through Stripe (payments sits above
    orders, so it extends the orders admin rather than orders knowing of payments)."""

    inlines = [*orders_admin.OrderAdmin.inlines, PaymentInline]
    actions = [*orders_admin.OrderAdmin.actions, "refund"]

    def has_refund_permission(self, request) -> bool:
        return request.user.has_perm("payments.refund_payment")

    refund = form_action(
        name="refund",
        description=_("Refund the selected card orders…"),
        form_class=RefundForm,
        title=_("Refund orders"),
        intro=_(
            "The money goes back to the buyer's card through Stripe and the buyer is told. "
            "A payment refunded in full moves its order to refunded."
        ),
        submit=_("Refund"),
        apply=refund_orders,
        permissions=["refund"],
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

    def has_refund_permission(self, request) -> bool:
        return request.user.has_perm("payments.refund_payment")

    @admin.action(
        description=_("Send the selected pending refunds to Stripe again"), permissions=["refund"]
    )
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
