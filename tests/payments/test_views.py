"""The card page's confirmation endpoint and the webhook's HTTP side."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.orders.models import Order
from marketplace.payments.access import allow_payment
from marketplace.payments.models import Payment
from tests.core.test_settings import PRODUCTION, run_manage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEXT = "/en/checkout/done/SK-1/"


def confirm_url(order) -> str:
    return reverse("payments:confirm", kwargs={"number": order.number})


def test_the_urls_are_the_documented_ones(card_order):
    assert confirm_url(card_order) == f"/en/payments/{card_order.number}/confirm/"
    assert reverse("stripe_webhook") == "/payments/stripe/webhook/"


def test_the_buyer_posts_the_token_as_json_and_learns_the_order_is_paid(
    client, user, card_order, stripe_keys
):
    client.force_login(user)
    response = client.post(
        confirm_url(card_order),
        json.dumps({"token": stripe_keys.card_token(), "next": NEXT}),
        content_type="application/json",
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "succeeded" and answer["redirect"] == NEXT
    assert answer["client_secret"].startswith("pi_") and answer["message"]
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PAID


def test_three_d_secure_answers_the_client_secret_for_the_page(
    client, user, card_order, stripe_keys
):
    client.force_login(user)
    response = client.post(
        confirm_url(card_order), {"token": stripe_keys.card_token("4000002760003184"), "next": NEXT}
    )
    answer = response.json()
    payment = card_order.payments.get()
    assert answer["status"] == "requires_action" and answer["redirect"] == NEXT
    assert answer["client_secret"].startswith(payment.stripe_payment_intent_id + "_secret_")


def test_a_declined_card_is_an_answer_not_an_error(client, user, card_order, stripe_keys):
    client.force_login(user)
    response = client.post(
        confirm_url(card_order), {"token": stripe_keys.card_token("4000000000000002"), "next": NEXT}
    )
    assert response.status_code == 200
    assert response.json() == {
        "status": "failed",
        "client_secret": response.json()["client_secret"],
        "message": "Your card was declined. Try another card.",
        "redirect": "",  # stay on the card page and try again
    }


def test_a_guest_pays_from_the_session_that_placed_the_order(card_order, stripe_keys):
    guest = Client()
    assert guest.post(confirm_url(card_order), {"token": "tok_x"}).status_code == 404
    session = guest.session
    allow_payment(session, card_order)
    session.save()

    response = guest.post(confirm_url(card_order), {"token": stripe_keys.card_token()})

    assert response.status_code == 200 and response.json()["status"] == "succeeded"


def test_nobody_else_can_pay_or_probe_an_order(client, card_order, stripe_keys):
    client.force_login(UserFactory())
    assert client.post(confirm_url(card_order), {"token": "tok_x"}).status_code == 404
    missing = reverse("payments:confirm", kwargs={"number": "SK-2026-999999"})
    assert client.post(missing, {"token": "tok_x"}).status_code == 404
    assert card_order.payments.get().status == Payment.Status.PENDING


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('["tok_visa"]', "application/json"),
        ('{"token": 42}', "application/json"),
        ("token=pm_card_visa", "application/x-www-form-urlencoded"),
        ("", "application/x-www-form-urlencoded"),
    ],
)
def test_a_token_that_cannot_be_read_is_a_400_with_a_message(
    client, user, card_order, stripe_keys, body, content_type
):
    client.force_login(user)
    response = client.post(confirm_url(card_order), body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()["status"] == "failed"
    assert response.json()["message"] == "Your card details could not be read. Enter them again."


def test_a_foreign_next_is_not_followed(client, user, card_order, stripe_keys):
    client.force_login(user)
    response = client.post(
        confirm_url(card_order), {"token": stripe_keys.card_token(), "next": "//evil.example/"}
    )
    assert response.json()["redirect"] == ""


def test_confirmation_attempts_are_limited_per_order(client, user, card_order, stripe_keys):
    client.force_login(user)
    for _ in range(10):
        assert client.post(confirm_url(card_order), {"token": "tok_bad!"}).status_code == 400
    response = client.post(confirm_url(card_order), {"token": stripe_keys.card_token()})
    assert response.status_code == 429 and "Too many attempts" in response.json()["message"]


def test_the_confirmation_needs_the_csrf_token_and_a_post(user, card_order, stripe_keys):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(confirm_url(card_order), {"token": "tok_x"}).status_code == 403
    assert strict.get(confirm_url(card_order)).status_code == 405


def test_without_keys_there_is_no_card_confirmation(client, user, place):
    order = place(Order.Method.CASH_ON_DELIVERY)
    client.force_login(user)
    assert client.post(confirm_url(order), {"token": "tok_x"}).status_code == 404


def test_the_webhook_is_csrf_exempt_post_only_and_refuses_unsigned_posts(stripe_keys):
    strict = Client(enforce_csrf_checks=True)
    url = reverse("stripe_webhook")
    assert strict.get(url).status_code == 405
    response = strict.post(url, b"{}", content_type="application/json")
    assert response.status_code == 400  # not 403: no CSRF check, the signature decides


def test_without_a_webhook_secret_every_delivery_is_refused(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = client.post(
        reverse("stripe_webhook"),
        b"{}",
        content_type="application/json",
        headers={"Stripe-Signature": "t=1,v1=abc"},
    )
    assert response.status_code == 400


def test_the_csp_names_stripe_only_while_card_payment_is_on(client, stripe_keys, settings):
    origin = stripe_keys.url
    header = client.get("/en/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    for directive in ("script-src", "frame-src", "connect-src"):
        assert origin in directives[directive].split()
    assert origin not in directives["img-src"] and origin not in directives["default-src"]


def test_the_csp_has_no_stripe_origin_without_keys(client):
    header = client.get("/en/").headers["Content-Security-Policy"]
    assert "stripe" not in header and "frame-src" not in header


PRINT_CSP = "import json; from django.conf import settings as s; print(json.dumps(s.SECURE_CSP))"


def production_csp(**env) -> dict:
    env = {"STRIPE_SECRET_KEY": "", "STRIPE_PUBLISHABLE_KEY": "", "STRIPE_API_BASE": "", **env}
    result = run_manage("shell", "--no-imports", "-c", PRINT_CSP, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def csp_without_stripe() -> dict:
    return production_csp()


@pytest.mark.parametrize(
    ("env", "added"),
    [
        ({}, []),
        (
            {"STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_PUBLISHABLE_KEY": "pk_live_x"},
            ["https://js.stripe.com", "https://api.stripe.com"],
        ),
        (
            {
                "STRIPE_SECRET_KEY": "sk_test_x",
                "STRIPE_PUBLISHABLE_KEY": "pk_test_x",
                "STRIPE_API_BASE": "http://127.0.0.1:8420",
                "STRIPE_JS_URL": "http://127.0.0.1:8420/js.stripe.com/v3/",
            },
            ["http://127.0.0.1:8420"],
        ),
        ({"STRIPE_SECRET_KEY": "sk_live_x"}, []),  # one key is not enough
    ],
    ids=["no keys", "stripe", "local stripe", "secret key only"],
)
def test_the_settings_add_exactly_the_stripe_origins_when_keys_are_set(
    env, added, csp_without_stripe
):
    csp, without = production_csp(**env), csp_without_stripe
    if not added:
        assert csp == without
        return
    stripe_directives = ("script-src", "frame-src", "connect-src")
    for directive in stripe_directives:
        assert csp[directive] == [*without.get(directive, ["'self'"]), *added]
    assert {k: v for k, v in csp.items() if k not in stripe_directives} == {
        k: v for k, v in without.items() if k not in stripe_directives
    }
