from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .selectors import wishlist_product_ids
from .storage import get_cart


def _wishlist_ids(request) -> set[int]:
    ids = getattr(request, "_souk_wishlist_ids", None)
    if ids is None:
        ids = request._souk_wishlist_ids = wishlist_product_ids(getattr(request, "user", None))
    return ids


def cart(request):
    """The header counter and the wishlist hearts, both computed only when a template
    uses them: no query for an anonymous visitor (the session cart is in the cache),
    one for a signed-in user (none when the view already read the cart), and one for
    the ids of the user's saved products, whatever the number of hearts on the page."""
    return {
        "cart_count": SimpleLazyObject(lambda: get_cart(request).count()),
        "wishlist_product_ids": SimpleLazyObject(lambda: _wishlist_ids(request)),
        "CART_MAX_QUANTITY": settings.CART_MAX_QUANTITY,
    }
