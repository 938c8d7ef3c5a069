"""Test settings: the real settings module, with the values a test run needs.

Deploy-time values still come from the environment (DATABASE_URL, REDIS_URL in CI);
only what no test should depend on is fixed here.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
# The test client's host: absolute URLs in pages and e-mails are on this origin.
os.environ.setdefault("SITE_URL", "http://testserver")

from marketplace.settings import *  # noqa: F403

# Fast hashing: tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic before tests: serve static files from the source tree.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Redis when REDIS_URL is set (CI), as in production; otherwise local memory rather
# than production's database cache, so that tests without the `db` mark may use it.
# Both aliases exist either way, apart from each other.
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "souk-tests",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},  # noqa: F405
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "souk-tests-fragments",
            "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_MAX_ENTRIES},  # noqa: F405
        },
    }
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["django"]["level"] = "ERROR"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: there, concurrent writers get
    # "database table is locked" at once instead of waiting for the lock, so tests of
    # concurrent requests (tests/cart/test_concurrency.py) could not run on SQLite.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405

# --- STAND-INS until issue 8's other parts are merged: REMOVE AT MERGE ------------------
# The checkout app imports marketplace.payments (engineer P) and links to the order
# pages (engineer O). While those are missing, tests/standins provides minimal versions
# so that the checkout tests run; each switches itself off once the real one exists.
import importlib.util  # noqa: E402

if importlib.util.find_spec("marketplace.payments") is None:
    import tests.standins.payments  # noqa: F401 (poses as marketplace.payments)

    INSTALLED_APPS = [*INSTALLED_APPS, "marketplace.payments"]  # noqa: F405
    STRIPE_SECRET_KEY = STRIPE_PUBLISHABLE_KEY = ""
    STRIPE_API_BASE = "https://api.stripe.com"
    STRIPE_JS_URL = "https://js.stripe.com/v3/"
ROOT_URLCONF = "tests.standins.urls"
