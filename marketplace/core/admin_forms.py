"""Admin helpers every app's admin shares."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# The suffix modeltranslation gives each language's column: name_fr, story_ar...
_SUFFIXES = {f"_{code}": code for code, _name in settings.LANGUAGES}


def language_of_field(name: str) -> str | None:
    """The language a translated column holds (`name_ar` → "ar"), or None."""
    for suffix, code in _SUFFIXES.items():
        if name.endswith(suffix):
            return code
    return None


class LanguageDirectionMixin:
    """Each translated field is typed in its own language's direction: `lang` and
    `dir` on the widget, so Arabic fields are edited right to left (and spelt with
    the right dictionary) whatever the admin's own language."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        code = language_of_field(db_field.name)
        if field is not None and code is not None:
            bidi = get_language_info(code)["bidi"]
            field.widget.attrs.update({"lang": code, "dir": "rtl" if bidi else "ltr"})
        return field


class LabelledFieldsMixin:
    """Give every input its field's name as `aria-label`. The admin leaves some inputs
    without a label of their own: under a tabular inline's or an editable
    changelist's column headers, and a file input that has a value (Django puts it
    in a fieldset whose legend names the group, not the input)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", str(field.label or db_field.verbose_name))
        return field


class LabelledInlineMixin(LabelledFieldsMixin):
    """A tabular inline whose inputs, the delete boxes included, are all labelled."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete"))

        return LabelledFormSet


def reason_form(label, *, max_length: int = 2000) -> type[forms.Form]:
    """A form of one required `reason` field, for actions that must say why."""
    field = forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": 5, "cols": 60})
    )
    return type("ReasonForm", (forms.Form,), {"reason": field})
