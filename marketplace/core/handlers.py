"""The WSGI handler: Django's, with a request that a declared charset cannot break.

Django builds the request before any middleware runs, and building it decodes the
query string with the charset the client declared in Content-Type: with
`charset=rot13` (a codec, but not a text encoding) or `charset=undefined` that
raises, and the client gets the server's bare 500 without any of our headers. The
request below sets such a charset aside instead (Django then reads UTF-8) and
keeps its name in `undecodable_charset`, so that BadInputMiddleware answers the
static 400 page.
"""

import codecs

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils.http import parse_header_parameters

# Every byte value: a declared charset must be able to decode them as Django does.
_PROBE = bytes(range(256))


def charset_decodes(charset: str) -> bool:
    """Whether Django can decode a query or body declared in `charset`.

    A name Python does not know is ignored by Django (it reads UTF-8). A known codec
    must be a text encoding and decode as Django does: strictly first (a
    UnicodeDecodeError makes Django fall back to ISO-8859-1), then with "replace".
    """
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        return True
    if not getattr(codec, "_is_text_encoding", True):
        return False
    try:
        _PROBE.decode(codec.name)
    except UnicodeDecodeError:
        pass
    except (UnicodeError, LookupError):
        return False
    try:
        _PROBE.decode(codec.name, "replace")
    except (UnicodeError, LookupError):
        return False
    return True


class SoukWSGIRequest(WSGIRequest):
    undecodable_charset: str | None = None

    def _set_content_type_params(self, meta):
        content_type, params = parse_header_parameters(meta.get("CONTENT_TYPE", ""))
        charset = params.get("charset")
        if charset and not charset_decodes(charset):
            self.undecodable_charset = charset
            meta = {"CONTENT_TYPE": content_type}
        super()._set_content_type_params(meta)


class SoukWSGIHandler(WSGIHandler):
    request_class = SoukWSGIRequest
