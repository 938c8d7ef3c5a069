"""An artisan applies to sell, in Arabic, on a phone-sized screen; staff approve the
shop in the admin; the applicant is told by e-mail, in Arabic, and sees the shop
open. Every page passes the accessibility check and none scrolls sideways."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from marketplace.vendors.models import Vendor
from tests.e2e.conftest import assert_accessible
from tests.factories import UserFactory

PHONE = {"width": 390, "height": 844}


# The first elements that reach past either edge of the screen (to say what to fix).
WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5
              || e.getBoundingClientRect().left < -0.5)
    .slice(0, 5)
    .map(e => `${e.tagName}.${e.className} ${(e.textContent || '').trim().slice(0, 40)}`);
}"""


def assert_no_sideways_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        wide = page.evaluate(WIDER_THAN_THE_SCREEN)
        raise AssertionError(f"{page.url} scrolls sideways by {overflow}px: {wide}")


def sign_in(page, lang: str, email: str, password: str) -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()


def test_apply_in_arabic_then_staff_approve_in_the_admin(browser, live_server, page, password):
    UserFactory(email="nadia@example.com", full_name="نادية العلوي", preferred_language="ar")
    page.set_viewport_size(PHONE)
    sign_in(page, "ar", "nadia@example.com", password)

    page.get_by_role("link", name="بِع على Souk").click()
    expect(page).to_have_url(re.compile(r"/ar/sell/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.locator("input[name=name]").fill("تعاونية النور")
    page.locator("input[name=kind][value=association]").check()
    page.locator("input[name=region]").fill("سوس ماسة")
    page.locator("input[name=city]").fill("تافراوت")
    page.locator("textarea[name=story]").fill("نسيج الصوف بالطرق التقليدية.")
    page.locator("input[name=contact_phone]").fill("+212 6 12 34 56 78")
    page.locator("input[name=payout_holder]").fill("تعاونية النور")
    page.locator("input[name=payout_account]").fill("0115 1900 0001 2050 0053 4922")  # typo
    page.locator("input[name=accept_terms]").check()
    page.get_by_role("button", name="أرسل طلبي").click()

    expect(page.locator(".invalid-feedback").first).to_contain_text("غير مطابق")
    assert_accessible(page)
    page.locator("input[name=payout_account]").fill("0115 1900 0001 2050 0053 4921")
    page.locator("input[name=accept_terms]").check()
    page.get_by_role("button", name="أرسل طلبي").click()

    expect(page).to_have_url(re.compile(r"/ar/sell/status/$"))
    expect(page.locator(".application-status")).to_contain_text("في انتظار المراجعة")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    vendor = Vendor.objects.get()
    assert vendor.status == Vendor.Status.PENDING

    # Staff approve it in the admin, in another browser.
    staff = UserFactory(email="staff@souk.local", is_staff=True, is_superuser=True)
    assert EmailAddress.objects.filter(user=staff, verified=True).exists()
    admin_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    admin = admin_context.new_page()
    sign_in(admin, "en", "staff@souk.local", password)
    admin.goto("/admin/vendors/vendor/?status__exact=pending")
    admin.locator(f"input[name=_selected_action][value='{vendor.pk}']").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 shop approved.")
    admin_context.close()

    (message,) = mail.outbox
    assert message.to == ["nadia@example.com"]
    assert "مفتوح" in message.subject
    page.reload()
    expect(page.locator(".application-status")).to_contain_text("مقبول")
    page.get_by_role("link", name="اعرض صفحة متجرك").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("تعاونية النور")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
