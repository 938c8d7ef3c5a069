import json
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value) -> str:
    """A price in the shop currency, formatted for the active language."""
    if value in (None, ""):
        return ""
    amount = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    # Translators: the currency's short name or symbol after an amount (MAD: dirham).
    currency = {"MAD": _("MAD")}.get(settings.CURRENCY, settings.CURRENCY)
    return f"{amount}\u00a0{currency}"


@register.simple_tag
def stars(average, count):
    """Rating stars with an accessible label; nothing when there is no rating yet.
    (A simple tag rather than a template: it is drawn on every product card.)"""
    if not count:
        return ""
    average = Decimal(average or 0)
    filled = int(average.quantize(Decimal("1")))
    shown = number_format(average, 1, use_l10n=True)
    return format_html(
        '<span class="rating" role="img" aria-label="{}"><span aria-hidden="true" '
        'class="rating-stars">{}</span> <span class="rating-count">{} ({})</span></span>',
        _("Rated %(average)s out of 5") % {"average": shown},
        "★" * filled + "☆" * (5 - filled),
        shown,
        count,
    )


@register.simple_tag
def json_ld(data: dict):
    """A schema.org block; JSON escaped so it cannot close the script element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def toggle_option(context, value: str) -> str:
    """The current query string with `option=value` added or removed."""
    query = context["request"].GET.copy()
    options = query.getlist("option")
    query.setlist(
        "option", [o for o in options if o != value] if value in options else [*options, value]
    )
    query.pop("page", None)
    return "?" + query.urlencode()
