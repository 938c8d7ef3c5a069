"""WSGI entry point: `gunicorn marketplace.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from marketplace.core.caches import log_cache_backends

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

application = get_wsgi_application()

log_cache_backends()  # one line per server process: which cache each alias uses
