"""Generated products for scale tests: `generate_products(n)` bulk-inserts `n` visible
products with names composed from the words in data/generated.json, reusing the
image files the demo products already stored."""

import random
import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone, translation

from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.vendors.models import Vendor

from .content import (
    GENERIC_WORDS,
    PLACES,
    PRODUCTS,
    SHARED_ADJECTIVES,
    WORDS,
    Adjective,
    Item,
    Option,
    T,
)
from .seeding import (
    ALT_SUFFIXES,
    DEMO_DAYS,
    _localised,
    _root_of,
    _say,
    _summary,
    _update_search_vectors,
    slugs_for,
)

# Shared adjectives read oddly on cosmetics ("elegant argan oil").
_WITH_SHARED = {root: (*w.adjectives, *SHARED_ADJECTIVES) for root, w in WORDS.items()}
_WITH_SHARED["cosmetics"] = WORDS["cosmetics"].adjectives
_WITH_SHARED[""] = SHARED_ADJECTIVES


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _french_agreement(adjective: Adjective, gender: str) -> str:
    """The French adjective in the item's gender and number ("faite main" -> "faites
    main"; "en argent" does not change)."""
    word = adjective[2] if gender.startswith("f") else adjective[1]
    if not gender.endswith("p"):
        return word
    first, _, rest = word.partition(" ")
    if first in ("en", "de", "à") or first.endswith(("s", "x")):
        return word
    return f"{first}s {rest}".rstrip()


def compose_name(item: Item, adjective: Adjective, place: tuple[str, str, str, str]) -> T:
    """ "Hand-painted bowl from Safi" / "Bol peint à la main de Safi" / "زلافة مرسومة باليد
    من آسفي": the adjective agrees with the item in French and Arabic."""
    of = "d'" if place[1][:1] in "AEIOUÉ" else "de "
    return (
        _capitalise(f"{adjective[0]} {item[0]} from {place[0]}"),
        _capitalise(f"{item[1]} {_french_agreement(adjective, item[2])} {of}{place[1]}"),
        f"{item[3]} {adjective[4] if item[4] == 'f' else adjective[3]} من {place[2]}",
    )


