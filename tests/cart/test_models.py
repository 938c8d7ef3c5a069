"""Cart rows, their constraints, and the two storages behind one interface."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import IntegrityError, transaction

from marketplace.cart.models import Cart, CartLine, WishlistItem
from marketplace.cart.storage import DatabaseCart, Entry, SessionCart, get_cart

pytestmark = pytest.mark.django_db


def test_a_line_holds_at_least_one_item(user, variant):
    cart = Cart.objects.create(user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        CartLine.objects.create(cart=cart, variant=variant, quantity=0)


def test_a_variant_appears_once_per_cart(user, variant):
    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, variant=variant, quantity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CartLine.objects.create(cart=cart, variant=variant, quantity=2)


def test_a_product_is_saved_once_per_wishlist(user, variant):
    WishlistItem.objects.create(user=user, product=variant.product)
    with pytest.raises(IntegrityError), transaction.atomic():
        WishlistItem.objects.create(user=user, product=variant.product)


def test_deleting_a_variant_removes_its_cart_lines(user, variant):
    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, variant=variant, quantity=1)
    variant.delete()
    assert not CartLine.objects.exists()


def test_session_cart_round_trip():
    session = SessionStore()
    cart = SessionCart(session)
    cart.put(Entry(7, 2, Decimal("12.50")))
    cart.put(Entry(3, 1, Decimal("4.00")))

    assert session["cart"] == {"7": [2, "12.50"], "3": [1, "4.00"]}
    assert list(cart.entries()) == [7, 3]
    assert cart.count() == 3
    assert cart.delete(7) is True
    assert cart.delete(7) is False
    cart.clear()
    assert "cart" not in session


def test_session_cart_drops_damaged_entries():
    session = SessionStore()
    session["cart"] = {"1": [2, "3.00"], "x": [1, "1"], "2": "junk", "3": [0, "1"], "4": [1, "?"]}
    assert list(SessionCart(session).entries()) == [1]
    session["cart"] = ["not", "a", "dict"]
    assert SessionCart(session).entries() == {}


def test_session_cart_lock_reads_what_another_request_saved_meanwhile():
    """The session a request loaded at its start may be stale: the lock re-reads the cart
    from the session's row and saves the change at once, so the middleware saving the
    request's copy later cannot drop a line added by a request served in between."""
    first = SessionStore()
    first["cart"] = {"1": [1, "10.00"]}
    first.save()
    early, late = SessionStore(first.session_key), SessionStore(first.session_key)
    assert SessionCart(early).count() == 1 and SessionCart(late).count() == 1  # both loaded

    with transaction.atomic():
        cart = SessionCart(late)
        cart.lock()
        cart.put(Entry(2, 1, Decimal("5.00")))
    with transaction.atomic():
        cart = SessionCart(early)
        cart.lock()
        assert list(cart.entries(refresh=True)) == [1, 2]
        cart.put(Entry(1, 2, Decimal("10.00")))

    assert early.modified is False  # already saved: the middleware leaves it alone
    assert SessionStore(first.session_key).load()["cart"] == {
        "1": [2, "10.00"],
        "2": [1, "5.00"],
    }


def test_a_new_session_has_nothing_to_lock_and_is_saved_by_the_middleware():
    session = SessionStore()
    cart = SessionCart(session)
    with transaction.atomic():
        cart.lock()
        cart.put(Entry(7, 1, Decimal("3.00")))
    assert session.session_key is None
    assert session.modified is True


def test_database_cart_counts_in_one_query(user, variant, other_variant, django_assert_num_queries):
    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, variant=variant, quantity=2)
    CartLine.objects.create(cart=cart, variant=other_variant, quantity=3)

    storage = DatabaseCart(user)
    with django_assert_num_queries(1):
        assert storage.count() == 5
    with django_assert_num_queries(1):
        storage.entries()
        assert storage.count() == 5  # from the lines already read


def test_get_cart_picks_the_storage_by_user(rf, user):
    request = rf.get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    assert isinstance(get_cart(request), SessionCart)
    assert get_cart(request) is get_cart(request)
    request.user = user
    assert isinstance(get_cart(request), DatabaseCart)


def test_a_request_without_a_session_has_an_empty_cart(rf):
    # Error pages may render before the session middleware ran.
    assert get_cart(rf.get("/")).count() == 0
