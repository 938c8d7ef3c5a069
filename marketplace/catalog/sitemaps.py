"""The storefront's sitemaps (django.contrib.sitemaps): products, categories and shops,
each page listed once per language with its hreflang alternates.

Only what a shopper may see is listed: `Product.objects.visible()`, the categories a
shopper may browse, approved shops. Every URL is on the canonical origin
(`settings.SITE_URL`), never on the request's Host.

Django's `Sitemap` builds its (item, language) pairs from the whole of `items()` on
every page, which loads every product to show 3,000 of them. `_PerLanguage` pairs them
lazily instead: a sitemap page loads only its own slice of the queryset, so the
products section grows past 50,000 URLs one page of `limit` URLs at a time.
"""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.db.models.functions import Coalesce

from marketplace.core.origin import site_domain
from marketplace.vendors.models import Vendor

from .models import Category, Product
from .search import SEARCH_LANGUAGES


class _PerLanguage(Sequence):
    """`(item, language)` for every item of `queryset` and every language, item by
    item; slicing it runs one query for the items of that slice only."""

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def __len__(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index):
        per_item = len(self.languages)
        if isinstance(index, slice):
            # The paginator asks for `[bottom:top]` within its count: no COUNT here.
            if index.step not in (None, 1) or (index.start or 0) < 0 or index.stop is None:
                raise ValueError("a sitemap page is a bounded, contiguous slice")
            start, stop = index.start or 0, index.stop
            first, last = start // per_item, -(-stop // per_item)
            pairs = [(item, code) for item in self.queryset[first:last] for code in self.languages]
            return pairs[start - first * per_item : stop - first * per_item]
        if index < 0:
            index += len(self)
        item = self.queryset[index // per_item]
        return (item, self.languages[index % per_item])


class StorefrontSitemap(Sitemap):
    """One URL per page and language, each with every language's URL as an hreflang
    alternate and the default language's as x-default (as the product page's own
    `<link rel="alternate">`s)."""

    i18n = True
    alternates = True
    x_default = True
    # 3,000 pages in 3 languages: a sitemap file stays far below the protocol's 50,000
    # URLs and 50 MB, and each of its pages loads 3,000 rows.
    limit = 3000 * len(settings.LANGUAGES)

    @property
    def protocol(self) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return site_domain()

    def _languages(self) -> list[str]:
        return [code for code, _name in settings.LANGUAGES]

    def _items(self):
        return _PerLanguage(self.items(), self._languages())

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        # Django's x-default drops the language prefix (a URL that redirects by the
        # visitor's language); the pages name the default language's URL instead, and
        # a product's slug in the wrong language answers a redirect, so use that URL.
        origin = f"{protocol}://{domain}"
        for url in urls:
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = origin + self._location(
                        url["item"], settings.LANGUAGE_CODE
                    )
        return urls

    def lastmod(self, item):
        return getattr(item, "lastmod", None)


class ProductSitemap(StorefrontSitemap):
    def items(self):
        # Each language's own slug: the product page answers a redirect to the page
        # language's slug (`Product.slug` reads it, with modeltranslation's fallback).
        return (
            Product.objects.visible()
            .only("pk", "updated", *(f"slug_{code}" for code in SEARCH_LANGUAGES))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]


class CategorySitemap(StorefrontSitemap):
    """A category's page lists its descendants' products too: its lastmod is that of
    the latest change to a visible product anywhere under it."""

    def items(self):
        return Category.objects.filter(pk__in=Category.visible_ids()).only("pk", "slug")

    def _items(self):
        categories = list(self.items())
        changed = dict(
            Product.objects.visible()
            .order_by()
            .values("category_id")
            .annotate(latest=Max("updated"))
            .values_list("category_id", "latest")
        )
        for category in categories:
            dates = [changed[pk] for pk in category.descendant_ids() if pk in changed]
            category.lastmod = max(dates, default=None)
        return [(category, code) for category in categories for code in self._languages()]

    def get_latest_lastmod(self):
        return (
            Product.objects.visible().aggregate(latest=Max("updated"))["latest"]
            if self.items().exists()
            else None
        )


class ShopSitemap(StorefrontSitemap):
    """Approved shops (a shop on vacation keeps its page); lastmod: the latest change
    to one of its products, or the shop's opening."""

    def items(self):
        return (
            Vendor.objects.approved()
            .only("pk", "slug")
            .annotate(lastmod=Coalesce(Max("products__updated"), F("created")))
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        dates = Vendor.objects.approved().aggregate(
            products=Max("products__updated"), opened=Max("created")
        )
        return max((date for date in dates.values() if date), default=None)


SITEMAPS = {"products": ProductSitemap, "categories": CategorySitemap, "shops": ShopSitemap}
