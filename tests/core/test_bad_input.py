"""The bad-input corpus: hostile requests against every storefront and cart endpoint,
as an anonymous visitor and signed in, with and without htmx.

Whatever arrives, the rules hold:
- no answer is a 5xx (the test client re-raises any exception a view lets out);
- nothing a request does changes the catalogue (products, variants, shops, categories);
- a refused request (4xx) and every GET leave the cart, the wishlist and the session
  cart as they were;
- a redirect stays on the site, and a hostile Host never shows in the answer;
- input that cannot be read safely (NUL, too many fields, an undecodable charset,
  a broken body, a host not allowed) is a 400, wherever it is sent.

It runs on SQLite and on PostgreSQL (DATABASE_URL), where NUL characters and
out-of-range numbers would reach the database.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.utils import translation

from marketplace.cart.models import Cart, CartLine, WishlistItem
from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.core.handlers import SoukWSGIRequest
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db


# --- what is sent --------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # {lang}, {product}, {category}, {shop}, {product_id} are filled in
    data: dict = field(default_factory=dict)  # a valid form: {variant}, {other} filled in
    query: str = ""
    slug: str | None = None  # the path's slug, which some cases replace
    takes_id: bool = False


ENDPOINTS = [
    Endpoint("root", "GET", "/"),
    Endpoint("home", "GET", "/{lang}/"),
    Endpoint("list", "GET", "/{lang}/products/"),
    Endpoint("search", "GET", "/{lang}/products/", query="q=tagine&sort=relevance"),
    Endpoint("category", "GET", "/{lang}/c/{category}/", slug="category"),
    Endpoint("product", "GET", "/{lang}/p/{product}/", slug="product"),
    Endpoint("shop", "GET", "/{lang}/shops/{shop}/", slug="shop"),
    Endpoint("cart", "GET", "/{lang}/cart/"),
    Endpoint("wishlist", "GET", "/{lang}/wishlist/"),
    Endpoint("wishlist-add-page", "GET", "/{lang}/wishlist/add/{product_id}/", takes_id=True),
    Endpoint("reviews", "GET", "/{lang}/products/{product_id}/reviews/", takes_id=True),
    Endpoint(
        "cart-add",
        "POST",
        "/{lang}/cart/add/",
        {"variant": "{variant}", "quantity": "1", "next": "/{lang}/products/"},
    ),
    Endpoint(
        "cart-update", "POST", "/{lang}/cart/update/", {"variant": "{variant}", "quantity": "2"}
    ),
    Endpoint("cart-remove", "POST", "/{lang}/cart/remove/", {"variant": "{other}"}),
    Endpoint(
        "wishlist-toggle",
        "POST",
        "/{lang}/wishlist/{product_id}/toggle/",
        {"next": "/{lang}/"},
        takes_id=True,
    ),
    Endpoint(
        "wishlist-add",
        "POST",
        "/{lang}/wishlist/add/{product_id}/",
        {"next": "/{lang}/"},
        takes_id=True,
    ),
    Endpoint("cart-clear", "POST", "/{lang}/cart/clear/"),  # last: it empties the cart
]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: str = ""
    data: dict | str | bytes | None = None  # a dict is sent url-encoded, as browsers do
    content_type: str | None = None
    headers: dict = field(default_factory=dict)

    def add_query(self, extra: str) -> "Request":
        return replace(self, query=f"{self.query}&{extra}" if self.query else extra)

    def add_fields(self, **fields) -> "Request":
        """Into the form of a POST, into the query string of a GET."""
        if self.method == "GET":
            return self.add_query(urlencode(fields, doseq=True))
        return replace(self, data={**(self.data or {}), **fields})

    def map_fields(self, change: Callable[[str], str]) -> "Request":
        if self.method == "GET" or not self.data:
            return self
        return replace(self, data={key: change(value) for key, value in self.data.items()})


def base_request(endpoint: Endpoint, ids: dict, lang: str = "en") -> Request:
    values = {**ids, "lang": lang, "product": ids["slugs"][lang]}
    return Request(
        endpoint.method,
        endpoint.path.format(**values),
        endpoint.query,
        {key: value.format(**values) for key, value in endpoint.data.items()},
    )


def with_slug(endpoint: Endpoint, ids: dict, slug: str, lang: str = "en") -> Request | None:
    """The endpoint's path with its slug (or product id) replaced; None if it has none."""
    if endpoint.slug:
        return base_request(endpoint, {**ids, endpoint.slug: slug, "slugs": {lang: slug}}, lang)
    return None


