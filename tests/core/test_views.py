"""Home page, languages, security headers, health check and error pages."""

import json
import re

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_follows_the_language_cookie_once_the_user_chose(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/", headers={"accept-language": "fr"})
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize(
    ("lang", "direction", "heading"),
    [
        ("en", "ltr", "Handmade in Morocco, delivered to your door"),
        ("fr", "ltr", "Fait main au Maroc, livré chez vous"),
        ("ar", "rtl", "صنع يدوي في المغرب، يصلك إلى باب بيتك"),
    ],
)
def test_home_page_renders_in_each_language(client, lang, direction, heading):
    response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert heading in html


def test_arabic_pages_use_the_rtl_stylesheet(client):
    assert "bootstrap.rtl.min.css" in client.get("/ar/").content.decode()
    assert "bootstrap.rtl.min.css" not in client.get("/en/").content.decode()


def test_language_switcher_keeps_the_user_on_the_same_page(client):
    login_path = reverse("account_login")  # /en/accounts/login/
    html = client.get(login_path).content.decode()
    assert f'name="next" value="{login_path}"' in html
    for code in ("en", "fr", "ar"):
        assert f'name="language" value="{code}"' in html
    response = client.post(
        "/en/i18n/setlang/",
        {"language": "fr", "next": login_path},
        headers={"accept-language": "ar"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/login/"
    assert response.cookies["django_language"].value == "fr"


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "<script>" not in response.content.decode()  # no inline script


def test_htmx_requests_send_the_csrf_token(client):
    html = client.get("/en/").content.decode()
    match = re.search(r"<body hx-headers='(.*?)'>", html)
    assert match and json.loads(match.group(1))["X-CSRFToken"]


def test_every_response_carries_a_request_id(client):
    response = client.get("/en/", headers={"x-request-id": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    generated = client.get("/en/", headers={"x-request-id": "bad id; drop table"})["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)


def test_health_reports_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 9 (discard): the cache is down.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    },
    SESSION_ENGINE="django.contrib.sessions.backends.db",
)
def test_health_is_503_when_the_cache_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("ar", "الصفحة غير موجودة")],
)
def test_404_page_is_in_the_site_look_and_language(client, lang, text):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'id="main"' in html


def test_500_page_is_in_the_site_look(client):
    from django.test import RequestFactory

    from marketplace.core.views import server_error

    request = RequestFactory().get("/en/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_csrf_failure_is_a_friendly_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("account_login"), {"login": "a@b.c", "password": "x"})
    assert response.status_code == 403
    assert "security token" in response.content.decode()


def test_messages_reach_htmx_responses_out_of_band():
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    from marketplace.core.middleware import HtmxMessagesMiddleware

    request = RequestFactory().get("/en/", headers={"hx-request": "true"})
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    messages.success(request, "Added to your cart.")
    response = HtmxMessagesMiddleware(lambda r: HttpResponse("<p>fragment</p>"))(request)
    html = response.content.decode()
    assert html.startswith("<p>fragment</p>")
    # Only what is inside the page's live region is replaced: the region itself stays.
    assert '<div id="messages" hx-swap-oob="innerHTML">' in html
    assert "aria-live" not in html
    assert "Added to your cart." in html


def test_every_page_has_a_stable_live_region_for_messages(client):
    """Screen readers hear the messages an htmx response brings: #messages is a live
    region on the page from the start."""
    html = client.get("/en/").content.decode()
    assert '<div id="messages" aria-live="polite">' in html
