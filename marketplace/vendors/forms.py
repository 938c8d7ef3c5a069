"""Forms of the vendor side: the shop application, the shop's settings (which the
vendor dashboard shows), team invitations and the staff's rejection reason.

Every check happens on the server with a translated message; the services
(services.py) hold the rules that need the database's state.
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Vendor
from .validators import format_account, normalise_account, validate_payout_account

# Longest story or policy a shop may write (a page of text).
TEXT_MAX_LENGTH = 5000
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _terms_label() -> str:
    link = format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("vendors:terms"),
        _("seller terms"),
    )
    # The sentence is escaped, the link built escaped: the result is safe.
    return mark_safe(escape(_("I have read and accept the %(terms)s.")) % {"terms": link})


class ShopApplicationForm(forms.ModelForm):
    """What an artisan or an association tells Souk to open a shop. The story is
    written in the language of the page and stored as that language's text (the
    others fall back to it until the shop translates it)."""

    story = forms.CharField(
        label=_("Your story"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who you are, what you make and how: shoppers read it on your shop's page."),
    )
    accept_terms = forms.BooleanField(
        label=_("seller terms"),
        error_messages={"required": _("Accept the seller terms to apply.")},
    )

    class Meta:
        model = Vendor
        fields = [
            "name",
            "kind",
            "region",
            "city",
            "logo",
            "contact_phone",
            "payout_holder",
            "payout_account",
        ]
        labels = {
            "name": _("Shop name"),
            "kind": _("You are"),
            "logo": _("Logo (optional)"),
        }
        help_texts = {
            "payout_holder": _("The name on the bank account, as the bank writes it."),
            "payout_account": _(
                "A Moroccan RIB (24 digits) or an IBAN: we pay your sales into this account."
            ),
        }
        widgets = {
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "region": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "payout_account": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}
            ),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("region", "city", "contact_phone", "payout_holder", "payout_account"):
            self.fields[name].required = True
        self.fields["accept_terms"].label = _terms_label()  # with a link, in the page's language
        self.language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if self.instance.pk:
            self.fields["story"].initial = self.instance.story
            self.initial["payout_account"] = format_account(self.instance.payout_account)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Vendor.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("A shop with this name already exists; choose another."), code="name_taken"
            )
        return name

    def clean_payout_account(self) -> str:
        account = normalise_account(self.cleaned_data["payout_account"])
        validate_payout_account(account)
        return account

    def save(self, commit: bool = True) -> Vendor:
        vendor = super().save(commit=False)
        language = self.language if self.language in LANGUAGE_CODES else settings.LANGUAGE_CODE
        setattr(vendor, f"story_{language}", self.cleaned_data["story"])
        if commit:
            vendor.save()
        return vendor


def _translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in LANGUAGE_CODES]


class ShopSettingsForm(forms.ModelForm):
    """A shop's own settings, edited by its owner in the vendor dashboard: the
    profile (story in each language), logo and banner, contact, shipping rates,
    processing time, shipping and returns policies in each language, and vacation
    mode (its products leave the storefront; the shop page shows the message).

    `translated_fields()` groups the per-language fields, for tabs.
    """

    TRANSLATED = ("story", "shipping_policy", "returns_policy", "vacation_message")

    class Meta:
        model = Vendor
        fields = [
            *_translated("story"),
            "logo",
            "banner",
            "contact_phone",
            "region",
            "city",
            "shipping_rate",
            "free_shipping_above",
            "processing_days",
            *_translated("shipping_policy"),
            *_translated("returns_policy"),
            "on_vacation",
            *_translated("vacation_message"),
        ]
        help_texts = {
            "shipping_rate": _(
                "Per order, in the shop's currency. Empty: the platform's standard rate."
            ),
            "free_shipping_above": _(
                "Orders from your shop at or above this amount ship free. Empty: the platform's."
            ),
        }
        widgets = {
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for field in ("story", "shipping_policy", "returns_policy", "vacation_message")
                for name in _translated(field)
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        for field in self.TRANSLATED:
            label = Vendor._meta.get_field(field).verbose_name
            for code in LANGUAGE_CODES:
                form_field = self.fields[f"{field}_{code}"]
                form_field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
                form_field.widget.attrs["maxlength"] = str(TEXT_MAX_LENGTH)
                form_field.label = f"{str(label).capitalize()} ({languages[code]})"
                if field == "vacation_message":
                    form_field.help_text = _("Shown on your shop's page while you are away.")
        for name in ("shipping_rate", "free_shipping_above", "processing_days"):
            self.fields[name].widget.attrs["min"] = "0"

    def translated_fields(self) -> list[tuple[str, str, list]]:
        """[(language code, language name, [bound fields in that language]), ...]."""
        return [
            (code, name, [self[f"{field}_{code}"] for field in self.TRANSLATED])
            for code, name in settings.LANGUAGES
        ]


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class RejectionForm(forms.Form):
    """Staff's reason for turning an application down: sent to the applicant."""

    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
    )
