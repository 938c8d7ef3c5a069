"""Staff record payouts in the admin (the shop picked by autocomplete, who recorded
it set by itself); the ledger is there to read, never to edit."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.earnings.models import LedgerEntry, Payout
from marketplace.earnings.selectors import shop_balance
from marketplace.earnings.services import ledger_record_refund, payout_record
from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("finance@souk.local", "x-Pass-9876")
    client.force_login(admin)
    client.admin = admin
    return client


def payout_form(shop, amount="200.00", reference="VIR-2026-0042") -> dict:
    return {
        "vendor": shop.pk,
        "amount": amount,
        "reference": reference,
        "paid_on": timezone.localdate().isoformat(),
        "note": "Monthly transfer",
    }


def test_staff_record_a_payout_and_are_named_as_who_recorded_it(admin_client, place, deliver, shop):
    deliver(place(Order.Method.CARD))  # Atelier Fassi is owed 251.00

    response = admin_client.post(reverse("admin:earnings_payout_add"), payout_form(shop))

    assert response.status_code == 302
    payout = Payout.objects.get()
    assert payout.recorded_by == admin_client.admin and payout.amount == Decimal("200.00")
    assert payout.ledger_entry.amount == Decimal("-200.00")
    assert shop_balance(vendor=shop) == Decimal("51.00")


def test_a_payout_above_the_balance_is_refused_with_the_reason(admin_client, place, deliver, shop):
    deliver(place(Order.Method.CARD))

    response = admin_client.post(
        reverse("admin:earnings_payout_add"), payout_form(shop, amount="251.01")
    )

    assert response.status_code == 200
    assert "is owed 251.00" in response.text
    assert not Payout.objects.exists()


def test_a_payout_sent_twice_is_recorded_once(admin_client, place, deliver, shop):
    deliver(place(Order.Method.CARD))
    admin_client.post(reverse("admin:earnings_payout_add"), payout_form(shop, amount="10.00"))

    again = admin_client.post(
        reverse("admin:earnings_payout_add"), payout_form(shop, amount="10.00")
    )

    assert "already recorded" in again.text
    assert Payout.objects.count() == 1


def test_the_shop_is_picked_by_autocomplete(admin_client, shop):
    response = admin_client.get(reverse("admin:earnings_payout_add"))
    assert response.status_code == 200
    assert "admin-autocomplete" in response.text
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "earnings", "model_name": "payout", "field_name": "vendor", "term": "Fassi"},
    )
    assert [r["text"] for r in found.json()["results"]] == ["Atelier Fassi"]


def test_payouts_and_ledger_rows_cannot_be_changed_or_deleted(admin_client, place, deliver, shop):
    deliver(place(Order.Method.CARD))
    admin_client.post(reverse("admin:earnings_payout_add"), payout_form(shop, amount="10.00"))
    payout, entry = Payout.objects.get(), LedgerEntry.objects.filter(vendor=shop).first()

    for name, obj in (("payout", payout), ("ledgerentry", entry)):
        page = admin_client.get(reverse(f"admin:earnings_{name}_change", args=[obj.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.text
        delete = admin_client.post(reverse(f"admin:earnings_{name}_delete", args=[obj.pk]))
        assert delete.status_code == 403
    assert admin_client.get(reverse("admin:earnings_ledgerentry_add")).status_code == 403
    listing = admin_client.get(reverse("admin:earnings_ledgerentry_changelist"), {"kind": "sale"})
    assert listing.status_code == 200 and "275.00" in listing.text


def test_the_earnings_changelists_do_not_grow_with_their_rows(
    admin_client, place, deliver, shop, other_shop
):
    def sell(reference: str) -> None:
        order = deliver(place(Order.Method.CARD))
        ledger_record_refund(order=order, amount=Decimal("10.00"))
        for vendor in (shop, other_shop):
            payout_record(
                vendor=vendor,
                amount=Decimal("1.00"),
                reference=reference,
                paid_on=timezone.localdate(),
                recorded_by=admin_client.admin,
            )

    def counts() -> dict[str, int]:
        out = {}
        for name in ("payout", "ledgerentry", "buyerrefund"):
            with CaptureQueriesContext(connection) as captured:
                response = admin_client.get(reverse(f"admin:earnings_{name}_changelist"))
            assert response.status_code == 200
            out[name] = len(captured)
        return out

    sell("VIR-1")
    few = counts()
    for n in range(2, 5):
        sell(f"VIR-{n}")
    assert counts() == few
