"""The 400, 403 and 500 pages: rendered so that they cannot fail in turn.

They answer requests that broke something: a query string Django refuses to parse
(more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters), a charset it cannot decode,
a database that is down. So they are rendered without the request: no context
processor runs (the category menu and the cart counter query the database), and
the templates (templates/errors/layout.html) read neither the session nor the
request's data. The active language (set from the URL by LocaleMiddleware) still
applies, so the page is in the visitor's language and right-to-left in Arabic.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Only for when the template itself cannot render (a broken deploy): plain, no markup
# that could need anything.
_LAST_RESORT = "<!DOCTYPE html><title>{status}</title><h1>{status}</h1>"


def error_response(template: str, status: int) -> HttpResponse:
    """`template` rendered with settings only (no request), with `status`."""
    try:
        html = render_to_string(template, {"SITE_NAME": settings.SITE_NAME})
    except Exception:
        logger.exception("Could not render the error page %s", template)
        html = _LAST_RESORT.format(status=status)
    return HttpResponse(html, status=status)


def bad_request_response() -> HttpResponse:
    return error_response("400.html", 400)
