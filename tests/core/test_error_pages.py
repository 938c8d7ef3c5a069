"""The 400, 403 and 500 pages render whatever broke: without the database and without
reading the request's data; unreadable input (too many parameters, a charset that
cannot be decoded, NUL characters) is a 400 in the visitor's language, with the
headers every page carries."""

import pytest
from django.http import QueryDict
from django.test import Client, RequestFactory
from django.urls import reverse

from marketplace.core import views

pytestmark = pytest.mark.django_db

TOO_MANY = "&".join(["a"] * 1001)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_static_400(response, *, lang="en", text="Bad request") -> str:
    assert response.status_code == 400
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value, header
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Request-ID"]
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{lang}"' in html
    return html


@pytest.mark.parametrize(
    "path", ["/en/", "/en/products/", "/en/c/pottery/", "/en/cart/", "/en/no-such-page/"]
)
def test_more_than_1000_query_parameters_is_a_400_with_the_pages_headers(client, path):
    assert_static_400(client.get(f"{path}?{TOO_MANY}"))


def test_more_than_1000_form_fields_on_a_cart_post_is_a_400(client):
    response = client.post(
        reverse("cart:add"), TOO_MANY, content_type="application/x-www-form-urlencoded"
    )
    assert_static_400(response)


@pytest.mark.parametrize(
    ("lang", "direction", "text"),
    [("en", "ltr", "Bad request"), ("fr", "ltr", "Requête incorrecte"), ("ar", "rtl", None)],
)
def test_the_400_page_is_static_translated_and_rtl_in_arabic(client, lang, direction, text):
    from django.utils import translation

    with translation.override(lang):
        text = text or translation.gettext("Bad request")
    html = assert_static_400(client.get(f"/{lang}/products/?{TOO_MANY}"), lang=lang, text=text)
    assert f'dir="{direction}"' in html
    assert ("bootstrap.rtl.min.css" in html) == (lang == "ar")
    assert "css/souk.css" in html
    # A static search form and static links: nothing from the request is echoed back.
    assert f'action="/{lang}/products/" method="get"' in html
    assert f'href="/{lang}/"' in html
    assert 'value="' not in html  # no search text, no CSRF token, no `next`


@pytest.mark.parametrize(
    "path",
    [
        "/en/p/%00/",
        "/ar/p/%00/",
        "/en/c/%00/",
        "/en/shops/%00/",
        "/en/products/?option=size:%00&option=size:M",
        "/fr/c/pottery/?q=%00",
        "/en/shops/atelier/?option=colour:%00",
        "/en/cart/?%00=1",
    ],
)
def test_a_nul_character_anywhere_in_the_address_is_a_400(client, path):
    lang = path[1:3]
    assert_static_400(client.get(path), lang=lang, text="<h1>")
    assert_static_400(client.get(path, headers={"hx-request": "true"}), lang=lang, text="<h1>")


def test_a_nul_character_in_a_form_or_a_cookie_is_a_400(client):
    assert_static_400(client.post(reverse("cart:add"), {"variant": "1\x00", "quantity": "1"}))
    assert_static_400(client.post(reverse("cart:update"), {"variant\x00": "1"}))
    cookied = Client()
    cookied.cookies["sessionid"] = "\x00" * 32
    assert_static_400(cookied.get("/en/"))


def test_a_broken_multipart_body_is_a_400(client):
    response = client.generic(
        "POST", reverse("cart:add"), b"--x\r\n", content_type="multipart/form-data; boundary="
    )
    assert_static_400(response)


class ExplodingQuery(QueryDict):
    """A query string that fails when read, as one of 1,001 parameters does."""

    def _explode(self, *args, **kwargs):
        raise AssertionError("the error page read the request's data")

    __getitem__ = __contains__ = __iter__ = __len__ = _explode
    get = getlist = lists = items = keys = values = urlencode = _explode


def request_that_must_not_be_read(path="/en/products/?q=x"):
    request = RequestFactory().get(path)
    request.GET = request.POST = ExplodingQuery()
    return request


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (views.server_error, 500, "Something went wrong"),
        (lambda r: views.bad_request(r, None), 400, "Bad request"),
        (lambda r: views.permission_denied(r, None), 403, "Access denied"),
        (lambda r: views.csrf_failure(r, "no token"), 403, "Your session expired"),
    ],
)
def test_error_pages_render_without_the_database_or_the_request(
    django_assert_num_queries, handler, status, text
):
    with django_assert_num_queries(0):
        response = handler(request_that_must_not_be_read())
    assert response.status_code == status
    html = response.content.decode()
    assert text in html and "Souk" in html
    assert 'action="/en/products/"' in html


def test_the_404_page_keeps_the_site_layout(client):
    html = client.get("/en/no-such-page/?q=rug").content.decode()
    assert 'id="cart-link"' in html and 'value="rug"' in html
