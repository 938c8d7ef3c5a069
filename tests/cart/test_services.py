"""Cart and wishlist services: session and database carts behave the same."""

from decimal import Decimal

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore

from marketplace.cart import services
from marketplace.cart.models import CartLine, WishlistItem
from marketplace.cart.storage import DatabaseCart, SessionCart
from marketplace.catalog.models import Product
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["session", "database"])
def cart(request, user):
    if request.param == "session":
        return SessionCart(SessionStore())
    return DatabaseCart(user)


def quantities(cart) -> dict[int, int]:
    return {pk: entry.quantity for pk, entry in cart.entries(refresh=True).items()}


# --- add, update, remove, clear -------------------------------------------------------


def test_add_creates_a_line_with_the_price_seen(cart, variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=2)

    entry = cart.entries(refresh=True)[variant.pk]
    assert entry.quantity == 2
    assert entry.price_seen == Decimal("250.00")
    assert cart.count() == 2


def test_adding_the_same_variant_again_adds_up(cart, variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=2)
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)

    assert quantities(cart) == {variant.pk: 3}


def test_lines_keep_the_order_they_were_added_in(cart, variant, other_variant):
    services.cart_add(cart=cart, variant_id=other_variant.pk, quantity=1)
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)

    assert list(cart.entries(refresh=True)) == [other_variant.pk, variant.pk]


def test_update_sets_the_quantity_and_refreshes_the_price_seen(cart, variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)
    variant.price_override = Decimal("199.00")
    variant.save()

    services.cart_update(cart=cart, variant_id=variant.pk, quantity=4)

    entry = cart.entries(refresh=True)[variant.pk]
    assert (entry.quantity, entry.price_seen) == (4, Decimal("199.00"))


def test_update_of_a_line_not_in_the_cart_is_refused(cart, variant):
    with pytest.raises(services.CartItemNotFound):
        services.cart_update(cart=cart, variant_id=variant.pk, quantity=1)
    assert quantities(cart) == {}


def test_remove_and_clear(cart, variant, other_variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)
    services.cart_add(cart=cart, variant_id=other_variant.pk, quantity=3)

    services.cart_remove(cart=cart, variant_id=variant.pk)
    assert quantities(cart) == {other_variant.pk: 3}

    services.cart_clear(cart=cart)
    assert quantities(cart) == {}
    assert cart.count() == 0


def test_removing_a_line_not_in_the_cart_is_refused(cart, variant):
    with pytest.raises(services.CartItemNotFound):
        services.cart_remove(cart=cart, variant_id=variant.pk)


# --- stock, availability and limits ---------------------------------------------------


def test_adding_beyond_stock_is_refused_and_the_cart_is_unchanged(cart, variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=4)

    with pytest.raises(services.CartError, match="5 available, 4 already in your cart"):
        services.cart_add(cart=cart, variant_id=variant.pk, quantity=2)
    assert quantities(cart) == {variant.pk: 4}


def test_a_sold_out_variant_cannot_be_added(cart, make_variant):
    sold_out = make_variant("Lamp", stock=0)
    with pytest.raises(services.CartError, match="sold out"):
        services.cart_add(cart=cart, variant_id=sold_out.pk, quantity=1)
    assert quantities(cart) == {}


def test_update_beyond_stock_is_refused(cart, variant):
    services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)
    with pytest.raises(services.CartError, match="5 available"):
        services.cart_update(cart=cart, variant_id=variant.pk, quantity=6)
    assert quantities(cart) == {variant.pk: 1}


@pytest.mark.parametrize(
    "hide",
    [
        pytest.param(
            lambda v: Product.objects.filter(pk=v.product_id).update(status="draft"), id="draft"
        ),
        pytest.param(
            lambda v: Vendor.objects.filter(pk=v.product.vendor_id).update(status="suspended"),
            id="suspended",
        ),
        pytest.param(
            lambda v: type(v).objects.filter(pk=v.pk).update(is_active=False), id="inactive"
        ),
    ],
)
def test_hidden_or_inactive_variants_cannot_be_added(cart, variant, hide):
    hide(variant)
    with pytest.raises(services.CartItemNotFound):
        services.cart_add(cart=cart, variant_id=variant.pk, quantity=1)
    assert quantities(cart) == {}


def test_unknown_variant_is_refused(cart):
    with pytest.raises(services.CartItemNotFound):
        services.cart_add(cart=cart, variant_id=999_999, quantity=1)


def test_quantity_per_line_is_capped(cart, make_variant, settings):
    settings.CART_MAX_QUANTITY = 3
    plenty = make_variant(stock=100)
    services.cart_add(cart=cart, variant_id=plenty.pk, quantity=3)

    with pytest.raises(services.CartError, match="at most 3 of one item"):
        services.cart_add(cart=cart, variant_id=plenty.pk, quantity=1)
    assert quantities(cart) == {plenty.pk: 3}


def test_number_of_lines_is_capped(cart, make_variant, settings):
    settings.CART_MAX_LINES = 2
    first, second, third = make_variant(), make_variant(), make_variant()
    services.cart_add(cart=cart, variant_id=first.pk, quantity=1)
    services.cart_add(cart=cart, variant_id=second.pk, quantity=1)

    with pytest.raises(services.CartError, match="at most 2 different items"):
        services.cart_add(cart=cart, variant_id=third.pk, quantity=1)
    # More of a line already there is still fine.
    services.cart_add(cart=cart, variant_id=first.pk, quantity=1)
    assert quantities(cart) == {first.pk: 2, second.pk: 1}


