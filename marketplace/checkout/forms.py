"""The checkout forms. None of them carries an amount: prices, quantities, variants,
shipping and currency are read from the database by `checkout_quote` and
`place_order`, whatever else a request sends."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.forms import AddressForm
from marketplace.orders.models import Order
from marketplace.orders.services import ShippingAddress

ADDRESS_FIELDS = [
    "recipient_name",
    "phone",
    "line1",
    "line2",
    "city",
    "region",
    "postal_code",
    "country",
]


class NewAddressForm(AddressForm):
    """A signed-in shopper's new address: saved to their account (accounts.services)
    and used for this order."""

    def shipping_address(self) -> ShippingAddress:
        return ShippingAddress(**{name: str(self.cleaned_data[name]) for name in ADDRESS_FIELDS})


class GuestDetailsForm(NewAddressForm):
    """A guest's e-mail address (for the confirmation and to follow the order) and
    where the parcel goes; nothing is saved but the order itself."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the order confirmation here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(AddressForm.Meta):
        fields = ADDRESS_FIELDS

    field_order = ["email", *ADDRESS_FIELDS]


class SavedAddressForm(forms.Form):
    """Deliver to one of the shopper's saved addresses (theirs only)."""

    address = forms.ModelChoiceField(
        label=_("Deliver to"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose an address."),
            "invalid_choice": _("Choose one of your saved addresses."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address"].queryset = user.addresses.all()
        self.fields["address"].label_from_instance = lambda address: ", ".join(address.lines())

    def shipping_address(self) -> ShippingAddress:
        return ShippingAddress.from_address(self.cleaned_data["address"])


class PaymentMethodForm(forms.Form):
    """One of the methods this order may use (`choices`: those offered)."""

    method = forms.ChoiceField(
        label=_("Payment method"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a payment method."),
            "invalid_choice": _("Choose one of the payment methods offered."),
        },
    )

    def __init__(self, *args, methods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            Order.Method.CARD: _("Card (Visa, Mastercard)"),
            Order.Method.CASH_ON_DELIVERY: _("Cash on delivery"),
        }
        self.fields["method"].choices = [(method, labels[method]) for method in methods]


class PlaceOrderForm(forms.Form):
    """The review page's form: the idempotency token and the quote's fingerprint
    (the amounts the shopper saw), and a note for each product that takes one."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, personalisable=(), **kwargs):
        """`personalisable`: (variant id, product name) of the lines whose product
        takes a personalisation note."""
        super().__init__(*args, **kwargs)
        self.notes = {}
        for variant_id, name in personalisable:
            field_name = f"note_{variant_id}"
            self.fields[field_name] = forms.CharField(
                label=_("Note for the artisan: %(product)s") % {"product": name},
                required=False,
                max_length=300,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
            )
            self.notes[variant_id] = field_name

    def personalisations(self) -> dict[int, str]:
        return {
            variant_id: self.cleaned_data[name].strip()
            for variant_id, name in self.notes.items()
            if self.cleaned_data.get(name, "").strip()
        }
