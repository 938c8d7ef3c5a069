"""Orders: what a shopper bought, split into one ShopOrder per shop to fulfil.

An Order holds the buyer, the shipping address and the totals (snapshots: later
changes to products, prices or addresses never change a placed order). Each shop
fulfils its ShopOrder; the Order's state follows its shop orders. Every state
change goes through `set_status()`, which refuses moves its pipeline does not
allow (as django-oscar's order models do); services call it inside a transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from marketplace.catalog.models import Product, Variant
from marketplace.vendors.models import Vendor


class InvalidTransition(Exception):
    """A state change its pipeline does not allow."""

    def __init__(self, obj, new_status: str):
        super().__init__(f"{type(obj).__name__} {obj}: {obj.status} -> {new_status} is not allowed")
        self.current, self.requested = obj.status, new_status


class OrderQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unpaid_card(self):
        return self.filter(status=Order.Status.PENDING_PAYMENT, payment_method=Order.Method.CARD)

    def expired(self, now=None):
        """Unpaid card orders past their payment deadline."""
        return self.unpaid_card().filter(expires_at__lte=now or timezone.now())

    def holding(self, variant_ids):
        """Orders with a line for any of these variants."""
        return self.filter(lines__variant_id__in=variant_ids).distinct()

    def with_details(self):
        """Orders with what their pages and e-mails show: each shop order with its
        shop and its lines (three queries in all, whatever the number of orders)."""
        return self.prefetch_related(
            models.Prefetch(
                "shop_orders", ShopOrder.objects.select_related("vendor").prefetch_related("lines")
            )
        )


class Order(models.Model):
    """A placed order: the buyer, where it goes, how it is paid, and its totals."""

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CONFIRMED = "confirmed", _("Confirmed (cash on delivery)")
        PARTLY_SHIPPED = "partly_shipped", _("Partly shipped")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class Method(models.TextChoices):
        CARD = "card", _("Card")
        CASH_ON_DELIVERY = "cod", _("Cash on delivery")

    S = Status
    PIPELINE = {
        S.PENDING_PAYMENT: {S.PAID, S.CANCELLED},
        S.PAID: {S.PARTLY_SHIPPED, S.SHIPPED, S.DELIVERED, S.CANCELLED, S.REFUNDED},
        S.CONFIRMED: {S.PARTLY_SHIPPED, S.SHIPPED, S.DELIVERED, S.CANCELLED},
        S.PARTLY_SHIPPED: {S.SHIPPED, S.DELIVERED, S.CANCELLED, S.REFUNDED},
        S.SHIPPED: {S.DELIVERED, S.REFUNDED},
        S.DELIVERED: {S.REFUNDED},
        S.CANCELLED: {S.REFUNDED},
        S.REFUNDED: set(),
    }
    # Nothing has left a shop yet: the buyer may still cancel.
    CANCELLABLE = {S.PENDING_PAYMENT, S.PAID, S.CONFIRMED}
    # The order stands and is paid for or will be (cash on delivery): its shop
    # orders count as sales. Not awaiting a card payment, cancelled or refunded.
    SOLD = {S.PAID, S.CONFIRMED, S.PARTLY_SHIPPED, S.SHIPPED, S.DELIVERED}

    # Set from the id right after the INSERT; NULL (not "") until then, as unique.
    number = models.CharField(  # noqa: DJ001
        _("number"), max_length=20, unique=True, null=True, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("buyer"),
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING_PAYMENT, db_index=True
    )
    payment_method = models.CharField(_("payment method"), max_length=10, choices=Method)
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    items_subtotal = models.DecimalField(_("items"), max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(_("shipping"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    # The shipping address, as it was when the order was placed.
    recipient_name = models.CharField(_("recipient"), max_length=150)
    phone = models.CharField(_("phone"), max_length=32)
    line1 = models.CharField(_("address line 1"), max_length=255)
    line2 = models.CharField(_("address line 2"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"))
    # A double click, a reload or a resubmitted form places one order only.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    client_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("payment due by"), null=True, blank=True)
    created = models.DateTimeField(_("placed"), default=timezone.now, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["email", "status"], name="orders_order_email_status")]
        permissions = [("cancel_order", _("Can cancel orders"))]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def save(self, *args, **kwargs):
        """Give a new order its human-readable number (SK-<year>-<000123>) from its id."""
        super().save(*args, **kwargs)
        if not self.number:
            self.number = f"SK-{self.created:%Y}-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(number=self.number)

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"number": self.number})

    @property
    def is_cash_on_delivery(self) -> bool:
        return self.payment_method == self.Method.CASH_ON_DELIVERY

    @property
    def can_be_cancelled(self) -> bool:
        return self.status in self.CANCELLABLE

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def payment_state(self) -> str:
        """Where the payment stands, in the shopper's words, read from the order's own
        state (which payments moves): orders never asks payments."""
        S = self.Status
        if self.status == S.REFUNDED:
            return _("Refunded")
        if self.is_cash_on_delivery:
            if self.status == S.CANCELLED:
                return _("Nothing to pay: the order was cancelled")
            if self.status == S.DELIVERED:
                return _("Paid in cash on delivery")
            return _("To pay in cash on delivery")
        if self.status == S.PENDING_PAYMENT:
            return _("Awaiting your card payment")
        if self.status == S.CANCELLED:
            return _("Cancelled: any amount paid is refunded to your card")
        return _("Paid by card")

    def set_status(self, new_status: str) -> None:
        """Move to `new_status` if the pipeline allows it (saves); InvalidTransition
        otherwise. Call inside the transaction that does the rest of the change."""
        if new_status == self.status:
            return
        if new_status not in self.PIPELINE[self.status]:
            raise InvalidTransition(self, new_status)
        self.status = new_status
        if new_status != self.Status.PENDING_PAYMENT:
            self.expires_at = None
        self.save(update_fields=["status", "expires_at", "updated"])

    set_status.alters_data = True

    def status_from_shop_orders(self, shop_statuses: list[str]) -> str | None:
        """The order state its shop orders imply, or None when they imply no move
        (still being prepared, or all cancelled: cancelling is its own service)."""
        live = [s for s in shop_statuses if s != ShopOrder.Status.CANCELLED]
        if not live:
            return None
        if all(s == ShopOrder.Status.DELIVERED for s in live):
            return self.Status.DELIVERED
        if all(s in (ShopOrder.Status.SHIPPED, ShopOrder.Status.DELIVERED) for s in live):
            return self.Status.SHIPPED
        if any(s in (ShopOrder.Status.SHIPPED, ShopOrder.Status.DELIVERED) for s in live):
            return self.Status.PARTLY_SHIPPED
        return None

    @staticmethod
    def payment_deadline(now=None):
        return (now or timezone.now()) + timedelta(minutes=settings.ORDER_PAYMENT_MINUTES)


class ShopOrderQuerySet(models.QuerySet):
    """What a shop's people read of its orders (the vendor dashboard)."""

    def for_vendor(self, vendor):
        """The shop's orders it was told of: those of orders no longer awaiting a card
        payment (an unpaid card order is not the shop's to prepare yet)."""
        return self.filter(vendor=vendor).exclude(order__status=Order.Status.PENDING_PAYMENT)

    def search(self, text: str):
        """By order number, or the buyer's name or e-mail address (any part of them)."""
        text = " ".join((text or "").split())
        if not text:
            return self
        return self.filter(
            Q(order__number__icontains=text)
            | Q(order__recipient_name__icontains=text)
            | Q(order__email__icontains=text)
            | Q(order__user__full_name__icontains=text)
        )

    def placed_between(self, start=None, end=None):
        """Orders placed on or after the day `start` and on or before the day `end`
        (dates, in the site's time zone; None: no bound)."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(order__created__date__gte=start)
        if end is not None:
            queryset = queryset.filter(order__created__date__lte=end)
        return queryset

    def for_list(self):
        """With what the dashboard's list shows: the order (buyer, number, payment
        method) and how many items (one query for a page, whatever its size)."""
        items = (
            OrderLine.objects.filter(shop_order=models.OuterRef("pk"))
            .order_by()
            .values("shop_order")
            .annotate(n=models.Sum("quantity"))
            .values("n")
        )
        return (
            self.select_related("order")
            .annotate(item_count=models.Subquery(items))
            .order_by("-order__created", "-pk")
        )

    def with_details(self):
        """With the order, the buyer's account and the lines (two queries)."""
        return self.select_related("order__user", "vendor").prefetch_related("lines")

    def sales(self):
        """What a shop has sold: its shop orders that are not cancelled, of orders
        that stand and are paid for or will be (`Order.SOLD`: paid by card, or
        confirmed cash on delivery, whether shipped or not). An order still awaiting
        its card payment is not a sale yet; a cancelled or refunded one no longer
        is. The amount of a sale is its `items_subtotal` (shipping aside); its date
        is when the order was placed (`created`)."""
        return self.exclude(status=ShopOrder.Status.CANCELLED).filter(order__status__in=Order.SOLD)

    def awaiting_action(self):
        """Sales the shop has yet to ship: new (to accept) or being prepared."""
        return self.sales().filter(status__in=[ShopOrder.Status.NEW, ShopOrder.Status.PROCESSING])


