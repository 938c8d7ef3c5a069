"""Forms of the stock section: the table's filters, a row's edit, the history's
filter and the CSV import."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import StockMovement
from marketplace.catalog.services import MAX_PRICE, MAX_STOCK

from ..stock_files import StockFileError, read_stock_file


class StockFilterForm(forms.Form):
    """The stock table's query string; a value that does not parse is left out."""

    q = forms.CharField(required=False, max_length=100, label=_("Search by product or SKU"))
    low = forms.BooleanField(required=False, label=_("Low stock only"))

    def filters(self) -> dict:
        self.is_valid()
        return {
            "q": self.cleaned_data.get("q", "").strip(),
            "low": bool(self.cleaned_data.get("low")),
        }


class StockEditForm(forms.Form):
    """A row of the stock table: the count on the shelf and the variant's own price.
    `seen` is the stock the page showed, so that a sale made meanwhile is not
    overwritten unknowingly."""

    stock = forms.IntegerField(label=_("Stock"), min_value=0, max_value=MAX_STOCK)
    price = forms.DecimalField(
        label=_("Price"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_PRICE,
        max_digits=10,
        decimal_places=2,
        help_text=_("Leave empty to use the product's base price."),
    )
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class MovementFilterForm(forms.Form):
    reason = forms.ChoiceField(
        required=False,
        label=_("Why"),
        choices=[("", _("All changes")), *StockMovement.Reason.choices],
    )

    def reason_value(self) -> str:
        return self.cleaned_data.get("reason", "") if self.is_valid() else ""


class StockImportForm(forms.Form):
    file = forms.FileField(
        label=_("Stock file (CSV)"),
        help_text=_(
            "Columns sku, stock and, to change prices, price: as in the exported file. "
            "Up to 5,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.rows = read_stock_file(upload)
        except StockFileError as error:
            raise forms.ValidationError(error.message, code="bad_file") from None
        return upload
