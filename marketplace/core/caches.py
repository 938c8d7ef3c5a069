"""Which cache each alias uses, logged once when a server process starts.

Settings choose the backends (settings.CACHES: `default` for sessions, rate limits
and versions, `fragments` for shared rendered HTML). A wrong choice fails quietly:
per-process memory in production serves stale pages and keeps signed-out sessions
alive on other workers. So the server entry points (wsgi.py, asgi.py) log the
choice, one INFO line per process; management commands do not.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

_logged = False


def describe_cache(alias: str) -> str:
    """`RedisCache redis://host:6379/4`, `DatabaseCache souk_cache`, ... (no password)."""
    config = settings.CACHES[alias]
    backend = config["BACKEND"].rsplit(".", 1)[-1]
    location = config.get("LOCATION", "")
    if isinstance(location, list | tuple):
        location = ",".join(location)
    if "://" in location:
        locations = []
        for url in location.split(","):
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
            locations.append(f"{parts.scheme}://{host}{port}{parts.path}")
        location = ",".join(locations)
    prefix = config.get("KEY_PREFIX")
    return f"{backend} {location}" + (f" (prefix {prefix})" if prefix else "")


def describe_caches() -> str:
    return "; ".join(f"{alias}: {describe_cache(alias)}" for alias in settings.CACHES)


def log_cache_backends() -> None:
    """Log the cache backends once per process (idempotent)."""
    global _logged
    if _logged:
        return
    _logged = True
    logger.info("Caches: %s", describe_caches())
