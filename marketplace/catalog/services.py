"""Stock movements: the only way stock leaves, comes back to or is set on a variant.

Checkout sells through `stock_take()`, cancellations and expired orders give back
through `stock_return()`, a shop sets its counts through `stock_set()` (one variant,
the dashboard's stock table) and `stock_set_many()` (a CSV import). Each runs inside
the caller's transaction (or its own), locks the variants in primary-key order, then
the products in primary-key order, so two writers of the same items in any order
never deadlock, and refreshes each product's denormalised price and availability
once. Shared fragments are expired after commit: a product's page always; listings
only when a card changed (the product sold out, came back, or its price moved).

Every change of stock is recorded as a `StockMovement` (why: sale, cancellation,
manual change or import; who, when, by how much and the stock after), created in
bulk with the change: one INSERT whatever the number of variants.
"""

import enum
import logging
import posixpath
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Case, DecimalField, F, PositiveIntegerField, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from marketplace.vendors.models import Vendor

from .models import Product, ProductImage, StockMovement, Variant

logger = logging.getLogger(__name__)

# The most a shop may hold of one variant, and the highest price it may ask: beyond
# them a number is a typing error (and the database's columns end not far above).
MAX_STOCK = 1_000_000
MAX_PRICE = Decimal("99999999.99")
NOTE_LENGTH = StockMovement._meta.get_field("note").max_length
# Rows per UPDATE ... CASE statement in `stock_set_many()`: a few statements of
# bounded size for a large file, rather than one huge one.
UPDATE_CHUNK = 500


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


def _per_variant(quantities: dict, output_field=None) -> Case:
    """`CASE id WHEN <id> THEN <value> ... END`: one statement for many rows."""
    return Case(
        *(When(pk=pk, then=Value(n)) for pk, n in quantities.items()),
        output_field=output_field or PositiveIntegerField(),
    )


def _movements(
    variants: list[Variant], changes: dict[int, int], *, reason: str, note: str, user
) -> list[StockMovement]:
    """Record one movement per changed variant (its `stock` already the new count),
    in one INSERT; each variant gets its movement as `variant.stock_movement`."""
    now = timezone.now()
    note = (note or "")[:NOTE_LENGTH]
    user = user if user is not None and user.is_authenticated else None
    movements = []
    for variant in variants:
        change = changes.get(variant.pk)
        if not change:
            continue
        variant.stock_movement = StockMovement(
            variant=variant,
            change=change,
            stock_after=variant.stock,
            reason=reason,
            note=note,
            user=user,
            created=now,
        )
        movements.append(variant.stock_movement)
    return StockMovement.objects.bulk_create(movements) if movements else []


