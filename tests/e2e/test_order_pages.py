"""The shopper follows their orders on a 390 px phone in English, French and Arabic:
stacked cards, nothing to scroll sideways, every page passing the accessibility
check; a guest cancels from the signed link with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.orders.links import order_guest_path
from marketplace.orders.models import ShopOrder
from marketplace.orders.services import shop_order_advance
from tests.e2e.conftest import assert_accessible
from tests.orders.conftest import buy, rug, tagine  # noqa: F401 (fixtures)

PHONE = {"width": 390, "height": 844}
HEADINGS = {"en": "My orders", "fr": "Mes commandes", "ar": "طلباتي"}


def assert_no_sideways_scrolling(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, viewport=PHONE, is_mobile=True
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


def test_my_orders_and_an_order_on_a_phone_in_three_languages(phone, user, password, buy):  # noqa: F811
    order = buy(user=user)
    shipped = shop_order_advance(
        shop_order=order.shop_orders.order_by("pk").first(),
        status=ShopOrder.Status.SHIPPED,
        carrier="Amana Express International",
        tracking_number="AMANA-LONG-TRACKING-NUMBER-0123456789ABCDEFGHIJ",
    )
    page = phone.new_page()
    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    expect(page.get_by_role("link", name="My orders")).to_be_attached()

    for lang, heading in HEADINGS.items():
        page.goto(f"/{lang}/orders/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        assert_no_sideways_scrolling(page)
        assert_accessible(page)

        page.get_by_role("link", name=re.compile(order.number)).click()
        expect(page).to_have_url(re.compile(rf"/{lang}/orders/{order.number}/$"))
        expect(page.locator(".tracking-number")).to_have_text(shipped.tracking_number)
        expect(page.locator(".shop-order")).to_have_count(2)
        assert_no_sideways_scrolling(page)
        assert_accessible(page)


def test_a_guest_cancels_from_the_signed_link_without_javascript(browser, live_server, buy):  # noqa: F811
    order = buy(email="guest@example.com", language="fr")
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()

    page.goto(order_guest_path(order))
    expect(page.locator("#order-status")).to_have_text("Confirmée (paiement à la livraison)")
    assert_no_sideways_scrolling(page)
    page.get_by_label("Raison (facultatif)").fill("Commandé deux fois")
    page.get_by_role("button", name="Annuler la commande").click()

    expect(page.locator("#messages")).to_contain_text(f"Votre commande {order.number} est annulée.")
    expect(page.locator("#order-status")).to_have_text("Annulée")
    expect(page.get_by_role("button", name="Annuler la commande")).to_have_count(0)
    context.close()
