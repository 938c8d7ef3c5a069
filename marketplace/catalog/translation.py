"""Translated content fields (django-modeltranslation): one column per language,
name_en/name_fr/name_ar..., read through `name` in the active language with
fallback to whichever language the vendor wrote in (settings' fallback order)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Product, ProductImage


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description", "seo_title", "seo_description", "materials")


@register(ProductImage)
class ProductImageTranslationOptions(TranslationOptions):
    fields = ("alt",)
