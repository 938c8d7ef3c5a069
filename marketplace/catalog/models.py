from datetime import date, timedelta
from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from marketplace.core.fragments import bump_storefront_version
from marketplace.vendors.models import Vendor

from . import search as product_search
from .search import SEARCH_LANGUAGES

CATEGORY_TREE_CACHE_KEY = "catalog:category-tree:v1"
ROOT_CATEGORIES_CACHE_KEY = "catalog:roots:v1"
LISTING_DEFERRED_FIELDS = [
    f"{name}{suffix}"
    for name in ("description", "seo_title", "seo_description", "materials")
    for suffix in ("", *(f"_{code}" for code in SEARCH_LANGUAGES))
] + [f"search_{code}" for code in SEARCH_LANGUAGES]


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def roots(self):
        return self.active().filter(parent__isnull=True)


class Category(models.Model):
    """A node of the category tree; a category's listing includes its descendants."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("image"), upload_to="categories/", blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete_many([CATEGORY_TREE_CACHE_KEY, ROOT_CATEGORIES_CACHE_KEY])
        bump_storefront_version()

    def get_absolute_url(self) -> str:
        return reverse("catalog:category", kwargs={"slug": self.slug})

    @staticmethod
    def tree() -> dict[int | None, list[int]]:
        """Children ids of each category id (None: the roots), cached; one query when cold."""
        tree = cache.get(CATEGORY_TREE_CACHE_KEY)
        if tree is None:
            tree = {}
            for pk, parent_id in Category.objects.active().values_list("pk", "parent_id"):
                tree.setdefault(parent_id, []).append(pk)
            cache.set(CATEGORY_TREE_CACHE_KEY, tree, timeout=600)
        return tree

    def descendant_ids(self) -> list[int]:
        """This category's id and those of all its descendants."""
        tree, ids, stack = self.tree(), [], [self.pk]
        while stack:
            pk = stack.pop()
            ids.append(pk)
            stack.extend(tree.get(pk, []))
        return ids

    def ancestors(self) -> list["Category"]:
        """From the root down to the parent (for breadcrumbs); parents are few."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class ProductQuerySet(models.QuerySet):
    def visible(self):
        """What a shopper may see: an active product of an approved shop that has at
        least one active variant. Anything else is a 404 on the storefront."""
        return self.filter(
            status=Product.Status.ACTIVE,
            vendor__status=Vendor.Status.APPROVED,
            has_active_variant=True,
        )

    def for_listing(self):
        """Everything a product card shows, in a fixed number of queries; the long
        texts and search documents a card never shows are left in the database."""
        return (
            self.select_related("vendor")
            .defer(*LISTING_DEFERRED_FIELDS)
            .prefetch_related(
                models.Prefetch(
                    "images",
                    queryset=ProductImage.objects.filter(is_main=True),
                    to_attr="main_images",
                ),
                models.Prefetch(
                    "variants",
                    queryset=Variant.objects.filter(is_active=True),
                    to_attr="active_variants",
                ),
            )
        )

    def in_categories(self, category_ids):
        return self.filter(category_id__in=category_ids)

    def in_stock(self):
        return self.filter(in_stock=True)

    def search(self, text: str, language: str | None = None):
        """Products matching `text` in the page's language, best first (`rank`);
        see catalog/search.py."""
        return product_search.search_products(self, text, language)

    def update_search_vectors(self) -> int:
        """Rebuild the search documents of these products (PostgreSQL only); see
        catalog/search.py."""
        return product_search.update_search_vectors(self)


class Product(models.Model):
    """A handmade item for sale. Price and stock live on its variants; the product
    keeps denormalised copies (`price`, `in_stock`, `has_active_variant`) so listings
    filter and sort without touching variants."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DISCONTINUED = "discontinued", _("Discontinued")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="products", verbose_name=_("shop")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    seo_title = models.CharField(_("SEO title"), max_length=200, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True)
    materials = models.CharField(_("materials"), max_length=200, blank=True)
    origin_region = models.CharField(_("region of origin"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    base_price = models.DecimalField(
        _("base price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    compare_at_price = models.DecimalField(
        _("compare-at price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The former price, shown struck through when higher than the price."),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (days)"),
        default=0,
        help_text=_("0 means ready to ship; more means made to order."),
    )
    allows_personalisation = models.BooleanField(
        _("buyer may add a personalisation note"), default=False
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    rating_average = models.DecimalField(
        _("average rating"), max_digits=3, decimal_places=2, default=Decimal("0.00")
    )
    rating_count = models.PositiveIntegerField(_("number of ratings"), default=0)
    # Denormalised from the variants by refresh_from_variants().
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, default=Decimal("0"))
    in_stock = models.BooleanField(_("in stock"), default=False)
    has_active_variant = models.BooleanField(default=False, editable=False)
    # Full-text search documents, one per language (PostgreSQL; filled by
    # ProductQuerySet.update_search_vectors()).
    search_en = SearchVectorField(null=True, editable=False)
    search_fr = SearchVectorField(null=True, editable=False)
    search_ar = SearchVectorField(null=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(
                fields=["-created", "-id"],
                name="catalog_product_visible_new",
                condition=Q(status="active", has_active_variant=True),
            ),
            models.Index(fields=["category", "-created"], name="catalog_product_cat_new"),
            models.Index(fields=["vendor", "-created"], name="catalog_product_vendor_new"),
            models.Index(fields=["price", "id"], name="catalog_product_price"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_price__gt=0), name="catalog_product_base_price_positive"
            ),
            # A slug is unique within its language (slug_<lang> come from translation.py).
            *(
                models.UniqueConstraint(
                    fields=[f"slug_{code}"], name=f"catalog_product_slug_{code}"
                )
                for code in ("en", "fr", "ar")
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        """Save, then bring the derived columns up to date: the price and availability
        (a new base price changes the price of variants without their own) and the
        search documents. Whoever saves a product gets a consistent row."""
        super().save(*args, **kwargs)
        self.refresh_from_variants()  # also invalidates the shared storefront fragments
        type(self).objects.filter(pk=self.pk).update_search_vectors()

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", kwargs={"slug": self.slug})

    @property
    def on_sale(self) -> bool:
        return bool(self.compare_at_price and self.compare_at_price > self.price)

    @property
    def main_image(self) -> "ProductImage | None":
        """The main image, from the listing prefetch when there is one."""
        if hasattr(self, "main_images"):
            return self.main_images[0] if self.main_images else None
        images = getattr(self, "_prefetched_objects_cache", {}).get("images")
        if images is not None:
            return next((i for i in images if i.is_main), images[0] if images else None)
        return self.images.filter(is_main=True).first() or self.images.first()

    @property
    def only_variant(self) -> "Variant | None":
        """The variant a product card can add to the cart directly: the single
        active one. None when the shopper must choose options on the product page."""
        variants = getattr(self, "active_variants", None)
        if variants is None:
            variants = list(self.variants.filter(is_active=True)[:2])
        return variants[0] if len(variants) == 1 else None

    @property
    def ready_to_ship(self) -> bool:
        return self.processing_days == 0

    def ships_by(self, today: date | None = None) -> date:
        """Estimated date the shop hands the parcel to the carrier."""
        today = today or timezone.localdate()
        return today + timedelta(days=max(self.processing_days, 1))

    def refresh_from_variants(self) -> None:
        """Recompute the denormalised price and availability from the variants."""
        active = self.variants.filter(is_active=True)
        agg = active.aggregate(
            lowest_override=Min("price_override"),
            stock=Sum("stock"),
            count=models.Count("id"),
            without_override=models.Count("id", filter=Q(price_override__isnull=True)),
        )
        candidates = [p for p in (agg["lowest_override"],) if p is not None]
        if agg["without_override"]:
            candidates.append(self.base_price)
        self.price = min(candidates) if candidates else self.base_price
        self.in_stock = bool(agg["stock"])
        self.has_active_variant = bool(agg["count"])
        type(self).objects.filter(pk=self.pk).update(
            price=self.price, in_stock=self.in_stock, has_active_variant=self.has_active_variant
        )
        bump_storefront_version()

    refresh_from_variants.alters_data = True


class Variant(models.Model):
    """A sellable version of a product (size, colour). Stock and price live here;
    a product without options still has one default variant."""

    class Colour(models.TextChoices):
        NATURAL = "natural", _("Natural")
        WHITE = "white", _("White")
        BLACK = "black", _("Black")
        RED = "red", _("Red")
        BLUE = "blue", _("Blue")
        GREEN = "green", _("Green")
        YELLOW = "yellow", _("Yellow")
        ORANGE = "orange", _("Orange")
        BROWN = "brown", _("Brown")
        BEIGE = "beige", _("Beige")
        GREY = "grey", _("Grey")
        PINK = "pink", _("Pink")
        PURPLE = "purple", _("Purple")
        GOLD = "gold", _("Gold")
        SILVER = "silver", _("Silver")
        MULTI = "multi", _("Multicolour")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product")
    )
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    size = models.CharField(_("size"), max_length=40, blank=True, db_index=True)
    colour = models.CharField(_("colour"), max_length=20, choices=Colour, blank=True, db_index=True)
    price_override = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Leave empty to use the product's base price."),
    )
    stock = models.PositiveIntegerField(_("stock"), default=0)
    low_stock_threshold = models.PositiveIntegerField(_("low-stock threshold"), default=3)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="catalog_variant_stock_gte_0"),
            models.CheckConstraint(
                condition=Q(price_override__isnull=True) | Q(price_override__gt=0),
                name="catalog_variant_price_positive",
            ),
        ]

    def __str__(self) -> str:
        options = self.label
        return f"{self.product} ({options})" if options else str(self.product)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.product.refresh_from_variants()

    def delete(self, *args, **kwargs):
        product = self.product
        result = super().delete(*args, **kwargs)
        product.refresh_from_variants()
        return result

    @property
    def label(self) -> str:
        return " / ".join(str(v) for v in (self.size, self.get_colour_display()) if v)

    @property
    def price(self) -> Decimal:
        return self.price_override if self.price_override is not None else self.product.base_price

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= self.low_stock_threshold

    def take_stock(self, quantity: int) -> bool:
        """Decrement stock atomically if enough is left; False when it is not."""
        taken = (
            type(self)
            .objects.filter(pk=self.pk, stock__gte=quantity)
            .update(stock=F("stock") - quantity)
        )
        if taken:
            self.refresh_from_db(fields=["stock"])
            self.product.refresh_from_variants()
        return bool(taken)

    take_stock.alters_data = True


