"""A shopper searches, filters, pages through results with htmx (the URL follows and
the back button restores), opens a product, picks a variant and switches language."""

import re
from decimal import Decimal

from django.test import override_settings
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


@override_settings(PRODUCTS_PER_PAGE=2)
def test_search_filter_page_and_open_a_product(page, make_product, categories):
    for i in range(5):
        make_product(f"Clay tagine {i}", price=str(100 + i * 10), age_days=i)
    make_product("Clay rug", category=categories["rugs"], price="120")
    make_product("Dear clay tagine", price="900")
    argan = make_product(
        "Clay argan jar",
        name_fr="Pot d'argan en argile",
        price="100",
        variants=[
            {"size": "50 ml", "stock": 4},
            {"size": "250 ml", "stock": 1, "price_override": Decimal("330")},
        ],
        age_days=10,
    )

    page.goto("/en/")
    assert_accessible(page)
    page.get_by_label("Search products").fill("clay")
    page.get_by_label("Search products").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/products/\?q=clay"))
    assert_accessible(page)

    # Filters swap only the results and push the URL.
    page.get_by_label("Category", exact=True).select_option("pottery")
    expect(page).to_have_url(re.compile(r"category=pottery"))
    page.get_by_placeholder("Max").fill("500")
    page.get_by_placeholder("Max").press("Enter")
    expect(page).to_have_url(re.compile(r"max_price=500"))
    expect(page.locator("#results-heading")).to_contain_text("6 products")
    expect(page.get_by_text("Dear clay tagine")).to_have_count(0)
    expect(page.get_by_text("Clay rug")).to_have_count(0)

    page.get_by_label("Sort by").select_option("price_asc")
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    first_page = page.locator("#product-results h3").all_inner_texts()
    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#product-results")).to_contain_text("Page 2 of 3")
    assert page.locator("#product-results h3").all_inner_texts() != first_page
    assert_accessible(page)

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"page=2"))
    expect(page.locator("#product-results h3")).to_have_text(first_page)

    # The product page: choose a variant, see its price and SKU, switch language.
    page.goto(argan.get_absolute_url())
    assert_accessible(page)
    expect(page.locator("#variant-panel .price")).to_contain_text("100.00")
    page.get_by_label("Options").select_option(str(argan.variants.get(size="250 ml").pk))
    expect(page.locator("#variant-panel .price")).to_contain_text("330.00")
    expect(page.locator("#variant-panel .sku")).to_have_text(argan.variants.get(size="250 ml").sku)
    expect(page.locator("#variant-panel")).to_contain_text("Only 1 left")

    page.locator("button[name=language][value=fr]").click()
    expect(page).to_have_url(re.compile(rf"/fr/p/{argan.slug_fr}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pot d'argan en argile")
    assert_accessible(page)


def test_listing_works_without_javascript(browser, live_server, make_product, categories):
    make_product("Clay tagine")
    make_product("Wool rug", category=categories["rugs"])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/products/")
    page.get_by_label("Category", exact=True).select_option("rugs")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"category=rugs"))
    expect(page.locator("#product-results h3")).to_have_text(["Wool rug"])
    context.close()
