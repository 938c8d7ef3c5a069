import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when `condition` is false, but fail under CI, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever the previous one activated."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached sessions live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres"):
        need(
            connection.vendor == "postgresql",
            "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test",
        )


@pytest.fixture
def password() -> str:
    return "a-Strong-pass-1234"


@pytest.fixture
def user(django_user_model, password):
    user = django_user_model.objects.create_user(
        "amina@example.com", password, full_name="Amina Idrissi"
    )
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user
