"""Forms of the dashboard's products section: the product list's filters, the product
editor (texts in each language, details, variants) and its photos.

Every rule is checked on the server with a translated message; the editor's save
goes through `catalog.services.product_save`, all or nothing.
"""

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, RegexValidator
from django.db.models import Q
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.images import ProductImageUploadField
from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.catalog.services import VariantEdit, VariantRefused

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# What each language's inputs say about their text: screen readers pick the voice,
# browsers the spelling dictionary and the direction (Arabic is right to left).
LANGUAGE_ATTRS = {
    "en": {"lang": "en", "dir": "ltr"},
    "fr": {"lang": "fr", "dir": "ltr"},
    "ar": {"lang": "ar", "dir": "rtl"},
}
TRANSLATED = ("name", "description", "materials", "seo_title", "seo_description")
DESCRIPTION_MAX_LENGTH = 5000
VARIANTS_MAX = 50
STOCK_MAX = 100_000
PRICE_MAX = Decimal("10000000")
PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quote, mirrored in Arabic


def _translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in LANGUAGE_CODES]


# --- The product list ---------------------------------------------------------------


class ProductFilterForm(forms.Form):
    """The product list's query: a search (name in any language, or SKU) and a
    status. Empty status: every product but the archived ones."""

    ARCHIVED = "archived"
    HIDDEN = "hidden"
    STATUS_CHOICES = [
        ("", _("All but archived")),
        (Product.Status.DRAFT, _("Draft")),
        (Product.Status.ACTIVE, _("Published")),
        (Product.Status.INACTIVE, _("Unpublished")),
        (ARCHIVED, _("Archived")),
        (HIDDEN, _("Hidden by our team")),
    ]

    q = forms.CharField(
        label=_("Search by name or SKU"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def filter(self, products):
        """`products` narrowed to what the valid fields ask for."""
        self.is_valid()
        data = self.cleaned_data  # the fields that parsed; the others are ignored
        text = (data.get("q") or "").strip()
        if text:
            match = Q()
            for code in LANGUAGE_CODES:
                match |= Q(**{f"name_{code}__icontains": text})
            skus = Variant.objects.filter(sku__icontains=text).values("product_id")
            products = products.filter(match | Q(pk__in=skus))
        status = data.get("status") or ""
        if status == self.HIDDEN:
            return products.filter(hidden_by_staff=True)
        if status == self.ARCHIVED:
            return products.filter(status=Product.Status.DISCONTINUED)
        if status:
            return products.filter(status=status)
        return products.exclude(status=Product.Status.DISCONTINUED)


# --- The product editor -------------------------------------------------------------


class CategoryPathIterator(ModelChoiceIterator):
    """Each category named with its parents ("Pottery > Tagines"), sorted by that
    name, from one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = {category.pk: category for category in self.queryset}
        paths = []
        for pk, category in rows.items():
            names, node, seen = [category.name], category, {pk}
            while node.parent_id in rows and node.parent_id not in seen:
                node = rows[node.parent_id]
                seen.add(node.pk)
                names.append(node.name)
            paths.append((PATH_SEPARATOR.join(reversed(names)), category))
        for path, category in sorted(paths, key=lambda item: item[0]):
            yield (ModelChoiceIteratorValue(self.field.prepare_value(category), category), path)


class CategoryChoiceField(forms.ModelChoiceField):
    """An active category, shown with its parents ("Pottery > Tagines")."""

    iterator = CategoryPathIterator

    def __init__(self, **kwargs):
        super().__init__(queryset=Category.objects.active(), **kwargs)


class ProductForm(forms.ModelForm):
    """A product's texts in each language, its category, prices and details.

    The name is required in the product's original language (`language`, chosen
    here); the other languages are optional: the storefront shows the original
    where they are empty. Slugs are made from the names when the product is saved
    (`Product.fill_slugs()`). Status and staff moderation are not edited here."""

    category = CategoryChoiceField(label=_("Category"))

    class Meta:
        model = Product
        fields = [
            "language",
            *(name for field in TRANSLATED for name in _translated(field)),
            "category",
            "base_price",
            "compare_at_price",
            "origin_region",
            "processing_days",
            "allows_personalisation",
        ]
        labels = {"base_price": _("Price"), "compare_at_price": _("Former price (optional)")}
        help_texts = {
            "language": _(
                "The language you write this product in: its name is required in it. "
                "The other languages are optional; where they are empty, shoppers read "
                "the original."
            ),
            "base_price": _("The price of every variant that has no price of its own."),
            "origin_region": _("Where it is made, for example Fès-Meknès."),
        }

    def __init__(self, *args, shop=None, **kwargs):
        super().__init__(*args, **kwargs)
        if shop is not None:
            self.instance.vendor = shop
        languages = dict(settings.LANGUAGES)
        for field in TRANSLATED:
            label = str(Product._meta.get_field(field).verbose_name)
            label = label[:1].upper() + label[1:]  # "SEO title" stays as it is
            for code in LANGUAGE_CODES:
                form_field = self.fields[f"{field}_{code}"]
                form_field.label = f"{label} ({languages[code]})"
                form_field.widget.attrs.update(LANGUAGE_ATTRS[code])
                if field == "description":
                    attrs = {"rows": 6, "maxlength": DESCRIPTION_MAX_LENGTH}
                    form_field.widget = forms.Textarea(attrs=attrs | LANGUAGE_ATTRS[code])
                    form_field.validators.append(MaxLengthValidator(DESCRIPTION_MAX_LENGTH))
                if field == "seo_title":
                    form_field.help_text = _(
                        "The title search engines show. Empty: the product's name."
                    )
                if field == "seo_description":
                    form_field.help_text = _(
                        "The summary search engines show. Empty: the start of the description."
                    )
        for name in ("base_price", "compare_at_price"):
            self.fields[name].max_value = PRICE_MAX
            self.fields[name].validators.append(MaxValueValidator(PRICE_MAX))
            self.fields[name].widget.attrs.update({"min": "0.01", "step": "0.01"})
        self.fields["processing_days"].validators.append(MaxValueValidator(365))
        self.fields["processing_days"].widget.attrs.update({"min": "0", "max": "365"})

    @property
    def original_language(self) -> str:
        value = self["language"].value()
        return value if value in LANGUAGE_CODES else settings.LANGUAGE_CODE

    def languages(self) -> list[dict]:
        """Each language's fields, the original one marked, for the language tabs."""
        original = self.original_language
        return [
            {
                "code": code,
                "name": name,
                "original": code == original,
                "fields": [self[f"{field}_{code}"] for field in TRANSLATED],
            }
            for code, name in settings.LANGUAGES
        ]

    def clean(self):
        cleaned = super().clean()
        for field in TRANSLATED:
            for code in LANGUAGE_CODES:
                value = cleaned.get(f"{field}_{code}")
                if isinstance(value, str):
                    value = value.strip()
                    cleaned[f"{field}_{code}"] = value or (None if field == "name" else "")
        language = cleaned.get("language")
        if language and not cleaned.get(f"name_{language}"):
            languages = dict(settings.LANGUAGES)
            self.add_error(
                f"name_{language}",
                forms.ValidationError(
                    _("Give the product a name in %(language)s, its original language."),
                    code="required",
                    params={"language": languages[language]},
                ),
            )
        price, former = cleaned.get("base_price"), cleaned.get("compare_at_price")
        if price is not None and former is not None and former <= price:
            self.add_error(
                "compare_at_price",
                forms.ValidationError(
                    _("The former price must be higher than the price, or left empty."),
                    code="not_higher",
                ),
            )
        return cleaned


SKU_VALIDATOR = RegexValidator(
    re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"),
    _("Use letters, digits, dots, dashes, underscores or slashes, without spaces."),
    code="sku",
)


class VariantForm(forms.ModelForm):
    """One variant: options, SKU, price, stock and its threshold, active. Carries the
    stock it showed (`stock_seen`), so that a sale made while the editor was open
    is never overwritten (see `catalog.services.product_save`)."""

    stock_seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Variant
        fields = [
            "sku",
            "size",
            "colour",
            "price_override",
            "stock",
            "low_stock_threshold",
            "is_active",
        ]
        labels = {"price_override": _("Own price"), "low_stock_threshold": _("Low stock at")}
        help_texts = {"price_override": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].validators.append(SKU_VALIDATOR)
        self.fields["colour"].choices = [("", _("No colour")), *Variant.Colour.choices]
        self.fields["sku"].widget.attrs.update({"dir": "ltr", "spellcheck": "false"})
        self.fields["stock_seen"].initial = self.instance.stock if self.instance.pk else None
        for name in ("stock", "low_stock_threshold"):
            self.fields[name].validators.append(MaxValueValidator(STOCK_MAX))
            self.fields[name].widget.attrs.update({"min": "0", "max": str(STOCK_MAX)})
        self.fields["price_override"].validators.append(MaxValueValidator(PRICE_MAX))
        self.fields["price_override"].widget.attrs.update({"min": "0.01", "step": "0.01"})
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            elif not widget.is_hidden:
                widget.attrs["class"] = "form-control form-control-sm"

    def clean_sku(self) -> str:
        return (self.cleaned_data.get("sku") or "").strip()

    def clean_stock_seen(self) -> int | None:
        """A row that did not say what stock it showed takes today's as seen."""
        seen = self.cleaned_data.get("stock_seen")
        if seen is None and self.instance.pk is not None:
            return self.instance.stock
        return seen


class BaseVariantFormSet(forms.BaseInlineFormSet):
    """The product's variants. None is deleted here: a variant that orders and the
    stock history point to is switched off (active unticked) instead."""

    def get_unique_error_message(self, unique_check):
        if tuple(unique_check) == ("sku",):
            return _("Each variant needs its own SKU: two rows have the same one.")
        return super().get_unique_error_message(unique_check)

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("is_active") or not data.get("sku"):
                continue
            options = (data.get("size", "").strip().casefold(), data.get("colour", ""))
            if options in seen:
                form.add_error(
                    "size",
                    forms.ValidationError(
                        _("Another active variant has the same size and colour."),
                        code="same_options",
                    ),
                )
            seen[options] = form

    def edits(self) -> list[VariantEdit]:
        """The variants to save (new rows left empty are skipped), with the stock
        each row showed; positions follow the rows."""
        edits = []
        for position, form in enumerate(self.forms):
            if form.instance.pk is None and not form.has_changed():
                continue
            variant = form.save(commit=False)
            variant.position = position
            edits.append(VariantEdit(variant=variant, stock_seen=form.cleaned_data["stock_seen"]))
        return edits

    def add_refusal(self, refusal: VariantRefused) -> None:
        """Show a refusal of the save on the row of its variant."""
        for form in self.forms:
            if form.instance is refusal.variant:
                form.add_error(refusal.field, refusal.message)
                return
        self._non_form_errors = self.error_class([refusal.message])


VariantFormSet = forms.inlineformset_factory(
    Product,
    Variant,
    form=VariantForm,
    formset=BaseVariantFormSet,
    extra=1,
    can_delete=False,
    max_num=VARIANTS_MAX,
    validate_max=True,
)


# --- Photos -------------------------------------------------------------------------


def _alt_fields(form: forms.ModelForm) -> None:
    languages = dict(settings.LANGUAGES)
    for code in LANGUAGE_CODES:
        field = form.fields[f"alt_{code}"]
        field.label = _("Description of the photo (%(language)s)") % {"language": languages[code]}
        field.widget.attrs.update(LANGUAGE_ATTRS[code])
    form.fields[f"alt_{LANGUAGE_CODES[0]}"].help_text = _(
        "For shoppers who cannot see the photo: what it shows. Empty: the product's name."
    )


class ProductImageUploadForm(forms.ModelForm):
    """A new photo: checked (JPEG, PNG or WebP, within the size and pixel limits)
    and normalised by catalog/images.py, with its description in each language."""

    class Meta:
        model = ProductImage
        fields = ["image", *_translated("alt")]
        field_classes = {"image": ProductImageUploadField}
        labels = {"image": _("Photo")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _alt_fields(self)
        self.fields["image"].help_text = _("JPEG, PNG or WebP, at most %(size)s.") % {
            "size": filesizeformat(settings.IMAGE_MAX_BYTES)
        }

    def clean(self):
        cleaned = super().clean()
        for code in LANGUAGE_CODES:
            cleaned[f"alt_{code}"] = (cleaned.get(f"alt_{code}") or "").strip()
        return cleaned


class ProductImageTextForm(forms.ModelForm):
    """A photo's description in each language."""

    class Meta:
        model = ProductImage
        fields = _translated("alt")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _alt_fields(self)

    def clean(self):
        cleaned = super().clean()
        for code in LANGUAGE_CODES:
            cleaned[f"alt_{code}"] = (cleaned.get(f"alt_{code}") or "").strip()
        return cleaned