def with_id(endpoint: Endpoint, ids: dict, product_id: str) -> Request | None:
    if endpoint.takes_id:
        return base_request(endpoint, {**ids, "product_id": product_id})
    return None


def with_body(endpoint: Endpoint, ids: dict, body: str | bytes, content_type: str) -> Request:
    request = base_request(endpoint, ids)
    if request.method == "GET":
        text = body.decode("latin-1") if isinstance(body, bytes) else body
        return replace(request, query=text, content_type=content_type)
    return replace(request, data=body, content_type=content_type)


NUL = "\x00"
TOO_MANY = "&".join(["a"] * 1001)
OFF_SITE = "evil.example"
HOSTILE_HOST = "127.0.0.1:1"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Endpoint, dict], Request | None]
    refused: bool = False  # must be a 400: input that cannot be read safely
    body_must_not_contain: tuple[str, ...] = ()
    marks: tuple = ()


CASES = [
    # NUL characters: PostgreSQL refuses them in text (DataError).
    Case(
        "nul-in-path",
        lambda e, i: (
            with_slug(e, i, "%00")
            or replace(base_request(e, i), path=base_request(e, i).path + "%00")
        ),
        refused=True,
    ),
    Case(
        "nul-in-arabic-path",
        lambda e, i: (
            with_slug(e, i, quote("طاجين") + "%00", "ar")
            or replace(base_request(e, i, "ar"), path=base_request(e, i, "ar").path + "%00")
        ),
        refused=True,
    ),
    Case(
        "nul-in-query",
        lambda e, i: base_request(e, i).add_query(
            "q=%00&option=size%3A%00&option=size%3AM&category=%00&vendor=%00&page=%00&variant=%00"
        ),
        refused=True,
    ),
    Case(
        "nul-in-form",
        lambda e, i: (
            base_request(e, i)
            .map_fields(lambda value: value + NUL)
            .add_fields(option=f"size:{NUL}", next=f"/en/{NUL}")
        ),
        refused=True,
    ),
    Case(
        "nul-in-field-name",
        lambda e, i: base_request(e, i).add_query("%00=1").add_fields(**{NUL: "1"}),
        refused=True,
    ),
    Case(
        "nul-in-session-cookie",
        lambda e, i: replace(
            base_request(e, i), headers={"cookie": 'sessionid="' + "\\000" * 32 + '"'}
        ),
        refused=True,
    ),
    # More than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses to parse.
    Case(
        "too-many-query-params", lambda e, i: base_request(e, i).add_query(TOO_MANY), refused=True
    ),
    Case(
        "too-many-form-fields",
        lambda e, i: with_body(e, i, TOO_MANY, "application/x-www-form-urlencoded"),
        refused=True,
    ),
    # Charsets that Django cannot decode with.
    Case(
        "charset-rot13",
        lambda e, i: (
            replace(base_request(e, i), content_type="text/plain; charset=rot13")
            if e.method == "GET"
            else with_body(e, i, "variant=1", "application/x-www-form-urlencoded; charset=rot13")
        ),
        refused=True,
    ),
    Case(
        "charset-undefined",
        lambda e, i: with_body(
            e, i, "variant=1&quantity=1", "application/x-www-form-urlencoded; charset=undefined"
        ),
        refused=True,
    ),
    Case(
        "charset-unknown-is-read-as-utf-8",
        lambda e, i: with_body(
            e,
            i,
            f"variant={i['variant']}&quantity=1",
            "application/x-www-form-urlencoded; charset=klingon",
        ),
    ),
    Case(
        "broken-multipart",
        lambda e, i: (
            with_body(e, i, b"--\r\nnot a part", "multipart/form-data; boundary=")
            if e.method == "POST"
            else None
        ),
        refused=True,
    ),
    Case(
        "json-body",
        lambda e, i: with_body(e, i, '{"variant": [1, {"$gt": 0}]}', "application/json"),
    ),
    Case(
        "host-not-allowed",
        lambda e, i: replace(base_request(e, i), headers={"host": OFF_SITE}),
        refused=True,
    ),
    # Sizes and numbers.
    Case(
        "huge-values",
        lambda e, i: (
            base_request(e, i)
            .add_query(f"q={'x' * 100_000}&option=size%3A{'M' * 50_000}&page={'9' * 5_000}")
            .add_fields(variant="9" * 5_000, quantity="9" * 5_000, next="/" + "a" * 100_000)
        ),
    ),
    Case("huge-slug", lambda e, i: with_slug(e, i, "a" * 5_000) or with_id(e, i, "9" * 18)),
    Case(
        "negative-numbers",
        lambda e, i: (
            base_request(e, i)
            .add_query("page=-1&min_price=-5&max_price=-1&rating=-3&variant=-1")
            .add_fields(variant="-1", quantity="-5")
        ),
    ),
    Case(
        "enormous-numbers",
        lambda e, i: (
            base_request(e, i)
            .add_query(
                f"page={10**30}&min_price=1e999&max_price={'9' * 40}"
                f"&rating={10**20}&variant={2**64}"
            )
            .add_fields(variant=str(2**64), quantity=str(10**30))
        ),
    ),
    Case(
        "not-numbers",
        lambda e, i: (
            base_request(e, i)
            .add_query(
                "page=1.5&min_price=abc&max_price=NaN&rating=four&variant=0x10&in_stock=maybe"
            )
            .add_fields(variant="Infinity", quantity="NaN")
        ),
    ),
    Case(
        "arrays-where-scalars-are-expected",
        lambda e, i: (
            base_request(e, i)
            .add_query(
                "q=a&q=b&variant=1&variant=2&option[]=size%3AM&page=1&page=2"
                "&category=a&category=b&sort=name&sort=price_asc&min_price[]=1"
            )
            .add_fields(
                variant=[str(i["variant"]), str(i["other"])],
                quantity=["1", "2"],
                **{"variant[]": "1"},
            )
        ),
    ),
    Case(
        "invalid-utf-8-escapes",
        lambda e, i: (
            (with_slug(e, i, "%FF%FE") or base_request(e, i))
            .add_query("q=%FF%FE%C0%AF&option=size%3A%ED%A0%80&category=%FF&vendor=%C3")
            .add_fields(next="/en/%FF/")
        ),
    ),
    Case(
        "invalid-utf-8-form",
        lambda e, i: with_body(
            e,
            i,
            f"variant={i['variant']}&quantity=%FF&next=/en/%C0%AF/".encode(),
            "application/x-www-form-urlencoded",
        ),
    ),
    # Where to go next.
    # `redirect(next)` used to take a value without "/" or "." for a URL name
    # (NoReverseMatch, a 500); `core.http.safe_next` accepts local paths only.
    Case(
        "next-a-bare-word",
        lambda e, i: (
            base_request(e, i).add_fields(next="abc")
            if e.takes_id or e.name == "cart-add"
            else None
        ),
    ),
    Case(
        "next-invalid-utf-8-bare-word",
        lambda e, i: (
            with_body(
                e,
                i,
                f"variant={i['variant']}&quantity=1&next=%C0%AF",
                "application/x-www-form-urlencoded",
            )
            if e.method == "POST"
            else None
        ),
    ),
    Case(
        "next-protocol-relative", lambda e, i: base_request(e, i).add_fields(next=f"//{OFF_SITE}/x")
    ),
    Case("next-backslash", lambda e, i: base_request(e, i).add_fields(next=f"/\\{OFF_SITE}")),
    Case(
        "next-other-site", lambda e, i: base_request(e, i).add_fields(next=f"https://{OFF_SITE}/")
    ),
    Case("next-script", lambda e, i: base_request(e, i).add_fields(next="javascript:alert(1)")),
    # Headers.
    Case(
        "hostile-host-and-forwarded-headers",
        lambda e, i: replace(
            base_request(e, i),
            headers={
                "host": HOSTILE_HOST,
                "x-forwarded-proto": "https",
                "x-forwarded-host": OFF_SITE,
                "x-forwarded-for": "<script>, 999.1.1.1",
            },
        ),
        body_must_not_contain=(HOSTILE_HOST, OFF_SITE),
    ),
    Case(
        "junk-htmx-headers",
        lambda e, i: replace(
            base_request(e, i),
            headers={
                "hx-request": "true",
                "hx-current-url": "javascript:alert(1)",
                "hx-target": "<script>alert(1)</script>",
                "hx-trigger": "'\"><img src=x>",
                "hx-history-restore-request": "maybe",
                "hx-boosted": "yes",
                "hx-prompt": "x" * 1_000,
            },
        ),
    ),
    Case(
        "htmx-current-url-off-site",
        lambda e, i: replace(
            base_request(e, i),
            headers={"hx-request": "true", "hx-current-url": f"https://{OFF_SITE}/en/cart/"},
        ),
        body_must_not_contain=(OFF_SITE,),
    ),
    Case(
        "unknown-and-empty-params",
        lambda e, i: (
            base_request(e, i)
            .add_query(
                "utm_source=x&zzz=1&__souk-csrf-token__=1&csrfmiddlewaretoken=x&sort=bogus&rating="
                "&option=&option=%3A&option=size%3A&option=colour%3Aplaid&q=&min_price=&page="
            )
            .add_fields(csrfmiddlewaretoken="x", zzz="1", quantity="")
        ),
    ),
    Case(
        "many-options",
        lambda e, i: base_request(e, i).add_query(
            "&".join(["option=size%3AM"] * 900 + ["option=colour%3Ared:blue", "option=size%3A<b>"])
        ),
    ),
    # Slugs and ids that name nothing.
    Case("slug-script", lambda e, i: with_slug(e, i, "%3Cscript%3Ealert(1)%3C%2Fscript%3E")),
    Case("slug-sql", lambda e, i: with_slug(e, i, "%27%20OR%201%3D1--") or with_id(e, i, "0")),
    Case("slug-dots", lambda e, i: with_slug(e, i, "..") or with_id(e, i, "123456789012345678")),
    # Arabic and bidirectional text.
    Case(
        "arabic-and-rtl-override",
        lambda e, i: (
            (with_slug(e, i, quote("سجاد-\u202eغير-موجود"), "ar") or base_request(e, i, "ar"))
            .add_query(quote("q=\u202egnp.exe سجاد\u200f", safe="=") + "&option=size%3A%E2%80%AEM")
            .add_fields(variant="\u0661", quantity="\u0662", next="/ar/\u202e/")
        ),
    ),
    # Methods the endpoint does not take.
    Case("method-put", lambda e, i: replace(base_request(e, i), method="PUT", data="variant=1")),
    Case("method-delete", lambda e, i: replace(base_request(e, i), method="DELETE")),
]


