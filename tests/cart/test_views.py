"""Cart and wishlist pages: full pages without JavaScript, fragments for htmx, bad
input refused with a 400 and the cart left as it was, fixed query counts."""

from decimal import Decimal
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cached_db import SessionStore
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from marketplace.cart import services
from marketplace.cart.context_processors import cart as cart_context
from marketplace.cart.models import WishlistItem
from marketplace.cart.storage import DatabaseCart, get_cart
from marketplace.catalog.models import Product, Variant
from marketplace.vendors.models import Vendor
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lazy_loads_raise")]

HTMX = {"HX-Request": "true"}


def post(client, name, data, *, htmx=False, **kwargs):
    return client.post(reverse(name, **kwargs), data, headers=HTMX if htmx else {})


def add(client, variant, quantity=1, *, htmx=False, next_url=None):
    data = {"variant": variant.pk, "quantity": quantity}
    if next_url is not None:
        data["next"] = next_url
    return post(client, "cart:add", data, htmx=htmx)


def session_cart(client) -> dict:
    return client.session.get("cart", {})


def text(response) -> str:
    return response.content.decode()


def sign_in(client, user, password, next_url=None):
    data = {"login": user.email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


# --- add --------------------------------------------------------------------------------


def test_add_without_javascript_redirects_back_to_next(client, variant):
    response = add(client, variant, 2, next_url="/en/products/?page=2")

    assert response.status_code == 302
    assert response["Location"] == "/en/products/?page=2"
    assert session_cart(client) == {str(variant.pk): [2, "250.00"]}
    page = client.get(response["Location"].replace("/en/products/?page=2", "/en/cart/"))
    assert "“Blue tajine” was added to your cart." in text(page)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_add_never_redirects_off_site(client, variant, next_url):
    response = add(client, variant, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"


def test_add_with_htmx_updates_the_counter_out_of_band(client, variant):
    response = add(client, variant, 3, htmx=True)

    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body
    assert 'id="cart-count"' in body
    assert 'hx-swap-oob="true"' in body
    assert "</span>3</span>" in body
    assert "“Blue tajine” was added to your cart." in body  # messages, out of band
    assert session_cart(client)[str(variant.pk)][0] == 3


def test_add_without_quantity_adds_one(client, variant):
    post(client, "cart:add", {"variant": variant.pk})
    assert session_cart(client) == {str(variant.pk): [1, "250.00"]}


def test_adding_beyond_stock_is_refused_with_a_message(client, variant):
    add(client, variant, 4)

    response = add(client, variant, 2, htmx=True)
    assert response.status_code == 200
    assert "Not enough stock for “Blue tajine”: 5 available, 4 already in your cart." in text(
        response
    )
    assert "</span>4</span>" in text(response)

    response = add(client, variant, 2, next_url="/en/cart/")
    assert response.status_code == 302
    assert "Not enough stock" in text(client.get("/en/cart/"))
    assert session_cart(client)[str(variant.pk)][0] == 4


def test_too_many_lines_is_refused_with_a_message(client, make_variant, settings):
    settings.CART_MAX_LINES = 1
    first, second = make_variant(), make_variant()
    add(client, first)
    response = add(client, second, htmx=True)
    assert "Your cart is full: it can hold at most 1 different items." in text(response)
    assert list(session_cart(client)) == [str(first.pk)]


def hidden_variants(make_variant, make_vendor):
    inactive = make_variant("Inactive", is_active=False)
    draft = make_variant("Draft")
    Product.objects.filter(pk=draft.product_id).update(status=Product.Status.DRAFT)
    suspended = make_variant("Suspended", shop=make_vendor(status=Vendor.Status.SUSPENDED))
    return [inactive, draft, suspended]


BAD_ADDS = {
    "non-numeric variant": ({"variant": "abc", "quantity": "1"}, "This item is not available."),
    "missing variant": ({"variant": None, "quantity": "1"}, "Choose an item."),
    "negative variant": ({"variant": "-4", "quantity": "1"}, "This item is not available."),
    "huge variant": ({"variant": str(10**30), "quantity": "1"}, "This item is not available."),
    "unknown variant": ({"variant": "987654", "quantity": "1"}, "This item is not available."),
    "zero quantity": ({"quantity": "0"}, "Enter a quantity between 1 and 99."),
    "negative quantity": ({"quantity": "-2"}, "Enter a quantity between 1 and 99."),
    "non-numeric quantity": ({"quantity": "two"}, "Enter a quantity between 1 and 99."),
    "huge quantity": ({"quantity": str(10**12)}, "Enter a quantity between 1 and 99."),
    "decimal quantity": ({"quantity": "1.5"}, "Enter a quantity between 1 and 99."),
    "over the limit": ({"quantity": "100"}, "Enter a quantity between 1 and 99."),
}


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("case", BAD_ADDS.values(), ids=BAD_ADDS.keys())
def test_bad_add_is_a_400_with_a_message_and_the_cart_is_unchanged(client, variant, case, htmx):
    add(client, variant, 1)
    data, message = case
    data = {k: v for k, v in ({"variant": variant.pk} | data).items() if v is not None}
    response = post(client, "cart:add", data, htmx=htmx)

    assert response.status_code == 400
    assert message in text(response)
    assert ("<html" in text(response)) is not htmx
    assert session_cart(client) == {str(variant.pk): [1, "250.00"]}


def test_hidden_variants_cannot_be_added(client, make_variant, make_vendor):
    for hidden in hidden_variants(make_variant, make_vendor):
        response = add(client, hidden)
        assert response.status_code == 400
        assert "This item is not available." in text(response)
    assert session_cart(client) == {}


def test_bad_input_page_is_in_the_pages_language(client, variant):
    response = client.post("/fr/cart/add/", {"variant": variant.pk, "quantity": "0"})
    assert response.status_code == 400
    assert '<html lang="fr"' in text(response)


def test_missing_csrf_token_is_refused(variant):
    client = Client(enforce_csrf_checks=True)
    response = add(client, variant)
    assert response.status_code == 403
    assert session_cart(client) == {}


def test_cart_actions_need_post(client):
    for name in ("cart:add", "cart:update", "cart:remove", "cart:clear"):
        assert client.get(reverse(name)).status_code == 405


# --- cart page --------------------------------------------------------------------------


def test_empty_cart_page(client):
    response = client.get("/en/cart/")
    assert response.status_code == 200
    assert "Your cart is empty." in text(response)


def test_cart_page_groups_lines_by_shop_with_subtotals(
    client, variant, other_variant, make_variant
):
    second = make_variant("Small bowl", price="40.00", size="S", colour="blue")
    add(client, variant, 2)
    add(client, other_variant, 1)
    add(client, second, 3)

    body = text(client.get("/en/cart/"))
    body = body[body.index('id="cart-lines"') :]

    assert body.index("Atelier Fès") < body.index("Blue tajine") < body.index("Small bowl")
    assert body.index("Small bowl") < body.index("Coopérative Amal") < body.index("Argan oil")
    assert "S / Blue" in body  # chosen options
    assert "Subtotal from Atelier Fès" in body
    assert "620.00\xa0MAD" in body  # 2 x 250 + 3 x 40
    assert "80.00\xa0MAD" in body
    assert 'id="cart-total">700.00\xa0MAD<' in body
    assert f'href="{reverse("checkout:start")}">Checkout<' in body  # the way into checkout
    assert 'name="quantity" value="3" min="1" max="10"' in body


def test_cart_page_names_products_in_the_page_language(client, variant):
    add(client, variant)
    body = text(client.get("/fr/cart/"))
    assert "Blue tajine (fr)" in body


def test_cart_page_says_when_a_price_changed(client, variant):
    add(client, variant)
    variant.price_override = Decimal("275.00")
    variant.save()

    body = text(client.get("/en/cart/"))

    assert (
        "The price changed from 250.00\xa0MAD to 275.00\xa0MAD since you added this item." in body
    )
    assert 'id="cart-total">275.00\xa0MAD<' in body  # today's price, from the database


def test_unavailable_lines_are_flagged_and_not_counted(
    client, variant, other_variant, make_variant
):
    low = make_variant("Rug", price="10.00", stock=5)
    add(client, variant)
    add(client, other_variant)
    add(client, low, 4)
    Vendor.objects.filter(pk=other_variant.product.vendor_id).update(status="suspended")
    Variant.objects.filter(pk=low.pk).update(stock=2)

    body = text(client.get("/en/cart/"))

    assert "This item is no longer available." in body
    assert "Only 2 left in stock: lower the quantity." in body
    assert body.count("Not counted") == 2
    assert 'id="cart-total">250.00\xa0MAD<' in body
    assert "Items that cannot be bought now are not counted in the total." in body


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"stock": 0}, id="sold-out"),
        pytest.param({"is_active": False}, id="inactive"),
    ],
)
def test_sold_out_or_inactive_lines_are_flagged(client, variant, change):
    add(client, variant)
    Variant.objects.filter(pk=variant.pk).update(**change)
    body = text(client.get("/en/cart/"))
    assert "Not counted" in body
    assert 'id="cart-total">0.00\xa0MAD<' in body


