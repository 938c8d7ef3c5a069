"""Media files (uploads and the files made from them): names and cache lifetimes.

Media live in the ``default`` storage (``STORAGES["default"]``): the media root on
one machine, an S3-compatible bucket when ``MEDIA_BUCKET`` is set (see
``marketplace.core.s3``). Code reads and writes them through ``default_storage``
only, never through a filesystem path, so that web machines and task workers
share them.

No media file is ever overwritten: both storages give a new name when one is
taken. A content-addressed name (``<stem>.<12 hex digits of its SHA-256>.<ext>``,
the form Django's manifest gives static files) names the same bytes forever, so it
is cached for a year as immutable; any other name (originals, logos, banners) is
cached for ``settings.MEDIA_MAX_AGE`` seconds, since a deleted name could one day
be given to another upload.
"""

import hashlib
import posixpath
import re

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage

IMMUTABLE_MAX_AGE = 365 * 24 * 60 * 60

# "<stem>.<hash>.<ext>", also with the "_<7 characters>" a storage appends when the
# name is taken (the bytes are still those the hash names).
_CONTENT_ADDRESSED = re.compile(r"\.[0-9a-f]{12}(?:_[A-Za-z0-9]{7})?\.[A-Za-z0-9]+$")


def content_addressed_name(name: str, content: bytes) -> str:
    """`name` with the first 12 hex digits of the SHA-256 of `content` before its
    extension: `renditions/plate-640.webp` -> `renditions/plate-640.3f2a9c1b0d4e.webp`."""
    root, extension = posixpath.splitext(name)
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"{root}.{digest}{extension}"


def is_content_addressed(name: str) -> bool:
    return bool(_CONTENT_ADDRESSED.search(name))


def media_cache_control(name: str) -> str:
    """The Cache-Control header a media file is served with (by the media view or,
    stored as object metadata, by the bucket and any CDN in front of it)."""
    if is_content_addressed(name):
        return f"public, max-age={IMMUTABLE_MAX_AGE}, immutable"
    return f"public, max-age={settings.MEDIA_MAX_AGE}"


def media_served_by_django() -> bool:
    """True when media are files under the media root, served by Souk itself
    (``marketplace.core.media``); False with a bucket, which serves them."""
    return isinstance(default_storage, FileSystemStorage)  # LazyObject proxies __class__
