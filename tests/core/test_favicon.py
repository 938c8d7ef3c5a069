"""Every page names its icons and each one loads, as in the Docker image (collected,
hashed static files served by whitenoise): no 404 in the browser's console."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected_static(settings, tmp_path):
    """Static files as the Dockerfile's collectstatic leaves them."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_pages_link_an_svg_icon_an_ico_and_an_apple_touch_icon_that_all_load(
    client, collected_static
):
    html = client.get("/en/").content.decode()
    hrefs = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html)

    assert "/favicon.ico" in hrefs
    assert any(re.search(r"/static/favicon\.[0-9a-f]{12}\.svg$", href) for href in hrefs)
    assert any(re.search(r"/static/apple-touch-icon\.[0-9a-f]{12}\.png$", href) for href in hrefs)
    types = {}
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200, href
        types[href.rsplit(".", 1)[-1]] = response["Content-Type"]
    assert types == {"ico": "image/x-icon", "svg": "image/svg+xml", "png": "image/png"}


def test_favicon_ico_answers_at_the_root_without_a_language_redirect(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
