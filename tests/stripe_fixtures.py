"""localstripe for the test run: a real (local) Stripe API, Stripe.js and webhooks.

Registered for every test by `pytest_plugins` in tests/conftest.py. Fixtures:

- `localstripe` (session): starts `python -m tests.localstripe_server` (localstripe
  on 127.0.0.1 and a free port, see that module), waits until it answers, and
  registers one webhook, "souk-tests", that sends every event, signed with
  WEBHOOK_SECRET, to an inbox on 127.0.0.1 (`localstripe.inbox`): tests take a
  real delivery (its exact body and `Stripe-Signature`) from there and post it to
  the webhook view when and as often as they like. Stopped at the end of the run.
- `stripe_keys` (per test): settings pointing Souk at it (STRIPE_SECRET_KEY,
  STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE, STRIPE_JS_URL =
  localstripe's Stripe.js stand-in at /js.stripe.com/v3/, and the CSP that card
  payment adds); returns the `LocalStripe`. Tests without it run with no keys:
  card payment hidden.
- `stripe_webhooks_to_live_server` (per test, with `live_server`, so with a
  transactional database): localstripe also delivers its webhooks to the live
  server's /payments/stripe/webhook/ for this test (browser tests: the order
  becomes paid through the webhook as in production).

`LocalStripe.card_token(number)` does what Stripe.js's createToken does in the
browser (POST /v1/tokens with the publishable key), and
`LocalStripe.authenticate(client_secret)` what its confirmCardPayment does for 3-D
Secure (localstripe's stand-in dialog, "Complete authentication").
"""

from __future__ import annotations

import base64
import json
import select
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "sk_test_souk_localstripe"
PUBLISHABLE_KEY = "pk_test_souk_localstripe"
WEBHOOK_SECRET = "whsec_souk_localstripe_tests"
START_TIMEOUT = 20  # seconds for localstripe to answer
DISABLED = ["souk.tests.disabled"]  # an event type that never happens
WEBHOOK_DELAY = 1  # seconds localstripe waits before sending an event's webhooks


@dataclass(frozen=True)
class Delivery:
    """One webhook POST localstripe made: exactly what Stripe would send."""

    body: bytes
    signature: str

    @property
    def event(self) -> dict:
        return json.loads(self.body)

    def post(self, client, **headers):
        """Deliver it again, to Souk's webhook, through the Django test client."""
        return client.post(
            reverse("stripe_webhook"),
            self.body,
            content_type="application/json",
            headers={"Stripe-Signature": self.signature, **headers},
        )


