"""The error pages render with the database unreachable.

No `django_db` mark here: pytest-django refuses every database access in these tests,
as an unreachable database would (connecting raises)."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.db import close_old_connections, connection
from django.test import RequestFactory

from marketplace.core import views
from marketplace.core.handlers import SoukWSGIHandler, SoukWSGIRequest
from tests.core.test_error_pages import SECURITY_HEADERS, request_that_must_not_be_read


def test_the_database_is_unreachable_here():
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.cursor()


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (views.server_error, 500, "Something went wrong"),
        (lambda r: views.bad_request(r, None), 400, "Bad request"),
        (lambda r: views.permission_denied(r, None), 403, "Access denied"),
        (lambda r: views.csrf_failure(r, "no token"), 403, "Your session expired"),
    ],
)
def test_error_pages_render_with_the_database_down_and_the_request_unreadable(
    handler, status, text
):
    response = handler(request_that_must_not_be_read())
    assert response.status_code == status
    assert text in response.content.decode()


def test_the_500_page_in_arabic_is_right_to_left():
    from django.utils import translation

    with translation.override("ar"):
        response = views.server_error(RequestFactory().get("/ar/"))
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html


def wsgi_environ(path: str, query: str, content_type: str) -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": content_type,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    return environ


def wsgi_get(path: str, query: str, content_type: str) -> tuple[str, dict, str]:
    """A GET through the WSGI handler gunicorn runs (the test client builds Django's
    own request class, which raises before any of our code can answer)."""
    environ = wsgi_environ(path, query, content_type)
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    # As the test client does: no connection handling around this request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(SoukWSGIHandler()(environ, start_response)).decode()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "undefined", "idna"])
def test_a_charset_that_cannot_be_decoded_is_a_400(charset):
    status, headers, body = wsgi_get("/fr/products/", "q=tajine", f"text/plain; charset={charset}")
    assert status.startswith("400")
    assert all(headers[name] == value for name, value in SECURITY_HEADERS.items())
    assert '<html lang="fr" dir="ltr">' in body and "Requête incorrecte" in body


@pytest.mark.parametrize(
    ("charset", "refused"), [("rot13", True), ("klingon", False), ("latin-1", False)]
)
def test_the_request_reads_utf_8_when_the_charset_cannot_decode(charset, refused):
    """Building the request never raises; a charset Python does not know is ignored
    as Django always did, one that cannot decode is noted for the 400."""
    request = SoukWSGIRequest(wsgi_environ("/en/", "q=caf%C3%A9", f"text/plain; charset={charset}"))
    assert (request.undecodable_charset == charset) is refused
    if charset != "latin-1":
        assert request.GET["q"] == "café"


def test_the_production_entry_point_uses_this_handler():
    from marketplace.wsgi import application

    assert isinstance(application, SoukWSGIHandler)
