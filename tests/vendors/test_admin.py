"""Staff review applications in the admin: approve, or reject with a reason; both
go through the services (the applicant is e-mailed), never a bare status edit."""

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:vendors_vendor_changelist")


def test_staff_approve_an_application_and_the_applicant_is_mailed(
    staff_client, make_shop, staff, django_capture_on_commit_callbacks
):
    vendor, owner = make_shop(status=Vendor.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST, {"action": "approve", "_selected_action": [vendor.pk]}, follow=True
        )

    assert "1 shop approved." in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED and vendor.reviewed_by == staff
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_approving_an_open_shop_says_why_nothing_happened(staff_client, make_shop):
    vendor, _owner = make_shop()

    response = staff_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [vendor.pk]}, follow=True
    )

    assert "already approved" in response.content.decode()
    assert not mail.outbox


def test_rejecting_asks_for_the_reason_then_mails_it(
    staff_client, make_shop, django_capture_on_commit_callbacks
):
    vendor, owner = make_shop(status=Vendor.Status.PENDING, name="Atelier Nour")

    page = staff_client.post(CHANGELIST, {"action": "reject", "_selected_action": [vendor.pk]})
    assert page.status_code == 200
    assert "Atelier Nour" in page.content.decode() and 'name="reason"' in page.content.decode()
    assert Vendor.objects.get(pk=vendor.pk).status == Vendor.Status.PENDING

    empty = staff_client.post(
        CHANGELIST,
        {"action": "reject", "_selected_action": [vendor.pk], "apply": "yes", "reason": " "},
    )
    assert empty.status_code == 200 and empty.context["form"].errors["reason"]
    assert Vendor.objects.get(pk=vendor.pk).status == Vendor.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        done = staff_client.post(
            CHANGELIST,
            {
                "action": "reject",
                "_selected_action": [vendor.pk],
                "apply": "yes",
                "reason": "We need photos of your own work.",
            },
            follow=True,
        )

    assert "1 application rejected." in done.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.REJECTED
    assert vendor.rejection_reason == "We need photos of your own work."
    (message,) = mail.outbox
    assert message.to == [owner.email] and "We need photos of your own work." in message.body


def test_the_status_is_read_only_on_the_change_page(staff_client, make_shop):
    vendor, _owner = make_shop(status=Vendor.Status.PENDING)

    html = staff_client.get(reverse("admin:vendors_vendor_change", args=[vendor.pk])).content
    assert b'name="status"' not in html
    assert b"Pending review" in html


def test_invitations_are_listed_but_not_editable_and_hide_their_token(staff_client, make_shop):
    from marketplace.vendors import services

    vendor, owner = make_shop()
    invitation = services.member_invite(
        vendor=vendor, email="karim@example.com", invited_by=owner, language="en"
    )

    listing = staff_client.get(reverse("admin:vendors_memberinvitation_changelist"))
    assert listing.status_code == 200 and b"karim@example.com" in listing.content
    detail = staff_client.get(
        reverse("admin:vendors_memberinvitation_change", args=[invitation.pk])
    )
    assert detail.status_code == 200
    assert invitation.token.encode() not in detail.content
    assert staff_client.get(reverse("admin:vendors_memberinvitation_add")).status_code == 403


def test_the_admin_refuses_a_member_who_already_belongs_to_another_shop(staff_client, make_shop):
    """One shop per member holds in the admin's inline too: an error, not a 500."""
    vendor, _owner = make_shop()
    _other, other_owner = make_shop()
    url = reverse("admin:vendors_vendor_change", args=[vendor.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in ("logo", "banner") and value is not None
    }
    members = vendor.members.all()
    data |= {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "1",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-id": str(members[0].pk),
        "members-0-vendor": str(vendor.pk),
        "members-0-user": str(members[0].user_id),
        "members-0-role": "owner",
        "members-1-vendor": str(vendor.pk),
        "members-1-user": str(other_owner.pk),
        "members-1-role": "staff",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert not response.context["adminform"].form.errors
    assert errors[1] == {
        "__all__": ["This user already belongs to a shop: a member belongs to one shop only."]
    }
    assert other_owner.vendor_memberships.count() == 1


def test_suspending_asks_for_the_reason_mails_it_and_empties_the_storefront(
    staff_client, make_shop, make_product, client, django_capture_on_commit_callbacks
):
    vendor, owner = make_shop(name="Atelier Nour")
    product = make_product("Blue tagine", vendor=vendor)
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 200

    page = staff_client.post(CHANGELIST, {"action": "suspend", "_selected_action": [vendor.pk]})
    assert 'name="reason"' in page.text and "Atelier Nour" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            CHANGELIST,
            {
                "action": "suspend",
                "apply": "yes",
                "reason": "Commission unpaid for three months.",
                "_selected_action": [vendor.pk],
            },
        )

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED
    assert client.get(f"/en/p/{product.slug_en}/").status_code == 404
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert message.subject.endswith("Atelier Nour is suspended")
    assert "Commission unpaid for three months." in message.body


def test_only_an_open_shop_can_be_suspended(staff_client, make_shop):
    vendor, _owner = make_shop(status=Vendor.Status.PENDING)
    response = staff_client.post(
        CHANGELIST,
        {"action": "suspend", "apply": "yes", "reason": "x", "_selected_action": [vendor.pk]},
        follow=True,
    )
    assert "Only an approved shop can be suspended." in response.text
    assert Vendor.objects.get(pk=vendor.pk).status == Vendor.Status.PENDING
    assert not mail.outbox


def test_the_approval_queue_lists_pending_applications_first(staff_client, make_shop):
    make_shop(name="Aaa open shop")
    make_shop(name="Zzz applicant", status=Vendor.Status.PENDING)
    html = staff_client.get(CHANGELIST).text
    assert html.index("Zzz applicant") < html.index("Aaa open shop")


def test_the_shop_changelist_runs_a_fixed_number_of_queries(
    staff_client, make_shop, django_assert_num_queries
):
    for _n in range(5):
        make_shop()
    with django_assert_num_queries(5):
        assert staff_client.get(CHANGELIST).status_code == 200
