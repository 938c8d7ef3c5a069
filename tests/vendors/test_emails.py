"""E-mails to shops: approval and rejection in the applicant's language, the team
invitation in the invitee's; plain text and HTML in the look of the account
e-mails, right-to-left in Arabic, links only on SITE_URL."""

import re

import pytest
from django.core import mail

from marketplace.vendors import services
from marketplace.vendors.models import Vendor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://souk.example"


@pytest.fixture(autouse=True)
def _canonical_origin(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the services' on-commit e-mails; the messages sent."""

    class Outbox:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return self

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)

        @property
        def sent(self):
            return mail.outbox

    return Outbox()


def html_part(message) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def site_links(text: str) -> set[str]:
    found = set(re.findall(r"https?://[^\s\"'<>]+", text))
    return {url for url in found if not url.startswith("http://www.w3.org")}


def assert_in_the_site_look(message, lang: str) -> None:
    html = html_part(message)
    assert message.subject.startswith("[Souk] ")
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert "#a4472b" in html and ">Souk</a>" in html
    for part in (message.body, html):
        links = site_links(part)
        assert links and all(url.startswith(f"{SITE_URL}/{lang}/") for url in links), links


def pending_shop(lang: str) -> Vendor:
    owner = UserFactory(email=f"nadia-{lang}@example.com", preferred_language=lang)
    return services.shop_apply(
        user=owner,
        vendor=Vendor(
            name="Atelier Nour",
            region="Fès-Meknès",
            city="Fès",
            contact_phone="+212612345678",
            payout_holder="Nadia",
            payout_account="011519000001205000534921",
        ),
        terms_accepted=True,
    )


APPROVED = {
    "en": "Your shop Atelier Nour is open",
    "fr": "Votre boutique Atelier Nour est ouverte",
    "ar": "متجرك Atelier Nour مفتوح",
}
REJECTED = {
    "en": "Our team could not approve your application as it was:",
    "fr": "Notre équipe n’a pas pu approuver votre candidature en l’état :",  # noqa: RUF001
    "ar": "لم يتمكن فريقنا من الموافقة على طلبك بصيغته الحالية:",
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_approval_email_is_in_the_applicants_language(mails, staff, lang):
    vendor = pending_shop(lang)

    with mails:  # staff work in English: the e-mail is still in the applicant's language
        services.shop_approve(vendor=vendor, by=staff)

    (message,) = mails.sent
    assert message.to == [f"nadia-{lang}@example.com"]
    assert APPROVED[lang] in message.subject
    assert APPROVED[lang] in message.body and APPROVED[lang] in html_part(message)
    assert f"{SITE_URL}/{lang}/sell/status/" in message.body
    assert f"{SITE_URL}/{lang}/shops/atelier-nour/" in message.body
    assert_in_the_site_look(message, lang)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_rejection_email_gives_the_reason_in_the_applicants_language(mails, staff, lang):
    vendor = pending_shop(lang)

    with mails:
        services.shop_reject(vendor=vendor, reason="Photos <of> your own work, please.", by=staff)

    (message,) = mails.sent
    assert REJECTED[lang] in message.body and REJECTED[lang] in html_part(message)
    assert "Photos <of> your own work, please." in message.body  # text: as written
    assert "Photos &lt;of&gt; your own work, please." in html_part(message)  # HTML: escaped
    assert f"{SITE_URL}/{lang}/sell/status/" in message.body
    assert_in_the_site_look(message, lang)


def test_every_owner_is_told_and_staff_members_are_not(mails, staff, applicant):
    vendor = pending_shop("en")
    from marketplace.vendors.models import VendorMember

    VendorMember.objects.create(vendor=vendor, user=applicant, role=VendorMember.Role.STAFF)

    with mails:
        services.shop_approve(vendor=vendor, by=staff)

    assert [m.to for m in mails.sent] == [["nadia-en@example.com"]]


def test_the_invitation_is_in_the_owners_language_for_a_newcomer(mails, make_shop):
    vendor, owner = make_shop(name="Atelier Fassi")

    with mails:
        services.member_invite(
            vendor=vendor, email="karim@example.com", invited_by=owner, language="fr"
        )

    (message,) = mails.sent
    assert "Rejoignez l’équipe de la boutique Atelier Fassi" in message.subject  # noqa: RUF001
    assert f"{SITE_URL}/fr/sell/invitations/" in message.body
    assert_in_the_site_look(message, "fr")


def test_the_invitation_is_in_the_invitees_own_language_when_they_have_an_account(mails, make_shop):
    vendor, owner = make_shop(name="Atelier Fassi")
    UserFactory(email="karim@example.com", preferred_language="ar")

    with mails:
        services.member_invite(
            vendor=vendor, email="karim@example.com", invited_by=owner, language="fr"
        )

    (message,) = mails.sent
    assert "انضم إلى فريق Atelier Fassi" in message.subject
    assert_in_the_site_look(message, "ar")
    assert owner.get_full_name() in message.body
