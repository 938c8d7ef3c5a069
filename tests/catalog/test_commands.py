"""seed_demo's staff account: what a new developer signs in with after `make run`."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
@pytest.mark.slow
def test_seed_demo_prints_the_admin_credentials_once_and_is_idempotent():
    first = StringIO()
    call_command("seed_demo", stdout=first)
    assert "password:" in first.getvalue()
    admin = get_user_model().objects.get(is_superuser=True)
    assert admin.is_staff and admin.has_verified_email()

    second = StringIO()
    call_command("seed_demo", stdout=second)
    assert "password:" not in second.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_seed_demo_lives_next_to_the_demo_data_in_catalog():
    from django.core.management import get_commands

    assert get_commands()["seed_demo"] == "marketplace.catalog"
