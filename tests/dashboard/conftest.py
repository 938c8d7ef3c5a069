"""Dashboard fixtures: `shop` (approved, from tests/conftest.py) run by `owner`
and `shop_staff`, and `other_shop` with its own owner, whose objects every
dashboard URL must answer with a 404 to `shop`'s members."""

import pytest
from django.test import Client

from marketplace.vendors.models import VendorMember
from tests.factories import UserFactory


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner(shop):
    user = UserFactory(email="owner@atelier-fassi.example", full_name="Youssef Fassi")
    VendorMember.objects.create(vendor=shop, user=user, role=VendorMember.Role.OWNER)
    return user


@pytest.fixture
def shop_staff(shop):
    user = UserFactory(email="staff@atelier-fassi.example", full_name="Salma Berrada")
    VendorMember.objects.create(vendor=shop, user=user, role=VendorMember.Role.STAFF)
    return user


@pytest.fixture
def other_owner(other_shop):
    user = UserFactory(email="owner@tafraout.example", full_name="Fatima Ait")
    VendorMember.objects.create(vendor=other_shop, user=user, role=VendorMember.Role.OWNER)
    return user


@pytest.fixture
def owner_client(owner) -> Client:
    return signed_in(owner)


@pytest.fixture
def staff_client(shop_staff) -> Client:
    return signed_in(shop_staff)


@pytest.fixture
def shopper_client(db) -> Client:
    return signed_in(UserFactory(email="shopper@example.com"))
