"""Earnings in the admin: staff record payouts; the ledger is read-only.

A payout is recorded through `services.payout_record` (its ledger row, the checks
against the shop's balance); once recorded it is a bank transfer that happened, so
it is never changed or deleted here. Ledger rows are written by the services only.
"""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.catalog.templatetags.catalog_tags import money as format_money
from marketplace.core.admin_actions import form_action
from marketplace.core.spreadsheets import csv_response, text_cell

from .models import BuyerRefund, LedgerEntry, Payout, ShopBalance
from .selectors import balance_expression, shop_balance
from .services import PayoutRefused, money, payout_problems, payout_record


def amount(shop: ShopBalance) -> Decimal:
    """The shop's balance to the cent (SQLite sums drop trailing zeros)."""
    return money(Decimal(shop.balance))


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


class BalanceFilter(admin.SimpleListFilter):
    """Shops Souk owes (the default: those to pay), shops that owe Souk (cash on
    delivery leaves them holding the commission), or every shop."""

    title = _("balance")
    parameter_name = "balance"

    def lookups(self, request, model_admin):
        return [("owes", _("Owe Souk")), ("all", _("All shops"))]

    def choices(self, changelist):
        for lookup, title in [(None, _("Owed by Souk")), *self.lookup_choices]:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        if self.value() == "owes":
            return queryset.filter(balance__lt=0)
        return queryset.filter(balance__gt=0)


class PayoutBatchForm(forms.Form):
    reference = forms.CharField(
        label=_("Bank transfer reference"),
        max_length=80,
        help_text=_("Each shop's payout is recorded with this reference and the shop's slug."),
    )
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


@admin.register(ShopBalance)
class ShopBalanceAdmin(admin.ModelAdmin):
    """Balances due: each shop's balance summed from its ledger (one query for the
    page), paid in one action, exported for the bank as CSV."""

    list_display = ["name", "balance_due", "payout_holder", "account", "status"]
    list_filter = [BalanceFilter, "status"]
    search_fields = ["name", "slug", "payout_holder"]
    actions = ["pay", "export_for_the_bank"]

    def get_queryset(self, request):
        # Annotated before it is ordered (ModelAdmin.get_queryset orders at once).
        return ShopBalance.objects.annotate(balance=balance_expression()).order_by(
            *self.get_ordering(request)
        )

    def get_ordering(self, request):
        return ["-balance", "name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_pay_permission(self, request) -> bool:
        return request.user.has_perm("earnings.add_payout")

    @admin.display(description=_("balance"), ordering="balance")
    def balance_due(self, shop: ShopBalance) -> str:
        return format_money(amount(shop))

    @admin.display(description=_("RIB or IBAN"))
    def account(self, shop: ShopBalance) -> str:
        return shop.payout_account_masked

    def _pay(self, request, queryset, data):
        paid, total = 0, Decimal("0.00")
        for shop in queryset.filter(balance__gt=0).order_by("pk"):
            try:
                payout = payout_record(
                    vendor=shop,
                    amount=shop_balance(vendor=shop),
                    reference=f"{data['reference'].strip()}-{shop.slug}"[:100],
                    paid_on=data["paid_on"],
                    recorded_by=request.user,
                )
            except PayoutRefused as refused:
                self.message_user(request, f"{shop.name}: {refused.message}", messages.WARNING)
            else:
                paid += 1
                total += payout.amount
        if paid:
            self.message_user(
                request,
                ngettext(
                    "%(count)d payout recorded, %(total)s in all.",
                    "%(count)d payouts recorded, %(total)s in all.",
                    paid,
                )
                % {"count": paid, "total": format_money(total)},
            )

    pay = form_action(
        name="pay",
        description=_("Record payouts of the selected shops' balances…"),
        form_class=PayoutBatchForm,
        title=_("Record payouts"),
        intro=_(
            "Each selected shop that Souk owes money is recorded as paid its whole balance "
            "today, as a bank transfer with the reference below. Shops that owe Souk are "
            "left as they are."
        ),
        submit=_("Record the payouts"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._pay(request, queryset, data),
        permissions=["pay"],
    )

    @admin.action(
        description=_("Export the selected balances for the bank (CSV)"), permissions=["pay"]
    )
    def export_for_the_bank(self, request, queryset):
        """The transfers to make: holder, full account number, amount. Only for staff
        who record payouts (the account numbers are in full)."""
        rows = [
            [text_cell(shop.name), text_cell(shop.payout_holder), shop.payout_account, amount(shop)]
            for shop in queryset.filter(balance__gt=0).order_by("-balance", "name")
        ]
        header = [_("Shop"), _("Account holder"), _("RIB or IBAN"), _("Amount")]
        return csv_response(f"souk-payouts-{timezone.localdate().isoformat()}.csv", header, rows)
