"""Shared rendered fragments for anonymous shoppers, and the versions that expire them.

Storefront fragments (product grids with their filters, the home sections, a
product page's body) are the same for every anonymous visitor of a page in a
language, except for the CSRF token inside their forms. They are rendered once with
a placeholder token, kept in the `fragments` cache, and served with the visitor's
own token in place of the placeholder.

Keys. A fragment's key holds what decides its content and nothing a visitor can
vary at will: the release (templates, catalogues, code: `release_id()`), the
language, the versions of the data it shows, and a normalised description of its
inputs given by the view (`vary`: parsed filters and page number, never the raw
URL). Junk query parameters therefore make no new entry, and one client can make
the cache store at most `FRAGMENT_WRITES_PER_CLIENT_MINUTE` new fragments a minute.

Versions. Every fragment carries the *grid* version, which moves when something a
product card shows (or that decides which listings a product appears in) changes;
a product page's body also carries that product's own version, which moves on any
change to the product (a sale that leaves it in stock at the same price moves only
this one). `invalidate_storefront()` moves them, always after the transaction that
changed the data commits: a request served between a change and its COMMIT can only
have read the old rows under the old versions, never under the new ones. A version
missing from the cache (evicted, flushed) is recreated at random, never from 1,
so it cannot fall back to a value that old fragments were stored under.

The CSRF placeholder is only ever substituted where the template rendered
Django's own hidden token input: a visitor's text is HTML-escaped when rendered,
so it can never produce that element, and never becomes a token.
"""

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .release import release_id

GRID_VERSION_KEY = "storefront:v:grid"
# Never a valid token (tokens are alphanumeric), so it cannot appear by accident.
CSRF_PLACEHOLDER = "__souk-csrf-token__"
# Exactly what `{% csrf_token %}` renders around the placeholder.
CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">'


def product_version_key(product_id: int) -> str:
    return f"storefront:v:product:{product_id}"


def fragment_cache():
    """Rendered HTML lives apart from sessions, rate-limit counters and versions
    (settings.CACHES["fragments"]), so that filling it can never evict those."""
    return caches["fragments"]


# --- Versions ---------------------------------------------------------------------


def _fresh_version() -> int:
    """A value no version has had: versions are compared, never counted."""
    return secrets.randbits(62)


def _versions(keys: list[str]) -> list[int]:
    """Current value of each version key, created at random when missing."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_version(), timeout=None)
            found[key] = cache.get(key) or _fresh_version()
    return [found[key] for key in keys]


def _bump(keys: tuple[str, ...], deletes: tuple[str, ...]) -> None:
    """Give each version a new value. A plain write, not an increment: of two
    writers that commit at once, the last one's value stands and is new to both
    (an increment that loses a race on a non-atomic backend, such as the database
    cache, could land on a value a fragment was just stored under)."""
    if keys:
        cache.set_many(dict.fromkeys(keys, _fresh_version()), timeout=None)
    if deletes:
        cache.delete_many(list(deletes))


def invalidate_storefront(
    *,
    grid: bool = False,
    products: Iterable[int] = (),
    keys: Iterable[str] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> None:
    """Expire shared fragments once the current transaction commits (at once when
    none is open; never if it rolls back).

    `grid`: every fragment (a product card or listing membership changed);
    `products`: those products' page bodies; `keys`: plain cache entries derived
    from the catalogue (category tree, size list) to drop with them.
    """
    versions = tuple(product_version_key(pk) for pk in sorted(set(products)))
    if grid:
        versions = (GRID_VERSION_KEY, *versions)
    deletes = tuple(sorted(set(keys)))
    if versions or deletes:
        transaction.on_commit(partial(_bump, versions, deletes), using=using)


# --- Fragments --------------------------------------------------------------------


def _client(request) -> str:
    header = settings.FRAGMENT_CLIENT_HEADER
    address = request.headers.get(header, "") if header else ""
    address = address.rsplit(",", 1)[-1].strip()[:64]  # the hop the proxy added
    return address or request.META.get("REMOTE_ADDR") or "unknown"


def _may_store(request) -> bool:
    """At most FRAGMENT_WRITES_PER_CLIENT_MINUTE new entries per client and minute."""
    limit = settings.FRAGMENT_WRITES_PER_CLIENT_MINUTE
    if limit <= 0:
        return True
    key = f"fragment-writes:{_client(request)}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        return True


def _with_token(request, html: str) -> SafeString:
    if CSRF_INPUT not in html:
        return mark_safe(html)  # rendered by our templates
    token = get_token(request)
    real = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    return mark_safe(html.replace(CSRF_INPUT, real))


def cached_fragment(
    request,
    name: str,
    render: Callable[[dict], str],
    *,
    vary: str = "",
    product: int | None = None,
) -> SafeString:
    """`render(extra_context)`, shared by anonymous visitors of the same inputs.

    `vary` is the normalised description of what the fragment depends on besides
    `name` and the language (the view builds it from parsed input, never the raw
    query string); `product` adds that product's version to the key. `render` must
    pass `extra_context` into its template context: it carries the CSRF
    placeholder for shared renders. Signed-in visitors (their wishlist hearts
    differ) get a fresh render.
    """
    timeout = settings.FRAGMENT_CACHE_SECONDS
    if not timeout or request.user.is_authenticated:
        _record(request, "bypass")
        return mark_safe(render({}))  # rendered by our templates
    version_keys = [GRID_VERSION_KEY]
    if product is not None:
        version_keys.append(product_version_key(product))
    versions = ".".join(str(v) for v in _versions(version_keys))
    inputs = hashlib.blake2b(vary.encode(), digest_size=16).hexdigest()
    if product is not None:
        name = f"{name}:{product}"
    key = f"fragment:{release_id()}:{name}:{get_language()}:{versions}:{inputs}"
    store = fragment_cache()
    html = store.get(key)
    if html is None:
        _record(request, "miss")
        html = str(render({"csrf_token": CSRF_PLACEHOLDER}))
        if _may_store(request):
            store.set(key, html, timeout)
    else:
        _record(request, "hit")
    return _with_token(request, html)


def _record(request, outcome: str) -> None:
    """Remember what the cache did for this request (the Souk-Fragments header)."""
    outcomes = getattr(request, "fragment_outcomes", None)
    if outcomes is None:
        outcomes = request.fragment_outcomes = []
    outcomes.append(outcome)


class StorefrontQuerySet(models.QuerySet):
    """A queryset of rows that shared fragments show.

    Bulk writes send no model signals, so `update()`, `bulk_create()` and
    `bulk_update()` expire every fragment themselves (after commit), plus the
    cache entries named in `storefront_cache_keys`. Code that knows exactly what
    it changed and expires it itself (a sale, the denormalised product columns)
    uses `update_quietly()`. Deletes need nothing here: `QuerySet.delete()` sends
    `post_delete` for each row to the apps' receivers.
    """

    storefront_cache_keys: tuple[str, ...] = ()

    def _storefront_changed(self) -> None:
        invalidate_storefront(grid=True, keys=self.storefront_cache_keys, using=self.db)

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        if rows:
            self._storefront_changed()
        return rows

    update.alters_data = True

    def update_quietly(self, **kwargs) -> int:
        """`update()` for callers that expire exactly what they changed themselves."""
        return super().update(**kwargs)

    update_quietly.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            self._storefront_changed()
        return created

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows:
            self._storefront_changed()
        return rows

    bulk_update.alters_data = True
