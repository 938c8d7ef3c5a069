"""Changes to carts and wishlists. Each service checks, then changes, inside one
transaction; the cart row is locked first, so two requests of the same shopper
cannot both add the last line or the last unit.

A `CartError` is a refusal the shopper can act on (stock, limits); the cart is left
as it was. `CartItemNotFound` means the request named something that is not there
(unknown variant, hidden product, a line not in this cart): a 400 for the view.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product, Variant

from .models import WishlistItem
from .selectors import is_purchasable, load_variants
from .storage import CartStorage, DatabaseCart, Entry, SessionCart


class CartError(Exception):
    """A change the cart refuses; `message` is translated and shown to the shopper."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CartItemNotFound(CartError):
    pass


def _load_purchasable(variant_id: int) -> Variant:
    variant = load_variants([variant_id]).get(variant_id)
    if variant is None or not is_purchasable(variant):
        raise CartItemNotFound(_("This item is not available."))
    return variant


def _check_quantity(*, variant: Variant, quantity: int, in_cart: int = 0) -> None:
    name = variant.product.name
    if variant.stock <= 0:
        raise CartError(_("Sorry, “%(name)s” is sold out.") % {"name": name})
    if quantity > settings.CART_MAX_QUANTITY:
        raise CartError(
            _("You can have at most %(max)s of one item in your cart.")
            % {"max": settings.CART_MAX_QUANTITY}
        )
    if quantity > variant.stock:
        if in_cart:
            raise CartError(
                _(
                    "Not enough stock for “%(name)s”: %(stock)s available, "
                    "%(in_cart)s already in your cart."
                )
                % {"name": name, "stock": variant.stock, "in_cart": in_cart}
            )
        raise CartError(
            _("Not enough stock for “%(name)s”: %(stock)s available.")
            % {"name": name, "stock": variant.stock}
        )


def _full_cart_error() -> CartError:
    return CartError(
        _("Your cart is full: it can hold at most %(max)s different items.")
        % {"max": settings.CART_MAX_LINES}
    )


def cart_add(*, cart: CartStorage, variant_id: int, quantity: int) -> Variant:
    """Add `quantity` of a variant (on top of what the cart holds); the unit price seen
    is today's. Returns the variant."""
    if quantity < 1:
        raise CartError(_("The quantity must be at least 1."))
    with transaction.atomic():
        cart.lock()
        variant = _load_purchasable(variant_id)
        entries = cart.entries(refresh=True)
        current = entries.get(variant_id)
        in_cart = current.quantity if current else 0
        _check_quantity(variant=variant, quantity=in_cart + quantity, in_cart=in_cart)
        if current is None and len(entries) >= settings.CART_MAX_LINES:
            raise _full_cart_error()
        cart.put(Entry(variant_id, in_cart + quantity, variant.price))
    return variant


def cart_update(*, cart: CartStorage, variant_id: int, quantity: int) -> Variant:
    """Set a line's quantity; the shopper has now seen today's price."""
    if quantity < 1:
        raise CartError(_("The quantity must be at least 1."))
    with transaction.atomic():
        cart.lock()
        if variant_id not in cart.entries(refresh=True):
            raise CartItemNotFound(_("This item is not in your cart."))
        variant = load_variants([variant_id]).get(variant_id)
        if variant is None:
            raise CartItemNotFound(_("This item is not in your cart."))
        if not is_purchasable(variant):
            raise CartError(
                _("“%(name)s” is no longer available: remove it from your cart.")
                % {"name": variant.product.name}
            )
        _check_quantity(variant=variant, quantity=quantity)
        cart.put(Entry(variant_id, quantity, variant.price))
    return variant


def cart_remove(*, cart: CartStorage, variant_id: int) -> None:
    with transaction.atomic():
        cart.lock()
        if not cart.delete(variant_id):
            raise CartItemNotFound(_("This item is not in your cart."))


def cart_clear(*, cart: CartStorage) -> None:
    with transaction.atomic():
        cart.lock()
        cart.clear()


def cart_merge(*, source: SessionCart, user) -> list[str]:
    """Move an anonymous cart into the user's cart on sign-in. Quantities of the same
    variant add up, capped at the stock and the per-line limit; what had to be capped
    or left out is returned as translated notices. The session cart is emptied."""
    incoming = source.entries()
    if not incoming:
        source.clear()
        return []
    notices: list[str] = []
    target = DatabaseCart(user)
    with transaction.atomic():
        target.lock()
        existing = target.entries(refresh=True)
        variants = load_variants(incoming)
        line_count = len(existing)
        for entry in incoming.values():
            variant = variants.get(entry.variant_id)
            if variant is None:
                continue
            name = variant.product.name
            current = existing.get(entry.variant_id)
            in_cart = current.quantity if current else 0
            limit = min(variant.stock, settings.CART_MAX_QUANTITY)
            if not is_purchasable(variant) or limit <= 0:
                if current is None:
                    notices.append(
                        _("“%(name)s” is no longer available and was left out of your cart.")
                        % {"name": name}
                    )
                continue
            if current is None and line_count >= settings.CART_MAX_LINES:
                notices.append(_("Your cart is full: “%(name)s” was left out.") % {"name": name})
                continue
            wanted = in_cart + entry.quantity
            quantity = min(wanted, limit)
            if quantity < wanted:
                notices.append(
                    _(
                        "The quantity of “%(name)s” in your cart was limited to %(count)s, "
                        "the number available."
                    )
                    % {"name": name, "count": quantity}
                )
            price_seen = current.price_seen if current else entry.price_seen
            target.put(Entry(entry.variant_id, quantity, price_seen))
            if current is None:
                line_count += 1
    source.clear()
    return notices


def wishlist_add(*, user, product: Product) -> bool:
    """Save a product for later; True when newly saved (saving twice changes nothing)."""
    try:
        with transaction.atomic():
            _item, created = WishlistItem.objects.get_or_create(user=user, product=product)
    except IntegrityError:  # saved at the same moment by another request
        return False
    return created


def wishlist_remove(*, user, product_id: int) -> bool:
    with transaction.atomic():
        deleted, _rows = WishlistItem.objects.filter(user=user, product_id=product_id).delete()
    return bool(deleted)


def wishlist_toggle(*, user, product_id: int) -> bool:
    """Save or unsave; returns whether the product is saved now. A product the shop
    no longer shows can be removed but not added."""
    with transaction.atomic():
        if wishlist_remove(user=user, product_id=product_id):
            return False
        product = Product.objects.visible().filter(pk=product_id).first()
        if product is None:
            raise CartItemNotFound(_("This item is not available."))
        wishlist_add(user=user, product=product)
        return True
