"""Absolute URLs come from the configured origin (SITE_URL), never from the request:
a hostile Host header or X-Forwarded-Proto cannot get into a page, least of all
into a fragment that the cache then serves to every visitor."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductImage
from marketplace.core.origin import absolute_url, rebase_url
from tests.core.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://souk.example"
HOSTILE = {"host": "127.0.0.1:1", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example"}


def test_absolute_url_is_on_the_configured_origin(settings):
    settings.SITE_URL = SITE_URL
    assert absolute_url("/en/p/tagine/") == "https://souk.example/en/p/tagine/"
    assert absolute_url("media/a.webp") == "https://souk.example/media/a.webp"
    # Photos already on a CDN or a bucket keep their own origin.
    assert absolute_url("https://cdn.example/a.webp") == "https://cdn.example/a.webp"
    assert absolute_url("//cdn.example/a.webp") == "https://cdn.example/a.webp"


def test_rebased_links_keep_their_path_on_our_origin_whatever_host_they_name(settings):
    settings.SITE_URL = SITE_URL
    assert rebase_url("http://127.0.0.1:1/fr/a/?b=1#c") == "https://souk.example/fr/a/?b=1#c"
    assert rebase_url("http://x//evil.example/") == "https://souk.example//evil.example/"


def urls_in(html: str) -> set[str]:
    return set(re.findall(r"""https?://[^\s"'<>\\]+""", html))


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [False, True])
def test_a_hostile_host_never_reaches_the_product_page_or_its_cached_fragment(
    client, settings, make_product, behind_proxy
):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # the port is not checked: 127.0.0.1:1 passes
    settings.FRAGMENT_CACHE_SECONDS = 300
    if behind_proxy:  # USE_X_FORWARDED_PROTO=true: Django believes the header
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    product = make_product("Blue tagine")
    ProductImage.objects.create(
        product=product, image="products/blue.jpg", width=800, height=600, is_main=True
    )

    with CaptureQueriesContext(connection) as first:
        poisoned = client.get(product.get_absolute_url(), headers=HOSTILE)
    with CaptureQueriesContext(connection) as second:
        later = client.get(product.get_absolute_url(), headers={"host": "127.0.0.1"})
    assert len(second) < len(first)  # the body came from the shared fragment cache

    for response in (poisoned, later):
        assert response.status_code == 200
        html = response.content.decode()
        foreign = {
            url
            for url in urls_in(html)
            if not url.startswith((f"{SITE_URL}/", "https://schema.org", "http://schema.org"))
        }
        assert not foreign, foreign
        assert "127.0.0.1" not in html and "evil.example" not in html
        assert f'<link rel="canonical" href="{SITE_URL}{product.get_absolute_url()}">' in html
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )
        assert data["offers"]["url"] == f"{SITE_URL}{product.get_absolute_url()}"
        assert data["image"] == [f"{SITE_URL}/media/products/blue.jpg"]
        # Photos in the page itself stay relative (served by whoever serves the page).
        assert 'src="/media/products/blue.jpg"' in html


SECRET = "x7Hq2pLk9Vw4Zr8Nt6Yb3Mc5Jd1Fg0SaQeRtYuIoPaSdFgHjKlZxCvBnM"


def site_url(**env: str) -> subprocess.CompletedProcess:
    return run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SITE_URL)",
        **env,
    )


def test_site_url_defaults_to_the_development_server_in_debug():
    result = site_url(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8000"


def test_site_url_in_production_is_https_on_the_first_allowed_host():
    result = site_url(
        DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS="souk.example,www.souk.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://souk.example"


def test_site_url_is_taken_as_set_once_trailing_slash_removed():
    result = site_url(
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="a.example",
        SITE_URL="https://Souk.Example:8443/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://souk.example:8443"


@pytest.mark.parametrize(
    "value",
    [
        "souk.example",
        "ftp://souk.example",
        "https://souk.example/shop",
        "https://",
        "https://a.example?x=1",
        "https://user@souk.example",
        "https://souk.example:99999",
    ],
)
def test_a_site_url_that_is_not_an_origin_stops_the_start(value):
    result = site_url(
        DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS="souk.example", SITE_URL=value
    )
    assert result.returncode != 0
    assert "SITE_URL must be an origin" in result.stderr


def test_production_without_a_usable_host_asks_for_site_url():
    result = site_url(DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS=".souk.example")
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_django_trusts_x_forwarded_proto_only_when_told_to():
    code = (
        "from django.conf import settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    env = {"DEBUG": "false", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "souk.example"}
    assert run_manage("shell", "-c", code, **env).stdout.strip().endswith("None")
    trusted = run_manage("shell", "-c", code, USE_X_FORWARDED_PROTO="true", **env)
    assert trusted.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')")


def test_gunicorn_in_the_image_trusts_forwarded_headers_from_configured_proxies_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--forwarded-allow-ips" not in dockerfile  # gunicorn reads FORWARDED_ALLOW_IPS
    assert re.search(r"^ENV FORWARDED_ALLOW_IPS=127\.0\.0\.1$", dockerfile, re.M)
    command = dockerfile[dockerfile.index("\nCMD ") :]
    assert "*" not in command