# --- how it is checked -------------------------------------------------------------------


def digest(queryset) -> str:
    # In one language: translated fields read as the active one, which a request sets.
    with translation.override("en"):
        rows = list(queryset.order_by("pk").values_list())
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def catalogue_state() -> tuple:
    return tuple(
        digest(m.objects.all()) for m in (Product, Variant, ProductImage, Vendor, Category)
    )


def shopper_state(client: Client) -> tuple:
    session_cart = client.session.get("cart") if client.cookies.get("sessionid") else None
    return (
        *(digest(m.objects.all()) for m in (Cart, CartLine, WishlistItem)),
        repr(session_cart),
    )


def send(client: Client, request: Request, htmx: bool):
    headers = {"hx-request": "true"} if htmx else {}
    headers |= request.headers
    url = f"{request.path}?{request.query}" if request.query else request.path
    data = request.data
    content_type = request.content_type
    if isinstance(data, dict):
        data = urlencode(data, doseq=True)
        content_type = content_type or "application/x-www-form-urlencoded"
    kwargs = {}
    if content_type and data:
        kwargs["content_type"] = content_type
    elif content_type:  # the test client sets Content-Type only with a body
        headers["content-type"] = content_type
    return client.generic(request.method, url, data or "", headers=headers, **kwargs)


