"""Parsing of cart requests: anything malformed is a 400 with these messages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Ids are 64-bit; anything larger cannot name a row.
MAX_ID = 2**63 - 1


class VariantForm(forms.Form):
    variant = forms.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        error_messages={
            "required": _("Choose an item."),
            "invalid": _("This item is not available."),
            "min_value": _("This item is not available."),
            "max_value": _("This item is not available."),
        },
    )


class QuantityForm(VariantForm):
    quantity_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.CART_MAX_QUANTITY
        message = _("Enter a quantity between 1 and %(max)s.") % {"max": limit}
        self.fields["quantity"] = forms.IntegerField(
            required=self.quantity_required,
            min_value=1,
            max_value=limit,
            error_messages={
                "required": message,
                "invalid": message,
                "min_value": message,
                "max_value": message,
            },
        )


class AddToCartForm(QuantityForm):
    """Variant and quantity (1 when left out) from a product card or page."""

    quantity_required = False

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data.get("quantity")
        return 1 if quantity is None else quantity


class UpdateLineForm(QuantityForm):
    """A new quantity for a line of the cart."""
