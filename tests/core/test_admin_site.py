"""The admin as staff meet it, in every language: reachable by staff only, each
section named once, each status word translated to itself."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.catalog.models import Product
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss@souk.local", "x-Pass-9876"))
    return client


def test_a_signed_in_shopper_cannot_reach_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_each_product_status_reads_differently_in_every_language(language):
    with translation.override(language):
        labels = [str(label) for _value, label in Product.Status.choices]
    assert len(set(labels)) == len(labels), labels


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_admin_index_names_each_section_once(superuser_client, language):
    with translation.override(language):
        html = superuser_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language).text
    import re

    captions = re.findall(r'<caption>\s*<a[^>]*class="section"[^>]*>([^<]+)</a>', html)
    assert captions and len(captions) == len(set(captions)), captions