def problems_with(response, request: Request, case: Case) -> list[str]:
    found = []
    if response.status_code >= 500:
        found.append(f"answered {response.status_code}")
    if case.refused and response.status_code != 400:
        found.append(f"not refused: {response.status_code}")
    location = response.get("Location", "")
    if location:
        parts = urlsplit(location)
        if parts.netloc not in ("", "testserver") or location.startswith(("//", "/\\")):
            found.append(f"redirects off the site: {location[:200]}")
        if parts.scheme not in ("", "http", "https"):
            found.append(f"redirects to a {parts.scheme}: URL")
    if response.get("HX-Redirect", "").startswith(("//", "http", "javascript")):
        found.append(f"htmx redirect off the site: {response['HX-Redirect'][:200]}")
    body = response.content.decode("utf-8", "replace")
    for text in case.body_must_not_contain:
        if text in body or text in location:
            found.append(f"echoes {text!r}")
    return found


@pytest.fixture(autouse=True)
def _production_request_class(monkeypatch, settings):
    """The test client builds the request with the class the production handler uses
    (core/handlers.py), and ALLOWED_HOSTS lets a hostile port through, as in production."""
    monkeypatch.setattr("django.test.client.WSGIRequest", SoukWSGIRequest)
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]


@pytest.fixture
def ids(make_product, categories, shop) -> dict:
    first = make_product("Blue tagine", variants=[{"size": "M", "colour": "blue", "stock": 5}])
    second = make_product("Red rug", category=categories["rugs"], variants=[{"stock": 3}])
    return {
        "slugs": {"en": first.slug_en, "ar": first.slug_ar},
        "category": categories["tagines"].slug,
        "shop": shop.slug,
        "product_id": str(second.pk),
        "variant": str(first.variants.get().pk),
        "other": str(second.variants.get().pk),
        "products": (first, second),
    }


