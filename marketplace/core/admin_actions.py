from django.contrib import admin, messages


def status_action(*, status: str, description, message, level=messages.SUCCESS):
    """An admin action that moves the selected rows to `status` and says how many.

    `message` is an `ngettext_lazy(singular, plural, "count")` with a %(count)d.
    The rows' querysets expire shared fragments themselves (StorefrontQuerySet).
    """

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        count = queryset.update(status=status)
        modeladmin.message_user(request, message % {"count": count}, level)

    action.__name__ = f"set_status_{status}"
    return action