@dataclass
class WebhookInbox:
    """Keeps every delivery localstripe sends to it."""

    deliveries: list[Delivery] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)
    url: str = ""

    def add(self, delivery: Delivery) -> None:
        with self.arrived:
            self.deliveries.append(delivery)
            self.arrived.notify_all()

    def wait_for(self, event_type: str, object_id: str, timeout: float = 15) -> Delivery:
        """The delivery of `event_type` about the object `object_id` (localstripe
        sends webhooks one second after the event)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for delivery in self.deliveries:
                    event = delivery.event
                    if event["type"] == event_type and event["data"]["object"]["id"] == object_id:
                        return delivery
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {event_type} webhook for {object_id} in {timeout}s")
                self.arrived.wait(left)


def _inbox_server(inbox: WebhookInbox) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            inbox.add(Delivery(body=body, signature=self.headers.get("Stripe-Signature", "")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    inbox.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    threading.Thread(target=httpd.serve_forever, name="webhook-inbox", daemon=True).start()
    return httpd


@dataclass
class LocalStripe:
    url: str
    inbox: WebhookInbox
    secret_key: str = SECRET_KEY
    publishable_key: str = PUBLISHABLE_KEY
    webhook_secret: str = WEBHOOK_SECRET

    @property
    def js_url(self) -> str:
        return f"{self.url}/js.stripe.com/v3/"

    def request(self, method: str, path: str, data: dict | None = None, *, public=False) -> dict:
        """Call localstripe's API, form-encoded as Stripe's clients do: with the
        secret key, or (`public`) with the publishable key in the body, as Stripe.js
        does from the browser."""
        if public:
            data = {**(data or {}), "key": self.publishable_key}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(f"{self.url}{path}", data=body, method=method)  # noqa: S310
        if not public:
            token = base64.b64encode(f"{self.secret_key}:".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise AssertionError(
                f"localstripe {method} {path}: {error.code} {error.read()!r}"
            ) from error

    def register_webhook(self, name: str, url: str, events: list[str] | None = None) -> None:
        """localstripe's /_config/webhooks/<name>: deliver events there, signed."""
        data = {"url": url, "secret": self.webhook_secret}
        if events is not None:
            data["events"] = events
        req = urllib.request.Request(  # noqa: S310 (http to localstripe)
            f"{self.url}/_config/webhooks/{name}",
            data=json.dumps(data).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10):  # noqa: S310
            pass

    def card_token(self, number: str = "4242424242424242") -> str:
        """What Stripe.js's createToken gives the page for this test card."""
        token = self.request(
            "POST",
            "/v1/tokens",
            {
                "card[number]": number,
                "card[exp_month]": "12",
                "card[exp_year]": "2034",
                "card[cvc]": "123",
            },
            public=True,
        )
        return token["id"]

    def authenticate(self, client_secret: str, *, success: bool = True) -> dict:
        """What localstripe's confirmCardPayment does once the shopper answers its
        3-D Secure dialog."""
        intent_id = client_secret.split("_secret_")[0]
        return self.request(
            "POST",
            f"/v1/payment_intents/{intent_id}/_authenticate?success={str(success).lower()}",
            {"client_secret": client_secret},
            public=True,
        )

    def settings(self) -> dict:
        from marketplace.settings import stripe_csp

        return {
            "STRIPE_SECRET_KEY": self.secret_key,
            "STRIPE_PUBLISHABLE_KEY": self.publishable_key,
            "STRIPE_WEBHOOK_SECRET": self.webhook_secret,
            "STRIPE_API_BASE": self.url,
            "STRIPE_JS_URL": self.js_url,
            "SECURE_CSP": stripe_csp(settings.SECURE_CSP, js_url=self.js_url, api_base=self.url),
        }


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"localstripe exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"localstripe did not answer within {START_TIMEOUT}s")


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    log = (tmp_path_factory.mktemp("localstripe") / "localstripe.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.localstripe_server"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    httpd = None
    try:
        ready, _w, _x = select.select([process.stdout], [], [], START_TIMEOUT)
        port = process.stdout.readline().strip() if ready else ""
        if not port.isdigit():
            raise RuntimeError(f"localstripe did not start (see {log.name})")
        server = LocalStripe(url=f"http://127.0.0.1:{port}", inbox=WebhookInbox())
        _wait_until_up(server.url, process)
        httpd = _inbox_server(server.inbox)
        server.register_webhook("souk-tests", server.inbox.url)
        yield server
    finally:
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()
        log.close()


@pytest.fixture
def stripe_keys(localstripe):
    """Souk configured for localstripe during this test (card payment enabled)."""
    with override_settings(**localstripe.settings()):
        yield localstripe


@pytest.fixture
def stripe_webhooks_to_live_server(stripe_keys, live_server):
    """localstripe delivers its webhooks to the live server during this test (events
    of earlier tests still on their way may arrive too: unknown there, ignored)."""
    stripe_keys.register_webhook("live-server", live_server.url + reverse("stripe_webhook"))
    yield stripe_keys
    stripe_keys.register_webhook("live-server", live_server.url + "/", events=DISABLED)
    # localstripe waits WEBHOOK_DELAY after an event, then sends it to the webhooks
    # registered at that moment: let a delivery already on its way finish before the
    # database is flushed, so that none writes into the next test.
    time.sleep(WEBHOOK_DELAY + 0.5)
