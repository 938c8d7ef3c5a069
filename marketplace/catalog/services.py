"""Stock movements: the only way stock leaves or comes back to a variant.

Checkout sells through `stock_take()`, cancellations and expired orders give back
through `stock_return()`. Both run inside the caller's transaction (or their own),
lock the variants in primary-key order, then the products in primary-key order, so
two buyers of the same items in any order never deadlock, and refresh each
product's denormalised price and availability once. Shared fragments are expired
after commit: a product's page always; listings only when a card changed (the
product sold out, came back, or its price moved).
"""

import logging
import posixpath
import secrets
from dataclasses import dataclass

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, Value, When
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Product, ProductImage, StockMovement, Variant

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shortfall:
    """A line that cannot be served: what was asked and what is left."""

    variant_id: int
    requested: int
    available: int


class OutOfStock(Exception):
    """Raised by `stock_take()`; nothing was taken. `shortfalls` says where."""

    message = _("Some items are no longer available in the quantity you asked for.")

    def __init__(self, shortfalls: list[Shortfall]):
        super().__init__(str(self.message))
        self.shortfalls = shortfalls


def _per_variant(quantities: dict[int, int]) -> Case:
    """`CASE id WHEN <id> THEN <quantity> ... END`: one statement for many rows."""
    return Case(
        *(When(pk=pk, then=Value(n)) for pk, n in quantities.items()),
        output_field=PositiveIntegerField(),
    )


@transaction.atomic
def stock_take(*, quantities: dict[int, int]) -> list[Variant]:
    """Take `quantities` ({variant id: units}) from stock, all or nothing.

    Returns the locked variants (with their products) in primary-key order, stock
    already decremented. Raises `OutOfStock` (nothing taken) when any variant is
    missing, inactive, or short. Queries, whatever the number of lines: 1 lock of
    the variants, 1 UPDATE of their stock, 1 lock of the products, 1 aggregate, and
    1 UPDATE per product whose price or availability changed.
    """
    wanted = {int(pk): int(n) for pk, n in quantities.items() if int(n) > 0}
    variants = Variant.objects.lock(wanted)
    by_pk = {v.pk: v for v in variants}
    shortfalls = [
        Shortfall(pk, n, by_pk[pk].stock if pk in by_pk and by_pk[pk].is_active else 0)
        for pk, n in sorted(wanted.items())
        if pk not in by_pk or not by_pk[pk].is_active or by_pk[pk].stock < n
    ]
    if shortfalls:
        raise OutOfStock(shortfalls)
    # One conditional UPDATE for every line: each row only if enough is left (they
    # are locked, so it is; the CHECK constraint is the last backstop).
    taken = Variant.objects.filter(pk__in=wanted, stock__gte=_per_variant(wanted)).update_quietly(
        stock=F("stock") - _per_variant(wanted)
    )
    if taken != len(wanted):
        raise OutOfStock([Shortfall(v.pk, wanted[v.pk], v.stock) for v in variants])
    for variant in variants:
        variant.stock -= wanted[variant.pk]
    # Locks the products in primary-key order, after the variants.
    Product.objects.filter(pk__in={v.product_id for v in variants}).refresh_from_variants()
    return variants


@transaction.atomic
def stock_return(*, quantities: dict[int, int]) -> None:
    """Put units back in stock (a cancelled or expired order), in the same locking
    order as `stock_take()`. Variants that no longer exist are skipped."""
    wanted = {int(pk): int(n) for pk, n in quantities.items() if int(n) > 0}
    variants = Variant.objects.lock(wanted)
    if variants:
        present = {v.pk: wanted[v.pk] for v in variants}
        Variant.objects.filter(pk__in=present).update_quietly(
            stock=F("stock") + _per_variant(present)
        )
    Product.objects.filter(pk__in={v.product_id for v in variants}).refresh_from_variants()


# --- Products in the vendor dashboard: saving, publishing, copying, photos ---------
#
# The editor saves a product and its variants together (`product_save`), each stock
# change it makes recorded as a manual StockMovement; `product_publish` refuses,
# naming what is missing (`Product.publish_problems()`). Nothing here clears staff
# moderation (`hidden_by_staff`, `moderation_reason`): a product hidden by staff
# stays hidden whatever its shop does, and a copy of it is hidden too.

PRODUCT_IMAGES_MAX = 12


