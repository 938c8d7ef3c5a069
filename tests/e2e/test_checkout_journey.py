"""Checkout in a phone-sized browser (390 px) under the site's real CSP: a guest pays
cash on delivery, a signed-in shopper pays by card through localstripe's Stripe.js
stand-in (3-D Secure dialog included), in English and in Arabic (right to left); no
page scrolls sideways and every page passes the accessibility check.

localstripe runs on 127.0.0.1 and a free port (tests/stripe_fixtures.py); its
stand-in Stripe.js is served at /js.stripe.com/v3/, which the card page loads from
STRIPE_JS_URL.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from marketplace.accounts.models import Address
from marketplace.orders.models import Order
from tests.e2e.conftest import AXE_JS

PHONE = {"width": 390, "height": 844}
THREE_D_SECURE_CARD = "4000002760003184"


@pytest.fixture
def card_payments(stripe_keys):
    """Card payment through localstripe (tests/stripe_fixtures.py), whose keys and
    CSP (Stripe.js's origin in script-src and frame-src, its API's in connect-src)
    the fixture sets; the card page loads its Stripe.js stand-in."""
    return stripe_keys.url


@pytest.fixture
def no_card_payments(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""


@pytest.fixture
def phone(browser, live_server):
    """A 390 px wide phone, the CSP enforced; JavaScript errors and CSP refusals fail."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB", bypass_csp=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"{exc} {exc.stack}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not problems, f"errors on the page: {problems}"


def check_page(page) -> None:
    """No sideways scrolling at 390 px; no serious accessibility violation (axe-core,
    evaluated through the browser's debugger, which the page's CSP does not govern)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 390px"
    page.evaluate(AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "Accessibility violations on {}:\n{}".format(
        page.url,
        "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} -> "
            + ", ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in bad
        ),
    )


@pytest.fixture
def products(make_product, other_shop):
    return (
        make_product("Blue tajine", name_ar="طاجين أزرق", price="250.00"),
        make_product("Argan oil", name_ar="زيت الأركان", vendor=other_shop, price="80.00"),
    )


def add_to_cart(page, lang: str, product) -> None:
    """The product page's own form (no JavaScript needed for it)."""
    with translation.override(lang):
        page.goto(product.get_absolute_url())
    with page.expect_response(re.compile(r"/cart/add/$")):
        page.locator("form.cart-add-form button[type=submit]").first.click()


TEXT = {
    "en": {
        "checkout": "Checkout",
        "address": "Where should we deliver?",
        "to_shipping": "Continue to shipping",
        "to_payment": "Continue to payment",
        "to_review": "Continue to review",
        "place": "Place order",
        "place_card": "Place order and pay by card",
        "thanks": "Thank you for your order",
        "cod": "Cash on delivery",
        "card": "Card (Visa, Mastercard)",
        "deliver_here": "Deliver here",
        "pay": "Pay",
        "paid": "Payment received",
    },
    "ar": {
        "checkout": "إتمام الشراء",
        "address": "أين نوصل طلبك؟",
        "to_shipping": "المتابعة إلى الشحن",
        "to_payment": "المتابعة إلى الدفع",
        "to_review": "المتابعة إلى المراجعة",
        "place": "تأكيد الطلب",
        "place_card": "تأكيد الطلب والدفع بالبطاقة",
        "thanks": "شكرًا على طلبك",
        "cod": "الدفع عند الاستلام",
        "card": "بطاقة (فيزا، ماستركارد)",
        "deliver_here": "التوصيل إلى هنا",
        "pay": "ادفع",
        "paid": "تم استلام الدفع",
    },
}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_guest_checks_out_paying_cash_on_delivery(phone, products, lang, no_card_payments):
    page, words = phone, TEXT[lang]
    for product in products:
        add_to_cart(page, lang, product)
    page.goto(f"/{lang}/cart/")
    page.get_by_role("link", name=words["checkout"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words["address"])
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    check_page(page)
    page.locator("#id_email").fill("guest@example.com")
    page.locator("#id_recipient_name").fill("Amina Idrissi")
    page.locator("#id_phone").fill("+212 6 12 34 56 78")
    page.locator("#id_line1").fill("12 derb Sidi Ahmed")
    page.locator("#id_city").fill("Fès")
    page.get_by_role("button", name=words["to_shipping"]).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/checkout/shipping/$"))
    check_page(page)
    page.get_by_role("link", name=words["to_payment"]).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/checkout/payment/$"))
    check_page(page)
    expect(page.get_by_label(words["card"])).to_have_count(0)  # no Stripe keys
    page.get_by_label(words["cod"]).check()
    page.get_by_role("button", name=words["to_review"]).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/checkout/review/$"))
    check_page(page)
    expect(page.locator("#review-total")).to_contain_text("400")  # 250 + 80 + 35 + 35
    page.get_by_role("button", name=words["place"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    check_page(page)
    order = Order.objects.get()
    assert order.payment_method == Order.Method.CASH_ON_DELIVERY
    assert order.status == Order.Status.CONFIRMED and order.language == lang
    expect(page.locator("main")).to_contain_text(order.number)
    assert order.user is None and order.email == "guest@example.com"


def sign_in(page, lang: str, user, password: str) -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_signed_in_shopper_pays_by_card_with_3d_secure(
    phone, user, password, products, lang, card_payments
):
    page, words = phone, TEXT[lang]
    Address.objects.create(
        user=user,
        recipient_name="Amina Idrissi",
        phone="+212612345678",
        line1="4 rue Tarik",
        city="Rabat",
        country="MA",
        is_default=True,
    )
    sign_in(page, lang, user, password)
    add_to_cart(page, lang, products[0])
    page.goto(f"/{lang}/cart/")
    page.get_by_role("link", name=words["checkout"], exact=True).click()

    check_page(page)
    page.get_by_role("button", name=words["deliver_here"]).click()
    page.get_by_role("link", name=words["to_payment"]).click()
    page.get_by_label(words["card"]).check()
    check_page(page)
    page.get_by_role("button", name=words["to_review"]).click()
    page.get_by_role("button", name=words["place_card"]).click()

    # The card page: localstripe's Card Element in place of Stripe's frame.
    expect(page).to_have_url(re.compile(rf"/{lang}/checkout/pay/SK-\d{{4}}-\d{{6}}/$"))
    card = page.locator("#card-element")
    expect(card.locator("input")).to_have_count(5)
    check_page(page)
    card.locator("input[placeholder=number]").fill(THREE_D_SECURE_CARD)
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("10000")
    page.locator("#card-submit").click()

    # The bank's 3-D Secure dialog (localstripe's), then the thank-you page.
    page.get_by_role("button", name="Complete authentication").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/checkout/done/SK-\d{{4}}-\d{{6}}/$"))
    expect(page.locator("#payment-state")).to_contain_text(words["paid"])
    check_page(page)

    order = Order.objects.get()
    assert order.user == user and order.status == Order.Status.PAID
    assert order.payment_method == Order.Method.CARD
    # The order is the shopper's: it is listed under My orders.
    page.goto(f"/{lang}/orders/")
    expect(page.locator("body")).to_contain_text(order.number)
