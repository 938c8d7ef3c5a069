"""Serving media files from the media root, when no bucket holds them.

On one machine (docker compose, `make run`) uploads and renditions are files under
``MEDIA_ROOT`` and Souk serves them itself, with DEBUG on or off: only the image
types it stores, only regular files below the media root (``safe_join``; no dot
files), GET and HEAD, streamed by the server's sendfile (``FileResponse``), with a
validator (ETag, Last-Modified) and the cache lifetime of
``marketplace.core.storage.media_cache_control``. Mounted at ``MEDIA_URL`` by
marketplace/urls.py; it serves files only while the default storage is the
filesystem: with a bucket, the bucket (or its CDN) serves them and this view
answers 404.

Only marketplace/urls.py imports this module.
"""

import os
import posixpath
import stat

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .images import CONTENT_TYPES
from .storage import media_cache_control, media_served_by_django


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """One media file, or 404 for anything that is not a stored image under the root."""
    content_type = CONTENT_TYPES.get(posixpath.splitext(path)[1].lower())
    parts = path.split("/")
    if content_type is None or any(not part or part.startswith(".") for part in parts):
        raise Http404
    if not media_served_by_django():
        raise Http404
    try:
        full_path = safe_join(default_storage.location, *parts)
        status = os.stat(full_path)
    except (SuspiciousFileOperation, OSError, ValueError) as error:  # ValueError: NUL byte
        raise Http404 from error
    if not stat.S_ISREG(status.st_mode):
        raise Http404

    etag = f'"{status.st_mtime_ns:x}-{status.st_size:x}"'
    response = get_conditional_response(request, etag=etag, last_modified=int(status.st_mtime))
    if response is None:
        if request.method == "HEAD":
            response = HttpResponse(content_type=content_type)
            response["Content-Length"] = str(status.st_size)
        else:
            try:
                file = open(full_path, "rb")  # noqa: SIM115 (FileResponse closes it)
            except OSError as error:  # removed since the stat
                raise Http404 from error
            response = FileResponse(file, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(status.st_mtime)
    response["Cache-Control"] = media_cache_control(path)
    return response