class ShopOrder(models.Model):
    """One shop's part of an order: its lines, its shipping, its own progress."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        PROCESSING = "processing", _("Being prepared")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    S = Status
    PIPELINE = {
        S.NEW: {S.PROCESSING, S.SHIPPED, S.CANCELLED},
        S.PROCESSING: {S.SHIPPED, S.CANCELLED},
        S.SHIPPED: {S.DELIVERED},
        S.DELIVERED: set(),
        S.CANCELLED: set(),
    }

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="shop_orders", verbose_name=_("order")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="shop_orders", verbose_name=_("shop")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.NEW, db_index=True
    )
    items_subtotal = models.DecimalField(_("items"), max_digits=12, decimal_places=2)
    shipping_cost = models.DecimalField(_("shipping"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    ship_by = models.DateField(_("ship by"))
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    cash_collected = models.BooleanField(_("cash collected"), default=False)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    objects = ShopOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("shop order")
        verbose_name_plural = _("shop orders")
        ordering = ["order_id", "vendor_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "vendor"], name="orders_one_shop_order_per_shop"
            ),
        ]
        indexes = [models.Index(fields=["vendor", "status", "-created"], name="orders_so_vendor")]

    def __str__(self) -> str:
        return f"{self.order} / {self.vendor}"

    def set_status(self, new_status: str, **fields) -> None:
        """Move to `new_status` if allowed (saves, with `fields` such as carrier and
        tracking number); InvalidTransition otherwise. The caller then brings the
        order's state in line (orders.services does both in one transaction)."""
        if new_status not in self.PIPELINE[self.status]:
            raise InvalidTransition(self, new_status)
        self.status = new_status
        stamp = {
            self.Status.SHIPPED: "shipped_at",
            self.Status.DELIVERED: "delivered_at",
            self.Status.CANCELLED: "cancelled_at",
        }.get(new_status)
        if stamp:
            fields[stamp] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields])

    set_status.alters_data = True


class OrderLine(models.Model):
    """One variant bought: a snapshot of what the buyer saw, and a link back."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order")
    )
    shop_order = models.ForeignKey(
        ShopOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("shop order")
    )
    variant = models.ForeignKey(
        Variant, on_delete=models.SET_NULL, null=True, blank=True, related_name="order_lines"
    )
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, blank=True, related_name="order_lines"
    )
    product_name = models.CharField(_("product"), max_length=200)
    options = models.CharField(_("options"), max_length=120, blank=True)
    sku = models.CharField(_("SKU"), max_length=64)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)
    personalisation = models.CharField(_("personalisation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["shop_order_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orders_line_quantity_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_name}"