def test_cart_page_forms_queue_their_requests(client, variant):
    """Quantity, remove and clear wait for each other on the client (hx-sync), so the
    lines shown are those of the last change."""
    add(client, variant)
    body = text(client.get("/en/cart/"))
    body = body[body.index('id="cart-lines"') :]
    assert body.count("hx-post=") == 3
    assert body.count('hx-sync="body:queue all"') == 3


def test_cart_page_for_htmx_is_the_fragment(client, variant):
    add(client, variant)
    response = client.get("/en/cart/", headers=HTMX)
    assert response.status_code == 200
    assert text(response).lstrip().startswith('<div id="cart-lines"')
    assert "HX-Request" in response["Vary"]


# --- update, remove, clear --------------------------------------------------------------


def test_update_without_javascript(client, variant):
    add(client, variant)
    response = post(client, "cart:update", {"variant": variant.pk, "quantity": 4})
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"
    assert session_cart(client)[str(variant.pk)][0] == 4


def test_update_with_htmx_returns_lines_and_counter(client, variant, other_variant):
    add(client, variant)
    add(client, other_variant)
    response = post(client, "cart:update", {"variant": variant.pk, "quantity": 3}, htmx=True)

    body = text(response)
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="cart-lines"')
    assert 'id="cart-total">830.00\xa0MAD<' in body
    assert 'hx-swap-oob="true"><span class="visually-hidden">Items in cart: </span>4</span>' in body


