"""Every worker process serves the same truth: two gunicorn processes, one cache.

Production runs several gunicorn workers (the Dockerfile starts 3) and possibly
several machines. Each test starts two real server processes with production
settings (DEBUG off) on the live test database and the configured shared cache:
the database cache (no REDIS_URL) and Redis (REDIS_URL). What one process changes,
the other shows on the next request.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, closing
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache.backends.db import DatabaseCache
from django.db import connection

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
REQUEST_TIMEOUT = 30  # seconds, for each request to a server
START_TIMEOUT = 60  # seconds for a server to answer /healthz
CACHE_TABLES = ("souk_cache", "souk_fragments_cache")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


# --- two production server processes ----------------------------------------------


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The live test database (test_<name>), which the servers must share with us."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_environment(cache: str, media_root: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "REDIS_FRAGMENTS_URL",
            "CACHE_KEY_PREFIX",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        DEBUG="false",
        SECRET_KEY="two-workers-test-secret-key-9f8e7d6c5b4a3210fedcba98",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        CONN_MAX_AGE="0",
        # Plain HTTP on the loopback interface.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        # No collectstatic in the test run.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="INFO",
    )
    if cache == "redis":
        env.update(REDIS_URL=os.environ["REDIS_URL"], CACHE_KEY_PREFIX="souk-two-workers")
    return env


class Server:
    """`gunicorn marketplace.wsgi` with one sync worker on a free loopback port."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "marketplace.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--worker-class",
                    "sync",
                    "--timeout",
                    str(REQUEST_TIMEOUT),
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.output()}")
            try:
                with build_opener().open(f"{self.url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (HTTPError, URLError, OSError):
                pass
            time.sleep(0.2)
        pytest.fail(f"server not ready after {START_TIMEOUT} s:\n{self.output()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def clear_database_caches() -> None:
    for table in CACHE_TABLES:
        DatabaseCache(table, {}).clear()


@pytest.fixture(params=["database", "redis"])
def workers(request, tmp_path):
    """Two production server processes sharing the configured cache: (first, second)."""
    cache = request.param
    if cache == "redis":
        need(bool(os.environ.get("REDIS_URL")), "needs Redis: set REDIS_URL")
    else:
        clear_database_caches()  # its tables outlive the test's flush
    env = production_environment(cache, tmp_path / "media")
    with ExitStack() as stack:
        servers = []
        for name in ("first", "second"):
            server = Server(env, tmp_path / f"{name}.log")
            stack.callback(server.stop)
            servers.append(server)
        for server in servers:
            server.wait_until_ready()
        for server in servers:  # the configuration under test, as each process logged it
            expected = "DatabaseCache souk_cache" if cache == "database" else "RedisCache"
            assert f"Caches: default: {expected}" in server.output()
        yield tuple(servers)
    if cache == "database":
        clear_database_caches()


# --- a browser: one cookie jar for both servers, as behind a load balancer ---------


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(HTMLParser):
    """The values a browser would submit for the form with the given id."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data):
        if self._textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            # The selected option, else the first one (a single-choice select).
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _ in self._options[:1]
            ]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None:  # a browser drops the newline after <textarea>
                name, value = self.fields[-1]
                self.fields[-1] = (name, value.removeprefix("\n"))
            self._textarea = None


class Browser:
    def __init__(self):
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies), _NoRedirect)

    def request(self, url: str, data: dict | list | None = None) -> tuple[int, str, str]:
        """(status, Location, body) without following redirects."""
        body = urlencode(data).encode() if data is not None else None
        try:
            request = Request(url, data=body)  # noqa: S310 (our servers on 127.0.0.1)
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, "", response.read().decode()
        except HTTPError as response:
            return response.code, response.headers.get("Location", ""), response.read().decode()

    def get(self, url: str) -> tuple[int, str, str]:
        return self.request(url)

    def post(self, url: str, data: dict | list) -> tuple[int, str, str]:
        csrf = next(c.value for c in self.cookies if c.name == "csrftoken")
        if isinstance(data, dict):
            data = list(data.items())
        return self.request(url, [*data, ("csrfmiddlewaretoken", csrf)])

    def sign_in(self, server: Server, email: str, password: str) -> None:
        status, _, _ = self.get(f"{server.url}/en/accounts/login/")
        assert status == 200
        status, _, body = self.post(
            f"{server.url}/en/accounts/login/", {"login": email, "password": password}
        )
        assert status == 302, body


# --- data -------------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    """A staff member whose password the servers' default hasher accepts (the test
    run itself hashes with MD5, which production does not know)."""
    password = "Staff-pass-2468-two-workers"
    user = django_user_model.objects.create_superuser("staff@souk.example", password)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user.email, password


def change_form(browser: Browser, server: Server, product) -> list[tuple[str, str]]:
    status, _, html = browser.get(f"{server.url}/admin/catalog/product/{product.pk}/change/")
    assert status == 200, html
    parser = FormFields("product_form")
    parser.feed(html)
    assert ("base_price", "123.45") in parser.fields, parser.fields
    return parser.fields


# --- the rules --------------------------------------------------------------------


def test_a_price_changed_through_one_worker_shows_at_once_on_the_other(
    workers, make_product, staff
):
    """A shopper whose next request lands on another worker (or machine) sees the new
    price on the product page and in the listing at once: no stale shared page."""
    first, second = workers
    product = make_product("Blue tagine", price="123.45")
    pages = [f"/en/p/{product.slug}/", "/en/c/tagines/", "/en/products/"]

    shopper = Browser()
    for server in workers:  # both workers have rendered and cached the old price
        for page in pages:
            status, _, html = shopper.get(server.url + page)
            assert status == 200 and "123.45" in html, (server.url + page, html[:500])

    admin = Browser()
    admin.sign_in(first, *staff)
    fields = [
        (name, "678.90" if name == "base_price" else value)
        for name, value in change_form(admin, first, product)
    ]
    status, _, html = admin.post(
        f"{first.url}/admin/catalog/product/{product.pk}/change/", [*fields, ("_save", "Save")]
    )
    assert status == 302, html

    for page in pages:
        status, _, html = shopper.get(second.url + page)
        assert status == 200
        assert "678.90" in html and "123.45" not in html, f"stale {page} on the other worker"


def test_signing_out_on_one_worker_ends_the_session_on_every_worker(workers, staff):
    """A signed-out session is gone everywhere: its cookie (kept by another device, or
    stolen) is anonymous on the next request to another worker (the admin sends it
    to sign in), not still signed in from that worker's memory."""
    first, second = workers
    browser = Browser()
    browser.sign_in(first, *staff)
    status, _, _ = browser.get(f"{second.url}/admin/")
    assert status == 200  # signed in on both: the other has read the session
    session_cookie = next(c for c in browser.cookies if c.name == "sessionid")

    status, _, body = browser.post(f"{first.url}/en/accounts/logout/", {})
    assert status == 302, body

    copy = Browser()
    copy.cookies.set_cookie(session_cookie)
    status, location, _ = copy.get(f"{second.url}/admin/")
    assert status == 302 and "login/?next=/admin/" in location, "still signed in on the other"
