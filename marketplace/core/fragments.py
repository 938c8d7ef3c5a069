"""Shared rendered fragments for anonymous shoppers.

Storefront fragments (product grids, filter sidebars) are the same for every
anonymous visitor of a URL in a language, except for the CSRF token inside their
add-to-cart forms. They are rendered once with a placeholder token, kept in the
cache, and served with the visitor's own token put in place of the placeholder.

Every cached fragment carries the storefront version in its key: saving a product,
variant, shop or category bumps it (`bump_storefront_version`), so no shopper sees
a stale price or stock level for longer than it takes to save; the timeout is only
a backstop. Signed-in users (wishlist hearts differ) always get a fresh render.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

VERSION_KEY = "storefront:version"
# Never a valid token (tokens are alphanumeric), so it cannot appear by accident.
CSRF_PLACEHOLDER = "__souk-csrf-token__"


def storefront_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_storefront_version() -> None:
    """Invalidate every cached storefront fragment (called when the catalogue changes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_fragment(request, name: str, render: Callable[[dict], str]) -> SafeString:
    """`render(extra_context)` once per (URL, language, version) for anonymous visitors.

    `render` must pass `extra_context` into its template context: it carries the
    CSRF placeholder for cacheable renders.
    """
    timeout = settings.FRAGMENT_CACHE_SECONDS
    if not timeout or request.user.is_authenticated:
        return mark_safe(render({}))  # rendered by our templates
    url = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    key = f"fragment:{name}:{get_language()}:{storefront_version()}:{url}"
    html = cache.get(key)
    if html is None:
        html = str(render({"csrf_token": CSRF_PLACEHOLDER}))
        cache.set(key, html, timeout)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))
