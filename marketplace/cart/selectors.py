"""Reads for the cart and wishlist pages: a fixed number of queries whatever the
number of lines, and availability decided by the catalogue's own rules
(`Product.objects.visible()`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product, ProductImage, Variant
from marketplace.vendors.models import Vendor

from .models import WishlistItem
from .storage import CartStorage, Entry


def variants_with_availability() -> QuerySet[Variant]:
    """Variants with their product and shop, annotated `product_visible` (the
    storefront's rule: active product, approved shop, an active variant)."""
    return Variant.objects.select_related("product__vendor").annotate(
        product_visible=Exists(Product.objects.visible().filter(pk=OuterRef("product_id")))
    )


def is_purchasable(variant: Variant) -> bool:
    """Sold on the storefront right now (stock aside)."""
    return bool(variant.is_active and getattr(variant, "product_visible", False))


@dataclass
class CartLineView:
    variant: Variant
    quantity: int
    price_seen: Decimal

    @property
    def product(self) -> Product:
        return self.variant.product

    @property
    def vendor(self) -> Vendor:
        return self.variant.product.vendor

    @property
    def unit_price(self) -> Decimal:
        return self.variant.price

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def price_changed(self) -> bool:
        return self.price_seen > 0 and self.price_seen != self.unit_price

    @property
    def price_went_up(self) -> bool:
        return self.unit_price > self.price_seen

    @property
    def problem(self) -> str:
        """Why this line cannot be bought as it stands ('' when it can)."""
        if not is_purchasable(self.variant):
            return _("This item is no longer available.")
        if self.variant.stock <= 0:
            return _("This item is sold out.")
        if self.quantity > self.variant.stock:
            return _("Only %(count)s left in stock: lower the quantity.") % {
                "count": self.variant.stock
            }
        return ""

    @property
    def available(self) -> bool:
        return not self.problem

    @property
    def max_quantity(self) -> int:
        """The most the shopper may ask for (the quantity input's max)."""
        return max(1, min(settings.CART_MAX_QUANTITY, self.variant.stock))


@dataclass
class ShopGroup:
    vendor: Vendor
    lines: list[CartLineView] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_total for line in self.lines if line.available), Decimal("0"))


@dataclass
class CartSummary:
    groups: list[ShopGroup]

    @property
    def lines(self) -> list[CartLineView]:
        return [line for group in self.groups for line in group.lines]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total(self) -> Decimal:
        """What checkout would charge: available lines only."""
        return sum((group.subtotal for group in self.groups), Decimal("0"))

    @property
    def has_problems(self) -> bool:
        return any(not line.available for line in self.lines)

    @property
    def can_checkout(self) -> bool:
        return any(line.available for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def load_variants(variant_ids: Iterable[int], *, images: bool = False) -> dict[int, Variant]:
    """Variants by id with product, shop and availability in one query (two with the
    products' main images)."""
    variant_ids = list(variant_ids)
    if not variant_ids:
        return {}
    variants = variants_with_availability().filter(pk__in=variant_ids)
    if images:
        variants = variants.prefetch_related(
            Prefetch(
                "product__images",
                queryset=ProductImage.objects.filter(is_main=True),
                to_attr="main_images",
            )
        )
    return {variant.pk: variant for variant in variants}


def cart_summary(cart: CartStorage) -> CartSummary:
    """The cart's lines grouped by shop (in the order first added), with today's prices.
    Queries: the lines (database carts only), the variants, their images."""
    entries: dict[int, Entry] = cart.entries()
    variants = load_variants(entries, images=True)
    groups: dict[int, ShopGroup] = {}
    for entry in entries.values():
        variant = variants.get(entry.variant_id)
        if variant is None:  # deleted from the catalogue since
            continue
        group = groups.setdefault(variant.product.vendor_id, ShopGroup(variant.product.vendor))
        group.lines.append(CartLineView(variant, entry.quantity, entry.price_seen))
    return CartSummary(list(groups.values()))


def wishlist_product_ids(user) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))


def wishlist_items(user) -> list[WishlistItem]:
    """The user's saved products, newest first, with what a card shows (three queries)."""
    return list(
        WishlistItem.objects.filter(user=user)
        .select_related("product__vendor")
        .annotate(
            product_visible=Exists(Product.objects.visible().filter(pk=OuterRef("product_id")))
        )
        .prefetch_related(
            Prefetch(
                "product__images",
                queryset=ProductImage.objects.filter(is_main=True),
                to_attr="main_images",
            ),
            Prefetch(
                "product__variants",
                queryset=Variant.objects.filter(is_active=True),
                to_attr="active_variants",
            ),
        )
    )
