"""The shop's settings: profile and story, logo and banner, shipping rates and
processing time, shipping and returns policies, vacation mode
(`vendors.forms.ShopSettingsForm`).

Every member may read them (`dashboard:settings`); only the owner saves them
(`dashboard:settings_save`, `@owner_required`): a staff member sees the form
read-only, and a staff member's POST gets the "only the owner" page (403). The
form always edits `request.shop`: no URL names a shop, so no other shop can be
reached. Saving writes only the form's fields (a staff decision on the shop's
status made meanwhile stands), in one transaction; the storefront's shared
fragments expire after commit (catalog/receivers.py).
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from marketplace.core.http import HtmxHttpRequest
from marketplace.vendors.forms import ShopSettingsForm
from marketplace.vendors.models import Vendor

from ..access import owner_required, shop_required

TEMPLATE = "dashboard/settings.html"


def _direction(code: str) -> str:
    return "rtl" if get_language_info(code[:2])["bidi"] else "ltr"


def _page(request: HtmxHttpRequest, form: ShopSettingsForm, *, status: int = 200):
    editable = request.membership.is_owner
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    languages = []
    for code, name, fields in form.translated_fields():
        for field in fields:  # rendered by hand (see the template), styled here
            invalid = " is-invalid" if field.errors else ""
            field.field.widget.attrs["class"] = f"form-control{invalid}"
        languages.append((code, name, _direction(code), fields))
    ui_lang = get_language() or settings.LANGUAGE_CODE
    context = {
        "form": form,
        "languages": languages,
        "ui_lang": ui_lang,
        "ui_dir": _direction(ui_lang),
        "editable": editable,
        "shop": form.instance,
    }
    return render(request, TEMPLATE, context, status=status)


@never_cache
@require_GET
@shop_required
def index(request: HtmxHttpRequest) -> HttpResponse:
    return _page(request, ShopSettingsForm(instance=Vendor.objects.get(pk=request.shop.pk)))


@never_cache
@require_POST
@owner_required
def save(request: HtmxHttpRequest) -> HttpResponse:
    """Save the owner's settings; bad input shows the form again with its errors
    (400), nothing saved."""
    form = ShopSettingsForm(
        request.POST, request.FILES, instance=Vendor.objects.get(pk=request.shop.pk)
    )
    if not form.is_valid():
        messages.error(request, _("Some settings could not be saved: see the errors below."))
        return _page(request, form, status=400)
    with transaction.atomic():
        vendor = form.save(commit=False)
        vendor.save(update_fields=ShopSettingsForm.Meta.fields)
    messages.success(request, _("Your shop's settings are saved."))
    return redirect("dashboard:settings")
