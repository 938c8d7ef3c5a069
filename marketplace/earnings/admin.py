"""Earnings in the admin: staff record payouts; the ledger is read-only.

A payout is recorded through `services.payout_record` (its ledger row, the checks
against the shop's balance); once recorded it is a bank transfer that happened, so
it is never changed or deleted here. Ledger rows are written by the services only.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import BuyerRefund, LedgerEntry, Payout
from .services import payout_problems, payout_record


class PayoutForm(forms.ModelForm):
    class Meta:
        model = Payout
        fields = ["vendor", "amount", "reference", "paid_on", "note"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        problems = payout_problems(
            vendor=data["vendor"],
            amount=data["amount"],
            reference=data["reference"],
            paid_on=data["paid_on"],
            recorded_by=self.request.user if self.request else None,
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return data

    def validate_constraints(self):
        """The model's constraints (amount above zero, one payout per reference) are
        checked by `payout_problems` above, with the words staff need."""


@admin.register(Payout)
class PayoutAdmin(admin.ModelAdmin):
    form = PayoutForm
    list_display = ["paid_on", "vendor", "amount", "reference", "recorded_by", "created"]
    list_filter = ["paid_on"]
    list_select_related = ["vendor", "recorded_by"]
    search_fields = ["reference", "vendor__name", "vendor__slug"]
    date_hierarchy = "paid_on"
    autocomplete_fields = ["vendor"]
    fields = ["vendor", "amount", "reference", "paid_on", "note", "recorded_by", "created"]
    readonly_fields = ["recorded_by", "created"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class WithRequest(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return WithRequest

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        """Through the service (the ledger row, the checks under the shop's lock);
        `recorded_by` is the signed-in staff member."""
        data = form.cleaned_data
        payout = payout_record(
            vendor=data["vendor"],
            amount=data["amount"],
            reference=data["reference"],
            paid_on=data["paid_on"],
            recorded_by=request.user,
            note=data.get("note", ""),
        )
        obj.pk, obj.recorded_by, obj.created = payout.pk, payout.recorded_by, payout.created
        obj._state.adding = False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created",
        "vendor",
        "kind",
        "amount",
        "order_number",
        "payout_reference",
        "rate",
    ]
    list_filter = ["kind", "created", "vendor"]
    list_select_related = ["vendor", "shop_order__order", "payout"]
    search_fields = ["vendor__name", "shop_order__order__number", "payout__reference"]
    date_hierarchy = "created"
    fields = [
        "vendor",
        "kind",
        "amount",
        "rate",
        "shop_order",
        "payout",
        "description",
        "created",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("order"), ordering="shop_order__order__number")
    def order_number(self, entry: LedgerEntry) -> str:
        return entry.shop_order.order.number if entry.shop_order_id else ""

    @admin.display(description=_("payout"), ordering="payout__reference")
    def payout_reference(self, entry: LedgerEntry) -> str:
        return entry.payout.reference if entry.payout_id else ""


@admin.register(BuyerRefund)
class BuyerRefundAdmin(admin.ModelAdmin):
    """The refunds earnings heard of (payments' Refund has the details); their share
    of each shop is in the ledger."""

    list_display = ["created", "order", "amount"]
    list_select_related = ["order"]
    search_fields = ["order__number"]
    date_hierarchy = "created"
    fields = ["order", "amount", "created"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