def _round_price(value: Decimal) -> Decimal:
    return max(Decimal(10), (value / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10)


def _run_prefix() -> str:
    """A prefix no earlier run used, so repeated runs add products instead of colliding."""
    while True:
        prefix = secrets.token_hex(3)
        if not Variant.objects.filter(sku__startswith=f"GEN-{prefix}-").exists():
            return prefix


def _leaf_categories() -> list[tuple[int, str, str]]:
    """(id, slug, root slug) of every active category without active children."""
    rows = list(Category.objects.active().values_list("pk", "parent_id", "slug"))
    parents = {pk: parent for pk, parent, _ in rows}
    slugs = {pk: slug for pk, _, slug in rows}
    with_children = {parent for parent in parents.values() if parent is not None}
    leaves = []
    for pk in parents:
        if pk in with_children:
            continue
        root, seen = pk, set()
        while parents.get(root) is not None and root not in seen:
            seen.add(root)
            root = parents[root]
        leaves.append((pk, slugs[pk], slugs.get(root, "")))
    return sorted(leaves)


def _image_pool() -> dict[str, list[tuple[str, int, int, dict]]]:
    """Images already stored for products, by root category slug ("" holds them all)."""
    roots = {pk: root for pk, _, root in _leaf_categories()}
    pool: dict[str, list[tuple[str, int, int, dict]]] = {"": []}
    rows = (
        ProductImage.objects.filter(width__gt=0, height__gt=0)
        .order_by("pk")
        .values_list("image", "width", "height", "renditions", "product__category_id")[:2000]
    )
    for name, width, height, renditions, category_id in rows:
        entry = (name, width, height, renditions or {})
        pool[""].append(entry)
        pool.setdefault(roots.get(category_id, ""), []).append(entry)
    return pool


def _refresh_statistics(*, vacuum: bool = False) -> None:
    """PostgreSQL: refresh the planner's statistics of the tables being filled. Without
    them (a fresh database, autovacuum off or not yet run) the foreign-key checks of each
    insert can pick a full index scan and the run slows down a hundredfold."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (Product, Variant, ProductImage)
    )
    # VACUUM cannot run inside a transaction (tests run in one): ANALYZE then.
    command = "VACUUM (ANALYZE)" if vacuum and not connection.in_atomic_block else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")


def generate_products(n: int, stdout=None, batch_size: int = 2000) -> None:
    """Bulk-insert `n` generated, visible products (with variants and images) spread over
    the approved shops and the leaf categories. Images reuse files already stored for
    the demo products; no file is written."""
    if n <= 0:
        return
    vendors = list(Vendor.objects.approved().order_by("pk"))
    leaves = _leaf_categories()
    if not vendors or not leaves:
        raise ValueError("generate_products needs approved shops and categories: seed first.")
    # Prefer, for each craft, the demo shops that practise it.
    shop_roots = {spec.shop: _root_of(spec.category) for spec in PRODUCTS}
    vendors_by_root: dict[str, list[Vendor]] = {}
    for vendor in vendors:
        if vendor.slug in shop_roots:
            vendors_by_root.setdefault(shop_roots[vendor.slug], []).append(vendor)
    items_by_leaf: dict[str, list[Item]] = {}
    for words in WORDS.values():
        for item in words.items:
            items_by_leaf.setdefault(item[5], []).append(item)
    pool = _image_pool()
    prefix = _run_prefix()
    rng = random.Random(prefix)  # noqa: S311
    now = timezone.now()
    total_seconds = DEMO_DAYS * 24 * 3600
    report_every = max(batch_size, (n // 10) // batch_size * batch_size)
    _say(stdout, f"Generating {n} products (run {prefix})...")
    _refresh_statistics()

    with translation.override("en"):
        for start in range(0, n, batch_size):
            products: list[Product] = []
            plans: list[tuple[list[Option], list[int], list[tuple], T]] = []
            for i in range(start, min(n, start + batch_size)):
                leaf_id, leaf, root = rng.choice(leaves)
                words = WORDS.get(root, GENERIC_WORDS)
                items = items_by_leaf.get(leaf) or words.items
                vendor = rng.choice(vendors_by_root.get(root) or vendors)
                place = rng.choice(PLACES)
                adjectives = _WITH_SHARED.get(root, SHARED_ADJECTIVES)
                name = compose_name(rng.choice(items), rng.choice(adjectives), place)
                base = Decimal(rng.randrange(words.prices[0], words.prices[1], 10))

                k = rng.choice((1, 1, 2, 3))
                if k == 1 or not (words.sizes or words.colours):
                    options: list[Option] = [("", "", None)]
                elif words.sizes and (not words.colours or rng.random() < 0.5):
                    options = [
                        (size, "", None if j == 0 else str(_round_price(base * Decimal(factor))))
                        for j, (size, factor) in enumerate(words.sizes[:k])
                    ]
                else:
                    picked = rng.sample(words.colours, min(k, len(words.colours)))
                    options = [("", colour, None) for colour in picked]
                stocks = [rng.choice((0, 1, 2, 4, 7, 12, 30)) for _ in options]
                price = min(Decimal(o[2]) if o[2] else base for o in options)

                images = pool.get(root) or pool[""]
                chosen = (
                    rng.sample(images, min(len(images), rng.choice((1, 1, 2)))) if images else []
                )

                description = tuple(
                    f"{label} {vendor.name}. {sentence}"
                    for label, sentence in zip(
                        (
                            f"{name[0]} by",
                            f"{name[1]}, chez",
                            f"{name[2]}، لدى",
                        ),
                        words.sentence,
                        strict=True,
                    )
                )
                suffix = f"{prefix}-{i}"
                slugs = slugs_for(name)
                rated = rng.random() < 0.3
                products.append(
                    Product(
                        vendor_id=vendor.pk,
                        category_id=leaf_id,
                        **_localised("name", name),
                        **_localised("slug", (f"{s}-{suffix}" for s in slugs)),
                        **_localised("description", description),
                        **_localised("seo_description", (_summary(d) for d in description)),
                        **_localised("materials", words.materials),
                        origin_region=place[3],
                        status=Product.Status.ACTIVE,
                        base_price=base,
                        compare_at_price=(
                            _round_price(price * Decimal("1.25")) if rng.random() < 0.15 else None
                        ),
                        processing_days=rng.choice((0, 0, 0, 3, 5, 7, 14)),
                        allows_personalisation=rng.random() < 0.1,
                        rating_average=(
                            Decimal(rng.randint(300, 500)) / 100 if rated else Decimal("0")
                        ),
                        rating_count=rng.randint(1, 120) if rated else 0,
                        # The denormalised columns refresh_from_variants() would compute.
                        price=price,
                        in_stock=any(stocks),
                        has_active_variant=True,
                        created=now - timedelta(seconds=rng.randrange(total_seconds)),
                    )
                )
                plans.append((options, stocks, chosen, name))

            with transaction.atomic():
                Product.objects.bulk_create(products, batch_size=batch_size)
                variants = [
                    Variant(
                        product_id=product.pk,
                        sku=f"GEN-{prefix}-{start + offset}-{j}",
                        size=size,
                        colour=colour,
                        price_override=Decimal(override) if override else None,
                        stock=stock,
                        position=j,
                    )
                    for offset, (product, (options, stocks, _, _)) in enumerate(
                        zip(products, plans, strict=True)
                    )
                    for j, ((size, colour, override), stock) in enumerate(
                        zip(options, stocks, strict=True)
                    )
                ]
                Variant.objects.bulk_create(variants, batch_size=batch_size)
                images = [
                    ProductImage(
                        product_id=product.pk,
                        image=image_name,
                        width=width,
                        height=height,
                        renditions=renditions,
                        position=j,
                        is_main=j == 0,
                        **_localised(
                            "alt",
                            (n + s for n, s in zip(name, ALT_SUFFIXES[min(j, 1)], strict=True)),
                        ),
                    )
                    for product, (_, _, chosen, name) in zip(products, plans, strict=True)
                    for j, (image_name, width, height, renditions) in enumerate(chosen)
                ]
                ProductImage.objects.bulk_create(images, batch_size=batch_size)
            # In a transaction of its own: on PostgreSQL, updating rows inserted by the same
            # transaction would queue their deferred foreign-key checks a second time.
            with transaction.atomic():
                _update_search_vectors(Product.objects.filter(pk__in=[p.pk for p in products]))
            done = start + len(products)
            batch_number = start // batch_size + 1
            if batch_number & (batch_number - 1) == 0:  # after batches 1, 2, 4, 8...
                _refresh_statistics()
            if done % report_every == 0 or done == n:
                _say(stdout, f"  {done}/{n} products")
    # Leave the tables as a real shop's would be: dead rows gone, statistics fresh.
    _refresh_statistics(vacuum=True)
