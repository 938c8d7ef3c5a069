"""Staff work through two groups made by a data migration: Moderators look after
shops, products and reviews; Support after orders and refunds. Neither can do the
other's work, and no one outside the staff reaches the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from marketplace.analytics.staff_groups import MODERATORS, SUPPORT
from marketplace.orders.models import Order
from marketplace.vendors.models import Vendor
from tests.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


def member_of(client, group: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def actions_on(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["action_form"]
    if form is None:  # no action at all
        return set()
    return {name for name, _label in form.fields["action"].choices if name}


def test_the_migration_made_both_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {MODERATORS, SUPPORT}


def test_a_moderator_approves_shops_and_hides_products_but_cannot_refund_or_cancel(
    client, make_product
):
    member_of(client, MODERATORS)
    assert {"approve", "reject", "suspend"} <= actions_on(
        client, reverse("admin:vendors_vendor_changelist")
    )
    assert {"hide", "unhide"} <= actions_on(client, reverse("admin:catalog_product_changelist"))
    assert {"hide", "restore"} <= actions_on(client, reverse("admin:reviews_review_changelist"))
    assert client.get(reverse("admin:orders_order_changelist")).status_code == 403
    assert client.get(reverse("admin:payments_payment_changelist")).status_code == 403


def test_support_cancels_and_refunds_orders_but_cannot_approve_shops(client, buy, user):
    buy(user=user)
    member_of(client, SUPPORT)
    assert {"cancel", "refund"} <= actions_on(client, reverse("admin:orders_order_changelist"))
    assert "refund_in_full" in actions_on(client, reverse("admin:payments_payment_changelist"))
    shop_actions = actions_on(client, reverse("admin:vendors_vendor_changelist"))
    assert not shop_actions & {"approve", "reject", "suspend"}
    assert not actions_on(client, reverse("admin:catalog_product_changelist")) & {"hide"}
    assert client.get(reverse("admin:reviews_review_changelist")).status_code == 403


def test_support_posting_an_approval_anyway_changes_nothing(client):
    shop = VendorFactory(status=Vendor.Status.PENDING)
    member_of(client, SUPPORT)
    client.post(
        reverse("admin:vendors_vendor_changelist"),
        {"action": "approve", "_selected_action": [shop.pk]},
    )
    shop.refresh_from_db()
    assert shop.status == Vendor.Status.PENDING


def test_a_shopper_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())
    for url in (reverse("admin:index"), reverse("admin:orders_order_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Order.objects.count() == 0
