import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .errors import error_response
from .origin import absolute_url

logger = logging.getLogger(__name__)


@never_cache
def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest Django response: liveness, and the ceiling for benchmarks."""
    return HttpResponse("pong", content_type="text/plain")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: database unavailable")
        return False


def _cache_ok() -> bool:
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("Health check: cache unavailable")
        return False


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may skip (personal and staff pages, in every language), and the
    sitemap index, on the canonical origin."""
    context = {
        "languages": [code for code, _name in settings.LANGUAGES],
        "sitemap_url": absolute_url(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers: 200 when database and cache answer."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "error" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )


# The 400, 403 and 500 pages are static (see core/errors.py): they render without the
# database and without reading the request, which may be what failed. The 404 may
# use the site's full layout: nothing is wrong with the request but its path.


def bad_request(request, exception=None):
    return error_response("400.html", 400)


def permission_denied(request, exception=None):
    return error_response("403.html", 403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return error_response("500.html", 500)


def csrf_failure(request, reason=""):
    return error_response("403_csrf.html", 403)
