from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse


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


def form_action(
    *, name: str, description, form_class, title, intro, submit, apply, permissions=None
):
    """An admin action that first asks for something (a reason, an amount) on an
    intermediate page, then runs `apply(modeladmin, request, queryset, data)` with
    the form's cleaned data. `apply` says what it did with `message_user`.

    The page (templates/admin/form_action.html) lists the selected rows, keeps the
    selection in hidden inputs and posts back to the same action with `apply`.
    `permissions` are the action's `allowed_permissions` (["change"]: only those who
    may change the rows see and run it).
    """

    @admin.action(description=description, permissions=permissions)
    def action(modeladmin, request, queryset):
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            apply(modeladmin, request, queryset, form.cleaned_data)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "submit": submit,
            "opts": modeladmin.model._meta,
            "form": form,
            "objects": queryset,
            "action_name": name,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": modeladmin.media + form.media,
        }
        return TemplateResponse(request, "admin/form_action.html", context)

    action.__name__ = name
    return action
