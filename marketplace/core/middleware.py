"""Request id for logs, refusal of unreadable input, and Django messages delivered
on htmx responses."""

import logging
import re
import uuid

from django.contrib.messages import get_messages
from django.core.exceptions import SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

from .errors import bad_request_response
from .handlers import charset_decodes
from .logging import request_id_var

logger = logging.getLogger(__name__)

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tag each request with an id (the proxy's X-Request-ID when sane).

    The id appears in every log line written while handling the request and in
    the X-Request-ID response header, so a user's report can be matched to logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.id = request_id
        # Not reset on the way out: Django logs the response after the middleware
        # chain returns, and that line should carry the id too. The next request
        # on this thread sets its own.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _has_nul(*texts: str) -> bool:
    return any("\x00" in text for text in texts)


def unreadable_input(request) -> str | None:
    """Why this request's input cannot be used safely, or None when it can.

    Parses the query string, the form body and the cookies once, here, so that a
    failure is one clear 400 whichever view (or the 404 page) would have read them
    first; the parsed values are kept on the request for the view.
    """
    charset = getattr(request, "undecodable_charset", None) or request.content_params.get("charset")
    if charset and not charset_decodes(charset):
        return "charset"
    try:
        fields = [*request.GET.lists(), *request.POST.lists()]
        cookies = request.COOKIES
        file_names = [upload.name or "" for upload in request.FILES.values()]
    except (
        SuspiciousOperation,  # too many fields or files, a body too big
        MultiPartParserError,
        UnreadablePostError,
        UnicodeError,
        LookupError,
    ) as error:
        return type(error).__name__
    # PostgreSQL refuses NUL in text (a DataError wherever such a value reaches a
    # query), and no link, form or browser sends one.
    if _has_nul(request.path_info, *file_names, *cookies, *cookies.values()):
        return "nul"
    if any(_has_nul(name, *values) for name, values in fields):
        return "nul"
    return None


class BadInputMiddleware:
    """Refuse, with the static 400 page in the visitor's language, any request whose
    path, query, form or cookies cannot be read safely (see `unreadable_input`).

    Placed after LocaleMiddleware (the page is translated) and inside the security
    and CSP middleware (the 400 carries the same headers as every page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = unreadable_input(request)
        if reason is not None:
            logger.info("Refused a request with unreadable input (%s)", reason)
            return bad_request_response()
        return self.get_response(request)


class HtmxMessagesMiddleware:
    """Append pending messages to htmx HTML responses as an out-of-band swap.

    A normal request shows messages through base.html; an htmx request renders
    a fragment only, so its messages would otherwise wait for the next full
    page. Redirects are left alone: the messages show after the redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not getattr(request, "htmx", False)
            or response.streaming
            or 300 <= response.status_code < 400
            or "HX-Redirect" in response
            or "HX-Location" in response
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        storage = get_messages(request)
        if not len(storage):
            return response
        response.write(
            render_to_string(
                "base.html#messages", {"messages": storage, "oob": True}, request=request
            )
        )
        return response


class FragmentOutcomeMiddleware:
    """Say in a `Souk-Fragments` response header what the shared-fragment cache did
    for this request (`hit`, `miss`, `bypass`, one per fragment), so that
    benchmarks and operators can read the hit rate from outside the process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        outcomes = getattr(request, "fragment_outcomes", None)
        if outcomes:
            response["Souk-Fragments"] = " ".join(outcomes)
        return response
