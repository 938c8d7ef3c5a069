"""Who may pay an order: its signed-in buyer, or the browser session that placed it.

Checkout calls `allow_payment(request.session, order)` right after placing a card
order (a guest has no other tie to it); the payment views answer 404 to anyone
else, as for an order that does not exist.
"""

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from marketplace.orders.models import Order

SESSION_KEY = "payments_orders"
# Orders one session remembers (the newest): bounded, as MAX_UNPAID_CARD_ORDERS is.
REMEMBERED = 10


def allow_payment(session: SessionBase, order: Order) -> None:
    """This session may pay `order` from now on."""
    numbers = [n for n in session.get(SESSION_KEY, []) if n != order.number]
    session[SESSION_KEY] = [*numbers, order.number][-REMEMBERED:]


def may_pay(request: HttpRequest, order: Order) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and order.user_id == user.pk:
        return True
    return order.number in request.session.get(SESSION_KEY, [])
