"""A signed-in shopper's cart and wishlist, kept in the database.

Anonymous visitors keep their cart in the session instead; `storage.py` hides the
difference behind one small interface.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Product, Variant


class Cart(models.Model):
    """The persistent cart of one user: it follows them across browsers and devices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cart",
        verbose_name=_("user"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return str(self.user)


class CartLine(models.Model):
    """A variant in a cart. `price_seen` is the unit price when it was added: the
    cart page compares it with today's price (always read from the catalogue)."""

    cart = models.ForeignKey(
        Cart, on_delete=models.CASCADE, related_name="lines", verbose_name=_("cart")
    )
    variant = models.ForeignKey(
        Variant, on_delete=models.CASCADE, related_name="+", verbose_name=_("variant")
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    price_seen = models.DecimalField(
        _("unit price when added"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    added = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ["added", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cart_line_unique_variant"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cart_line_quantity_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x variant {self.variant_id}"


class WishlistItem(models.Model):
    """A product a signed-in shopper saved for later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="wishlist_items",
        verbose_name=_("user"),
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    created = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "product"], name="cart_wishlist_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.product_id}"
