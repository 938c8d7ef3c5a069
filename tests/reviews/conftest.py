"""Reviews need a delivered purchase (see helpers.py). `tagine` is Atelier Fassi's
product (the shop of tests/dashboard); `buyer` is Amina Idrissi."""

import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def tagine(make_product):
    return make_product("Blue tagine", name_fr="Tajine bleu", price="120", variants=[{"stock": 50}])


@pytest.fixture
def buyer(user):
    return user  # Amina Idrissi


@pytest.fixture
def buyer_client(buyer) -> Client:
    client = Client()
    client.force_login(buyer)
    return client


@pytest.fixture
def make_buyer(db):
    def make(name: str = "Karim Alaoui"):
        return UserFactory(full_name=name)

    return make
