"""Order e-mails: who gets which, in their own language, with a text and an HTML part
(right-to-left in Arabic) and links on the canonical origin; sent after commit only."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.db import transaction
from django.tasks import task_backends
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from marketplace.orders import signals
from marketplace.orders.links import order_guest_url
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import (
    order_cancel,
    order_mark_paid,
    order_release_expired,
    shop_order_advance,
)
from marketplace.vendors.models import VendorMember
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://souk.example"


@pytest.fixture(autouse=True)
def _canonical_origin(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def shop_people(shop, other_shop):
    """Atelier Fassi: an owner who reads French, staff who read Arabic, and a contact
    address (the shop's default language: its owner's). The cooperative: a contact
    address only (the site's language)."""
    owner = UserFactory(email="owner@fassi.example", preferred_language="fr")
    staff = UserFactory(email="staff@fassi.example", preferred_language="ar")
    VendorMember.objects.create(vendor=shop, user=owner, role=VendorMember.Role.OWNER)
    VendorMember.objects.create(vendor=shop, user=staff, role=VendorMember.Role.STAFF)
    shop.contact_email = "hello@fassi.example"
    shop.save()
    other_shop.contact_email = "coop@tafraout.example"
    other_shop.save()
    return {"owner": owner, "staff": staff}


def html_part(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def to(outbox, address):
    return [m for m in outbox if m.to == [address]]


def assert_well_formed(message, lang: str) -> None:
    """Both parts, Souk named, every link on SITE_URL, the layout's direction."""
    html = html_part(message)
    assert message.subject.startswith("[Souk] ")
    for part in (message.body, html):
        links = {u for u in re.findall(r"https?://[^\s\"'<>]+", part) if "w3.org" not in u}
        assert links and all(u.startswith(f"{SITE_URL}/") for u in links), links
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html


@pytest.mark.parametrize(
    ("lang", "subject", "heading", "product"),
    [
        ("en", "Your order {} is confirmed", "Thank you for your order", "Blue tagine"),
        ("fr", "Votre commande {} est confirmée", "Merci pour votre commande", "Tajine bleu"),
        ("ar", "تم تأكيد طلبك {}", "شكرًا على طلبك", "طاجين أزرق"),
    ],
)
def test_cash_on_delivery_confirms_at_once_in_the_buyers_language(
    user, buy, mailoutbox, django_capture_on_commit_callbacks, lang, subject, heading, product
):
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(user=user, language=lang)

    (message,) = to(mailoutbox, user.email)
    assert message.subject == f"[Souk] {subject.format(order.number)}"
    assert_well_formed(message, lang)
    for part in (message.body, html_part(message)):
        assert heading in part and product in part
        assert f"{SITE_URL}/{lang}/orders/{order.number}/" in part  # the buyer signs in
        assert "12 derb Sidi Ahmed" in part


def test_each_shop_gets_its_part_in_each_members_language(
    user, buy, shop_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(user=user)

    owner, staff, contact, coop = (
        to(mailoutbox, address)[0]
        for address in (
            "owner@fassi.example",
            "staff@fassi.example",
            "hello@fassi.example",
            "coop@tafraout.example",
        )
    )
    assert owner.subject == f"[Souk] Nouvelle commande {order.number} à préparer"
    assert staff.subject == f"[Souk] طلب جديد {order.number} للتحضير"
    assert contact.subject == owner.subject  # the shop's default: its owner's language
    assert coop.subject == f"[Souk] New order {order.number} to prepare"
    for message, lang in ((owner, "fr"), (staff, "ar"), (coop, "en")):
        html = html_part(message)
        assert f'<html lang="{lang}"' in html
        assert "+212600000000" in message.body  # the address to ship to
    # Each shop sees its own part only, and nobody another recipient's address.
    assert "Blue tagine" in contact.body and "Wool rug" not in contact.body
    assert "Wool rug" in coop.body and "Blue tagine" not in coop.body
    assert len(mailoutbox) == 5 and all(len(m.to) == 1 for m in mailoutbox)


def test_a_card_order_is_confirmed_when_paid_not_when_placed(
    user, buy, shop_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(user=user, method=Order.Method.CARD)
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order)

    (message,) = to(mailoutbox, user.email)
    assert "We received your card payment of 1,175.00" in message.body
    assert to(mailoutbox, "hello@fassi.example")


def test_a_guest_gets_the_signed_link(buy, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(email="guest@example.com", language="fr")

    (message,) = to(mailoutbox, "guest@example.com")
    link = order_guest_url(order)
    assert link.startswith(f"{SITE_URL}/fr/orders/{order.number}/?key=")
    assert link in message.body and link.replace("&", "&amp;") in html_part(message)
    assert_well_formed(message, "fr")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "on its way"), ("fr", "en route"), ("ar", "في الطريق")],
)
def test_shipped_gives_carrier_and_tracking_then_delivered(
    user, buy, mailoutbox, django_capture_on_commit_callbacks, lang, words
):
    order = buy(user=user, language=lang)
    shop_order = order.shop_orders.get(vendor__name="Atelier Fassi")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        shop_order_advance(
            shop_order=shop_order,
            status=ShopOrder.Status.SHIPPED,
            carrier="Amana",
            tracking_number="AM123456789MA",
        )
    (shipped,) = mailoutbox
    assert words in shipped.subject and "Atelier Fassi" in shipped.subject
    assert_well_formed(shipped, lang)
    for part in (shipped.body, html_part(shipped)):
        assert "Amana" in part and "AM123456789MA" in part

    with django_capture_on_commit_callbacks(execute=True):
        shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.DELIVERED)
    delivered = mailoutbox[1]
    assert delivered.to == [user.email] and "Atelier Fassi" in delivered.subject
    assert_well_formed(delivered, lang)


