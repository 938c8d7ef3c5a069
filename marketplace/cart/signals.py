import logging

from django.contrib import messages
from django.db import DatabaseError

from . import services
from .storage import SessionCart

logger = logging.getLogger(__name__)


def merge_cart_on_login(sender, request, user, **kwargs) -> None:
    """The anonymous cart joins the user's cart; the user is told what had to be capped."""
    session = getattr(request, "session", None)
    if session is None:
        return
    try:
        notices = services.cart_merge(source=SessionCart(session), user=user)
    except DatabaseError:
        # Signing in matters more than the cart: keep the session cart, log, go on.
        logger.exception("Could not merge the session cart of user %s", user.pk)
        return
    for notice in notices:
        messages.warning(request, notice, fail_silently=True)
