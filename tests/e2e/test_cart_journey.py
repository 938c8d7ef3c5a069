"""A visitor fills a cart from two shops without reloading the page, changes a
quantity, signs in (from a wishlist heart) and finds the same cart and the saved
product; every page visited passes the accessibility check."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


@pytest.fixture
def products(make_product, other_shop):
    """Two products from two shops (factories from tests/conftest.py)."""
    return (
        make_product("Blue tajine", price="250.00", variants=[{"stock": 10}]),
        make_product("Argan oil", vendor=other_shop, price="80.00", variants=[{"stock": 10}]),
    )


def test_cart_follows_the_shopper_through_sign_in(page, user, password, products):
    tajine, oil = products
    counter = page.locator("#cart-count")

    # Anonymous: add from the product list; the counter changes without a reload.
    page.goto("/en/products/")
    assert_accessible(page)
    expect(counter).to_contain_text("0")
    page.evaluate("window.stillTheSamePage = true")  # lost if the page reloads
    page.get_by_role("button", name=re.compile(r"^Add to cart\W+Blue tajine$")).click()
    expect(counter).to_contain_text("1")
    expect(page.locator("#messages")).to_contain_text("“Blue tajine” was added to your cart.")
    page.get_by_role("button", name=re.compile(r"^Add to cart\W+Argan oil$")).click()
    expect(counter).to_contain_text("2")
    assert page.evaluate("window.stillTheSamePage") is True

    # The cart page: two shops; a new quantity updates the totals in place.
    page.get_by_role("link", name=re.compile("^Cart")).click()
    expect(page).to_have_url(re.compile(r"/en/cart/$"))
    expect(page.get_by_role("heading", name="Atelier Fassi")).to_be_visible()
    expect(page.get_by_role("heading", name="Coopérative Tafraout")).to_be_visible()
    expect(page.locator("#cart-total")).to_have_text("330.00\xa0MAD")
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")
    quantity = page.get_by_label("Quantity of Blue tajine")
    quantity.fill("3")
    quantity.press("Tab")
    expect(page.locator("#cart-total")).to_have_text("830.00\xa0MAD")
    expect(counter).to_contain_text("4")
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page.get_by_role("link", name="Checkout")).to_have_attribute("href", "/en/checkout/")

    # A heart clicked while signed out leads to sign-in, then back with the product saved.
    page.goto(tajine.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Save Blue tajine in my wishlist").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    assert_accessible(page)
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(tajine.get_absolute_url()) + "$"))
    heart = page.get_by_role("button", name="Save Blue tajine in my wishlist")
    expect(heart).to_have_attribute("aria-pressed", "true")
    expect(counter).to_contain_text("4")  # the same cart, now the user's

    # The heart of another product toggles in place (htmx).
    page.goto(oil.get_absolute_url())
    heart = page.get_by_role("button", name="Save Argan oil in my wishlist")
    expect(heart).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.stillTheSamePage = true")
    heart.click()
    expect(page.get_by_role("button", name="Save Argan oil in my wishlist")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("window.stillTheSamePage") is True

    page.goto("/en/cart/")
    expect(page.get_by_label("Quantity of Blue tajine")).to_have_value("3")
    expect(page.get_by_label("Quantity of Argan oil")).to_have_value("1")
    expect(page.locator("#cart-total")).to_have_text("830.00\xa0MAD")

    page.goto("/en/wishlist/")
    assert_accessible(page)
    items = page.locator(".wishlist-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Argan oil")
    expect(items.last).to_contain_text("Blue tajine")
    expect(items.last).to_contain_text("250.00\xa0MAD")