@transaction.atomic
def stock_take(*, quantities: dict[int, int], note: str = "", user=None) -> list[Variant]:
    """Take `quantities` ({variant id: units}) from stock, all or nothing, and record
    a sale movement per variant (`note`: what sold it, such as an order number;
    `user`: who bought, if anyone should be named).

    Returns the locked variants (with their products) in primary-key order, stock
    already decremented, each with the movement recorded as `stock_movement` (so a
    caller that learns the order number later can note it). Raises `OutOfStock`
    (nothing taken) when any variant is missing, inactive, or short. Queries,
    whatever the number of lines: 1 lock of the variants, 1 UPDATE of their stock,
    1 INSERT of the movements, 1 lock of the products, 1 aggregate, and 1 UPDATE
    per product whose price or availability changed.
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
    _movements(
        variants,
        {pk: -n for pk, n in wanted.items()},
        reason=StockMovement.Reason.SALE,
        note=note,
        user=user,
    )
    # Locks the products in primary-key order, after the variants.
    Product.objects.filter(pk__in={v.product_id for v in variants}).refresh_from_variants()
    return variants


@transaction.atomic
def stock_return(*, quantities: dict[int, int], note: str = "", user=None) -> None:
    """Put units back in stock (a cancelled or expired order), in the same locking
    order as `stock_take()`, recording a cancellation movement per variant (`note`:
    the order number). Variants that no longer exist are skipped. Queries: 1 lock
    of the variants, 1 UPDATE, 1 INSERT of the movements, 1 lock of the products,
    1 aggregate, and 1 UPDATE per product whose price or availability changed."""
    wanted = {int(pk): int(n) for pk, n in quantities.items() if int(n) > 0}
    variants = Variant.objects.lock(wanted)
    if variants:
        present = {v.pk: wanted[v.pk] for v in variants}
        Variant.objects.filter(pk__in=present).update_quietly(
            stock=F("stock") + _per_variant(present)
        )
        for variant in variants:
            variant.stock += present[variant.pk]
        _movements(
            variants, present, reason=StockMovement.Reason.CANCELLATION, note=note, user=user
        )
    Product.objects.filter(pk__in={v.product_id for v in variants}).refresh_from_variants()


# --- A shop sets its stock: the stock table and CSV imports ---------------------------


class StockChangeRefused(Exception):
    """A stock or price the shop cannot set (or the stock moved meanwhile); nothing
    was changed. `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unchanged(enum.Enum):
    """`stock_set(price_override=UNCHANGED)`: leave the price as it is."""

    PRICE = "unchanged"


UNCHANGED = Unchanged.PRICE


def _check_stock(stock: int) -> None:
    if isinstance(stock, bool) or not isinstance(stock, int):
        raise StockChangeRefused(str(_("Stock must be a whole number.")))
    if stock < 0:
        raise StockChangeRefused(str(_("Stock cannot be negative.")))
    if stock > MAX_STOCK:
        raise StockChangeRefused(
            str(_("Stock cannot be more than %(max)s.") % {"max": f"{MAX_STOCK:,}"})
        )


def _check_price(price: Decimal | None) -> None:
    if price is None:
        return
    if not isinstance(price, Decimal) or not price.is_finite() or price <= 0:
        raise StockChangeRefused(str(_("A price must be an amount above zero.")))
    if price.as_tuple().exponent < -2 or price > MAX_PRICE:
        raise StockChangeRefused(
            str(_("A price has at most two decimals and is below 100,000,000."))
        )


@transaction.atomic
def stock_set(
    *,
    variant: Variant,
    stock: int,
    user,
    reason: str = StockMovement.Reason.MANUAL,
    note: str = "",
    price_override: Decimal | Unchanged | None = UNCHANGED,
    expected: int | None = None,
) -> Variant:
    """Set a variant's stock to `stock` (a count, not a change), and its own price
    when `price_override` is given (None: the product's base price again). Records a
    movement when the stock changed (who: `user`; why: `reason`, `note`).

    `expected`: the stock the user was shown; when a sale or another member moved it
    since, nothing is changed and `StockChangeRefused` says what it is now (so a
    count typed from a stale page never silently undoes a sale). Raises
    `StockChangeRefused` for a negative or absurd stock or price too, and
    `Variant.DoesNotExist` when the variant is gone.

    Returns the variant as saved, with its product. Queries: 1 lock, 1 UPDATE,
    1 INSERT of the movement (when the stock changed), then the product's refresh
    (1 lock, 1 aggregate, 1 UPDATE if its price or availability changed); nothing
    but the lock when nothing changes.
    """
    _check_stock(stock)
    if price_override is not UNCHANGED:
        _check_price(price_override)
    locked = Variant.objects.lock([variant.pk])
    if not locked:
        raise Variant.DoesNotExist
    current = locked[0]
    if expected is not None and current.stock != expected:
        raise StockChangeRefused(
            str(
                _(
                    "The stock of %(sku)s changed to %(stock)s since the page was shown "
                    "(a sale or another member). Check the count and save again."
                )
                % {"sku": current.sku, "stock": current.stock}
            )
        )
    change = stock - current.stock
    values = {}
    if change:
        values["stock"] = stock
    if price_override is not UNCHANGED and price_override != current.price_override:
        values["price_override"] = price_override
    if not values:
        return current
    rows = Variant.objects.filter(pk=current.pk)
    if "price_override" in values:
        rows.update(**values)  # a card shows the price: every listing expires
    else:
        rows.update_quietly(**values)  # the refresh below expires what stock shows
    for name, value in values.items():
        setattr(current, name, value)
    _movements([current], {current.pk: change}, reason=reason, note=note, user=user)
    Product.objects.filter(pk=current.product_id).refresh_from_variants()
    return current


@dataclass(frozen=True)
class StockRow:
    """A row of a stock file as read: the file's text, before any check. `price`
    is "" when the row (or the file) gives none."""

    line: int
    sku: str
    stock: str
    price: str = ""


# Why a row of an import was not applied: a code (kept with the report) and its
# message, formatted with the row's details when shown.
REJECTIONS = {
    "no_sku": _("No SKU."),
    "duplicate": _("This SKU is on several lines (%(lines)s): give it once."),
    "unknown_sku": _("Unknown SKU: none of your shop's variants has it."),
    "stock_missing": _("No stock given."),
    "stock_not_whole": _("Stock must be a whole number, such as 12."),
    "stock_negative": _("Stock cannot be negative."),
    "stock_too_large": _("Stock cannot be more than %(max)s."),
    "price_invalid": _("The price must be an amount such as 120.50, or left empty."),
    "price_not_positive": _("The price must be above zero."),
    "price_too_precise": _("The price has at most two decimals and is below 100,000,000."),
}


@dataclass(frozen=True)
class RejectedRow:
    """A row left out of an import: its line in the file, its SKU, and why."""

    line: int
    sku: str
    problem: str
    details: dict = field(default_factory=dict)

    @property
    def reason(self) -> str:
        message = REJECTIONS[self.problem]
        return str(message % self.details) if self.details else str(message)


@dataclass
class StockImport:
    """What `stock_set_many()` did: variants changed, good rows that changed nothing,
    rows rejected (in file order)."""

    applied: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


_WHOLE = re.compile(r"\+?\d+")
_NEGATIVE = re.compile(r"-\d+")
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?")


def _parse_stock(text: str) -> tuple[int | None, str, dict]:
    """(stock, "", {}) or (None, problem code, details)."""
    text = text.strip()
    if not text:
        return None, "stock_missing", {}
    if _NEGATIVE.fullmatch(text):
        return None, "stock_negative", {}
    if not _WHOLE.fullmatch(text):
        return None, "stock_not_whole", {}
    stock = int(text)
    if stock > MAX_STOCK:
        return None, "stock_too_large", {"max": f"{MAX_STOCK:,}"}
    return stock, "", {}


def _parse_price(text: str) -> tuple[Decimal | None, str]:
    """(price or None when empty, "") or (None, problem code). A decimal comma is
    read as a point (spreadsheets in French and Arabic write 120,50)."""
    text = text.strip()
    if not text:
        return None, ""
    negative = text.startswith("-")
    if not _AMOUNT.fullmatch(text[1:] if negative else text):
        return None, "price_invalid"
    price = Decimal(text.replace(",", "."))  # the pattern admits only numbers
    if price <= 0:
        return None, "price_not_positive"
    if price.as_tuple().exponent < -2 or price > MAX_PRICE:
        return None, "price_too_precise"
    return price, ""


def _chunks(items: dict, size: int = UPDATE_CHUNK):
    keys = list(items)
    for start in range(0, len(keys), size):
        yield {key: items[key] for key in keys[start : start + size]}


@transaction.atomic
def stock_set_many(
    *,
    vendor: Vendor,
    rows: Iterable[StockRow],
    user,
    reason: str = StockMovement.Reason.IMPORT,
    note: str = "",
) -> StockImport:
    """Apply a stock file: each row sets a variant's stock (a count) and, when it
    gives one, its price.

    Rows are checked first; a row is rejected, with its reason, for a missing or
    duplicated SKU (every line of a SKU given twice: which one was meant is not
    known), a SKU none of `vendor`'s variants has (another shop's SKU is just as
    unknown here), a stock that is not a whole number from 0 to MAX_STOCK, or a
    price that is not an amount above zero with at most two decimals. The good rows
    are then applied together, in this transaction: all of them or, on an error,
    none.

    The price: the file's `price` is the variant's price as the shop sells it. When
    it differs from the current price, it becomes the variant's own price
    (`price_override`); equal or empty, the price is left as it is (so exporting
    and importing again never turns the product's base price into copies of
    itself, and a base price stays shared by the variants that use it).

    Queries, whatever the size of the file: 1 lock of the variants named (in
    primary-key order), 1 UPDATE of the stock and 1 of the prices per 500 changed
    variants, 1 INSERT of the movements, then the products' refresh (1 lock, 1
    aggregate, 1 UPDATE per product whose price or availability changed).
    """
    rows = list(rows)
    result = StockImport()
    lines_of: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if sku := row.sku.strip():
            lines_of[sku].append(row.line)
    wanted: dict[str, tuple[StockRow, int, Decimal | None]] = {}
    for row in rows:
        sku = row.sku.strip()
        if not sku:
            result.rejected.append(RejectedRow(row.line, "", "no_sku"))
            continue
        if len(lines_of[sku]) > 1:
            lines = ", ".join(str(n) for n in lines_of[sku])
            result.rejected.append(RejectedRow(row.line, sku, "duplicate", {"lines": lines}))
            continue
        stock, problem, details = _parse_stock(row.stock)
        if not problem:
            price, problem = _parse_price(row.price)
        if problem:
            result.rejected.append(RejectedRow(row.line, sku, problem, details))
            continue
        wanted[sku] = (row, stock, price)

    variants = Variant.objects.of_vendor(vendor).filter(sku__in=list(wanted)).locked()
    found = {v.sku for v in variants}
    result.rejected += [
        RejectedRow(row.line, sku, "unknown_sku")
        for sku, (row, _stock, _price) in wanted.items()
        if sku not in found
    ]
    result.rejected.sort(key=lambda rejected: rejected.line)

    stocks: dict[int, int] = {}
    changes: dict[int, int] = {}
    prices: dict[int, Decimal] = {}
    for variant in variants:
        _row, stock, price = wanted[variant.sku]
        if stock != variant.stock:
            stocks[variant.pk] = stock
            changes[variant.pk] = stock - variant.stock
            variant.stock = stock
        if price is not None and price != variant.price:
            prices[variant.pk] = price
            variant.price_override = price
    for chunk in _chunks(stocks):
        Variant.objects.filter(pk__in=chunk).update_quietly(stock=_per_variant(chunk))
    price_field = DecimalField(max_digits=10, decimal_places=2)
    for chunk in _chunks(prices):
        # A card shows the price: `update()` expires every listing after commit.
        Variant.objects.filter(pk__in=chunk).update(
            price_override=_per_variant(chunk, output_field=price_field)
        )
    _movements(variants, changes, reason=reason, note=note, user=user)
    changed = set(stocks) | set(prices)
    result.applied = len(changed)
    result.unchanged = len(variants) - len(changed)
    if changed:
        Product.objects.filter(
            pk__in={v.product_id for v in variants if v.pk in changed}
        ).refresh_from_variants()
    return result


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
            _movements(
                [variant],
                {variant.pk: change},
                reason=StockMovement.Reason.MANUAL,
                note="",
                user=user,
            )
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
