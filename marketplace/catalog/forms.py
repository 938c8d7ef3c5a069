import math
from decimal import Decimal

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Variant

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("name", _("Name")),
    ("rating", _("Best rated")),
]


def _stars_and_up(stars: int) -> str:
    return ngettext("%(stars)s star and up", "%(stars)s stars and up", stars) % {"stars": stars}


# Lazy: built when a page renders, in its language (formatting a lazy string at import
# would fix it in whatever language was active then).
RATING_CHOICES = [("", _("Any rating"))] + [
    (str(n), lazy(_stars_and_up, str)(n)) for n in (4, 3, 2, 1)
]
MAX_PRICE = Decimal("10000000")


class PriceField(forms.DecimalField):
    """A price bound: a non-negative amount in the shop currency."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            min_value=Decimal("0"),
            max_value=MAX_PRICE,
            max_digits=12,
            decimal_places=2,
            localize=False,
            **kwargs,
        )


class ProductFilterForm(forms.Form):
    """The storefront's query string: every field optional, bad values ignored.

    `ProductFilterForm(request.GET).filters()` returns only the fields that parsed;
    `ignored()` names the ones that did not, so the page can say so.
    """

    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    category = forms.SlugField(required=False, max_length=120, label=_("Category"))
    min_price = PriceField(label=_("Minimum price"))
    max_price = PriceField(label=_("Maximum price"))
    option = forms.CharField(required=False, label=_("Options"))
    rating = forms.TypedChoiceField(
        required=False, choices=RATING_CHOICES, coerce=int, empty_value=None, label=_("Rating")
    )
    vendor = forms.SlugField(required=False, max_length=140, label=_("Shop"))
    in_stock = forms.BooleanField(required=False, label=_("In stock only"))
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, label=_("Sort by"))

    def __init__(self, data=None, *args, **kwargs):
        self.options = []
        if data is not None:
            self.options = self._parse_options(data.getlist("option"))
        super().__init__(data, *args, **kwargs)

    @staticmethod
    def _parse_options(values: list[str]) -> list[tuple[str, str]]:
        """`option=colour:red&option=size:M` -> [("colour", "red"), ("size", "M")]."""
        colours = set(Variant.Colour.values)
        parsed = []
        for value in values[:20]:
            kind, _sep, choice = value.partition(":")
            choice = choice.strip()[:40]
            if (kind == "colour" and choice in colours) or (kind == "size" and choice):
                parsed.append((kind, choice))
        return parsed

    def clean_option(self):
        return self.options

    def clean(self):
        data = super().clean()
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            data["min_price"], data["max_price"] = high, low
        return data

    def filters(self) -> dict:
        """The fields that parsed, without the empty ones."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", [], False)
        }

    def canonical_query(self) -> QueryDict:
        """The parsed filters as a query string in a fixed order, with one spelling
        per value: what the listing shows depends on this, never on the raw URL
        (unknown parameters and junk are gone). Links and shared-fragment keys are
        built from it."""
        query = QueryDict(mutable=True)
        filters = self.filters()
        for name, value in filters.items():
            if name == "option":
                query.setlist(name, sorted({f"{kind}:{choice}" for kind, choice in value}))
            elif isinstance(value, bool):
                query[name] = "1"
            elif isinstance(value, Decimal):
                query[name] = f"{value.quantize(Decimal('0.01')):f}"
            else:
                query[name] = str(value)
        return query

    def ignored(self) -> list[str]:
        """Labels of the fields whose values could not be used."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def page_number(value: str | None) -> int:
    """A listing page number: junk reads as 1, and nothing past the last page a
    capped listing can have (so `?page=<any number>` makes no new cache entry)."""
    last = max(1, math.ceil(settings.LISTING_MAX_RESULTS / settings.PRODUCTS_PER_PAGE))
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last)
