"""Request id for logs, and Django messages delivered on htmx responses."""

import re
import uuid

from django.contrib.messages import get_messages
from django.template.loader import render_to_string

from .logging import request_id_var

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