def test_update_beyond_stock_is_refused(client, variant):
    add(client, variant)
    response = post(client, "cart:update", {"variant": variant.pk, "quantity": 6}, htmx=True)
    assert response.status_code == 200
    assert "Not enough stock for “Blue tajine”: 5 available." in text(response)
    assert session_cart(client)[str(variant.pk)][0] == 1


BAD_UPDATES = {
    "zero": {"quantity": "0"},
    "negative": {"quantity": "-1"},
    "non-numeric": {"quantity": "lots"},
    "huge": {"quantity": str(10**12)},
    "missing quantity": {"quantity": ""},
    "not in the cart": {"variant": "987654"},
    "non-numeric variant": {"variant": "x"},
}


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("data", BAD_UPDATES.values(), ids=BAD_UPDATES.keys())
def test_bad_update_is_a_400_and_the_cart_is_unchanged(client, variant, data, htmx):
    add(client, variant, 2)
    response = post(client, "cart:update", {"variant": variant.pk, "quantity": 1} | data, htmx=htmx)
    assert response.status_code == 400
    assert session_cart(client) == {str(variant.pk): [2, "250.00"]}


def test_update_of_another_users_line_is_refused(client, user, variant):
    other = UserFactory(email="other@example.com")
    services.cart_add(cart=DatabaseCart(other), variant_id=variant.pk, quantity=1)
    client.force_login(user)
    response = post(client, "cart:update", {"variant": variant.pk, "quantity": 3})
    assert response.status_code == 400
    assert "This item is not in your cart." in text(response)
    assert DatabaseCart(other).entries()[variant.pk].quantity == 1


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_remove(client, variant, other_variant, htmx):
    add(client, variant)
    add(client, other_variant)
    response = post(client, "cart:remove", {"variant": variant.pk}, htmx=htmx)
    assert response.status_code == (200 if htmx else 302)
    if htmx:
        assert "Argan oil" in text(response)
        assert "Blue tajine" not in text(response).split("messages")[0]
    assert list(session_cart(client)) == [str(other_variant.pk)]


