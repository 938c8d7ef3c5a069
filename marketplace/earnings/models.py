"""The shops' ledger: what each shop earned, owes and was paid.

Every movement of a shop's money is a `LedgerEntry` row with a signed amount, from
the shop's point of view: positive when Souk owes the shop more, negative when the
shop owes Souk or was paid. A shop's balance is the sum of its rows and is never
stored anywhere else, so a statement (opening balance + the period's rows = closing
balance) always adds up.

Rows per delivered shop order (`services.ledger_record_delivery`):

- card: `sale` +total (items + shipping: Souk took the buyer's money), and
  `commission` -rate x items;
- cash on delivery: `sale` +total, `cash_kept` -total (the shop collected it from
  the courier), and `commission` -rate x items;

so a card sale leaves the shop owed its total less the commission, and a cash sale
leaves it owing the commission. A refund to the buyer becomes `refund` rows (what
the shop gives back) and `commission_refund` rows (the commission on it, which Souk
gives back), on the statement of the day it is heard of, even when the sale was paid
out long before. A `Payout` (a bank transfer staff made) is one `payout` row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.orders.models import Order, ShopOrder
from marketplace.vendors.models import Vendor


class Payout(models.Model):
    """Money Souk paid into a shop's bank account, recorded by staff in the admin."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("shop")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        help_text=_("The bank transfer's reference, as the shop will see it on its statement."),
    )
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="earnings_payout_positive"),
            # A form sent twice records one payout.
            models.UniqueConstraint(
                fields=["vendor", "reference"], name="earnings_payout_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} {self.amount} ({self.reference})"


class BuyerRefund(models.Model):
    """Money given back to an order's buyer, as orders' `order_refunded` signal told
    it (earnings never reads payments). How it falls on the shops is in their ledger
    rows: see `services._settle_refunds`."""

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="+", verbose_name=_("order")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("refund to a buyer")
        verbose_name_plural = _("refunds to buyers")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="earnings_buyer_refund_positive")
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.amount}"


class LedgerEntryQuerySet(models.QuerySet):
    def of_shop(self, vendor):
        return self.filter(vendor=vendor)

    def between(self, start, end):
        """Rows written from `start` (included) to `end` (excluded)."""
        return self.filter(created__gte=start, created__lt=end)

    def for_statement(self):
        """With what a statement line shows: the shop order, its order, the payout."""
        return self.select_related("shop_order__order", "payout").order_by("created", "id")


class LedgerEntry(models.Model):
    """One movement of a shop's money; `amount` is signed from the shop's side."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        CASH_KEPT = "cash_kept", _("Cash collected by the shop")
        COMMISSION = "commission", _("Commission")
        REFUND = "refund", _("Refund to the buyer")
        COMMISSION_REFUND = "commission_refund", _("Commission given back")
        PAYOUT = "payout", _("Payout")

    # One of each per shop order: written once, when it is delivered.
    ONCE_PER_SHOP_ORDER = (Kind.SALE, Kind.CASH_KEPT, Kind.COMMISSION)

    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("shop")
    )
    shop_order = models.ForeignKey(
        ShopOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("shop order"),
    )
    payout = models.OneToOneField(
        Payout,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entry",
        verbose_name=_("payout"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    # The commission rate (percent) a commission row was computed with.
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["vendor", "created"], name="earnings_entry_vendor_date")]
        constraints = [
            # The delivery receiver may run twice (a retried signal, a backfill): the
            # sale, the cash and the commission of a shop order are written once.
            models.UniqueConstraint(
                fields=["shop_order", "kind"],
                condition=Q(kind__in=["sale", "cash_kept", "commission"]),
                name="earnings_entry_once_per_shop_order",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="payout", payout__isnull=False, shop_order__isnull=True)
                    | (~Q(kind="payout") & Q(payout__isnull=True, shop_order__isnull=False))
                ),
                name="earnings_entry_links",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="sale", amount__gte=0)
                    | Q(kind__in=["cash_kept", "commission"], amount__lte=0)
                    | Q(kind="payout", amount__lt=0)
                    | Q(kind__in=["refund", "commission_refund"])
                ),
                name="earnings_entry_sign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def is_payout(self) -> bool:
        return self.kind == self.Kind.PAYOUT


class ShopBalance(Vendor):
    """A shop seen from its ledger, for staff paying shops (the admin's "balances
    due"): no table of its own, the balance is summed from the rows each time."""

    class Meta:
        proxy = True
        verbose_name = _("balance due")
        verbose_name_plural = _("balances due")