def test_zero_or_negative_quantities_are_refused(cart, variant):
    for quantity in (0, -3):
        with pytest.raises(services.CartError):
            services.cart_add(cart=cart, variant_id=variant.pk, quantity=quantity)
        with pytest.raises(services.CartError):
            services.cart_update(cart=cart, variant_id=variant.pk, quantity=quantity)
    assert quantities(cart) == {}


# --- persistence ------------------------------------------------------------------


def test_a_users_cart_is_stored_in_the_database(user, variant):
    services.cart_add(cart=DatabaseCart(user), variant_id=variant.pk, quantity=2)

    # Another "device": a fresh storage object for the same user finds it.
    assert quantities(DatabaseCart(user)) == {variant.pk: 2}
    assert CartLine.objects.get().cart.user == user


# --- merge on sign-in -------------------------------------------------------------


@pytest.fixture
def session_cart():
    return SessionCart(SessionStore())


def test_merge_moves_the_session_cart_into_the_users_cart(
    user, session_cart, variant, other_variant
):
    # Given an anonymous cart and a saved cart that share one variant
    services.cart_add(cart=session_cart, variant_id=variant.pk, quantity=1)
    services.cart_add(cart=session_cart, variant_id=other_variant.pk, quantity=2)
    services.cart_add(cart=DatabaseCart(user), variant_id=variant.pk, quantity=2)

    # When the visitor signs in
    notices = services.cart_merge(source=session_cart, user=user)

    # Then quantities add up and the session cart is empty
    assert notices == []
    assert quantities(DatabaseCart(user)) == {variant.pk: 3, other_variant.pk: 2}
    assert session_cart.entries() == {}


def test_merge_caps_at_stock_and_says_so(user, session_cart, variant):
    services.cart_add(cart=session_cart, variant_id=variant.pk, quantity=4)
    services.cart_add(cart=DatabaseCart(user), variant_id=variant.pk, quantity=3)

    notices = services.cart_merge(source=session_cart, user=user)

    assert quantities(DatabaseCart(user)) == {variant.pk: 5}
    assert notices == [
        "The quantity of “Blue tajine” in your cart was limited to 5, the number available."
    ]


def test_merge_leaves_out_what_is_no_longer_available(user, session_cart, variant, other_variant):
    services.cart_add(cart=session_cart, variant_id=variant.pk, quantity=1)
    services.cart_add(cart=session_cart, variant_id=other_variant.pk, quantity=1)
    type(variant).objects.filter(pk=variant.pk).update(stock=0)

    notices = services.cart_merge(source=session_cart, user=user)

    assert quantities(DatabaseCart(user)) == {other_variant.pk: 1}
    assert notices == ["“Blue tajine” is no longer available and was left out of your cart."]


def test_merge_respects_the_line_limit(user, session_cart, make_variant, settings):
    first, second = make_variant("First"), make_variant("Second")
    services.cart_add(cart=DatabaseCart(user), variant_id=first.pk, quantity=1)
    services.cart_add(cart=session_cart, variant_id=second.pk, quantity=1)
    settings.CART_MAX_LINES = 1

    notices = services.cart_merge(source=session_cart, user=user)

    assert quantities(DatabaseCart(user)) == {first.pk: 1}
    assert notices == ["Your cart is full: “Second” was left out."]


def test_merge_keeps_the_price_first_seen(user, session_cart, variant):
    services.cart_add(cart=session_cart, variant_id=variant.pk, quantity=1)
    variant.price_override = Decimal("300.00")
    variant.save()

    services.cart_merge(source=session_cart, user=user)

    assert DatabaseCart(user).entries()[variant.pk].price_seen == Decimal("250.00")


def test_merging_an_empty_cart_changes_nothing(user, session_cart, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert services.cart_merge(source=session_cart, user=user) == []


# --- wishlist ---------------------------------------------------------------------


def test_wishlist_toggle_saves_then_unsaves(user, variant):
    product = variant.product
    assert services.wishlist_toggle(user=user, product_id=product.pk) is True
    assert WishlistItem.objects.filter(user=user, product=product).exists()

    assert services.wishlist_toggle(user=user, product_id=product.pk) is False
    assert not WishlistItem.objects.exists()


def test_wishlist_add_is_idempotent(user, variant):
    assert services.wishlist_add(user=user, product=variant.product) is True
    assert services.wishlist_add(user=user, product=variant.product) is False
    assert WishlistItem.objects.count() == 1


def test_a_hidden_product_can_be_unsaved_but_not_saved(user, variant, make_variant):
    services.wishlist_add(user=user, product=variant.product)
    hidden = make_variant("Hidden").product
    Product.objects.filter(pk__in=[variant.product_id, hidden.pk]).update(status="inactive")

    assert services.wishlist_toggle(user=user, product_id=variant.product_id) is False
    with pytest.raises(services.CartItemNotFound):
        services.wishlist_toggle(user=user, product_id=hidden.pk)
    assert not WishlistItem.objects.exists()