def test_remove_of_a_line_not_in_the_cart_is_a_400(client, variant):
    assert post(client, "cart:remove", {"variant": variant.pk}).status_code == 400
    assert post(client, "cart:remove", {"variant": "nope"}).status_code == 400


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_clear(client, variant, other_variant, htmx):
    add(client, variant)
    add(client, other_variant)
    response = post(client, "cart:clear", {}, htmx=htmx)
    assert response.status_code == (200 if htmx else 302)
    if htmx:
        assert "Your cart is empty." in text(response)
        assert "</span>0</span>" in text(response)
    assert session_cart(client) == {}


# --- query counts -----------------------------------------------------------------------


def fill(client, make_variant, make_vendor, lines):
    for i in range(lines):
        add(client, make_variant(f"Item {i}", shop=make_vendor() if i % 2 else None))


@pytest.mark.parametrize("lines", [1, 6])
def test_cart_page_queries_anonymous(
    client, make_variant, make_vendor, lines, django_assert_num_queries
):
    fill(client, make_variant, make_vendor, lines)
    client.get("/en/cart/")  # warm the menu cache
    # variants with product, shop and availability; main images
    with django_assert_num_queries(2):
        response = client.get("/en/cart/")
    assert response.content.count(b'class="cart-line') == lines


@pytest.mark.parametrize("lines", [1, 6])
def test_cart_page_queries_signed_in(
    client, user, make_variant, make_vendor, lines, django_assert_num_queries
):
    client.force_login(user)
    fill(client, make_variant, make_vendor, lines)
    client.get("/en/cart/")
    # user; cart lines; variants with product, shop and availability; main images
    with django_assert_num_queries(4):
        response = client.get("/en/cart/")
    assert response.content.count(b'class="cart-line') == lines


def header_count(request) -> str:
    return str(cart_context(request)["cart_count"])


@pytest.mark.parametrize("lines", [1, 6])
def test_header_counter_queries(
    rf, client, user, make_variant, make_vendor, lines, django_assert_num_queries
):
    fill(client, make_variant, make_vendor, lines)
    request = rf.get("/")
    request.session = client.session
    request.user = AnonymousUser()
    with django_assert_num_queries(0):  # the session cart: no query
        assert header_count(request) == str(lines)

    services.cart_merge(source=get_cart(request), user=user)
    request = rf.get("/")
    request.session = client.session
    request.user = user
    with django_assert_num_queries(1):  # one SUM over the user's lines
        assert header_count(request) == str(lines)


def test_header_shows_the_count_on_every_page(client, variant):
    add(client, variant, 2)
    assert "Items in cart: </span>2</span>" in text(client.get("/en/"))


# --- persistence, merge on sign-in, sign-out --------------------------------------------


def test_a_users_cart_follows_them_to_another_browser(client, user, password, variant):
    client.force_login(user)
    add(client, variant, 2)

    other_browser = Client()
    sign_in(other_browser, user, password)
    body = text(other_browser.get("/en/cart/"))
    assert "Blue tajine" in body
    assert 'value="2"' in body


def test_signing_in_merges_the_cart_and_tells_of_caps(
    client, user, password, variant, other_variant
):
    services.cart_add(cart=DatabaseCart(user), variant_id=variant.pk, quantity=3)
    add(client, variant, 4)
    add(client, other_variant, 1)

    response = sign_in(client, user, password)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)

    body = text(client.get("/en/cart/"))
    assert "limited to 5, the number available." in body
    entries = DatabaseCart(user).entries()
    assert {pk: e.quantity for pk, e in entries.items()} == {variant.pk: 5, other_variant.pk: 1}
    assert "cart" not in client.session


def test_signing_out_empties_the_session_cart(client, user, password, variant):
    add(client, variant)
    sign_in(client, user, password)
    client.post(reverse("account_logout"))
    assert session_cart(client) == {}
    assert "Items in cart: </span>0</span>" in text(client.get("/en/"))


# --- include templates ------------------------------------------------------------------


