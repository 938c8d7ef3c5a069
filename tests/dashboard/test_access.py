"""Who may open the dashboard: members of an approved shop, and no one else (a page
that says why, with a 403). Each section's tests try its URLs with another shop's
objects (tests/dashboard/test_<section>.py)."""

import pytest
from django.urls import reverse

from marketplace.vendors.models import Vendor

SECTIONS = ["overview", "products", "stock", "orders", "earnings", "reviews", "settings"]


@pytest.mark.parametrize("name", SECTIONS)
def test_owner_and_staff_members_open_every_section(owner_client, staff_client, name):
    for client in (owner_client, staff_client):
        response = client.get(reverse(f"dashboard:{name}"))
        assert response.status_code == 200
        assert response.context["request"].shop.slug == "atelier-fassi"


@pytest.mark.parametrize("name", SECTIONS)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(f"dashboard:{name}"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", SECTIONS)
def test_a_shopper_is_told_the_dashboard_is_for_shops(shopper_client, name):
    response = shopper_client.get(reverse(f"dashboard:{name}"))
    assert response.status_code == 403
    assert "The dashboard is for shops" in response.text
    assert reverse("vendors:apply") in response.text


@pytest.mark.parametrize(
    ("status", "title"),
    [
        (Vendor.Status.PENDING, "Your shop is waiting for approval"),
        (Vendor.Status.REJECTED, "Your application was not approved"),
        (Vendor.Status.SUSPENDED, "Your shop is suspended"),
    ],
)
@pytest.mark.parametrize("name", SECTIONS)
def test_members_of_a_shop_that_is_not_approved_are_told_why(
    shop, owner_client, status, title, name
):
    Vendor.objects.filter(pk=shop.pk).update(status=status)
    response = owner_client.get(reverse(f"dashboard:{name}"))
    assert response.status_code == 403
    assert title in response.text


def test_the_refusal_page_is_translated(shopper_client):
    response = shopper_client.get("/fr/dashboard/")
    assert response.status_code == 403
    assert 'lang="fr"' in response.text
