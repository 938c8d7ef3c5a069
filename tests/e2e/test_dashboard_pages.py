"""Every page of the dashboard, in Arabic (right to left) and French, on a 390 px
phone: no sideways scrolling and no serious accessibility problem, with a shop that
has products, stock, orders, earnings and reviews to show."""

import pytest

from marketplace.reviews.services import review_create
from marketplace.vendors.models import VendorMember
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sell_journey import PHONE, assert_no_sideways_scroll, sign_in
from tests.factories import UserFactory
from tests.reviews.helpers import bought, place


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_dashboard_page_fits_a_phone_and_passes_axe(
    browser, live_server, password, make_product, shop, user, lang
):
    owner = UserFactory(email="owner@atelier-fassi.example", preferred_language=lang)
    VendorMember.objects.create(vendor=shop, user=owner, role=VendorMember.Role.OWNER)
    product = make_product(
        "Blue tagine",
        name_ar="طاجين أزرق",
        name_fr="Tajine bleu",
        variants=[{"sku": "AF-TAJ-1", "stock": 2}, {"sku": "AF-TAJ-2", "size": "L", "stock": 9}],
    )
    bought(user, product)
    review_create(
        user=user, product=product, rating=5, text="عمل رائع وأجمل من الصور.", language="ar"
    )
    waiting = place(UserFactory(full_name="Karim Alaoui"), product)
    shop_order = waiting.shop_orders.get()

    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, lang, owner.email, password)
    for path in [
        "dashboard/",
        "dashboard/products/",
        "dashboard/products/new/",
        f"dashboard/products/{product.pk}/",
        f"dashboard/products/{product.pk}/preview/",
        "dashboard/stock/",
        "dashboard/stock/movements/",
        "dashboard/orders/",
        f"dashboard/orders/{shop_order.pk}/",
        f"dashboard/orders/{shop_order.pk}/packing-slip/",
        "dashboard/earnings/",
        "dashboard/reviews/",
        "dashboard/settings/",
        "sell/team/",
    ]:
        page.goto(f"/{lang}/{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert_accessible(page)
        assert_no_sideways_scroll(page)
    context.close()