class ProductActionRefused(Exception):
    """A dashboard action that cannot be done; `message` says why, `problems` lists
    what is missing (publishing)."""

    def __init__(self, message, problems: list[str] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.problems = problems or []


class VariantRefused(Exception):
    """A variant of the editor cannot be saved as it is; nothing was saved."""

    def __init__(self, variant: Variant, field: str, message):
        super().__init__(str(message))
        self.variant = variant
        self.field = field
        self.message = str(message)


@dataclass
class VariantEdit:
    """A variant as the editor left it (not saved yet) and the stock the editor
    showed when it was opened (None for a new variant)."""

    variant: Variant
    stock_seen: int | None = None


def _lock_product(product: Product) -> Product:
    return Product.objects.select_for_update().get(pk=product.pk)


def _record_manual_stock(*, variant: Variant, change: int, user) -> None:
    if change:
        StockMovement.objects.create(
            variant=variant,
            change=change,
            stock_after=variant.stock,
            reason=StockMovement.Reason.MANUAL,
            user=user,
        )


def _save_product(product: Product) -> None:
    """Save, giving each newly named language its slug; when a concurrent save
    took one of those slugs (the unique constraint refuses it), once more with a
    random suffix on them."""
    unslugged = [code for code in ("en", "fr", "ar") if not getattr(product, f"slug_{code}")]
    adding = product._state.adding
    product.fill_slugs()
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        if adding:
            product.pk = None
            product._state.adding = True
        for code in unslugged:
            setattr(product, f"slug_{code}", None)
        product.fill_slugs(salt=secrets.token_hex(2))
        product.save()


@transaction.atomic
def product_save(*, product: Product, variants: list[VariantEdit], user=None) -> Product:
    """Save the editor's product and variants, all or nothing.

    A variant's stock is changed only when the editor changed it: when it still
    shows the stock it was opened with, the stock in the database stands (a sale
    made meanwhile is kept). When both the editor and something else changed it,
    `VariantRefused` says so and nothing is saved. Each change is recorded as a
    manual StockMovement by `user` (a new variant's first stock too). A SKU taken
    meanwhile by another variant is a `VariantRefused` as well.

    Locks the edited variants, then the product, in the order every stock writer
    takes (see `stock_take()`).
    """
    adding = product._state.adding
    new_variants = [e.variant for e in variants if e.variant.pk is None]
    try:
        locked = Variant.objects.lock([e.variant.pk for e in variants if e.variant.pk])
        current = {v.pk: v.stock for v in locked}
        _save_product(product)
        for edit in variants:
            variant = edit.variant
            variant.product = product
            if variant.pk is None:
                change = variant.stock
            elif variant.pk not in current:
                raise VariantRefused(variant, "sku", _("This variant was deleted meanwhile."))
            else:
                stored = current[variant.pk]
                if variant.stock == edit.stock_seen:
                    variant.stock = stored  # not edited: keep what is in stock now
                elif stored != edit.stock_seen:
                    raise VariantRefused(
                        variant,
                        "stock",
                        _(
                            "The stock of %(sku)s changed to %(stock)d while you were "
                            "editing (an order, or another change). Check it and save again."
                        )
                        % {"sku": variant.sku, "stock": stored},
                    )
                change = variant.stock - stored
            try:
                with transaction.atomic():
                    variant.save()
            except IntegrityError as error:
                raise VariantRefused(
                    variant, "sku", _("Another variant already uses this SKU.")
                ) from error
            _record_manual_stock(variant=variant, change=change, user=user)
    except Exception:
        if adding:  # rolled back: the product and its new variants do not exist
            product.pk = None
            product._state.adding = True
        for variant in new_variants:
            variant.pk = None
            variant._state.adding = True
        raise
    return product


@transaction.atomic
def product_publish(*, product: Product) -> Product:
    """Put the product on sale. Raises `ProductActionRefused` listing what is
    missing (`Product.publish_problems()`); staff moderation is left as it is."""
    locked = _lock_product(product)
    problems = locked.publish_problems()
    if problems:
        raise ProductActionRefused(_("This product cannot be published yet."), problems)
    if locked.status != Product.Status.ACTIVE:
        locked.status = Product.Status.ACTIVE
        locked.save(update_fields=["status", "updated"])
    product.status = locked.status
    return locked


def _set_status(product: Product, status: str) -> Product:
    locked = _lock_product(product)
    if locked.status != status:
        locked.status = status
        locked.save(update_fields=["status", "updated"])
    product.status = locked.status
    return locked


@transaction.atomic
def product_unpublish(*, product: Product) -> Product:
    """Take a published product off sale (inactive); it keeps everything else."""
    locked = _lock_product(product)
    if locked.status != Product.Status.ACTIVE:
        raise ProductActionRefused(_("This product is not published."))
    return _set_status(locked, Product.Status.INACTIVE)


@transaction.atomic
def product_archive(*, product: Product) -> Product:
    """Archive a product the shop no longer makes (status discontinued): off the
    storefront and out of the shop's default product list; it can be published
    again."""
    return _set_status(product, Product.Status.DISCONTINUED)


def _unique_sku(sku: str, taken: set[str]) -> str:
    base = f"{sku[:58]}-COPY"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


PRODUCT_COPIED_FIELDS = (
    "vendor_id",
    "category_id",
    "origin_region",
    "base_price",
    "compare_at_price",
    "processing_days",
    "allows_personalisation",
    "language",
    # A copy of a product staff hid is hidden too: copying is no way round moderation.
    "hidden_by_staff",
    "moderation_reason",
    "moderated_at",
    "moderated_by_id",
)
PRODUCT_COPIED_TEXTS = ("description", "seo_title", "seo_description", "materials")


@transaction.atomic
def product_duplicate(*, product: Product) -> Product:
    """A draft copy of `product`: names with " (copy)" in each language it has,
    new slugs, the same texts, prices and category; its variants with new SKUs
    (`<SKU>-COPY`, `-COPY-2`...) and no stock (a copy is a new item: its stock is
    counted when it is made, never taken from the original's); its photos copied
    into new files, whose renditions are made after commit as for any upload.
    Staff moderation is copied too."""
    source = Product.objects.get(pk=product.pk)
    copy = Product(status=Product.Status.DRAFT)
    for name in PRODUCT_COPIED_FIELDS:
        setattr(copy, name, getattr(source, name))
    for code in ("en", "fr", "ar"):
        for name in PRODUCT_COPIED_TEXTS:
            setattr(copy, f"{name}_{code}", getattr(source, f"{name}_{code}"))
        name = getattr(source, f"name_{code}")
        if name:
            with translation.override(code):
                copied = _("%(name)s (copy)") % {"name": name}
            setattr(copy, f"name_{code}", copied[:200])
    copy.fill_slugs()
    copy.save()

    variants = list(source.variants.all())
    taken: set[str] = set()
    for variant in variants:
        taken.update(
            Variant.objects.filter(sku__startswith=f"{variant.sku[:58]}-COPY").values_list(
                "sku", flat=True
            )
        )
    Variant.objects.bulk_create(
        [
            Variant(
                product=copy,
                sku=_unique_sku(v.sku, taken),
                size=v.size,
                colour=v.colour,
                price_override=v.price_override,
                stock=0,
                low_stock_threshold=v.low_stock_threshold,
                is_active=v.is_active,
                position=v.position,
            )
            for v in variants
        ]
    )
    copy.refresh_from_variants()

    for image in source.images.all():
        photo = ProductImage(
            product=copy,
            position=image.position,
            is_main=image.is_main,
            **{f"alt_{code}": getattr(image, f"alt_{code}") for code in ("en", "fr", "ar")},
        )
        name = posixpath.basename(image.image.name)
        try:
            with image.image.storage.open(image.image.name, "rb") as file:
                photo.image.save(name, File(file, name=name), save=False)  # streamed
        except OSError:
            logger.warning("product %s: photo %s is missing, not copied", source.pk, image.pk)
            continue
        photo.save()
    return copy


def _images_in_order(product: Product) -> list[ProductImage]:
    """The product's photos as shoppers see them: the main one first, then by
    position."""
    return list(ProductImage.objects.filter(product=product).order_by("-is_main", "position", "id"))


def _renumber(images: list[ProductImage]) -> None:
    for position, image in enumerate(images):
        if image.position != position:
            image.position = position
            image.save(update_fields=["position"])


@transaction.atomic
def product_image_add(*, image: ProductImage) -> ProductImage:
    """Store a new photo (already checked and normalised, see catalog/images.py)
    last; the product's first photo becomes its main one. Its renditions are made
    after commit."""
    product = _lock_product(image.product)
    images = _images_in_order(product)
    if len(images) >= PRODUCT_IMAGES_MAX:
        raise ProductActionRefused(
            _("A product can have at most %(count)d photos: delete one first.")
            % {"count": PRODUCT_IMAGES_MAX}
        )
    image.product = product
    image.position = max((i.position for i in images), default=-1) + 1
    image.is_main = not any(i.is_main for i in images)
    image.save()
    return image


@transaction.atomic
def product_image_move(*, image: ProductImage, offset: int) -> None:
    """Move a photo earlier (-1) or later (+1) among the product's photos. The main
    photo always comes first: it does not move, and nothing moves before it."""
    _lock_product(image.product)
    images = _images_in_order(image.product)
    index = next(i for i, each in enumerate(images) if each.pk == image.pk)
    target = index + offset
    first_movable = 1 if images and images[0].is_main else 0
    if images[index].is_main or not first_movable <= target < len(images):
        return
    images[index], images[target] = images[target], images[index]
    _renumber(images)


@transaction.atomic
def product_image_set_main(*, image: ProductImage) -> None:
    """Make this photo the product's main one (the one on cards, first on its page)."""
    _lock_product(image.product)
    for other in ProductImage.objects.filter(product_id=image.product_id, is_main=True):
        if other.pk != image.pk:
            other.is_main = False
            other.save(update_fields=["is_main"])
    if not image.is_main:
        image.is_main = True
        image.save(update_fields=["is_main"])
    _renumber(_images_in_order(image.product))


@transaction.atomic
def product_image_delete(*, image: ProductImage) -> None:
    """Delete a photo (its renditions after commit); when it was the main one, the
    next photo becomes the main one. The last photo of a published product stays:
    a product is published only with a photo."""
    product = _lock_product(image.product)
    if product.status == Product.Status.ACTIVE and len(_images_in_order(product)) == 1:
        raise ProductActionRefused(
            _(
                "A published product keeps at least one photo: add another one first, "
                "or unpublish it."
            )
        )
    image.delete()
    images = _images_in_order(image.product)
    if images and not any(i.is_main for i in images):
        images[0].is_main = True
        images[0].save(update_fields=["is_main"])
    _renumber(images)