def product_image_path(instance: "ProductImage", filename: str) -> str:
    return f"products/{instance.product_id or 'new'}/{filename}"


class ProductImage(models.Model):
    """A photo of a product, with WebP renditions at a few widths for srcset."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("product")
    )
    image = models.ImageField(
        _("image"), upload_to=product_image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_main = models.BooleanField(_("main image"), default=False)
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-is_main", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(is_main=True),
                name="catalog_one_main_image_per_product",
            )
        ]

    def __str__(self) -> str:
        return self.alt or self.image.name

    def save(self, *args, **kwargs):
        """Save, then (once committed) make the WebP renditions when the file is new
        or changed, or when there are none yet."""
        from functools import partial

        from django.db import transaction

        from .tasks import make_product_image_renditions

        previous = None
        if not self._state.adding and self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("image", flat=True)
            previous = stored.first()
        super().save(*args, **kwargs)
        if self.image and (self.image.name != previous or not self.renditions):
            transaction.on_commit(
                partial(make_product_image_renditions.enqueue, self.pk), using=self._state.db
            )

    def delete(self, *args, **kwargs):
        """Delete the row, then (once committed) its rendition files."""
        from functools import partial

        from django.db import transaction

        from .images import delete_files

        names = list((self.renditions or {}).values())
        using = self._state.db
        result = super().delete(*args, **kwargs)
        transaction.on_commit(partial(delete_files, names), using=using)
        return result

    def alt_text(self) -> str:
        return self.alt or self.product.name

    @cached_property
    def rendition_urls(self) -> list[tuple[int, str]]:
        """(width, url) pairs, narrowest first."""
        from django.core.files.storage import default_storage

        return sorted(
            (int(width), default_storage.url(name)) for width, name in self.renditions.items()
        )

    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for width, url in self.rendition_urls)

    def src(self, width: int = 640) -> str:
        """The rendition closest to `width` (or the original when there is none)."""
        urls = self.rendition_urls
        if not urls:
            return self.image.url
        return min(urls, key=lambda pair: abs(pair[0] - width))[1]

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width) if self.width else width

    @property
    def height_for_640(self) -> int:
        """Height of the 640-wide rendition: the card's explicit img height."""
        return self.height_for(640)