def render_include(rf, template, **context):
    request = rf.get("/en/products/?page=2")
    request.user = context.pop("user", AnonymousUser())
    request.session = SessionStore()
    return render_to_string(template, context, request=request)


def test_add_form_include(rf, variant):
    html = render_include(rf, "cart/_add_form.html", product=variant.product, variant=variant)
    assert 'action="/en/cart/add/"' in html
    assert 'hx-post="/en/cart/add/"' in html
    assert 'hx-swap="none"' in html
    assert 'hx-sync="body:queue all"' in html  # quick clicks are sent one after the other
    assert f'name="variant" value="{variant.pk}"' in html
    assert 'name="next" value="/en/products/?page=2"' in html
    assert 'value="1" min="1" max="99"' in html
    assert 'class="visually-hidden" for="add-qty-' in html
    assert "csrfmiddlewaretoken" in html


def test_add_form_without_a_variant_links_to_the_product(rf, variant):
    html = render_include(rf, "cart/_add_form.html", product=variant.product, variant=None)
    assert "Choose options" in html
    assert f'href="{variant.product.get_absolute_url()}"' in html
    assert "<form" not in html


def test_wishlist_button_include(rf, user, variant):
    product = variant.product
    html = render_include(rf, "cart/_wishlist_button.html", product=product)
    assert 'aria-pressed="false"' in html
    assert f'action="/en/wishlist/{product.pk}/toggle/"' in html

    services.wishlist_add(user=user, product=product)
    html = render_include(rf, "cart/_wishlist_button.html", product=product, user=user)
    assert 'aria-pressed="true"' in html


def test_wishlist_ids_take_one_query_per_request(rf, user, make_variant, django_assert_num_queries):
    products = [make_variant().product for _ in range(4)]
    services.wishlist_add(user=user, product=products[0])
    request = rf.get("/")
    request.user = user
    context = cart_context(request)
    with django_assert_num_queries(1):
        pressed = [p.pk in context["wishlist_product_ids"] for p in products]
        pressed += [p.pk in cart_context(request)["wishlist_product_ids"] for p in products]
    assert pressed == [True, False, False, False] * 2


# --- wishlist ---------------------------------------------------------------------------


def test_wishlist_toggle_with_htmx_swaps_the_button(client, user, variant):
    client.force_login(user)
    product = variant.product
    response = post(
        client,
        "cart:wishlist_toggle",
        {"next": "/en/p/x/"},
        htmx=True,
        kwargs={"product_id": product.pk},
    )
    assert response.status_code == 200
    body = text(response)
    assert body.lstrip().startswith('<form class="wishlist-form')
    assert 'aria-pressed="true"' in body
    assert 'name="next" value="/en/p/x/"' in body
    assert WishlistItem.objects.filter(user=user, product=product).exists()

    response = post(
        client, "cart:wishlist_toggle", {}, htmx=True, kwargs={"product_id": product.pk}
    )
    assert 'aria-pressed="false"' in text(response)
    assert not WishlistItem.objects.exists()


