"""Store the demo catalogue: shops, categories and products with their variants and
images. Idempotent: shops, categories and products are looked up by slug and variants
by SKU before anything is created, and images are drawn only for a product that has
none."""

import hashlib
import random
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.vendors.models import Vendor

from .content import CATEGORIES, LANGS, PRODUCTS, SHOPS, ProductSpec, ShopSpec, T
from .drawing import (
    BANNER_SIZE,
    CATEGORY_IMAGE_SIZE,
    DEFAULT_PALETTE,
    PALETTES,
    draw_logo,
    draw_placeholder,
)

DEMO_DAYS = 90

ALT_SUFFIXES: tuple[T, ...] = (
    ("", "", ""),
    (", detail", ", détail", "، تفصيل"),
    (", another view", ", autre vue", "، زاوية أخرى"),
)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message if message.endswith("\n") else message + "\n")


def _localised(field: str, values: Iterable[str]) -> dict[str, str]:
    return {f"{field}_{code}": value for code, value in zip(LANGS, values, strict=True)}


def slugs_for(name: T) -> T:
    """URL slugs in each language; the Arabic one keeps its Arabic letters."""
    return (slugify(name[0]), slugify(name[1]), slugify(name[2], allow_unicode=True))


def _summary(text: str, limit: int = 160) -> str:
    """The first sentence of `text`, cut at a word if it is too long (SEO description)."""
    sentence = text.split(". ")[0].rstrip(".") + "."
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _option_code(size: str, colour: str) -> str:
    size_code = "".join(
        ch
        for ch in size.upper().replace("×", "X").replace("²", "2")  # noqa: RUF001
        if ch.isalnum() or ch == "."
    )
    return "-".join(part for part in (size_code, colour.upper()) if part) or "STD"


def sku_for(shop_code: str, slug_en: str, size: str, colour: str) -> str:
    """Stable SKU: shop code, a short digest of the product's English slug, the option."""
    digest = hashlib.sha256(slug_en.encode()).hexdigest()[:6].upper()
    return f"{shop_code}-{digest}-{_option_code(size, colour)}"


def _stock(sku: str, sold_out: bool) -> int:
    if sold_out:
        return 0
    return random.Random(sku).choice((0, 2, 3, 4, 6, 8, 10, 12, 15, 24))  # noqa: S311


def _root_of(slug: str) -> str:
    by_slug = {spec.slug: spec for spec in CATEGORIES}
    spec = by_slug[slug]
    while spec.parent:
        spec = by_slug[spec.parent]
    return spec.slug


def _seed_categories() -> tuple[dict[str, Category], int]:
    categories: dict[str, Category] = {}
    created_count = 0
    for position, spec in enumerate(CATEGORIES):
        category, created = Category.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "parent": categories[spec.parent] if spec.parent else None,
                "position": position,
                "is_featured": spec.featured,
                **_localised("name", spec.name),
                **_localised("description", spec.description),
            },
        )
        created_count += created
        if not category.image:
            palette = PALETTES.get(_root_of(spec.slug), DEFAULT_PALETTE)
            data = draw_placeholder(
                spec.name[0], palette, variant=position, size=CATEGORY_IMAGE_SIZE
            )
            name = f"{spec.slug}.jpg"
            category.image.save(name, ContentFile(data, name=name), save=True)
        categories[spec.slug] = category
    return categories, created_count


def _seed_shop(spec: ShopSpec) -> tuple[Vendor, bool]:
    vendor, created = Vendor.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "region": spec.region,
            "city": spec.city,
            "contact_email": spec.email,
            "status": Vendor.Status.APPROVED,
            "is_featured": spec.featured,
            "commission_rate": Decimal(spec.commission) if spec.commission else None,
            **_localised("story", spec.story),
        },
    )
    palette = PALETTES.get(spec.craft, DEFAULT_PALETTE)
    changed = []
    if not vendor.logo:
        name = f"{spec.slug}.png"
        logo = ContentFile(draw_logo(spec.name, palette), name=name)
        vendor.logo.save(name, logo, save=False)
        changed.append("logo")
    if not vendor.banner:
        name = f"{spec.slug}.jpg"
        banner = draw_placeholder(spec.name, palette, variant=1, size=BANNER_SIZE)
        vendor.banner.save(name, ContentFile(banner, name=name), save=False)
        changed.append("banner")
    if changed:
        vendor.save(update_fields=changed)
    return vendor, created


