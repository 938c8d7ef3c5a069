"""Absolute URLs on the site's canonical origin (`settings.SITE_URL`).

The Host header and the scheme of a request are the client's to choose (any port of
an allowed host passes `ALLOWED_HOSTS`; `X-Forwarded-Proto` is trusted from a proxy).
A URL built from them and written into a shared fragment (JSON-LD, canonical and
hreflang links) would be served to every later visitor, and one written into an
e-mail (a password reset link) would send its reader to the client's host. So every
absolute URL Souk writes is built here, from the configured origin only.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def site_origin() -> str:
    """`scheme://host[:port]` of the site, without a trailing slash (validated at start)."""
    return settings.SITE_URL


def site_domain() -> str:
    """The host (and port) of the site, as people read it: `souk.example`."""
    return urlsplit(settings.SITE_URL).netloc


def absolute_url(path: str) -> str:
    """`/en/p/tagine/` -> `https://souk.example/en/p/tagine/`.

    A URL that is already absolute (an image on a CDN or a bucket's domain) is kept
    as it is; a protocol-relative one (`//cdn.example/x.webp`) gets the site's scheme.
    """
    parts = urlsplit(path)
    if parts.scheme and parts.netloc:
        return path
    if path.startswith("//"):
        return f"{urlsplit(settings.SITE_URL).scheme}:{path}"
    return settings.SITE_URL + (path if path.startswith("/") else f"/{path}")


def rebase_url(url: str) -> str:
    """The same path, query and fragment as `url`, on the site's origin.

    For absolute URLs that a library built from the request (allauth's e-mail links):
    whatever host they name, the result names ours.
    """
    parts = urlsplit(url)
    local = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    # Joined by hand: a path like `//evil.example` must stay a path on our origin.
    return settings.SITE_URL + (local if local.startswith("/") else f"/{local}")
