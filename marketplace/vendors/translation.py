from modeltranslation.translator import TranslationOptions, register

from .models import Vendor


@register(Vendor)
class VendorTranslationOptions(TranslationOptions):
    fields = ("story", "shipping_policy", "returns_policy", "vacation_message")
