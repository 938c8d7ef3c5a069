"""The earnings page's month picker."""

import re
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
# No shop sold anything before this (and far-off years overflow date arithmetic).
EARLIEST = date(2020, 1, 1)


def month_start(value: date) -> date:
    return value.replace(day=1)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `last` back to `first`, newest first."""
    months, month = [], month_start(last)
    while month >= month_start(first):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months


class StatementMonthForm(forms.Form):
    """?month=YYYY-MM (empty: this month). A malformed month, one before EARLIEST or
    one still to come is an error, never a 500."""

    month = forms.CharField(label=_("Month"), required=False)

    def clean_month(self) -> date:
        value = (self.cleaned_data.get("month") or "").strip()
        this_month = month_start(timezone.localdate())
        if not value:
            return this_month
        try:
            if not MONTH.fullmatch(value):
                raise ValueError(value)
            chosen = date(int(value[:4]), int(value[5:]), 1)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a month: choose one from the list."),
                params={"value": value},
                code="invalid",
            ) from None
        if chosen < EARLIEST:
            raise forms.ValidationError(
                _("Souk has no statement before %(year)s: choose a month from the list."),
                params={"year": EARLIEST.year},
                code="too_old",
            )
        if chosen > this_month:
            raise forms.ValidationError(
                _("That month has not come yet: choose one from the list."), code="future"
            )
        return chosen
