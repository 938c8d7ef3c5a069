"""A cart from two shops, and helpers to walk through checkout with the test client."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

ADDRESS = {
    "recipient_name": "Amina Idrissi",
    "phone": "+212 6 12 34 56 78",
    "line1": "12 derb Sidi Ahmed",
    "city": "Fès",
    "postal_code": "30000",
    "country": "MA",
}


def text(response) -> str:
    return unescape(response.content.decode())


def hidden(response, name: str) -> str:
    """The value of a hidden input of the page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no {name} in the page"
    return match.group(1)


@pytest.fixture
def products(make_product, other_shop):
    """A tajine (Atelier Fassi, 250) and argan oil (Coopérative Tafraout, 80)."""
    tajine = make_product("Blue tajine", price="250.00", variants=[{"stock": 5}])
    oil = make_product("Argan oil", vendor=other_shop, price="80.00", variants=[{"stock": 20}])
    return tajine.variants.get(), oil.variants.get()


@pytest.fixture
def fill_cart(products):
    """fill_cart(client): 2 tajines and 1 oil in the client's cart (through the cart's
    own form): 500 + 80 = 580, shipping 35 + 35 by the platform default."""

    def fill(client, *, tajines: int = 2, oils: int = 1):
        tajine, oil = products
        for variant, quantity in ((tajine, tajines), (oil, oils)):
            if quantity:
                response = client.post(
                    reverse("cart:add"), {"variant": variant.pk, "quantity": quantity}
                )
                assert response.status_code == 302

    return fill


@pytest.fixture(autouse=True)
def _platform_shipping(settings):
    settings.SHIPPING_DEFAULT_RATE = Decimal("35.00")
    settings.SHIPPING_DEFAULT_FREE_ABOVE = Decimal("600.00")
    settings.COD_COUNTRIES = ["MA"]
    settings.COD_MAX_TOTAL = Decimal("5000.00")


@pytest.fixture
def card_keys(settings):
    """Card payment configured (the keys only: these tests never reach Stripe)."""
    settings.STRIPE_SECRET_KEY = "sk_test_checkout"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_checkout"


@pytest.fixture
def no_card_keys(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""


@pytest.fixture
def walk():
    """walk(client, address=..., email=..., method=...): the steps up to the review page
    (guest unless the client is signed in); returns the review page's response."""

    def go(client, *, address=None, email="guest@example.com", method="cod", lang="en"):
        fields = {**ADDRESS, **(address or {})}
        start = reverse("checkout:start")
        page = client.get(start)
        assert page.status_code == 200, text(page)
        if 'name="email"' in text(page):
            response = client.post(start, {"email": email, **fields})
        else:
            response = client.post(
                start, {"form": "new", **{f"new-{k}": v for k, v in fields.items()}}
            )
        assert response.status_code == 302, text(response)
        assert client.get(reverse("checkout:shipping")).status_code == 200
        response = client.post(reverse("checkout:payment"), {"method": method})
        assert response.status_code == 302, text(response)
        review = client.get(reverse("checkout:review"))
        assert review.status_code == 200, text(review)
        return review

    return go


def place_form(review, **extra) -> dict:
    return {
        "token": hidden(review, "token"),
        "fingerprint": hidden(review, "fingerprint"),
        **extra,
    }