def _seed_product(
    spec: ProductSpec, index: int, vendor: Vendor, category: Category, shop_code: str, now
) -> tuple[Product, bool, int, int]:
    """Create one demo product with its variants and images; fill only what is missing."""
    slugs = slugs_for(spec.name)
    product, created = Product.objects.get_or_create(
        slug_en=slugs[0],
        defaults={
            "vendor": vendor,
            "category": category,
            "slug_fr": slugs[1],
            "slug_ar": slugs[2],
            **_localised("name", spec.name),
            **_localised("description", spec.description),
            **_localised("seo_description", (_summary(d) for d in spec.description)),
            **_localised("materials", spec.materials),
            "origin_region": vendor.region,
            "status": Product.Status.ACTIVE,
            "base_price": Decimal(spec.price),
            "compare_at_price": Decimal(spec.compare) if spec.compare else None,
            "processing_days": spec.days,
            "allows_personalisation": spec.personal,
            "is_featured": spec.featured,
            # Spread over the last three months so that "newest first" means something.
            "created": now
            - timedelta(days=(index * 37) % DEMO_DAYS, hours=(index * 7) % 24, minutes=index),
        },
    )

    rows = []
    for position, (size, colour, override) in enumerate(spec.options):
        sku = sku_for(shop_code, slugs[0], size, colour)
        rows.append(
            {
                "sku": sku,
                "size": size,
                "colour": colour,
                "price_override": Decimal(override) if override else None,
                "stock": _stock(sku, spec.sold_out),
                "position": position,
            }
        )
    if not spec.sold_out and not any(row["stock"] for row in rows):
        rows[0]["stock"] = 5
    existing = set(
        Variant.objects.filter(sku__in=[row["sku"] for row in rows]).values_list("sku", flat=True)
    )
    new_variants = [Variant(product=product, **row) for row in rows if row["sku"] not in existing]
    if new_variants:
        # One bulk insert and one refresh instead of a refresh per Variant.save().
        Variant.objects.bulk_create(new_variants)
        product.refresh_from_variants()

    new_images = 0
    if not product.images.exists():
        palette = PALETTES.get(_root_of(spec.category), DEFAULT_PALETTE)
        for position in range(1 + index % 3):
            suffix = ALT_SUFFIXES[position]
            image = ProductImage(
                product=product,
                position=position,
                is_main=position == 0,
                **_localised("alt", (n + s for n, s in zip(spec.name, suffix, strict=True))),
            )
            data = draw_placeholder(spec.name[0], palette, variant=index + position)
            # A named ContentFile: Django reads width and height from it while saving.
            name = f"{slugs[0]}-{position + 1}.jpg"
            image.image.save(name, ContentFile(data, name=name), save=False)
            image.save()
            new_images += 1
    return product, created, len(new_variants), new_images


def _update_search_vectors(queryset) -> bool:
    """Fill the full-text search columns when the catalog provides the method."""
    method = getattr(queryset, "update_search_vectors", None)
    if method is None:
        method = getattr(Product.objects, "update_search_vectors", None)
    if method is None:
        return False
    method()
    return True


def seed(stdout=None) -> None:
    """Create the demo shops, categories and products; running it again creates nothing."""
    now = timezone.now()
    with translation.override("en"):
        with transaction.atomic():
            categories, new_categories = _seed_categories()
        _say(stdout, f"Categories: {len(categories)} ({new_categories} new).")

        vendors: dict[str, Vendor] = {}
        new_shops = 0
        for shop in SHOPS:
            with transaction.atomic():
                vendors[shop.slug], created = _seed_shop(shop)
            new_shops += created
        _say(stdout, f"Shops: {len(vendors)} ({new_shops} new).")

        product_ids: list[int] = []
        new_products = new_variants = new_images = 0
        for shop in SHOPS:
            with transaction.atomic():
                for index, spec in enumerate(PRODUCTS):
                    if spec.shop != shop.slug:
                        continue
                    product, created, variants, images = _seed_product(
                        spec, index, vendors[shop.slug], categories[spec.category], shop.code, now
                    )
                    product_ids.append(product.pk)
                    new_products += created
                    new_variants += variants
                    new_images += images
        _say(
            stdout,
            f"Products: {len(product_ids)} ({new_products} new, {new_variants} new variants, "
            f"{new_images} new images).",
        )
    if _update_search_vectors(Product.objects.filter(pk__in=product_ids)):
        _say(stdout, "Search vectors updated.")
