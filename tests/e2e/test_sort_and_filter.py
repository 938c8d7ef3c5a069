"""A shopper sorts and filters a listing in either order: the results and the URL keep
both, and what a screen reader hears is the new result count and the messages, from
live regions that stay in place while htmx swaps the grid. Quick add-to-cart clicks
are queued and all count."""

import re

import pytest
from playwright.sync_api import expect

RED = re.compile(r"option=colour(%3A|:)red")


@pytest.fixture
def products(make_product):
    return (
        make_product("Cheap red tagine", price="50", variants=[{"colour": "red", "stock": 3}]),
        make_product("Dear red tagine", price="500", variants=[{"colour": "red", "stock": 3}]),
        make_product("Blue tagine", price="100", variants=[{"colour": "blue", "stock": 3}]),
    )


def names(page):
    return page.locator("#product-results h3")


def mark_stable(page, *selectors: str) -> None:
    """Tag elements so that a later check can tell they were not replaced."""
    for selector in selectors:
        page.locator(selector).evaluate("element => { element.dataset.stable = 'yes' }")


def expect_stable(page, *selectors: str) -> None:
    for selector in selectors:
        expect(page.locator(selector)).to_have_attribute("data-stable", "yes")


def test_sort_then_filter_keeps_the_sort(page, products):
    page.goto("/en/products/")
    mark_stable(page, "#results-status", "#messages")

    page.get_by_label("Sort by").select_option("price_desc")
    expect(page).to_have_url(re.compile(r"sort=price_desc"))
    expect(names(page)).to_have_text(["Dear red tagine", "Blue tagine", "Cheap red tagine"])

    page.get_by_label("Red", exact=True).check()
    expect(page).to_have_url(RED)
    expect(page).to_have_url(re.compile(r"sort=price_desc"))
    expect(names(page)).to_have_text(["Dear red tagine", "Cheap red tagine"])
    expect(page.get_by_label("Sort by")).to_have_value("price_desc")

    # The live regions: the count, outside the swapped grid, and the messages.
    expect(page.locator("#results-status")).to_have_text("2 products")
    expect(page.locator("#product-results")).not_to_have_attribute("aria-live", re.compile(".*"))
    page.get_by_role("button", name=re.compile(r"^Add to cart\W+Cheap red tagine$")).click()
    expect(page.locator("#messages")).to_contain_text("“Cheap red tagine” was added to your cart.")
    expect(page.locator("#messages")).to_have_attribute("aria-live", "polite")
    expect_stable(page, "#results-status", "#messages")

    # The URL is a bookmark of both.
    page.reload()
    expect(names(page)).to_have_text(["Dear red tagine", "Cheap red tagine"])
    expect(page.get_by_label("Sort by")).to_have_value("price_desc")
    expect(page.get_by_label("Red", exact=True)).to_be_checked()


def test_filter_then_sort_keeps_the_filter(page, products):
    page.goto("/en/products/")
    mark_stable(page, "#results-status")

    page.get_by_label("Red", exact=True).check()
    expect(page).to_have_url(RED)
    expect(page.locator("#results-status")).to_have_text("2 products")

    page.get_by_label("Sort by").select_option("price_asc")
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    expect(page).to_have_url(RED)
    expect(names(page)).to_have_text(["Cheap red tagine", "Dear red tagine"])
    expect(page.get_by_label("Red", exact=True)).to_be_checked()

    # And a second filter after that still keeps the sort.
    page.get_by_placeholder("Max").fill("400")
    page.get_by_placeholder("Max").press("Enter")
    expect(page).to_have_url(re.compile(r"max_price=400"))
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    expect(page).to_have_url(RED)
    expect(names(page)).to_have_text(["Cheap red tagine"])
    expect(page.locator("#results-status")).to_have_text("1 product")
    expect_stable(page, "#results-status")


def test_sort_and_filter_without_javascript(browser, live_server, products):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/en/products/?sort=price_desc")
        page.get_by_label("Red", exact=True).check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(RED)
        expect(page).to_have_url(re.compile(r"sort=price_desc"))
        expect(names(page)).to_have_text(["Dear red tagine", "Cheap red tagine"])

        page.get_by_label("Sort by").select_option("price_asc")
        page.get_by_role("button", name="Sort", exact=True).click()
        expect(page).to_have_url(re.compile(r"sort=price_asc"))
        expect(page).to_have_url(RED)
        expect(names(page)).to_have_text(["Cheap red tagine", "Dear red tagine"])
    finally:
        context.close()


def test_quick_adds_all_count_and_the_counter_shows_the_last(page, products):
    """Three clicks faster than the server answers: htmx sends them one after another
    (hx-sync) and the server serialises them; nothing is lost."""
    cheap = products[0]
    page.goto(cheap.get_absolute_url())
    # The reviews section loads through htmx after the page: count from when it is in.
    page.wait_for_load_state("networkidle")
    button = page.get_by_role("button", name=re.compile(r"^Add to cart\W+Cheap red tagine$"))
    page.evaluate(
        """() => {
            window.inFlight = 0; window.mostInFlight = 0;
            document.body.addEventListener("htmx:beforeRequest", () => {
                window.inFlight += 1;
                window.mostInFlight = Math.max(window.mostInFlight, window.inFlight);
            });
            document.body.addEventListener("htmx:afterRequest", () => { window.inFlight -= 1; });
        }"""
    )
    button.evaluate("button => { for (let i = 0; i < 3; i++) button.click() }")
    expect(page.locator("#cart-count")).to_contain_text("3")
    assert page.evaluate("window.mostInFlight") == 1  # queued, not sent at once
    expect(page.locator("#messages")).to_contain_text("“Cheap red tagine” was added to your cart.")

    page.goto("/en/cart/")
    expect(page.get_by_label("Quantity of Cheap red tagine")).to_have_value("3")
