from django import forms
from django.utils.translation import gettext_lazy as _


class CancelOrderForm(forms.Form):
    """Cancelling an order: an optional word for the shops."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