def test_wishlist_toggle_without_javascript_redirects_back(client, user, variant):
    client.force_login(user)
    response = post(
        client,
        "cart:wishlist_toggle",
        {"next": "/en/products/"},
        kwargs={"product_id": variant.product_id},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/products/"
    assert WishlistItem.objects.count() == 1


def test_wishlist_toggle_of_a_hidden_or_unknown_product_is_a_404(client, user, variant):
    client.force_login(user)
    Product.objects.filter(pk=variant.product_id).update(status="draft")
    for pk in (variant.product_id, 987654, 10**30):
        response = client.post(f"/en/wishlist/{pk}/toggle/")
        assert response.status_code == 404
    assert not WishlistItem.objects.exists()


def test_anonymous_heart_signs_in_then_saves_and_returns(client, user, password, variant):
    product = variant.product
    response = post(
        client,
        "cart:wishlist_toggle",
        {"next": product.get_absolute_url()},
        kwargs={"product_id": product.pk},
    )
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/en/accounts/login/?next=")
    assert not WishlistItem.objects.exists()

    next_url = parse_qs(urlsplit(login_url).query)["next"][0]
    query = urlencode({"next": product.get_absolute_url()})
    assert next_url == f"/en/wishlist/add/{product.pk}/?{query}"
    response = sign_in(client, user, password, next_url=next_url)
    assert response["Location"] == next_url
    response = client.get(next_url)

    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url()
    assert WishlistItem.objects.filter(user=user, product=product).exists()


def test_anonymous_heart_with_htmx_redirects_the_page_to_sign_in(client, variant):
    response = post(
        client, "cart:wishlist_toggle", {}, htmx=True, kwargs={"product_id": variant.product_id}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/en/accounts/login/?next=")


def test_a_wishlist_add_link_from_elsewhere_only_asks_for_confirmation(client, user, variant):
    client.force_login(user)
    url = f"/en/wishlist/add/{variant.product_id}/?next=https://evil.example/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Save “Blue tajine” in your wishlist?" in text(response)
    assert not WishlistItem.objects.exists()

    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == variant.product.get_absolute_url()
    assert WishlistItem.objects.count() == 1


# Not a local path: a bare word that `redirect()` would take for a URL name, another host
# written three ways. Each endpoint falls back to its default page (never a 500).
UNSAFE_NEXT = ["abc", "//evil.example", "https://evil.example/", "/\\evil"]


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_add_with_an_unsafe_next_returns_to_the_cart(client, variant, next_url):
    response = add(client, variant, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"
    assert session_cart(client) == {str(variant.pk): [1, "250.00"]}


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_wishlist_toggle_with_an_unsafe_next_returns_to_the_wishlist(
    client, user, variant, next_url
):
    client.force_login(user)
    response = post(
        client,
        "cart:wishlist_toggle",
        {"next": next_url},
        kwargs={"product_id": variant.product_id},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/wishlist/"
    assert WishlistItem.objects.count() == 1


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_anonymous_heart_with_an_unsafe_next_returns_to_the_product(client, variant, next_url):
    product = variant.product
    response = post(
        client, "cart:wishlist_toggle", {"next": next_url}, kwargs={"product_id": product.pk}
    )
    assert response.status_code == 302
    after_sign_in = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    query = urlencode({"next": product.get_absolute_url()})
    assert after_sign_in == f"/en/wishlist/add/{product.pk}/?{query}"


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_wishlist_add_with_an_unsafe_next_returns_to_the_product(client, user, variant, next_url):
    client.force_login(user)
    url = reverse("cart:wishlist_add", kwargs={"product_id": variant.product_id})
    response = client.get(url, {"next": next_url})
    assert response.status_code == 200
    assert f'value="{variant.product.get_absolute_url()}"' in text(response)

    response = client.post(url, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == variant.product.get_absolute_url()
    assert WishlistItem.objects.count() == 1


def test_wishlist_page_needs_sign_in(client):
    response = client.get("/en/wishlist/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_wishlist_page_lists_products_with_price_and_availability(
    client, user, variant, make_variant
):
    sold_out = make_variant("Lantern", price="60.00", stock=0)
    gone = make_variant("Old rug")
    for product in (variant.product, sold_out.product, gone.product):
        services.wishlist_add(user=user, product=product)
    Product.objects.filter(pk=gone.product_id).update(status="discontinued")
    client.force_login(user)

    body = text(client.get("/en/wishlist/"))

    assert "Blue tajine" in body
    assert "250.00\xa0MAD" in body
    assert "In stock" in body
    assert "Out of stock" in body
    assert "No longer available" in body
    assert body.count('name="variant"') == 1  # only the tajine can be added
    assert body.count('aria-pressed="true"') == 3


@pytest.mark.parametrize("items", [1, 5])
def test_wishlist_page_queries(client, user, make_variant, items, django_assert_num_queries):
    for _ in range(items):
        services.wishlist_add(user=user, product=make_variant().product)
    client.force_login(user)
    client.get("/en/wishlist/")
    # user; items with product, shop, availability; main images; active variants; cart count
    with django_assert_num_queries(5):
        response = client.get("/en/wishlist/")
    assert text(response).count('class="wishlist-item') == items


def test_wishlist_page_for_htmx_is_the_fragment(client, user, variant):
    client.force_login(user)
    response = client.get("/en/wishlist/", headers=HTMX)
    assert text(response).lstrip().startswith('<div id="wishlist-items"')
