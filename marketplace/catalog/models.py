from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.exceptions import FieldFetchBlocked
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.core.fragments import StorefrontQuerySet, invalidate_storefront
from marketplace.core.images import CheckedImageField
from marketplace.vendors.models import Vendor

from . import search as product_search
from .search import SEARCH_LANGUAGES

CATEGORY_TREE_CACHE_KEY = "catalog:category-tree:v1"
ROOT_CATEGORIES_CACHE_KEY = "catalog:roots:v1"
SIZES_CACHE_KEY = "catalog:sizes:v1"
LISTING_DEFERRED_FIELDS = [
    f"{name}{suffix}"
    for name in ("description", "seo_title", "seo_description", "materials")
    for suffix in ("", *(f"_{code}" for code in SEARCH_LANGUAGES))
] + [f"search_{code}" for code in SEARCH_LANGUAGES]
# How listing querysets fetch a relation or deferred field that was not loaded:
# FETCH_PEERS fetches it for every product of the page in one query. The storefront
# view tests swap in FETCH_RAISE (tests/fetch_modes.py), so a missing load fails there.
LISTING_FETCH_MODE = models.FETCH_PEERS


class CategoryQuerySet(StorefrontQuerySet):
    storefront_cache_keys = (CATEGORY_TREE_CACHE_KEY, ROOT_CATEGORIES_CACHE_KEY)

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
    # The size, pixel and format limits of product photos (marketplace/core/images.py).
    image = CheckedImageField(_("image"), upload_to="categories/", blank=True)
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

    @classmethod
    def visible_ids(cls) -> list[int]:
        """Categories a shopper may browse: active, under active parents all the way
        to an active root (from the cached tree; no query when warm)."""
        return cls.descendants_of(None)

    @classmethod
    def descendants_of(cls, pk: int | None) -> list[int]:
        """`pk` (None: the roots) and every active category below it."""
        tree = cls.tree()
        ids, stack = ([] if pk is None else [pk]), list(tree.get(pk, []))
        while stack:
            node = stack.pop()
            ids.append(node)
            stack.extend(tree.get(node, []))
        return ids

    def descendant_ids(self) -> list[int]:
        """This category's id and those of all its descendants."""
        return self.descendants_of(self.pk)

    def ancestors(self) -> list["Category"]:
        """From the root down to the parent (for breadcrumbs); parents are few."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class ProductQuerySet(StorefrontQuerySet):
    def visible(self):
        """What a shopper may see: an active product of an approved shop that is not
        on vacation, that has at least one active variant, in a category a shopper
        may browse (active, and every parent active: hiding a category takes its
        products off sale). Anything else is a 404 on the storefront, and out of
        carts and checkout."""
        return self.filter(
            status=Product.Status.ACTIVE,
            hidden_by_staff=False,
            vendor__status=Vendor.Status.APPROVED,
            vendor__on_vacation=False,
            has_active_variant=True,
            category_id__in=Category.visible_ids(),
        )

    def for_listing(self):
        """Everything a product card shows, in a fixed number of queries; the long
        texts and search documents a card never shows are left in the database.
        Anything else a card would read is fetched for the whole page at once
        (`LISTING_FETCH_MODE`), never once per card."""
        return (
            self.fetch_mode(LISTING_FETCH_MODE)
            .select_related("vendor")
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

    def for_dashboard(self):
        """A shop's product list in its dashboard: with the category, the main image
        (`main_images`), the stock of the active variants (`total_stock`) and
        whether any active variant is at or below its low-stock threshold
        (`low_stock`). Two queries a page: the rows, their main images."""
        active = Variant.objects.filter(product=OuterRef("pk"), is_active=True).order_by()
        stock = active.values("product").annotate(total=Sum("stock")).values("total")
        return (
            self.select_related("category")
            .defer(*LISTING_DEFERRED_FIELDS)
            .annotate(
                total_stock=Coalesce(Subquery(stock), 0),
                low_stock=Exists(active.filter(stock__lte=F("low_stock_threshold"))),
            )
            .prefetch_related(
                models.Prefetch(
                    "images",
                    queryset=ProductImage.objects.filter(is_main=True),
                    to_attr="main_images",
                )
            )
        )

    def refresh_from_variants(self) -> set[int]:
        """Recompute the denormalised `price`, `in_stock` and `has_active_variant` of
        these products from their active variants: their rows locked (and read) in
        primary-key order, one aggregate query, then one UPDATE per product whose
        values differ (none when a sale leaves price and availability as they were).

        Expires each product's page after commit, and the listings when a card
        changed; returns the ids of the products whose columns changed.
        """
        # No savepoint of its own: inside a sale, it is part of the sale.
        with transaction.atomic(using=self.db, savepoint=False):
            return self._refresh_from_variants()

    refresh_from_variants.alters_data = True

    def _refresh_from_variants(self) -> set[int]:
        denormalised = ("price", "in_stock", "has_active_variant")
        products = list(
            self.select_for_update().order_by("pk").values_list("pk", "base_price", *denormalised)
        )
        if not products:
            return set()
        rows = {
            row["product_id"]: row
            for row in Variant.objects.filter(
                product_id__in=[pk for pk, *_rest in products], is_active=True
            )
            .order_by()
            .values("product_id")
            .annotate(
                lowest_override=Min("price_override"),
                stock=Sum("stock"),
                count=models.Count("id"),
                without_override=models.Count("id", filter=Q(price_override__isnull=True)),
            )
        }
        changed = set()
        for pk, base_price, *stored in products:
            row = rows.get(pk) or {"count": 0, "stock": 0}
            lowest = row.get("lowest_override")
            candidates = [lowest] if lowest is not None else []
            if not row["count"] or row["without_override"]:
                candidates.append(base_price)
            values = {
                "price": min(candidates),
                "in_stock": bool(row["stock"]),
                "has_active_variant": bool(row["count"]),
            }
            if list(values.values()) != stored:  # read under the lock: exact
                Product.objects.filter(pk=pk).update_quietly(**values)
                changed.add(pk)
        invalidate_storefront(
            grid=bool(changed), products=[pk for pk, *_rest in products], using=self.db
        )
        return changed

    def hide_by_staff(self, *, reason: str, by) -> int:
        """Take these products off the storefront as staff: a flag of its own, which
        the vendor's publish and unpublish never touch; the vendor sees `reason`."""
        return self.update(
            hidden_by_staff=True,
            moderation_reason=reason,
            moderated_at=timezone.now(),
            moderated_by=by,
        )

    hide_by_staff.alters_data = True

    def unhide_by_staff(self, *, by) -> int:
        """Lift staff's hiding; the products show again if their vendor publishes them."""
        return self.filter(hidden_by_staff=True).update(
            hidden_by_staff=False,
            moderation_reason="",
            moderated_at=timezone.now(),
            moderated_by=by,
        )

    unhide_by_staff.alters_data = True

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
    # The language the vendor wrote the product in: its name is required in it, and
    # the other languages fall back to it where they are left empty.
    language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Staff moderation, apart from the vendor's own status: a product hidden by staff
    # stays off the storefront whatever the vendor publishes, and the vendor is
    # shown the reason.
    hidden_by_staff = models.BooleanField(_("hidden by staff"), default=False)
    moderation_reason = models.TextField(_("reason for hiding"), blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
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
        self.refresh_from_variants()
        type(self).objects.filter(pk=self.pk).update_search_vectors()

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", kwargs={"slug": self.slug})

    @property
    def on_sale(self) -> bool:
        return bool(self.compare_at_price and self.compare_at_price > self.price)

    @property
    def main_image(self) -> "ProductImage | None":
        """The main image, from what the view loaded: the listing prefetch
        (`main_images`, see `for_listing()`) or a prefetch of all `images`.

        Never queries: one query per card is what a page must not do, so a page that
        shows the image loads it, and forgetting to is an error, not a slow page."""
        if hasattr(self, "main_images"):
            return self.main_images[0] if self.main_images else None
        images = getattr(self, "_prefetched_objects_cache", {}).get("images")
        if images is not None:
            return next((i for i in images if i.is_main), images[0] if images else None)
        raise FieldFetchBlocked(
            "Product.main_image reads the images the view loaded: use for_listing(), "
            "prefetch_related('images') or set product.main_images."
        )

    @property
    def only_variant(self) -> "Variant | None":
        """The variant a product card can add to the cart directly: the single
        active one. None when the shopper must choose options on the product page.
        Reads `active_variants` (see `for_listing()`); never queries."""
        variants = getattr(self, "active_variants", None)
        if variants is None:
            raise FieldFetchBlocked(
                "Product.only_variant reads the active variants the view loaded: use "
                "for_listing() or set product.active_variants."
            )
        return variants[0] if len(variants) == 1 else None

    @property
    def ready_to_ship(self) -> bool:
        return self.processing_days == 0

    def ships_by(self, today: date | None = None) -> date:
        """Estimated date the shop hands the parcel to the carrier: after the
        product's making time or the shop's processing time, whichever is longer."""
        today = today or timezone.localdate()
        return today + timedelta(days=max(self.processing_days, self.vendor.handling_days, 1))

    def refresh_from_variants(self) -> bool:
        """Recompute the denormalised price and availability from the variants;
        True when they changed (product cards show them)."""
        changed = type(self).objects.filter(pk=self.pk).refresh_from_variants()
        self.refresh_from_db(fields=["price", "in_stock", "has_active_variant"])
        return self.pk in changed

    refresh_from_variants.alters_data = True

    def publish_problems(self) -> list[str]:
        """What the product lacks before shoppers may see it, one translated sentence
        each (empty: it may be published): a name in its original language, a
        price, a photo, an active variant in stock, a category shoppers can open.

        Staff moderation is not a problem the vendor can solve: a product hidden by
        staff may still be published, and stays off the storefront
        (`ProductQuerySet.visible()`) until staff show it again."""
        languages = dict(settings.LANGUAGES)
        original = self.language if self.language in languages else settings.LANGUAGE_CODE
        problems = []
        if not (getattr(self, f"name_{original}", None) or "").strip():
            problems.append(
                _("Give it a name in %(language)s, its original language.")
                % {"language": languages[original]}
            )
        if self.base_price is None or self.base_price <= 0:
            problems.append(_("Give it a price."))
        if self.pk is None or not self.images.exists():
            problems.append(_("Add at least one photo."))
        if self.pk is None or not self.variants.filter(is_active=True, stock__gt=0).exists():
            problems.append(_("Add an active variant with stock."))
        if self.category_id is not None and self.category_id not in Category.visible_ids():
            problems.append(_("Choose a category that is open on the storefront."))
        return [str(problem) for problem in problems]

    def fill_slugs(self, *, salt: str = "") -> None:
        """Give each language that has a name and no slug yet a slug made from that
        name, unique in its language (`-2`, `-3`... when taken; `salt` is added to
        every new slug, for a retry after a concurrent save took the same one).

        Slugs are kept once made, even when the name changes: links to the product
        keep working. Arabic slugs keep their letters."""
        for code in SEARCH_LANGUAGES:
            name = (getattr(self, f"name_{code}", None) or "").strip()
            if not name or getattr(self, f"slug_{code}", None):
                continue
            base = slugify(name, allow_unicode=code == "ar") or slugify(name, allow_unicode=True)
            base = (base or "product")[:200].strip("-") + (f"-{salt}" if salt else "")
            others = type(self).objects.exclude(pk=self.pk) if self.pk else type(self).objects
            taken = set(
                others.filter(**{f"slug_{code}__startswith": base}).values_list(
                    f"slug_{code}", flat=True
                )
            )
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            setattr(self, f"slug_{code}", slug)

    fill_slugs.alters_data = True


class VariantQuerySet(StorefrontQuerySet):
    storefront_cache_keys = (SIZES_CACHE_KEY,)

    def lock(self, ids) -> list["Variant"]:
        """The variants with these ids, locked FOR UPDATE in primary-key order (the
        one order every writer takes, so two buyers never deadlock), with their
        products' base prices."""
        return self.filter(pk__in=ids).locked()

    def locked(self) -> list["Variant"]:
        """These variants (however filtered), locked as `lock()` locks them."""
        return list(self.select_for_update(of=("self",)).select_related("product").order_by("pk"))

    def of_vendor(self, vendor):
        return self.filter(product__vendor=vendor)

    def low_stock(self):
        """Variants to restock: active, of a product that is not discontinued, with
        no more than their low-stock threshold left (sold out included). The
        storefront's "only N left" (`Variant.is_low_stock`) leaves sold out aside."""
        return self.filter(is_active=True, stock__lte=F("low_stock_threshold")).exclude(
            product__status=Product.Status.DISCONTINUED
        )


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

    objects = VariantQuerySet.as_manager()

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
        """The variant's own price, else its product's base price. Never queries: the
        product must have come with the variant (select_related, or the product's
        related manager), otherwise this raises instead of fetching it."""
        if self.price_override is not None:
            return self.price_override
        if not type(self).product.is_cached(self):
            raise FieldFetchBlocked(
                "Variant.price needs the variant's product: load it with the variant "
                "(select_related('product'))."
            )
        return self.product.base_price

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= self.low_stock_threshold

    def take_stock(self, quantity: int) -> bool:
        """Decrement this row's stock if enough is left (one conditional UPDATE; the
        CHECK constraint is the backstop); False when it is not.

        The row rule only: `catalog.services.stock_take()` is the way to sell, as it
        locks, refreshes the products once and expires their pages.
        """
        taken = (
            type(self)
            .objects.filter(pk=self.pk, stock__gte=quantity)
            .update_quietly(stock=F("stock") - quantity)
        )
        if taken:
            self.stock -= quantity
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

    objects = StorefrontQuerySet.as_manager()

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


class StockMovementQuerySet(models.QuerySet):
    def of_vendor(self, vendor):
        return self.filter(variant__product__vendor=vendor)


class StockMovement(models.Model):
    """One change of a variant's stock: who made it, when, why, and the stock after
    it. Every writer of `Variant.stock` records one (catalog/services.py)."""

    class Reason(models.TextChoices):
        SALE = "sale", _("Sale")
        CANCELLATION = "cancellation", _("Cancellation")
        MANUAL = "manual", _("Manual change")
        IMPORT = "import", _("Import")

    variant = models.ForeignKey(
        Variant,
        on_delete=models.CASCADE,
        related_name="stock_movements",
        verbose_name=_("variant"),
    )
    change = models.IntegerField(_("change"))
    stock_after = models.PositiveIntegerField(_("stock after"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    # What caused it, for the people reading the history: an order number, a file name.
    note = models.CharField(_("note"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created = models.DateTimeField(_("when"), default=timezone.now)

    objects = StockMovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["variant", "-created"], name="catalog_stockmove_variant")]

    def __str__(self) -> str:
        return f"{self.variant_id} {self.change:+d} ({self.reason})"
