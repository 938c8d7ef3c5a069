"""Every change to what the storefront shows expires the shared fragments that show it.

One place for the rule, so no caller has to remember it: model saves and deletes
(admin, dashboard, shell, cascades, `QuerySet.delete()`) arrive here as signals;
bulk writes are covered by `StorefrontQuerySet` (core/fragments.py), and sales by
`catalog.services`. Everything is expired after the transaction commits
(`invalidate_storefront` uses `transaction.on_commit`).

Granularity: a product's page has its own version; listings, the home page and
every product page's related cards share the *grid* version, moved only when
something a card shows, or something that decides which listings a product is
in, changes. Which fields those are is decided by comparing the stored row with
the one being saved (one indexed read per save, none for sales).

Renaming a shop or a category rewrites its products' search documents here, in
the same transaction as the rename, whoever saves it.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from marketplace.core.fragments import invalidate_storefront
from marketplace.vendors.models import Vendor

from .models import (
    CATEGORY_TREE_CACHE_KEY,
    ROOT_CATEGORIES_CACHE_KEY,
    SIZES_CACHE_KEY,
    Category,
    Product,
    ProductImage,
    Variant,
)

TREE_KEYS = (CATEGORY_TREE_CACHE_KEY, ROOT_CATEGORIES_CACHE_KEY)
# Product fields no card shows and no listing filters, sorts or searches on.
PRODUCT_PAGE_ONLY = {
    "processing_days",
    "allows_personalisation",
    "updated",
    "language",
    "moderation_reason",
    "moderated_at",
    "moderated_by_id",
} | {
    f"{name}{suffix}"
    for name in ("seo_title", "seo_description")
    for suffix in ("", "_en", "_fr", "_ar")
}
# Variant fields that change cards or listings (options, price, number of
# active variants, the product they belong to). Stock shows on cards only through
# the product's `in_stock`, which `refresh_from_variants()` compares itself.
VARIANT_CARD_FIELDS = {"is_active", "size", "colour", "price_override", "product_id"}
IMAGE_CARD_FIELDS = {"image", "is_main", "product_id", "renditions"} | {
    f"alt{suffix}" for suffix in ("", "_en", "_fr", "_ar")
}


def _remember_changes(instance, update_fields, skip=()) -> None:
    """Store on the instance which of its fields differ from its stored row (None
    for a new row), for the post_save receiver to decide what to expire."""
    fields = [
        f
        for f in type(instance)._meta.concrete_fields
        if not f.primary_key
        and f.attname not in skip
        and (update_fields is None or f.name in update_fields or f.attname in update_fields)
    ]
    stored = None
    if not instance._state.adding and instance.pk is not None:
        stored = (
            type(instance)
            ._base_manager.using(instance._state.db or "default")
            .filter(pk=instance.pk)
            .values(*(f.attname for f in fields))
            .first()
        )
    if stored is None:
        instance._storefront_changes = None
        return
    instance._storefront_changes = {
        f.attname for f in fields if stored[f.attname] != getattr(instance, f.attname)
    }


def _changes(instance) -> set[str] | None:
    return getattr(instance, "_storefront_changes", None)


# --- Products -----------------------------------------------------------------------


@receiver(pre_save, sender=Product, dispatch_uid="catalog.product.pre_save")
def product_pre_save(sender, instance: Product, update_fields=None, raw=False, **kwargs):
    _remember_changes(instance, update_fields, skip={"search_en", "search_fr", "search_ar"})


@receiver(post_save, sender=Product, dispatch_uid="catalog.product.post_save")
def product_saved(sender, instance: Product, created: bool, using: str, **kwargs):
    changes = _changes(instance)
    grid = created or changes is None or bool(changes - PRODUCT_PAGE_ONLY)
    if grid or changes:
        invalidate_storefront(grid=grid, products=[instance.pk], using=using)


@receiver(post_delete, sender=Product, dispatch_uid="catalog.product.post_delete")
def product_deleted(sender, instance: Product, using: str, **kwargs):
    invalidate_storefront(grid=True, products=[instance.pk], using=using)


# --- Variants -----------------------------------------------------------------------


@receiver(pre_save, sender=Variant, dispatch_uid="catalog.variant.pre_save")
def variant_pre_save(sender, instance: Variant, update_fields=None, **kwargs):
    _remember_changes(instance, update_fields)


@receiver(post_save, sender=Variant, dispatch_uid="catalog.variant.post_save")
def variant_saved(sender, instance: Variant, created: bool, using: str, **kwargs):
    # Variant.save() then refreshes the product's price and availability, which
    # expires the listings too when those changed.
    changes = _changes(instance)
    grid = created or changes is None or bool(changes & VARIANT_CARD_FIELDS)
    if grid or changes:
        invalidate_storefront(
            grid=grid,
            products=[instance.product_id],
            keys=(SIZES_CACHE_KEY,) if grid else (),
            using=using,
        )


@receiver(post_delete, sender=Variant, dispatch_uid="catalog.variant.post_delete")
def variant_deleted(sender, instance: Variant, using: str, **kwargs):
    invalidate_storefront(
        grid=True, products=[instance.product_id], keys=(SIZES_CACHE_KEY,), using=using
    )


# --- Images -------------------------------------------------------------------------


@receiver(pre_save, sender=ProductImage, dispatch_uid="catalog.image.pre_save")
def image_pre_save(sender, instance: ProductImage, update_fields=None, **kwargs):
    _remember_changes(instance, update_fields)


@receiver(post_save, sender=ProductImage, dispatch_uid="catalog.image.post_save")
def image_saved(sender, instance: ProductImage, created: bool, using: str, **kwargs):
    """Cards show the main image (and its alternative text) only."""
    changes = _changes(instance)
    grid = instance.is_main and (created or changes is None or bool(changes & IMAGE_CARD_FIELDS))
    grid = grid or bool(changes and "is_main" in changes)  # it was the main image
    if grid or created or changes:
        invalidate_storefront(grid=grid, products=[instance.product_id], using=using)


@receiver(post_delete, sender=ProductImage, dispatch_uid="catalog.image.post_delete")
def image_deleted(sender, instance: ProductImage, using: str, **kwargs):
    invalidate_storefront(grid=instance.is_main, products=[instance.product_id], using=using)


# --- Categories and shops -----------------------------------------------------------


def _renamed(instance) -> bool:
    changes = _changes(instance) or set()
    return any(name == "name" or name.startswith("name_") for name in changes)


@receiver(pre_save, sender=Category, dispatch_uid="catalog.category.pre_save")
def category_pre_save(sender, instance: Category, update_fields=None, **kwargs):
    _remember_changes(instance, update_fields)


@receiver(post_save, sender=Category, dispatch_uid="catalog.category.post_save")
def category_saved(sender, instance: Category, using: str, **kwargs):
    if _renamed(instance):  # category names are part of the search documents
        Product.objects.using(using).filter(category=instance).update_search_vectors()
    invalidate_storefront(grid=True, keys=TREE_KEYS, using=using)


@receiver(post_delete, sender=Category, dispatch_uid="catalog.category.post_delete")
def category_deleted(sender, instance: Category, using: str, **kwargs):
    invalidate_storefront(grid=True, keys=TREE_KEYS, using=using)


@receiver(pre_save, sender=Vendor, dispatch_uid="catalog.vendor.pre_save")
def vendor_pre_save(sender, instance: Vendor, update_fields=None, **kwargs):
    _remember_changes(instance, update_fields)


@receiver(post_save, sender=Vendor, dispatch_uid="catalog.vendor.post_save")
def vendor_saved(sender, instance: Vendor, created: bool, using: str, **kwargs):
    """Shop names show on cards; a shop's status decides whether its products show."""
    if _renamed(instance):  # shop names are part of the search documents
        Product.objects.using(using).filter(vendor=instance).update_search_vectors()
    if created and instance.status != Vendor.Status.APPROVED:
        return  # nothing of it is on the storefront yet
    invalidate_storefront(grid=True, using=using)


@receiver(post_delete, sender=Vendor, dispatch_uid="catalog.vendor.post_delete")
def vendor_deleted(sender, instance: Vendor, using: str, **kwargs):
    invalidate_storefront(grid=True, using=using)
