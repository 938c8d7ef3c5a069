"""Shops on the vendor side: applicants, owners of approved shops, staff."""

import pytest

from marketplace.vendors.models import Vendor, VendorMember
from marketplace.vendors.validators import rib_key
from tests.factories import UserFactory, VendorFactory

# A Moroccan RIB and the IBAN that holds it (the IBAN registry's example for MA).
GOOD_RIB = "011519000001205000534921"
GOOD_MA_IBAN = "MA64011519000001205000534921"


def make_rib(first_22_digits: str) -> str:
    """A RIB with the right key for its 22 first digits."""
    return f"{first_22_digits}{rib_key(first_22_digits):02d}"


def application(**overrides) -> dict:
    """What an applicant types into the /sell/ form."""
    return {
        "name": "Atelier Nour",
        "kind": Vendor.Kind.ARTISAN,
        "region": "Fès-Meknès",
        "city": "Fès",
        "story": "We weave wool rugs by hand in the medina.",
        "contact_phone": "+212 6 12 34 56 78",
        "payout_holder": "Nadia Alaoui",
        "payout_account": "0115 1900 0001 2050 0053 4921",
        "accept_terms": "on",
        **overrides,
    }


@pytest.fixture
def applicant(db):
    """A shopper with a confirmed address who wants to sell; French is her language."""
    return UserFactory(email="nadia@example.com", full_name="Nadia Alaoui", preferred_language="fr")


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def make_shop(db):
    """make_shop(status=..., owner_language=...) -> (vendor, owner): a shop with its
    owner (a user with a confirmed address)."""

    def make(*, status=Vendor.Status.APPROVED, owner_language="en", **fields):
        vendor = VendorFactory(status=status, **fields)
        owner = UserFactory(full_name=f"Owner of {vendor.name}", preferred_language=owner_language)
        VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMember.Role.OWNER)
        return vendor, owner

    return make
