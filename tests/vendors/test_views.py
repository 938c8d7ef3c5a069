"""The vendor side's pages: applying at /<lang>/sell/, the status page, the team
page and the invitation page, with who may see what (anonymous visitors, users
without a confirmed address, pending applicants, staff members, other shops)."""

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.vendors import services
from marketplace.vendors.models import MemberInvitation, Vendor, VendorMember
from tests.core.test_image_limits import huge_png, small_image
from tests.factories import UserFactory

from .conftest import GOOD_RIB, application

pytestmark = pytest.mark.django_db


# --- Applying -----------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in_to_apply(client):
    response = client.get("/en/sell/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/accounts/login/?next=/en/sell/"' in html
    assert 'name="payout_account"' not in html


def test_a_user_without_a_confirmed_address_is_told_to_confirm_it(client):
    user = UserFactory(verified_email=False)
    client.force_login(user)

    for url in ("/en/sell/", "/en/sell/team/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Confirm your e-mail address first" in response.content.decode()
    response = client.post("/en/sell/", application())
    assert response.status_code == 403
    assert not Vendor.objects.exists()


def test_applying_makes_a_pending_shop_and_shows_its_status(applicant_client, applicant):
    form = applicant_client.get("/en/sell/")
    assert form.status_code == 200
    assert 'href="/en/sell/terms/"' in form.content.decode()

    response = applicant_client.post("/en/sell/", application(), follow=True)

    assert response.redirect_chain == [("/en/sell/status/", 302)]
    vendor = Vendor.objects.get()
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.payout_account == GOOD_RIB
    assert vendor.story_en == "We weave wool rugs by hand in the medina."
    assert vendor.members.get().user == applicant
    html = response.content.decode()
    assert "Pending review" in html
    assert "Your application is with our team" in html
    assert "•••• 4921" in html and GOOD_RIB not in html  # the account, masked


def test_the_story_is_stored_in_the_language_the_applicant_wrote_it_in(applicant_client):
    applicant_client.post("/fr/sell/", application(story="Nous tissons à la main."))

    vendor = Vendor.objects.get()
    assert vendor.story_fr == "Nous tissons à la main."
    assert not vendor.story_en


def test_the_logo_goes_through_the_image_limits(applicant_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = applicant_client.post("/en/sell/", application(logo=huge_png()))

    assert response.status_code == 400
    assert "megapixels" in response.context["form"].errors["logo"][0]
    assert not Vendor.objects.exists()

    response = applicant_client.post("/en/sell/", application(logo=small_image()))
    assert response.status_code == 302
    assert Vendor.objects.get().logo


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("payout_account", "0115 1900 0001 2050 0053 4922", "key"),
        ("payout_account", "FR1420041010050500013M02607", "check digits"),
        ("payout_account", "1234", "24 digits"),
        ("contact_phone", "12", "valid phone number"),
        ("accept_terms", "", "Accept the seller terms"),
        ("name", "", "This field is required"),
        ("story", "", "This field is required"),
        ("city", "", "This field is required"),
        ("payout_holder", "", "This field is required"),
    ],
)
def test_a_bad_application_is_refused_with_a_clear_error_and_nothing_saved(
    applicant_client, field, value, message
):
    response = applicant_client.post("/en/sell/", application(**{field: value}))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Vendor.objects.exists()


def test_errors_are_in_the_page_language(applicant_client):
    response = applicant_client.post("/ar/sell/", application(payout_account="1234"))

    assert response.status_code == 400
    assert "24 رقمًا" in " ".join(response.context["form"].errors["payout_account"])


def test_a_shop_name_already_taken_is_refused(applicant_client, make_shop):
    make_shop(name="Atelier Nour")

    response = applicant_client.post("/en/sell/", application(name="atelier  nour"))

    assert response.status_code == 400
    assert "already exists" in response.context["form"].errors["name"][0]


def test_a_pending_applicant_cannot_apply_twice_and_is_sent_to_the_status_page(
    applicant_client,
):
    applicant_client.post("/en/sell/", application())

    assert applicant_client.get("/en/sell/").url == "/en/sell/status/"
    response = applicant_client.post("/en/sell/", application(name="Second shop"))
    assert response.status_code == 302
    assert Vendor.objects.count() == 1


def test_a_pending_applicants_shop_is_not_public_and_has_no_team_page(applicant_client):
    applicant_client.post("/en/sell/", application())
    vendor = Vendor.objects.get()

    assert applicant_client.get(vendor.get_absolute_url()).status_code == 404
    response = applicant_client.get("/en/sell/team/")
    assert response.status_code == 403
    assert "Your shop is not open" in response.content.decode()


def test_a_rejected_applicant_sees_the_reason_and_corrects_the_application(
    applicant_client, applicant, staff
):
    applicant_client.post("/en/sell/", application())
    vendor = Vendor.objects.get()
    services.shop_reject(vendor=vendor, reason="Show us photos of your own rugs.", by=staff)

    status = applicant_client.get("/en/sell/status/").content.decode()
    assert "Rejected" in status and "Show us photos of your own rugs." in status
    form = applicant_client.get("/en/sell/")
    assert form.status_code == 200
    assert "Show us photos of your own rugs." in form.content.decode()
    assert form.context["form"].initial["payout_account"] == "0115 1900 0001 2050 0053 4921"

    response = applicant_client.post("/en/sell/", application(story="Our rugs, photographed."))
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.story_en == "Our rugs, photographed."
    assert Vendor.objects.count() == 1


def test_the_status_page_of_an_approved_shop_links_to_its_page_and_team(make_shop, client):
    vendor, owner = make_shop()
    client.force_login(owner)

    html = client.get("/en/sell/status/").content.decode()
    assert "Approved" in html
    assert f'href="{vendor.get_absolute_url()}"' in html
    assert 'href="/en/sell/team/"' in html


def test_the_status_page_needs_a_signed_in_member(client, applicant):
    assert client.get("/en/sell/status/").url.startswith("/en/accounts/login/")
    client.force_login(applicant)
    assert client.get("/en/sell/status/").url == "/en/sell/"


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_sell_pages_render_in_every_language(applicant_client, lang):
    for url in (f"/{lang}/sell/", f"/{lang}/sell/terms/"):
        response = applicant_client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()


def test_the_footer_invites_to_sell(client):
    assert 'href="/fr/sell/"' in client.get("/fr/").content.decode()


# --- The team page ------------------------------------------------------------------


@pytest.fixture
def owner_client(client, make_shop):
    vendor, owner = make_shop()
    client.force_login(owner)
    client.vendor, client.owner = vendor, owner
    return client


def test_the_owner_invites_from_the_team_page(owner_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/en/sell/team/", {"email": "karim@example.com"})

    assert response.status_code == 302
    invitation = MemberInvitation.objects.get()
    assert invitation.vendor == owner_client.vendor
    (message,) = mail.outbox
    assert f"http://testserver/en/sell/invitations/{invitation.token}/" in message.body
    page = owner_client.get("/en/sell/team/").content.decode()
    assert "karim@example.com" in page and "Invitation sent to karim@example.com." in page


def test_a_bad_invitation_address_is_a_400_with_the_reason(owner_client):
    response = owner_client.post("/en/sell/team/", {"email": "not-an-address"})
    assert response.status_code == 400
    assert response.context["form"].errors["email"]

    response = owner_client.post("/en/sell/team/", {"email": owner_client.owner.email})
    assert response.status_code == 400
    assert "already on your team" in response.context["form"].errors["email"][0]


def test_a_staff_member_and_a_shopper_cannot_use_the_team_page(client, make_shop):
    vendor, _owner = make_shop()
    staff_member = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=staff_member, role=VendorMember.Role.STAFF)

    client.force_login(staff_member)
    response = client.get("/en/sell/team/")
    assert response.status_code == 403
    assert "Only the owner manages the team" in response.content.decode()
    assert client.post("/en/sell/team/", {"email": "x@example.com"}).status_code == 403

    client.force_login(UserFactory())
    response = client.get("/en/sell/team/")
    assert response.status_code == 403
    assert "You have no shop yet" in response.content.decode()
    assert not MemberInvitation.objects.exists()


def test_the_owner_withdraws_an_invitation_and_removes_a_member(owner_client):
    vendor, owner = owner_client.vendor, owner_client.owner
    invitation = services.member_invite(
        vendor=vendor, email="lina@example.com", invited_by=owner, language="en"
    )
    karim = VendorMember.objects.create(vendor=vendor, user=UserFactory(), role="staff")

    owner_client.post(reverse("vendors:invitation_revoke", args=[invitation.pk]))
    owner_client.post(reverse("vendors:member_remove", args=[karim.pk]))

    invitation.refresh_from_db()
    assert invitation.state == MemberInvitation.State.REVOKED
    assert not VendorMember.objects.filter(pk=karim.pk).exists()


def test_another_shops_invitation_or_member_is_a_404(owner_client, make_shop):
    other, other_owner = make_shop()
    invitation = services.member_invite(
        vendor=other, email="lina@example.com", invited_by=other_owner, language="en"
    )
    member = other_owner.vendor_memberships.get()

    assert (
        owner_client.post(reverse("vendors:invitation_revoke", args=[invitation.pk])).status_code
        == 404
    )
    assert owner_client.post(reverse("vendors:member_remove", args=[member.pk])).status_code == 404
    assert MemberInvitation.objects.get().state == MemberInvitation.State.OPEN
    assert VendorMember.objects.filter(pk=member.pk).exists()


def test_team_actions_take_post_only(owner_client):
    assert owner_client.get(reverse("vendors:member_remove", args=[1])).status_code == 405


# --- Accepting an invitation --------------------------------------------------------


@pytest.fixture
def invitation(make_shop):
    vendor, owner = make_shop(name="Atelier Fassi")
    return services.member_invite(
        vendor=vendor, email="karim@example.com", invited_by=owner, language="en"
    )


def test_the_invitee_signs_in_and_accepts(client, invitation):
    url = invitation.get_absolute_url()
    anonymous = client.get(url).content.decode()
    assert "Join Atelier Fassi" in anonymous
    assert f'href="/en/accounts/login/?next={url}"' in anonymous

    karim = UserFactory(email="karim@example.com")
    client.force_login(karim)
    assert 'type="submit"' in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert response.redirect_chain == [("/en/sell/status/", 302)]
    assert "Welcome to the team of Atelier Fassi." in response.content.decode()
    assert VendorMember.objects.get(user=karim).role == VendorMember.Role.STAFF


def test_someone_else_signed_in_sees_why_they_cannot_accept(client, invitation):
    eve = UserFactory(email="eve@example.com")
    client.force_login(eve)

    page = client.get(invitation.get_absolute_url())
    assert "sign in with that address" in page.content.decode()
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 400
    assert not VendorMember.objects.filter(user=eve).exists()


def test_an_anonymous_post_to_an_invitation_asks_to_sign_in(client, invitation):
    response = client.post(invitation.get_absolute_url())
    assert response.url.startswith("/en/accounts/login/")
    assert not VendorMember.objects.filter(role="staff").exists()


@pytest.mark.parametrize("token", ["unknown-token", "x" * 43])
def test_an_unknown_invitation_is_a_404(client, token):
    assert client.get(f"/en/sell/invitations/{token}/").status_code == 404


def test_an_empty_application_is_a_400_with_the_errors(applicant_client):
    response = applicant_client.post("/en/sell/", {})
    assert response.status_code == 400
    assert response.context["form"].errors["payout_account"]


def test_an_empty_invitation_is_a_400_with_the_error(owner_client):
    response = owner_client.post("/en/sell/team/", {})
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
