from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from .models import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TEXT_MIN_LENGTH,
    ReviewReport,
)

# Five stars first, as the distribution on the product page.
RATING_CHOICES = [
    (5, _("5 stars")),
    (4, _("4 stars")),
    (3, _("3 stars")),
    (2, _("2 stars")),
    (1, _("1 star")),
]
RATING_ERRORS = {
    "required": _("Choose a rating from 1 to 5 stars."),
    "invalid": _("Choose a rating from 1 to 5 stars."),
    "invalid_choice": _("Choose a rating from 1 to 5 stars."),
}


class ReviewForm(forms.Form):
    """The buyer's rating and words; the language defaults to the page's."""

    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=RATING_ERRORS,
    )
    text = forms.CharField(
        label=_("Your review"),
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a few words about the product.")},
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        # Each language in its own name, as the language switcher shows them.
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = gettext(
            "What did you like, what could be better? %(min)d to %(max)s characters."
        ) % {"min": TEXT_MIN_LENGTH, "max": intcomma(TEXT_MAX_LENGTH)}


class ReviewFilterForm(forms.Form):
    """The product's reviews, all or only those with so many stars."""

    rating = forms.TypedChoiceField(
        label=_("Show"),
        choices=[("", _("All ratings")), *RATING_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a rating from 1 to 5 stars, or all ratings.")},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this review?"),
        choices=ReviewReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a reason."),
            "invalid_choice": _("Choose one of the reasons offered."),
        },
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
