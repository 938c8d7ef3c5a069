"""The signed link a guest follows to their order.

A guest has no account to sign in to: the order's page opens for whoever holds the
key mailed to the order's address, `/<lang>/orders/<number>/?key=<signature>`. The
key is an HMAC of the order's number and e-mail address (django.core.signing, keyed
by SECRET_KEY, with a salt of its own so that no other signed value of the site can
pass for it): it cannot be guessed, it opens that one order only, and it stops
working if the order's address is changed. It does not expire: guests follow a
parcel for weeks, and the link lives in their mailbox only.
"""

from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from marketplace.core.origin import absolute_url

from .models import Order

SALT = "marketplace.orders.guest-link"


def _signed_value(order: Order) -> str:
    return f"{order.number}|{order.email.lower()}"


def order_guest_key(order: Order) -> str:
    """The key of `order`'s guest link (the signature alone: short, URL-safe)."""
    signer = signing.Signer(salt=SALT)
    return signer.sign(_signed_value(order)).rsplit(signer.sep, 1)[1]


def guest_key_opens(order: Order, key: str | None) -> bool:
    """True when `key` is the key of this order's guest link."""
    if not key:
        return False
    signer = signing.Signer(salt=SALT)
    try:
        signer.unsign(f"{_signed_value(order)}{signer.sep}{key}")
    except signing.BadSignature:
        return False
    return True


def order_guest_path(order: Order) -> str:
    """`/<order's language>/orders/<number>/?key=...` (relative)."""
    with translation.override(order.language):
        path = reverse("orders:detail", kwargs={"number": order.number})
    return f"{path}?{urlencode({'key': order_guest_key(order)})}"


def order_guest_url(order: Order) -> str:
    """The guest link of `order`, absolute on SITE_URL, in the order's language."""
    return absolute_url(order_guest_path(order))


def order_url(order: Order) -> str:
    """The link an e-mail about `order` gives its buyer, absolute on SITE_URL: the
    order's page (the buyer signs in), or the guest link for a guest order."""
    if order.is_guest:
        return order_guest_url(order)
    with translation.override(order.language):
        return absolute_url(reverse("orders:detail", kwargs={"number": order.number}))


def order_opens_for(order: Order, *, user, key: str | None) -> bool:
    """Who may see an order and cancel it: its buyer, signed in, or whoever holds the
    key of its guest link. Everybody else gets a 404 (never a 403 that confirms the
    order exists)."""
    if user.is_authenticated and order.user_id == user.pk:
        return True
    return guest_key_opens(order, key)
