"""The orders section's forms: the list's filters, shipping and cancelling."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from marketplace.orders.models import ShopOrder


class ShopOrderFilterForm(forms.Form):
    """The list's query string (`?status=&from=&to=&q=`): every field optional, bad
    values dropped. `filters()` returns what parsed; `ignored()` names the rest, for
    the page to say so (never a 500, never a 400: the list still shows)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ShopOrder.Status.choices],
    )
    q = forms.CharField(
        label=_("Order number or buyer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: these two are added by name.
        self.fields["from"] = forms.DateField(
            label=_("Placed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("Placed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.order_fields(["q", "status", "from", "to"])
        for name, field in self.fields.items():
            css = "form-select" if name == "status" else "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            data["from"], data["to"] = end, start
        return data

    def filters(self) -> dict:
        """The fields that parsed, without the empty ones."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def ignored(self) -> list[str]:
        """Labels of the fields whose values could not be used."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def canonical_query(self) -> QueryDict:
        """The filters that parsed, for the pagination links (junk left out)."""
        query = QueryDict(mutable=True)
        for name, value in self.filters().items():
            query[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return query


class ShipForm(forms.Form):
    carrier = forms.CharField(
        label=_("Carrier"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Give the carrier.")},
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
        error_messages={"required": _("Give the tracking number.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ship-%s")
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the buyer reads it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for cancelling: the buyer reads it.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel-%s")
        super().__init__(*args, **kwargs)
