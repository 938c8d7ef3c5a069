from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import Period

DEFAULT_DAYS = 30
MAX_DAYS = 366
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """The period the figures cover: the last 30 days unless chosen, a year at most."""

    first = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        last = data.get("last") or timezone.localdate()
        first = data.get("first") or last - timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (last - first).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of %(days)d days at most.") % {"days": MAX_DAYS}
            )
        data["period"] = Period(first, last)
        return data

    @classmethod
    def default_period(cls) -> Period:
        last = timezone.localdate()
        return Period(last - timedelta(days=DEFAULT_DAYS - 1), last)