def test_the_buyer_cancelling_tells_the_buyer_and_the_shops(
    user, buy, shop_people, mailoutbox, django_capture_on_commit_callbacks
):
    order = buy(user=user, language="fr")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, reason="Commandé deux fois")

    (buyer,) = to(mailoutbox, user.email)
    assert buyer.subject == f"[Souk] Votre commande {order.number} a été annulée"
    assert "Commandé deux fois" in buyer.body and "rien à payer" in buyer.body
    assert_well_formed(buyer, "fr")
    (owner,) = to(mailoutbox, "owner@fassi.example")
    assert owner.subject == f"[Souk] Commande {order.number} annulée : ne l\u2019expédiez pas"
    assert "Blue tagine" not in owner.body  # the buyer's language is French...
    assert "Tajine bleu" in owner.body  # ...and the lines are snapshots in it
    (staff,) = to(mailoutbox, "staff@fassi.example")
    assert '<html lang="ar" dir="rtl">' in html_part(staff)
    assert to(mailoutbox, "coop@tafraout.example")


def test_an_unpaid_order_expiring_tells_the_buyer_only_in_their_language(
    user, buy, shop_people, mailoutbox, django_capture_on_commit_callbacks
):
    buy(user=user, method=Order.Method.CARD, language="ar")

    with django_capture_on_commit_callbacks(execute=True):
        assert order_release_expired(now=timezone.now() + timedelta(hours=1)) == 1

    (message,) = mailoutbox  # the shops never heard of an unpaid order
    assert message.to == [user.email]
    assert_well_formed(message, "ar")
    assert "لم يُدفع في الوقت المحدد." in message.body  # the reason, in Arabic


def test_a_shop_cancelling_its_part_tells_the_buyer_what_was_cancelled(
    user, buy, shop_people, mailoutbox, django_capture_on_commit_callbacks
):
    order = buy(user=user)
    shop_order = order.shop_orders.get(vendor__name="Coopérative Tafraout")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        shop_order_advance(
            shop_order=shop_order, status=ShopOrder.Status.CANCELLED, reason="Sold at the market"
        )

    (message,) = mailoutbox  # the shop did it: no mail to itself
    assert message.subject == f"[Souk] Part of your order {order.number} was cancelled"
    assert "Wool rug" in message.body and "Blue tagine" not in message.body
    assert "Sold at the market" in message.body


@pytest.mark.parametrize(
    ("lang", "amount"), [("en", "250.50\xa0MAD"), ("fr", "250,50\xa0MAD"), ("ar", "250")]
)
def test_a_refund_sent_by_payments_is_mailed_with_its_amount(
    user, buy, mailoutbox, django_capture_on_commit_callbacks, lang, amount
):
    order = buy(user=user, method=Order.Method.CARD, language=lang)
    order_mark_paid(order=order)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        signals.order_refunded.send(sender=Order, order=order, amount=Decimal("250.50"))

    (message,) = mailoutbox
    assert amount in message.subject
    assert_well_formed(message, lang)


def test_nothing_is_mailed_when_the_change_is_rolled_back(
    user, buy, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        buy(user=user)
        raise RuntimeError("the checkout failed after placing")
    assert callbacks == [] and mailoutbox == []


@pytest.fixture
def database_queue():
    """Production's queue: django-tasks-db's DatabaseBackend (the backend handler
    caches its settings, so it is reset around the override)."""

    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._settings = None
        task_backends._connections = Local(task_backends.thread_critical)

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        reset()
        yield
    reset()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_sends_the_mails(user, buy, mailoutbox, database_queue):
    order = buy(user=user)

    assert mailoutbox == []  # queued, not sent by the request
    assert DBTaskResult.objects.count() == 3  # the buyer's and each shop's
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    (message,) = to(mailoutbox, user.email)
    assert order.number in message.subject
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
