"""A buyer whose order was delivered reviews the product from the order page; the
review shows on the product page marked "verified purchase"; staff hide it in the
admin and it disappears, with the rating. Then the admin pages staff use most
(changelists and change forms of products, shops, orders and reviews) pass the
accessibility check in English and in Arabic."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.catalog.models import Product
from marketplace.reviews.models import Review
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sell_journey import sign_in
from tests.factories import UserFactory
from tests.reviews.helpers import bought


def test_a_buyer_reviews_what_they_received_and_staff_hide_it(
    browser, live_server, page, password, make_product, user
):
    product = make_product("Blue tagine", price="120", variants=[{"stock": 9}])
    order = bought(user, product)
    sign_in(page, "en", user.email, password)

    page.goto(f"/en/orders/{order.number}/")
    page.get_by_role("link", name=re.compile("Review this product")).click()
    assert_accessible(page)
    page.locator("input[name=rating][value='4']").check(force=True)
    page.locator("textarea[name=text]").fill("Lovely glaze and well packed, a little small.")
    page.get_by_role("button", name="Publish your review").click()

    page.goto(f"/en/p/{product.slug_en}/")
    reviews = page.locator("#reviews")
    expect(reviews).to_contain_text("Lovely glaze and well packed")
    expect(reviews.locator(".review-verified").first).to_have_text("Verified purchase")
    assert_accessible(page)
    product.refresh_from_db()
    assert (product.rating_count, str(product.rating_average)) == (1, "4.00")

    # Staff hide it, giving a reason.
    UserFactory(email="staff@souk.local", is_staff=True, is_superuser=True)
    admin_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    admin = admin_context.new_page()
    sign_in(admin, "en", "staff@souk.local", password)
    review = Review.objects.get()
    admin.goto("/admin/reviews/review/")
    admin.locator(f"input[name=_selected_action][value='{review.pk}']").check()
    admin.locator("select[name=action]").select_option("hide")
    admin.locator("button[name=index]").click()
    admin.locator("textarea[name=reason]").fill("Mentions a competitor's shop.")
    admin.locator("input[type=submit]").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 review hidden.")
    admin_context.close()

    page.goto(f"/en/p/{product.slug_en}/")
    expect(page.locator("#reviews")).not_to_contain_text("Lovely glaze")
    product.refresh_from_db()
    assert product.rating_count == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_admin_pages_staff_use_pass_the_accessibility_check(
    browser, live_server, password, make_product, user, lang
):
    from marketplace.reviews.services import review_create

    product = make_product("Blue tagine", name_ar="طاجين أزرق", variants=[{"stock": 9}])
    order = bought(user, product)
    review = review_create(
        user=user, product=product, rating=5, text="Beautiful work, well packed.", language="en"
    )
    UserFactory(email="staff@souk.local", is_staff=True, is_superuser=True)
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, locale="ar" if lang == "ar" else "en-GB"
    )
    context.set_extra_http_headers({"Accept-Language": lang})
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, lang, "staff@souk.local", password)
    shop = Product.objects.get(pk=product.pk).vendor
    pages = [
        "/admin/",
        "/admin/figures/",
        "/admin/catalog/product/",
        f"/admin/catalog/product/{product.pk}/change/",
        "/admin/vendors/vendor/",
        f"/admin/vendors/vendor/{shop.pk}/change/",
        "/admin/orders/order/",
        f"/admin/orders/order/{order.pk}/change/",
        "/admin/reviews/review/",
        f"/admin/reviews/review/{review.pk}/change/",
        "/admin/earnings/shopbalance/",
    ]
    for path in pages:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        if lang == "ar":
            assert page.locator("html").get_attribute("dir") == "rtl", path
        assert_accessible(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()
