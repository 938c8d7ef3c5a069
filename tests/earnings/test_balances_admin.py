"""Staff pay the shops from the balances due: every shop Souk owes, summed from its
ledger, paid its whole balance in one action, and exported for the bank."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.earnings.models import Payout
from marketplace.earnings.selectors import shop_balance
from marketplace.orders.models import Order
from tests.earnings.orders import *  # noqa: F403
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:earnings_shopbalance_changelist")


@pytest.fixture
def boss_client(client):
    client.force_login(UserFactory(email="boss@souk.local", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def balances(place, deliver, shop, other_shop, settings):
    """A delivered card order: Atelier Fassi is owed 275 - 24 = 251.00, Coopérative
    Tafraout 900 - 90 = 810.00 (10 % on the items). Then a delivered cash order of
    Atelier Fassi's alone: it kept 275 and owes the 24 commission (251 - 24 = 227)."""
    settings.PLATFORM_COMMISSION_RATE = Decimal("10.00")
    shop.payout_holder, shop.payout_account = "Atelier Fassi SARL", "011519000001205000534921"
    shop.save()
    deliver(place(Order.Method.CARD))
    return shop, other_shop


def test_the_shops_souk_owes_are_listed_largest_first(boss_client, balances):
    shop, other_shop = balances
    html = boss_client.get(URL).text
    assert html.index(other_shop.name) < html.index(shop.name)
    assert "810.00" in html and "251.00" in html
    assert "0115 **** **** **** **** 4921" in html or "4921" in html  # masked on screen


def test_paying_records_each_whole_balance_with_the_reference(boss_client, balances):
    shop, other_shop = balances
    page = boss_client.post(URL, {"action": "pay", "_selected_action": [shop.pk, other_shop.pk]})
    assert 'name="reference"' in page.text and 'name="paid_on"' in page.text

    response = boss_client.post(
        URL,
        {
            "action": "pay",
            "apply": "yes",
            "reference": "VIR-2026-11",
            "paid_on": "2026-11-30",
            "_selected_action": [shop.pk, other_shop.pk],
        },
        follow=True,
    )

    assert "2 payouts recorded" in response.text
    assert shop_balance(vendor=shop) == Decimal("0.00")
    assert shop_balance(vendor=other_shop) == Decimal("0.00")
    assert set(Payout.objects.values_list("reference", "amount")) == {
        (f"VIR-2026-11-{shop.slug}", Decimal("251.00")),
        (f"VIR-2026-11-{other_shop.slug}", Decimal("810.00")),
    }
    assert shop.name not in boss_client.get(URL).text  # nothing owed any more


def test_the_bank_file_has_the_full_account_and_amount(boss_client, balances):
    shop, _other = balances
    response = boss_client.post(
        URL, {"action": "export_for_the_bank", "_selected_action": [shop.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == "Atelier Fassi,Atelier Fassi SARL,011519000001205000534921,251.00"


def test_a_shop_that_owes_souk_is_listed_apart_and_never_paid(
    boss_client, place, deliver, user, tagine, settings
):
    settings.PLATFORM_COMMISSION_RATE = Decimal("10.00")
    order = deliver(place(Order.Method.CASH_ON_DELIVERY, lines={tagine: 2}))
    shop = order.shop_orders.get().vendor
    assert shop_balance(vendor=shop) == Decimal("-24.00")
    assert shop.name not in boss_client.get(URL).text
    assert "-24.00" in boss_client.get(URL, {"balance": "owes"}).text
    boss_client.post(
        URL,
        {
            "action": "pay",
            "apply": "yes",
            "reference": "VIR-X",
            "paid_on": "2026-11-30",
            "balance": "all",
            "_selected_action": [shop.pk],
        },
    )
    assert not Payout.objects.exists()


def test_staff_without_the_payout_permission_cannot_pay_or_export(client, balances):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_shopbalance"))
    client.force_login(viewer)
    actions = client.get(URL).context["action_form"]
    assert actions is None or not {"pay", "export_for_the_bank"} & {
        name for name, _label in actions.fields["action"].choices
    }
