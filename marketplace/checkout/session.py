"""Where a shopper is in checkout, kept in their session between the steps.

What the session holds is only what the shopper chose: the e-mail address (guests),
the shipping address, the payment method and the idempotency tokens of the review
forms it rendered. Every amount is computed again from the database on every page
(`orders.services.checkout_quote`) and by `place_order` itself, so nothing here can
change a price.

A token is good for one order: the review form carries it, `place_order` keys the
order on it, and the session remembers which order each spent token placed, so a
double click, a reload of the POST or a resubmitted form lands on that order.
Order numbers placed in this session are remembered too: they are what lets a guest
(who has no account to own the order) open its payment and thank-you pages.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from marketplace.orders.services import ShippingAddress

STATE_KEY = "checkout"
PLACED_KEY = "checkout_placed"  # {token: order number}
ORDERS_KEY = "checkout_orders"  # [order number, ...] placed in this session
# Bounds: a few review pages open in tabs, a few orders per session.
MAX_TOKENS = 5
MAX_REMEMBERED = 20


@dataclass
class CheckoutState:
    email: str = ""
    address: dict[str, str] | None = None
    method: str = ""
    tokens: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, session) -> CheckoutState:
        """The state in `session`; anything damaged is dropped, not trusted."""
        data = session.get(STATE_KEY)
        if not isinstance(data, dict):
            return cls()
        address = data.get("address")
        tokens = data.get("tokens")
        return cls(
            email=data.get("email") if isinstance(data.get("email"), str) else "",
            address=address if isinstance(address, dict) else None,
            method=data.get("method") if isinstance(data.get("method"), str) else "",
            tokens=[t for t in tokens if isinstance(t, str)] if isinstance(tokens, list) else [],
        )

    def save(self, session) -> None:
        session[STATE_KEY] = {
            "email": self.email,
            "address": self.address,
            "method": self.method,
            "tokens": self.tokens[-MAX_TOKENS:],
        }

    def shipping_address(self) -> ShippingAddress | None:
        if not self.address:
            return None
        try:
            return ShippingAddress(**{k: str(v) for k, v in self.address.items()})
        except TypeError:  # fields of an older version of the form
            return None

    def set_address(self, address: ShippingAddress) -> None:
        self.address = address.as_fields()

    def issue_token(self) -> str:
        """A new idempotency token for a review form about to be rendered."""
        token = secrets.token_urlsafe(24)
        self.tokens = [*self.tokens, token][-MAX_TOKENS:]
        return token

    def knows(self, token: str) -> bool:
        return token in self.tokens


def placed_order_number(session, token: str) -> str | None:
    """The order a spent token placed in this session, if any."""
    placed = session.get(PLACED_KEY)
    return placed.get(token) if isinstance(placed, dict) else None


def remember_order(session, *, token: str, number: str) -> None:
    """After placing: the token is spent (it now names its order), the order is this
    session's, and the steps start afresh for the next order."""
    placed = session.get(PLACED_KEY)
    placed = dict(placed) if isinstance(placed, dict) else {}
    placed[token] = number
    session[PLACED_KEY] = dict(list(placed.items())[-MAX_REMEMBERED:])
    numbers = session.get(ORDERS_KEY)
    numbers = [n for n in numbers if isinstance(n, str)] if isinstance(numbers, list) else []
    if number not in numbers:
        numbers.append(number)
    session[ORDERS_KEY] = numbers[-MAX_REMEMBERED:]
    state = CheckoutState.load(session)
    state.method, state.tokens = "", []
    state.save(session)


def session_order_numbers(session) -> list[str]:
    numbers = session.get(ORDERS_KEY)
    return [n for n in numbers if isinstance(n, str)] if isinstance(numbers, list) else []
