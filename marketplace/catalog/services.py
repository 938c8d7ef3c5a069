"""Stock movements: the only way stock leaves or comes back to a variant.

Checkout sells through `stock_take()`, cancellations and expired orders give back
through `stock_return()`. Both run inside the caller's transaction (or their own),
lock the variants in primary-key order, then the products in primary-key order, so
two buyers of the same items in any order never deadlock, and refresh each
product's denormalised price and availability once. Shared fragments are expired
after commit: a product's page always; listings only when a card changed (the
product sold out, came back, or its price moved).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, PositiveIntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from .models import Product, Variant


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
