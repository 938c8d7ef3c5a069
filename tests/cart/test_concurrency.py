"""Quick htmx adds in one anonymous session all count: the server serialises changes to
one session's cart, so concurrent requests never overwrite each other's lines.

Each thread runs the whole request (middleware, session, view) with its own test client
and its own database connection; all clients carry the same session cookie, as the
tabs or quick clicks of one visitor do.
"""

import threading
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import connection, connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

ADDS = 20
DEADLINE_SECONDS = 60


def _concurrent_adds(session_key: str, variant_ids: list[int]) -> list[int]:
    """POST one add per variant id, all at once; the status codes, in order."""
    barrier = threading.Barrier(len(variant_ids), timeout=DEADLINE_SECONDS)

    def add(variant_id: int) -> int:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        try:
            barrier.wait()
            response = client.post(
                "/en/cart/add/",
                {"variant": variant_id, "quantity": 1},
                headers={"HX-Request": "true"},
            )
            return response.status_code
        finally:
            connections.close_all()

    pool = ThreadPoolExecutor(max_workers=len(variant_ids))
    futures = [pool.submit(add, variant_id) for variant_id in variant_ids]
    _done, not_done = wait(futures, timeout=DEADLINE_SECONDS)
    pool.shutdown(wait=not not_done, cancel_futures=True)
    assert not not_done, f"{len(not_done)} adds did not finish in {DEADLINE_SECONDS} s"
    return [future.result() for future in futures]


def _session_with_a_cart_line(variant) -> str:
    """A visitor who already has a session (and one unit of `variant` in the cart)."""
    session = SessionStore()
    session["cart"] = {str(variant.pk): [1, str(variant.price)]}
    session.save()
    return session.session_key


def _cart_of(session_key: str) -> dict:
    return SessionStore(session_key).load().get("cart", {})


def _check_concurrent_adds(make_variant, *, same_variant: bool) -> None:
    first = make_variant(stock=ADDS + 5)
    others = [first] * ADDS if same_variant else [make_variant(stock=5) for _ in range(ADDS)]
    session_key = _session_with_a_cart_line(first)

    statuses = _concurrent_adds(session_key, [variant.pk for variant in others])

    assert statuses == [200] * ADDS
    cart = _cart_of(session_key)
    if same_variant:
        assert cart == {str(first.pk): [ADDS + 1, str(first.price)]}
    else:
        assert len(cart) == ADDS + 1
        assert sum(quantity for quantity, _price in cart.values()) == ADDS + 1


@pytest.mark.postgres
@pytest.mark.parametrize("same_variant", [True, False], ids=["one-line", "twenty-lines"])
def test_twenty_concurrent_anonymous_adds_all_count_on_postgres(make_variant, same_variant):
    _check_concurrent_adds(make_variant, same_variant=same_variant)


@pytest.mark.parametrize("same_variant", [True, False], ids=["one-line", "twenty-lines"])
def test_twenty_concurrent_anonymous_adds_all_count_on_sqlite(make_variant, same_variant):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant of the PostgreSQL test above")
    _check_concurrent_adds(make_variant, same_variant=same_variant)
