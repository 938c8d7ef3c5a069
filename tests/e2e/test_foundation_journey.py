"""A visitor reaches Souk in French, switches to Arabic, signs up and signs in,
in a real browser; every page visited passes the accessibility check."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_language_switch_sign_up_and_sign_in(page, password):
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fait main au Maroc, livré chez vous")
    assert_accessible(page)

    page.locator("button[name=language][value=ar]").click()
    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)

    page.get_by_role("link", name="إنشاء حساب").click()
    expect(page).to_have_url(re.compile(r"/ar/accounts/signup/$"))
    assert_accessible(page)
    page.get_by_label("الاسم الكامل").fill("Fatima Zahra")
    page.locator("input[name=email]").fill("fatima@example.com")
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    # The address must be confirmed before the account can be used: the new user is
    # told that a confirmation e-mail is on its way, and is signed in by confirming.
    expect(page).to_have_url(re.compile(r"/ar/accounts/confirm-email/$"))
    assert_accessible(page)
    assert mail.outbox[-1].to == ["fatima@example.com"]
    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(link.group(1))
    assert_accessible(page)
    page.locator("form.allauth-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("#messages")).to_contain_text("fatima@example.com")
    expect(page.locator("#messages")).to_contain_text("Fatima Zahra")
    assert_accessible(page)

    page.get_by_role("button", name="تسجيل الخروج").click()
    expect(page.get_by_role("link", name="تسجيل الدخول")).to_be_visible()

    page.get_by_role("link", name="تسجيل الدخول").click()
    assert_accessible(page)
    page.locator("input[name=login]").fill("fatima@example.com")
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    expect(page.get_by_role("link", name="حسابي")).to_be_visible()

    page.get_by_role("link", name="حسابي").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert_accessible(page)


def test_address_form_errors_in_the_browser(page, user, password):
    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form.allauth-form button[type=submit]").click()
    page.goto("/en/accounts/addresses/new/")
    page.get_by_label("Phone").fill("12")
    page.get_by_role("button", name="Save address").click()
    expect(page.get_by_text("Enter a valid phone number")).to_be_visible()
    assert_accessible(page)


def test_the_static_error_page_is_accessible_and_right_to_left_in_arabic(page):
    too_many = "&".join(["a"] * 1001)
    response = page.goto(f"/ar/products/?{too_many}")
    assert response.status == 400
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    page.locator("#site-search-q").fill("tagine")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/products/\?q=tagine$"))
