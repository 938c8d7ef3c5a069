"""Account e-mails name Souk, link to the canonical origin (SITE_URL, never the
request's host), come with an HTML part in the site's look, and are right-to-left
in Arabic."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail

pytestmark = pytest.mark.django_db

SITE_URL = "https://souk.example"
# The site's look: its colour, and its name in the header.
HTML_MARKS = ("#a4472b", ">Souk</a>")


@pytest.fixture(autouse=True)
def _canonical_origin(settings):
    settings.SITE_URL = SITE_URL
    # Any port of an allowed host passes: the requests below come "from" 127.0.0.1:1.
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]


def html_part(message) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def links(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


def assert_names_souk_on_the_canonical_origin(message, lang: str) -> None:
    html = html_part(message)
    assert "Souk" in message.subject
    for part in (message.body, html):
        part = part.replace(message.to[0], "<recipient>")
        assert "Souk" in part
        assert "example.com" not in part
        assert "127.0.0.1" not in part
        site_links = {url for url in links(part) if not url.startswith("http://www.w3.org")}
        assert site_links, part
        assert all(url.startswith(f"{SITE_URL}/") for url in site_links), site_links
        assert f"{SITE_URL}/{lang}/" in part
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert all(mark in html for mark in HTML_MARKS)


def sign_up(client, lang: str, email: str, password: str):
    return client.post(
        f"/{lang}/accounts/signup/",
        {"email": email, "full_name": "Nadia", "password1": password, "password2": password},
        headers={"host": "127.0.0.1:1"},  # ignored: links are on SITE_URL
    )


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "Confirm your e-mail address"),
        ("fr", "Confirmez votre adresse e-mail"),
        ("ar", "أكّد عنوان بريدك الإلكتروني"),
    ],
)
def test_the_sign_up_confirmation_names_souk_and_links_to_the_site(
    client, settings, password, lang, heading
):
    sign_up(client, lang, f"nadia-{lang}@example.com", password)

    (message,) = mail.outbox
    assert_names_souk_on_the_canonical_origin(message, lang)
    assert heading in message.body and heading in html_part(message)
    assert f"{SITE_URL}/{lang}/accounts/confirm-email/" in message.body


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "Reset your password"),
        ("fr", "Réinitialisez votre mot de passe"),
        ("ar", "أعد تعيين كلمة المرور"),
    ],
)
def test_the_password_reset_names_souk_and_links_to_the_site(client, settings, user, lang, heading):
    client.post(
        f"/{lang}/accounts/password/reset/",
        {"email": user.email},
        headers={"host": "127.0.0.1:1", "x-forwarded-proto": "https"},
    )

    (message,) = mail.outbox
    assert_names_souk_on_the_canonical_origin(message, lang)
    assert heading in message.body and heading in html_part(message)
    assert f"{SITE_URL}/{lang}/accounts/password/reset/key/" in message.body


def test_signing_up_with_a_taken_address_mails_its_owner_in_the_same_style(
    client, settings, user, password
):
    sign_up(client, "fr", user.email, password)
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert_names_souk_on_the_canonical_origin(message, "fr")
    assert f"{SITE_URL}/fr/accounts/password/reset/" in message.body


def test_the_sites_row_names_souk_on_the_canonical_origin(settings):
    """The sites framework's row (read by allauth and the admin) follows the settings
    after every migrate, instead of "example.com"."""
    from django.apps import apps

    from marketplace.core.sites import name_the_site

    assert Site.objects.get_current().name == "Souk"  # set when the test database migrated
    name_the_site(apps.get_app_config("sites"))
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Souk", "souk.example")


def test_a_password_reset_for_an_unknown_address_answers_the_same_and_offers_sign_up(client, user):
    known = client.post("/en/accounts/password/reset/", {"email": user.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@shoppers.test"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    message = mail.outbox[-1]
    assert message.to == ["nobody@shoppers.test"]
    assert "has no account" in message.body
    assert_names_souk_on_the_canonical_origin(message, "en")
    assert f"{SITE_URL}/en/accounts/signup/" in message.body
