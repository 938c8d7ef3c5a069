from django.contrib import admin, messages

from .fragments import bump_storefront_version


def status_action(*, status: str, description, message, level=messages.SUCCESS):
    """An admin action that moves the selected rows to `status` and says how many.

    `message` is an `ngettext_lazy(singular, plural, "count")` with a %(count)d.
    """

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        count = queryset.update(status=status)
        bump_storefront_version()
        modeladmin.message_user(request, message % {"count": count}, level)

    action.__name__ = f"set_status_{status}"
    return action
