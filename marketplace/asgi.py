"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from marketplace.core.caches import log_cache_backends

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

application = get_asgi_application()

log_cache_backends()  # one line per server process: which cache each alias uses
