"""The e-mails an order sets off, each in its recipient's language.

The buyer is written to in the order's language (the one they shopped in); a shop's
people each in their own preferred language, and the shop's contact address in the
shop's default: its owner's language, else the site's. Every message has a text and
an HTML part in the look of the account e-mails (`templates/orders/email/`, built on
`templates/account/email/base_message.*`; right-to-left in Arabic), and every link is
absolute on SITE_URL: the order's page for a buyer with an account, the signed guest
link for a guest.

These functions render and send at once; they run in a task (`orders/tasks.py`),
enqueued after commit by `orders/receivers.py`. Each recipient gets a message of their
own: no one learns another's address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.templatetags.catalog_tags import money
from marketplace.core.origin import site_domain
from marketplace.vendors.models import Vendor, VendorMember

from .links import order_url
from .models import Order, ShopOrder

SUBJECTS: dict[str, Promise] = {
    "confirmation": _("Your order %(number)s is confirmed"),
    "new_order": _("New order %(number)s to prepare"),
    "processing": _("%(shop)s is preparing your order %(number)s"),
    "shipped": _("Your parcel from %(shop)s is on its way (order %(number)s)"),
    "delivered": _("Your parcel from %(shop)s was delivered (order %(number)s)"),
    "cash_collected": _("Receipt: you paid %(amount)s for order %(number)s"),
    "cancelled": _("Your order %(number)s was cancelled"),
    "partly_cancelled": _("Part of your order %(number)s was cancelled"),
    "shop_cancelled": _("Order %(number)s was cancelled: do not ship it"),
    "refunded": _("We refunded %(amount)s for order %(number)s"),
}


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str


def buyer(order: Order) -> Recipient:
    return Recipient(order.email, order.language)


def shop_recipients(vendor: Vendor) -> list[Recipient]:
    """The shop's contact address and its active members' addresses, once each."""
    members = list(
        VendorMember.objects.filter(vendor=vendor, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    owners = [m for m in members if m.role == VendorMember.Role.OWNER] or members
    default = owners[0].user.preferred_language if owners else settings.LANGUAGE_CODE
    recipients: dict[str, Recipient] = {}
    for member in members:
        recipients.setdefault(
            member.user.email.lower(),
            Recipient(member.user.email, member.user.preferred_language or default),
        )
    if vendor.contact_email:
        recipients.setdefault(
            vendor.contact_email.lower(), Recipient(vendor.contact_email, default)
        )
    return list(recipients.values())


def _message(kind: str, recipient: Recipient, context: dict) -> EmailMultiAlternatives:
    languages = dict(settings.LANGUAGES)
    language = recipient.language if recipient.language in languages else settings.LANGUAGE_CODE
    context = {
        **context,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "current_site": Site(id=settings.SITE_ID, domain=site_domain(), name=settings.SITE_NAME),
        "recipient": recipient,
    }
    with translation.override(language):
        subject = str(SUBJECTS[context.get("subject", kind)]) % context["subject_values"]
        text = render_to_string(f"orders/email/{kind}.txt", context)
        html = render_to_string(f"orders/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        f"[{settings.SITE_NAME}] {subject}",
        text,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def _send(messages: Iterable[EmailMultiAlternatives]) -> int:
    """Through the default mailer of MAILERS (one connection for them all)."""
    messages = list(messages)
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0


def _buyer_context(order: Order, **extra) -> dict:
    return {
        "order": order,
        "order_url": order_url(order),
        "subject_values": {"number": order.number, **extra.pop("subject_values", {})},
        **extra,
    }


def send_order_confirmation(order: Order) -> int:
    """To the buyer: the order is placed (cash on delivery) or paid (card)."""
    context = _buyer_context(
        order, shop_orders=list(order.shop_orders.all()), show_totals=True, show_address=True
    )
    return _send([_message("confirmation", buyer(order), context)])


def send_new_order_to_shop(shop_order: ShopOrder) -> int:
    """To a shop's people: their part of a new order, to prepare and ship."""
    order = shop_order.order
    context = {
        "order": order,
        "shop_order": shop_order,
        "shop_orders": [shop_order],
        "show_address": True,
        "subject_values": {"number": order.number},
    }
    return _send(
        _message("new_order", recipient, context)
        for recipient in shop_recipients(shop_order.vendor)
    )


def _shop_part_context(shop_order: ShopOrder, **subject_values) -> dict:
    return _buyer_context(
        shop_order.order,
        shop_order=shop_order,
        shop_orders=[shop_order],
        subject_values={"shop": shop_order.vendor.name, **subject_values},
    )


def send_shop_order_processing(shop_order: ShopOrder) -> int:
    """To the buyer: a shop accepted its part of the order and is preparing it."""
    return _send([_message("processing", buyer(shop_order.order), _shop_part_context(shop_order))])


def send_shop_order_cash_collected(shop_order: ShopOrder) -> int:
    """To the buyer: a receipt for the cash paid on delivery of a shop's parcel."""
    recipient = buyer(shop_order.order)
    with translation.override(recipient.language):
        shown = money(shop_order.total)
    context = _shop_part_context(shop_order, amount=shown)
    return _send([_message("cash_collected", recipient, context)])


def send_shop_order_shipped(shop_order: ShopOrder) -> int:
    """To the buyer: a shop handed its parcel to the carrier (with the tracking number)."""
    order = shop_order.order
    context = _buyer_context(
        order,
        shop_order=shop_order,
        shop_orders=[shop_order],
        subject_values={"shop": shop_order.vendor.name},
    )
    return _send([_message("shipped", buyer(order), context)])


def send_shop_order_delivered(shop_order: ShopOrder) -> int:
    """To the buyer: a shop's parcel was delivered."""
    order = shop_order.order
    context = _buyer_context(
        order,
        shop_order=shop_order,
        shop_orders=[shop_order],
        subject_values={"shop": shop_order.vendor.name},
    )
    return _send([_message("delivered", buyer(order), context)])


def send_order_cancelled(
    order: Order, shop_orders: list[ShopOrder], *, reason: str, tell_shops: bool
) -> int:
    """To the buyer (the whole order, or the shops' parts that were cancelled) and,
    when they had been told of the order, to those shops' people."""
    whole = {so.pk for so in shop_orders} >= {so.pk for so in order.shop_orders.all()}
    context = _buyer_context(
        order,
        shop_orders=shop_orders,
        reason=reason,
        whole=whole,
        subject="cancelled" if whole else "partly_cancelled",
    )
    messages = [_message("cancelled", buyer(order), context)]
    if tell_shops:
        for shop_order in shop_orders:
            shop_context = {
                "order": order,
                "shop_order": shop_order,
                "shop_orders": [shop_order],
                "reason": reason,
                "subject_values": {"number": order.number},
            }
            messages += [
                _message("shop_cancelled", recipient, shop_context)
                for recipient in shop_recipients(shop_order.vendor)
            ]
    return _send(messages)


def send_order_refunded(order: Order, amount: Decimal) -> int:
    """To the buyer: money went back to their card."""
    recipient = buyer(order)
    with translation.override(recipient.language):
        shown = money(amount)
    context = _buyer_context(order, amount=amount, subject_values={"amount": shown})
    return _send([_message("refunded", recipient, context)])
