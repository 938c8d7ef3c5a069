"""Media in an S3-compatible bucket (django-storages), chosen by ``MEDIA_BUCKET``.

A module of its own so that boto3 is imported only by processes that use it.
"""

from storages.backends.s3 import S3Storage

from .storage import media_cache_control


class MediaS3Storage(S3Storage):
    """S3Storage that never overwrites a name and stores each object with the
    Cache-Control header that the media view would send, so the bucket and a CDN
    in front of it cache uploads as Souk does."""

    file_overwrite = False

    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        parameters.setdefault("CacheControl", media_cache_control(name))
        return parameters
