"""WSGI entry point: `gunicorn marketplace.wsgi`."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

# As django.core.wsgi.get_wsgi_application(), with Souk's handler (core/handlers.py).
django.setup(set_prefix=False)

from marketplace.core.handlers import SoukWSGIHandler  # noqa: E402 (needs setup)

application = SoukWSGIHandler()
