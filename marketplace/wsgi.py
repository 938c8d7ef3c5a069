"""WSGI entry point: `gunicorn marketplace.wsgi`."""

import os

import django

from marketplace.core.caches import log_cache_backends

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

# As django.core.wsgi.get_wsgi_application(), with Souk's handler (core/handlers.py).
django.setup(set_prefix=False)

from marketplace.core.handlers import SoukWSGIHandler  # noqa: E402 (needs setup)

application = SoukWSGIHandler()

log_cache_backends()  # one line per server process: which cache each alias uses