# Every case runs for an anonymous visitor without htmx and a signed-in shopper with
# htmx; the two other pairings (marker `corpus`, deselect with -m "not corpus" for a
# quick run) double the time for little more coverage.
WHO = [
    pytest.param(("anonymous", False), id="anonymous-plain"),
    pytest.param(("signed-in", True), id="signed-in-htmx"),
    pytest.param(("anonymous", True), id="anonymous-htmx", marks=pytest.mark.corpus),
    pytest.param(("signed-in", False), id="signed-in-plain", marks=pytest.mark.corpus),
]


def shopper_with_a_cart(ids: dict, user, signed_in: bool) -> Client:
    """A shopper with two lines in their cart (and, signed in, a saved product)."""
    client = Client()
    if signed_in:
        client.force_login(user)
        WishlistItem.objects.create(user=user, product=ids["products"][1])
    for variant in (ids["variant"], ids["other"]):
        response = client.post("/en/cart/add/", {"variant": variant, "quantity": "1"})
        assert response.status_code == 302
    return client


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES])
def test_hostile_requests_never_fail_and_never_change_saved_data(ids, user, case, who):
    signed_in, htmx = who[0] == "signed-in", who[1]
    shopper = shopper_with_a_cart(ids, user, signed_in)
    problems = []
    for endpoint in ENDPOINTS:
        request = case.build(endpoint, ids)
        if request is None:
            continue
        catalogue, shopper_before = catalogue_state(), shopper_state(shopper)
        try:
            response = send(shopper, request, htmx)
        except Exception as error:  # the test client re-raises what a view let out
            problems.append(f"{endpoint.name}: raised {type(error).__name__}: {error}"[:500])
            continue
        found = problems_with(response, request, case)
        if catalogue_state() != catalogue:
            found.append("changed the catalogue")
        refused = response.status_code >= 400 or request.method != "POST"
        if refused and shopper_state(shopper) != shopper_before:
            found.append(f"changed the cart or wishlist while answering {response.status_code}")
        problems += [f"{endpoint.name}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
