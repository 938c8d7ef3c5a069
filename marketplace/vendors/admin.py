from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from marketplace.core.admin_actions import form_action
from marketplace.core.admin_forms import LabelledFieldsMixin, LanguageDirectionMixin, reason_form

from . import services
from .forms import RejectionForm
from .models import MemberInvitation, Vendor, VendorMember

# Fields staff read but do not type: the decision goes through the actions (which
# e-mail the applicant), the dates are set by the services.
DECISION_FIELDS = [
    "status",
    "applied_at",
    "terms_accepted_at",
    "reviewed_at",
    "reviewed_by",
    "rejection_reason",
    "suspension_reason",
]


class VendorMemberInline(admin.TabularInline):
    model = VendorMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Vendor)
class VendorAdmin(LabelledFieldsMixin, LanguageDirectionMixin, TranslationAdmin):
    """The approval queue comes first: pending applications, oldest first, then the
    other shops by name. Decisions go through the actions, which e-mail the shop."""

    list_display = [
        "logo_thumbnail",
        "name",
        "kind",
        "region",
        "city",
        "status",
        "on_vacation",
        "is_featured",
        "applied_at",
        "created",
    ]
    list_filter = ["status", "kind", "region", "on_vacation", "is_featured"]
    search_fields = ["name", "slug", "city", "contact_email", "members__user__email"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [VendorMemberInline]
    actions = ["approve", "reject", "suspend"]
    list_display_links = ["name"]
    ordering = [
        Case(
            When(status=Vendor.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "applied_at",
        "name",
    ]

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, vendor: Vendor) -> str:
        if not vendor.logo:
            return ""
        return format_html(
            '<img src="{}" alt="" width="40" height="40" class="souk-thumb">', vendor.logo.url
        )

    def get_readonly_fields(self, request, obj=None):
        """On an existing shop the status changes only through the actions."""
        if obj is None:
            return [name for name in DECISION_FIELDS if name != "status"]
        return DECISION_FIELDS

    def _decide(self, request, queryset, decide, done, level=messages.SUCCESS) -> None:
        """Run `decide(vendor)` (a service) on each shop; say how many it took
        (`done`: an ngettext with %(count)d) and why each refusal happened."""
        count = 0
        for vendor in queryset.order_by("pk"):
            try:
                decide(vendor)
            except services.ShopActionRefused as refusal:
                self.message_user(request, f"{vendor.name}: {refusal.message}", messages.WARNING)
            else:
                count += 1
        if count:
            self.message_user(request, done(count) % {"count": count}, level)

    @admin.action(description=_("Approve the selected shops"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(
            request,
            queryset,
            lambda vendor: services.shop_approve(vendor=vendor, by=request.user),
            lambda n: ngettext("%(count)d shop approved.", "%(count)d shops approved.", n),
        )

    reject = form_action(
        name="reject",
        description=_("Reject the selected applications…"),
        form_class=RejectionForm,
        title=_("Reject applications"),
        intro=_(
            "The reason is e-mailed to each applicant as you write it; they may correct "
            "their application and send it again."
        ),
        submit=_("Reject and send the reason"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._decide(
            request,
            queryset,
            lambda vendor: services.shop_reject(
                vendor=vendor, reason=data["reason"], by=request.user
            ),
            lambda n: ngettext(
                "%(count)d application rejected.", "%(count)d applications rejected.", n
            ),
        ),
        permissions=["change"],
    )

    suspend = form_action(
        name="suspend",
        description=_("Suspend the selected shops…"),
        form_class=reason_form(_("Reason (sent to the shop's owners)")),
        title=_("Suspend shops"),
        intro=_(
            "Their pages and products leave the storefront at once and their dashboards "
            "close. The reason is e-mailed to each shop's owners."
        ),
        submit=_("Suspend and send the reason"),
        apply=lambda modeladmin, request, queryset, data: modeladmin._decide(
            request,
            queryset,
            lambda vendor: services.shop_suspend(
                vendor=vendor, reason=data["reason"], by=request.user
            ),
            lambda n: ngettext("%(count)d shop suspended.", "%(count)d shops suspended.", n),
            messages.WARNING,
        ),
        permissions=["change"],
    )


@admin.register(VendorMember)
class VendorMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "vendor", "role", "created"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "vendor__name"]
    list_select_related = ["user", "vendor"]
    autocomplete_fields = ["user", "vendor"]
    readonly_fields = ["created"]


@admin.register(MemberInvitation)
class MemberInvitationAdmin(admin.ModelAdmin):
    """Read only: owners send invitations from their team page."""

    list_display = ["email", "vendor", "role", "state_label", "created", "expires_at"]
    list_filter = ["role"]
    search_fields = ["email", "vendor__name"]
    list_select_related = ["vendor"]
    exclude = ["token"]  # a live link to join the shop: not for display

    @admin.display(description=_("state"))
    def state_label(self, invitation: MemberInvitation) -> str:
        return invitation.get_state_display()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
