"""Management commands a new developer relies on."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
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


def test_collectstatic_with_the_production_storage(tmp_path):
    """The Dockerfile's collectstatic must succeed: every file a stylesheet or script
    refers to (source maps included) is there, and names get a content hash."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "false",
            "SECRET_KEY": "collectstatic-test",
            "ALLOWED_HOSTS": "localhost",
            "STATIC_ROOT": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "vendor" / "htmx").glob("htmx.min.*.js"))
