"""One small cart interface over two stores: the session for anonymous visitors,
the database for signed-in users. Services and selectors only see `CartStorage`.

An entry is (variant id, quantity, unit price seen when added); prices, stock and
availability are always read from the catalogue when the cart is shown or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Sum

from .models import Cart, CartLine

SESSION_KEY = "cart"


@dataclass(frozen=True, slots=True)
class Entry:
    variant_id: int
    quantity: int
    price_seen: Decimal


class CartStorage:
    """What a cart can do, whatever holds it. Entries keep the order they were added in."""

    is_persistent = False

    def entries(self, *, refresh: bool = False) -> dict[int, Entry]:
        raise NotImplementedError

    def count(self) -> int:
        """Number of items (the header counter): the sum of the quantities."""
        return sum(entry.quantity for entry in self.entries().values())

    def lock(self) -> None:
        """Serialise changes to this cart until the end of the transaction."""

    def put(self, entry: Entry) -> None:
        raise NotImplementedError

    def delete(self, variant_id: int) -> bool:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.entries())


class SessionCart(CartStorage):
    """The cart of an anonymous visitor: {"<variant id>": [quantity, "price seen"]} in the
    session (cached_db sessions: reading it costs no query when the cache is warm).

    Two quick adds of one visitor are two requests that each loaded the session when
    they started; left alone, the one that saves last would drop the other's line.
    `lock()` serialises them on the session's database row and re-reads the cart from
    it, and a change made under the lock is saved before the lock is released.
    """

    def __init__(self, session):
        self.session = session
        self._locked = False

    def _data(self) -> dict:
        data = self.session.get(SESSION_KEY)
        return data if isinstance(data, dict) else {}

    def entries(self, *, refresh: bool = False) -> dict[int, Entry]:
        entries = {}
        for key, value in self._data().items():
            try:
                quantity, price = value
                entry = Entry(int(key), int(quantity), Decimal(price))
            except (TypeError, ValueError, InvalidOperation):
                continue  # a damaged entry is dropped rather than breaking the page
            if entry.quantity > 0:
                entries[entry.variant_id] = entry
        return entries

    def lock(self) -> None:
        """Take this session's row FOR UPDATE and reload the session from it.

        Call it inside the transaction that changes the cart. The row lock queues the
        other requests of the same visitor on PostgreSQL; on SQLite the transaction
        itself (BEGIN IMMEDIATE, see settings) holds the database's write lock. The
        session read when this request started may be stale by now (another request
        may have saved since), hence the reload from the locked row, not the cache.
        A session that has no row yet belongs to a first request: nobody else can
        share it, there is nothing to lock.
        """
        model = getattr(self.session, "model", None)  # database-backed session stores
        key = getattr(self.session, "session_key", None)
        if model is None or key is None:
            return
        row = model.objects.select_for_update().filter(session_key=key).first()
        if row is None:
            return
        fresh = self.session.decode(row.session_data)
        self.session.clear()
        self.session.update(fresh)
        self._locked = True

    lock.alters_data = True

    def _changed(self) -> None:
        self.session.modified = True
        if self._locked:
            # Saved while the row is locked, so the next request in the queue reads it.
            # The session middleware must not save this request's copy once more after
            # the lock is gone: a request served in between would lose its change.
            self.session.save()
            self.session.modified = False

    def put(self, entry: Entry) -> None:
        data = self._data()
        data[str(entry.variant_id)] = [entry.quantity, str(entry.price_seen)]
        self.session[SESSION_KEY] = data
        self._changed()

    put.alters_data = True

    def delete(self, variant_id: int) -> bool:
        data = self._data()
        if data.pop(str(variant_id), None) is None:
            return False
        self.session[SESSION_KEY] = data
        self._changed()
        return True

    delete.alters_data = True

    def clear(self) -> None:
        if SESSION_KEY in self.session:
            del self.session[SESSION_KEY]
            self._changed()

    clear.alters_data = True


class DatabaseCart(CartStorage):
    """A signed-in user's cart (`Cart` and `CartLine` rows): it follows them everywhere.
    The lines are read once per request and kept until the cart changes."""

    is_persistent = True

    def __init__(self, user):
        self.user = user
        self._cart: Cart | None = None
        self._entries: dict[int, Entry] | None = None

    def entries(self, *, refresh: bool = False) -> dict[int, Entry]:
        if self._entries is None or refresh:
            lines = CartLine.objects.filter(cart__user_id=self.user.pk).order_by("added", "id")
            self._entries = {
                variant_id: Entry(variant_id, quantity, price_seen)
                for variant_id, quantity, price_seen in lines.values_list(
                    "variant_id", "quantity", "price_seen"
                )
            }
        return self._entries

    def count(self) -> int:
        if self._entries is not None:
            return super().count()
        total = CartLine.objects.filter(cart__user_id=self.user.pk).aggregate(n=Sum("quantity"))
        return total["n"] or 0

    def lock(self) -> None:
        """Take (creating it if need be) the user's cart row FOR UPDATE."""
        self._cart, _created = Cart.objects.select_for_update().get_or_create(user=self.user)
        self._entries = None

    lock.alters_data = True

    def _locked_cart(self) -> Cart:
        if self._cart is None:
            self.lock()
        return self._cart

    def put(self, entry: Entry) -> None:
        cart = self._locked_cart()
        updated = CartLine.objects.filter(cart=cart, variant_id=entry.variant_id).update(
            quantity=entry.quantity, price_seen=entry.price_seen
        )
        if not updated:
            CartLine.objects.create(
                cart=cart,
                variant_id=entry.variant_id,
                quantity=entry.quantity,
                price_seen=entry.price_seen,
            )
        self._entries = None

    put.alters_data = True

    def delete(self, variant_id: int) -> bool:
        deleted, _rows = CartLine.objects.filter(
            cart__user_id=self.user.pk, variant_id=variant_id
        ).delete()
        self._entries = None
        return bool(deleted)

    delete.alters_data = True

    def clear(self) -> None:
        CartLine.objects.filter(cart__user_id=self.user.pk).delete()
        self._entries = None

    clear.alters_data = True


def get_cart(request) -> CartStorage:
    """The cart of this request's shopper, created once per request (and per user,
    should the request sign someone in or out)."""
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    cached = getattr(request, "_souk_cart", None)
    if cached is not None and cached[0] == user_id:
        return cached[1]
    if user_id is not None:
        cart = DatabaseCart(user)
    else:
        # No session (an error page rendered outside the middleware): an empty cart.
        session = getattr(request, "session", None)
        cart = SessionCart(session if session is not None else {})
    request._souk_cart = (user_id, cart)
    return cart
