from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.reviews.models import REPLY_MAX_LENGTH


class ReplyForm(forms.Form):
    """The shop's public reply to a review of one of its products."""

    text = forms.CharField(
        label=_("Your public reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your reply first.")},
    )


class ReviewFilterForm(forms.Form):
    unanswered = forms.BooleanField(label=_("Only reviews without a reply"), required=False)
