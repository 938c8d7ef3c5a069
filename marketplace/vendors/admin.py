from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin

from marketplace.core.admin_actions import status_action

from .models import Vendor, VendorMember


class VendorMemberInline(admin.TabularInline):
    model = VendorMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Vendor)
class VendorAdmin(TranslationAdmin):
    list_display = ["name", "kind", "region", "city", "status", "is_featured", "created"]
    list_filter = ["status", "kind", "region", "is_featured"]
    search_fields = ["name", "slug", "city", "contact_email"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [VendorMemberInline]
    actions = ["approve", "suspend"]

    approve = status_action(
        status=Vendor.Status.APPROVED,
        description=_("Approve the selected shops"),
        message=ngettext_lazy("%(count)d shop approved.", "%(count)d shops approved.", "count"),
    )
    suspend = status_action(
        status=Vendor.Status.SUSPENDED,
        description=_("Suspend the selected shops"),
        message=ngettext_lazy("%(count)d shop suspended.", "%(count)d shops suspended.", "count"),
        level=messages.WARNING,
    )
