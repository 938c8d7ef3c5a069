"""vendors.services: applying, staff decisions, and the shop's team (invitations).

Given/when/then: each test sets the shops and users up, calls one service, and
checks what is stored and what was mailed (after commit)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.vendors import services
from marketplace.vendors.models import MemberInvitation, Vendor, VendorMember
from tests.factories import UserFactory

from .conftest import GOOD_RIB

pytestmark = pytest.mark.django_db


def new_application(**fields) -> Vendor:
    """An unsaved shop as the application form fills it."""
    values = {
        "name": "Atelier Nour",
        "kind": Vendor.Kind.ARTISAN,
        "region": "Fès-Meknès",
        "city": "Fès",
        "story_fr": "Nous tissons des tapis.",
        "contact_phone": "+212 612345678",
        "payout_holder": "Nadia Alaoui",
        "payout_account": "0115 1900 0001 2050 0053 4921",
    } | fields
    return Vendor(**values)


def apply(user, **fields) -> Vendor:
    return services.shop_apply(user=user, vendor=new_application(**fields), terms_accepted=True)


# --- Applying -----------------------------------------------------------------------


def test_an_application_makes_a_pending_shop_owned_by_the_applicant(applicant):
    vendor = apply(applicant)

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.slug == "atelier-nour"
    assert vendor.payout_account == GOOD_RIB  # stored without spaces
    assert vendor.contact_email == applicant.email
    assert vendor.applied_at and vendor.terms_accepted_at
    (member,) = vendor.members.all()
    assert (member.user, member.role) == (applicant, VendorMember.Role.OWNER)
    assert not Vendor.objects.approved().exists()
    assert not mail.outbox


def test_applying_needs_a_confirmed_email_address(db):
    unconfirmed = UserFactory(verified_email=False)

    with pytest.raises(services.ShopActionRefused, match="Confirm your e-mail address"):
        apply(unconfirmed)
    assert not Vendor.objects.exists()


def test_applying_needs_the_seller_terms_accepted(applicant):
    with pytest.raises(services.ShopActionRefused, match="seller terms"):
        services.shop_apply(user=applicant, vendor=new_application(), terms_accepted=False)
    assert not Vendor.objects.exists()


def test_a_member_of_a_shop_cannot_apply_for_another(applicant):
    apply(applicant)

    with pytest.raises(services.ShopActionRefused, match="belongs to one shop only"):
        apply(applicant, name="Second shop")
    assert Vendor.objects.count() == 1


def test_a_staff_member_of_a_shop_cannot_apply_either(make_shop, applicant):
    vendor, _owner = make_shop()
    VendorMember.objects.create(vendor=vendor, user=applicant, role=VendorMember.Role.STAFF)

    with pytest.raises(services.ShopActionRefused, match=vendor.name):
        apply(applicant)


def test_the_database_refuses_a_second_membership_for_one_user(make_shop, applicant):
    first, _ = make_shop()
    second, _ = make_shop()
    VendorMember.objects.create(vendor=first, user=applicant, role=VendorMember.Role.STAFF)

    with pytest.raises(IntegrityError), transaction.atomic():
        VendorMember.objects.create(vendor=second, user=applicant, role=VendorMember.Role.STAFF)


def test_shops_with_similar_names_get_distinct_slugs(applicant, db):
    apply(applicant)
    other = UserFactory()
    arabic = UserFactory()

    assert apply(other, name="Atelier  Nour!").slug == "atelier-nour-2"
    assert apply(arabic, name="تعاونية النور").slug == "shop"


def test_a_rejected_applicant_corrects_the_application_and_it_is_pending_again(applicant, staff):
    vendor = apply(applicant)
    services.shop_reject(vendor=vendor, reason="Add photos of your work.", by=staff)

    vendor.refresh_from_db()
    vendor.story_fr = "Nous tissons des tapis, voici nos photos."
    services.shop_apply(user=applicant, vendor=vendor, terms_accepted=True)

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.rejection_reason == ""
    assert vendor.slug == "atelier-nour"
    assert Vendor.objects.count() == 1


def test_a_pending_application_cannot_be_sent_again(applicant):
    vendor = apply(applicant)

    with pytest.raises(services.ShopActionRefused, match="already with our team"):
        services.shop_apply(user=applicant, vendor=vendor, terms_accepted=True)


def test_only_the_owner_can_resubmit_a_rejected_application(applicant, staff, db):
    vendor = apply(applicant)
    services.shop_reject(vendor=vendor, reason="Incomplete.", by=staff)
    stranger = UserFactory()

    with pytest.raises(services.ShopActionRefused, match="owner"):
        services.shop_apply(user=stranger, vendor=vendor, terms_accepted=True)


# --- Staff decisions ----------------------------------------------------------------


def test_approving_opens_the_shop_and_mails_the_applicant_after_commit(
    applicant, staff, django_capture_on_commit_callbacks
):
    vendor = apply(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.shop_approve(vendor=vendor, by=staff)
        assert not mail.outbox  # not before the decision is committed

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED
    assert vendor.reviewed_by == staff and vendor.reviewed_at
    (message,) = mail.outbox
    assert message.to == [applicant.email]


def test_a_rolled_back_approval_mails_nobody(applicant, staff, django_capture_on_commit_callbacks):
    vendor = apply(applicant)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.shop_approve(vendor=vendor, by=staff)
        raise RuntimeError("the admin request failed later")

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert not mail.outbox


def test_an_approved_shop_cannot_be_approved_again(make_shop, staff):
    vendor, _ = make_shop()

    with pytest.raises(services.ShopActionRefused, match="already approved"):
        services.shop_approve(vendor=vendor, by=staff)


def test_reinstating_a_suspended_shop_sends_no_approval_email(
    make_shop, staff, django_capture_on_commit_callbacks
):
    vendor, _ = make_shop(status=Vendor.Status.SUSPENDED)

    with django_capture_on_commit_callbacks(execute=True):
        services.shop_approve(vendor=vendor, by=staff)

    assert Vendor.objects.get(pk=vendor.pk).status == Vendor.Status.APPROVED
    assert not mail.outbox


def test_rejecting_needs_a_reason_and_mails_it(
    applicant, staff, django_capture_on_commit_callbacks
):
    vendor = apply(applicant)
    with pytest.raises(services.ShopActionRefused, match="reason"):
        services.shop_reject(vendor=vendor, reason="   ", by=staff)

    with django_capture_on_commit_callbacks(execute=True):
        services.shop_reject(vendor=vendor, reason="Photos are not of your work.", by=staff)

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.REJECTED
    assert vendor.rejection_reason == "Photos are not of your work."
    (message,) = mail.outbox
    assert "Photos are not of your work." in message.body


def test_only_a_pending_application_can_be_rejected(make_shop, staff):
    vendor, _ = make_shop()

    with pytest.raises(services.ShopActionRefused, match="pending"):
        services.shop_reject(vendor=vendor, reason="No.", by=staff)
    assert Vendor.objects.get(pk=vendor.pk).status == Vendor.Status.APPROVED


def test_a_decision_overtaken_by_another_mails_only_the_last(
    applicant, staff, django_capture_on_commit_callbacks
):
    """The e-mail task reads the shop when it runs: an approval reversed before the
    worker got to it is not announced."""
    from marketplace.vendors import tasks

    vendor = apply(applicant)
    services.shop_approve(vendor=vendor, by=staff)  # its e-mail is never run here
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)

    assert tasks.send_application_decision.call(vendor.pk, Vendor.Status.APPROVED) == 0
    assert not mail.outbox


# --- The team -----------------------------------------------------------------------


def invite(vendor, owner, email="karim@example.com", language="en"):
    return services.member_invite(vendor=vendor, email=email, invited_by=owner, language=language)


def test_the_owner_invites_a_member_by_email_as_staff(
    make_shop, django_capture_on_commit_callbacks
):
    vendor, owner = make_shop()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(vendor, owner, email="Karim@Example.COM")

    assert invitation.email == "Karim@example.com"  # the domain normalised
    assert invitation.role == VendorMember.Role.STAFF
    assert invitation.state == MemberInvitation.State.OPEN
    (message,) = mail.outbox
    assert message.to == ["Karim@example.com"]
    assert invitation.get_absolute_url() in message.body


def test_staff_members_and_strangers_cannot_invite(make_shop, db):
    vendor, _owner = make_shop()
    staff_member = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=staff_member, role=VendorMember.Role.STAFF)

    for user in (staff_member, UserFactory()):
        with pytest.raises(services.ShopActionRefused, match="owner"):
            invite(vendor, user)
    assert not MemberInvitation.objects.exists()


def test_a_pending_shop_cannot_invite_yet(make_shop):
    vendor, owner = make_shop(status=Vendor.Status.PENDING)

    with pytest.raises(services.ShopActionRefused, match="once it is approved"):
        invite(vendor, owner)


def test_inviting_a_current_member_is_refused(make_shop):
    vendor, owner = make_shop()

    with pytest.raises(services.ShopActionRefused, match="already on your team"):
        invite(vendor, owner, email=owner.email.upper())


def test_inviting_again_sends_a_new_link_and_the_old_one_stops_working(make_shop):
    vendor, owner = make_shop()
    first = invite(vendor, owner)
    old_token = first.token

    second = invite(vendor, owner)

    assert second.pk == first.pk and second.token != old_token
    assert MemberInvitation.objects.count() == 1
    karim = UserFactory(email="karim@example.com")
    with pytest.raises(services.InvitationNotFound):
        services.member_accept(token=old_token, user=karim)


def test_a_shop_has_a_bounded_number_of_open_invitations(make_shop, monkeypatch):
    monkeypatch.setattr(services, "MAX_OPEN_INVITATIONS", 2)
    vendor, owner = make_shop()
    invite(vendor, owner, email="a@example.com")
    invite(vendor, owner, email="b@example.com")

    with pytest.raises(services.ShopActionRefused, match="revoke some"):
        invite(vendor, owner, email="c@example.com")


def test_the_invitee_accepts_with_the_invited_address_and_joins_as_staff(make_shop):
    vendor, owner = make_shop()
    invitation = invite(vendor, owner)
    karim = UserFactory(email="karim@example.com")

    member = services.member_accept(token=invitation.token, user=karim)

    assert (member.vendor, member.user, member.role) == (vendor, karim, VendorMember.Role.STAFF)
    invitation.refresh_from_db()
    assert invitation.state == MemberInvitation.State.ACCEPTED
    assert invitation.accepted_by == karim
    with pytest.raises(services.ShopActionRefused, match="already been accepted"):
        services.member_accept(token=invitation.token, user=karim)


def test_a_confirmed_secondary_address_may_accept(make_shop):
    vendor, owner = make_shop()
    invitation = invite(vendor, owner, email="karim.work@example.com")
    karim = UserFactory(email="karim@example.com")
    EmailAddress.objects.create(user=karim, email="karim.work@example.com", verified=True)

    assert services.member_accept(token=invitation.token, user=karim).vendor == vendor


@pytest.mark.parametrize(
    "who",
    [
        pytest.param("someone else", id="a forwarded link"),
        pytest.param("unconfirmed", id="the invited address, not confirmed"),
    ],
)
def test_only_the_confirmed_invited_address_can_accept(make_shop, who):
    vendor, owner = make_shop()
    invitation = invite(vendor, owner)
    if who == "unconfirmed":
        user = UserFactory(email="karim@example.com", verified_email=False)
    else:
        user = UserFactory(email="eve@example.com")

    with pytest.raises(services.ShopActionRefused, match=r"karim@example\.com"):
        services.member_accept(token=invitation.token, user=user)
    assert not VendorMember.objects.filter(user=user).exists()


def test_a_member_of_another_shop_cannot_accept(make_shop):
    vendor, owner = make_shop()
    other, other_owner = make_shop()
    invitation = invite(vendor, owner, email=other_owner.email)

    with pytest.raises(services.ShopActionRefused, match="belongs to one shop only"):
        services.member_accept(token=invitation.token, user=other_owner)
    assert other_owner.vendor_memberships.get().vendor == other


def test_an_expired_or_withdrawn_invitation_cannot_be_accepted(make_shop):
    vendor, owner = make_shop()
    expired = invite(vendor, owner, email="karim@example.com")
    MemberInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    withdrawn = services.invitation_revoke(
        invitation=invite(vendor, owner, email="lina@example.com"), by=owner
    )

    karim = UserFactory(email="karim@example.com")
    lina = UserFactory(email="lina@example.com")
    with pytest.raises(services.ShopActionRefused, match="expired"):
        services.member_accept(token=expired.token, user=karim)
    with pytest.raises(services.ShopActionRefused, match="withdrew"):
        services.member_accept(token=withdrawn.token, user=lina)
    assert not VendorMember.objects.filter(user__in=[karim, lina]).exists()


def test_a_suspended_shops_invitation_cannot_be_accepted(make_shop):
    vendor, owner = make_shop()
    invitation = invite(vendor, owner)
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)

    with pytest.raises(services.ShopActionRefused, match="not open"):
        services.member_accept(token=invitation.token, user=UserFactory(email="karim@example.com"))


def test_the_owner_removes_staff_but_never_themselves(make_shop):
    vendor, owner = make_shop()
    karim = UserFactory()
    staff_member = VendorMember.objects.create(
        vendor=vendor, user=karim, role=VendorMember.Role.STAFF
    )

    with pytest.raises(services.ShopActionRefused, match="owner cannot be removed"):
        services.member_remove(member=owner.vendor_memberships.get(), by=owner)
    with pytest.raises(services.ShopActionRefused, match="owner"):
        services.member_remove(member=staff_member, by=karim)
    services.member_remove(member=staff_member, by=owner)

    assert list(vendor.members.values_list("user", flat=True)) == [owner.pk]
