"""An artisan opens a shop and runs it from the dashboard, on a phone, in French:
applies, is approved by staff in the admin, creates a product written in French
with an Arabic translation, a photo and two variants, publishes it and finds it on
the storefront in both languages, then accepts and ships an order a shopper placed
(cash on delivery).
Every dashboard page passes the accessibility check and none scrolls sideways."""

import io
import re

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from marketplace.catalog.models import Product
from marketplace.orders.models import ShopOrder
from marketplace.vendors.models import Vendor
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sell_journey import PHONE, assert_no_sideways_scroll, sign_in
from tests.factories import UserFactory
from tests.reviews.helpers import place


def check(page) -> None:
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def photo(tmp_path) -> str:
    path = tmp_path / "tajine.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (176, 92, 52)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_an_artisan_opens_a_shop_and_runs_it_from_the_dashboard(
    browser, live_server, page, password, categories, tmp_path
):
    UserFactory(email="youssef@example.com", full_name="Youssef Fassi", preferred_language="fr")
    page.set_viewport_size(PHONE)
    sign_in(page, "fr", "youssef@example.com", password)

    # Applies.
    page.goto("/fr/sell/")
    page.locator("input[name=name]").fill("Poterie Fassi")
    page.locator("input[name=kind][value=artisan]").check()
    page.locator("input[name=region]").fill("Fès-Meknès")
    page.locator("input[name=city]").fill("Fès")
    page.locator("textarea[name=story]").fill("Tajines tournés et émaillés à la main.")
    page.locator("input[name=contact_phone]").fill("+212 6 12 34 56 78")
    page.locator("input[name=payout_holder]").fill("Youssef Fassi")
    page.locator("input[name=payout_account]").fill("0115 1900 0001 2050 0053 4921")
    page.locator("input[name=accept_terms]").check()
    page.locator(
        "form.shop-application button[type=submit], main form button[type=submit]"
    ).last.click()
    expect(page).to_have_url(re.compile(r"/fr/sell/status/$"))

    # The dashboard waits for the approval.
    page.goto("/fr/dashboard/")
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "fr"
    vendor = Vendor.objects.get(name="Poterie Fassi")
    assert vendor.status == Vendor.Status.PENDING

    # Staff approve it in the admin.
    UserFactory(email="staff@souk.local", is_staff=True, is_superuser=True)
    admin_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    admin = admin_context.new_page()
    sign_in(admin, "en", "staff@souk.local", password)
    admin.goto("/admin/vendors/vendor/")
    admin.locator(f"input[name=_selected_action][value='{vendor.pk}']").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 shop approved.")
    admin_context.close()

    # A product written in French, translated into Arabic, with two variants.
    page.goto("/fr/dashboard/")
    check(page)
    page.goto("/fr/dashboard/products/new/")
    check(page)
    page.locator("select[name=language]").select_option("fr")
    page.locator("input[name=name_fr]").fill("Tajine de Fès émaillé")
    page.locator("textarea[name=description_fr]").fill("Terre de Fès, émail bleu, cuit au bois.")
    page.locator("input[name=name_ar]").fill("طاجين فاسي مزجج")
    page.locator("select[name=category]").select_option(str(categories["tagines"].pk))
    page.locator("input[name=base_price]").fill("250")
    page.locator("input[name='variants-0-sku']").fill("PF-TAJ-S")
    page.locator("input[name='variants-0-size']").fill("Petit")
    page.locator("input[name='variants-0-stock']").fill("3")
    page.locator("input[name='variants-1-sku']").fill("PF-TAJ-L")
    page.locator("input[name='variants-1-size']").fill("Grand")
    page.locator("input[name='variants-1-price_override']").fill("320")
    page.locator("input[name='variants-1-stock']").fill("2")
    page.locator("form.product-editor button.btn-primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/dashboard/products/\d+/$"))
    product = Product.objects.get(vendor=vendor)
    assert product.language == "fr" and product.status == Product.Status.DRAFT
    assert product.variants.count() == 2

    # A photo, then publishing.
    page.locator(".product-photo-upload input[type=file]").set_input_files(photo(tmp_path))
    page.locator("#photo-upload").click()
    expect(page.locator("#product-images img").first).to_be_visible()
    check(page)
    page.get_by_role("button", name=re.compile("Publi")).first.click()
    product.refresh_from_db()
    assert product.status == Product.Status.ACTIVE
    assert Product.objects.visible().filter(pk=product.pk).exists()

    # Shoppers find it, in French and in Arabic.
    page.goto(f"/fr/p/{product.slug_fr}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tajine de Fès émaillé")
    page.goto(f"/ar/p/{product.slug_ar}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("طاجين فاسي مزجج")

    # A shopper orders the big one; the artisan accepts and ships it.
    order = place(UserFactory(email="karim@example.com", full_name="Karim Alaoui"), product)
    mail.outbox.clear()
    page.goto("/fr/dashboard/orders/")
    check(page)
    page.get_by_role("link", name=re.compile(order.number)).first.click()
    check(page)
    page.locator("form[action$='/accept/'] button[type=submit]").click()
    page.locator("form[action$='/ship/'] input[name=carrier]").fill("Amana")
    page.locator("form[action$='/ship/'] input[name=tracking_number]").fill("AM123456789MA")
    page.locator("form[action$='/ship/'] button[type=submit]").click()
    expect(page.locator(".tracking-number")).to_have_text("AM123456789MA")
    check(page)
    shop_order = order.shop_orders.get()
    assert shop_order.status == ShopOrder.Status.SHIPPED
    assert {m.to[0] for m in mail.outbox} == {"karim@example.com"}
    assert len(mail.outbox) == 2  # being prepared, then shipped with its tracking
