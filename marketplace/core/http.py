"""Request helpers every app's views share.

They live here, in a module that is not a view module, so that an app's views
never import another app's views (see docs/architecture.md, "Apps and layers").
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware: `request.htmx` is set (typing only)."""

    htmx: HtmxDetails


def safe_next(request: HttpRequest, value: str | None) -> str | None:
    """`value` if it is a path on this site to send the visitor back to, else None.

    Only a local absolute path is accepted ("/en/products/?page=2"): never another
    host ("https://evil.example/", "//evil.example", "/\\evil", which browsers read
    as "//evil"), a scheme ("javascript:..."), nor a bare word ("abc"), which
    `django.shortcuts.redirect` would take for a URL name and fail to reverse.
    Callers fall back to their own default page on None.
    """
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return value
