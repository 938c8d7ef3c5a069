"""Souk settings.

One module for every environment: each deploy-time value is read from the
environment (see docs/configuration.md). With no environment at all, and
DEBUG=true, the site runs on SQLite with local-memory caches, console e-mail
and immediate tasks, so `make run` needs nothing but Python.

With DEBUG off the defaults are production ones: secure cookies, HSTS, SSL
redirect; each can be relaxed through the environment (e.g. behind a proxy that
terminates TLS, or for a local trial over plain HTTP).
"""

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a "
            "long random string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])


def _origin(value: str) -> str:
    """`value` as a bare origin (`scheme://host[:port]`), or ImproperlyConfigured."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"SITE_URL must be an origin such as https://souk.example (http or https, a host, "
            f"an optional port, nothing after it); got {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


# The canonical origin: every absolute URL Souk writes (JSON-LD, canonical and hreflang
# links, links in e-mails) starts with it, never with the request's Host header or
# scheme, which any client chooses (and which would be cached in shared fragments).
SITE_URL = env.str("SITE_URL", default="")
if not SITE_URL:
    if DEBUG:
        SITE_URL = "http://127.0.0.1:8000"
    elif (
        ALLOWED_HOSTS and ALLOWED_HOSTS[0] not in ("*", "") and not ALLOWED_HOSTS[0].startswith(".")
    ):
        SITE_URL = f"https://{ALLOWED_HOSTS[0]}"
    else:
        raise ImproperlyConfigured(
            "SITE_URL is not set and cannot be derived from ALLOWED_HOSTS (its first entry "
            "must be a plain host name). Set SITE_URL to the site's public origin, "
            "e.g. https://souk.example."
        )
SITE_URL = _origin(SITE_URL)
SITE_NAME = env.str("SITE_NAME", default="Souk")
SITE_ID = 1
CURRENCY = env.str("CURRENCY", default="MAD")

# --- Applications ---------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_htmx",
    "django_tasks_db",
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.vendors",
    "marketplace.catalog",
    "marketplace.cart",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.reviews",
    "marketplace.earnings",
    "marketplace.checkout",
    "marketplace.dashboard",
    "marketplace.analytics",
]

MIDDLEWARE = [
    "marketplace.core.middleware.RequestIdMiddleware",
    "marketplace.core.middleware.FragmentOutcomeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Early, so that responses answered before the view (the 400 below) carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A 400 for input that cannot be read safely (NUL, undecodable charset, too many
    # fields): after LocaleMiddleware so that the page is in the visitor's language.
    "marketplace.core.middleware.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "marketplace.core.middleware.HtmxMessagesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marketplace.core.context_processors.site",
                "marketplace.catalog.context_processors.menu",
                "marketplace.cart.context_processors.cart",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, shared by every process in production:
# - `default`: sessions (cached_db), allauth's rate-limit counters, the storefront
#   versions and small cached data; nothing in it may be evicted to make room for
#   pages;
# - `fragments`: shared rendered HTML, which may be evicted at any time.
# REDIS_URL selects Redis (REDIS_FRAGMENTS_URL may put the fragments elsewhere).
# Without it, production (DEBUG off) uses Django's database cache, whose tables
# (souk_cache, souk_fragments_cache) `migrate` creates: every worker and machine
# on the same database shares it, with nothing else installed. Only development
# keeps its caches in the process's memory. The choice is logged once per server
# process (marketplace.core.caches.log_cache_backends).
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_FRAGMENTS_URL = env.str("REDIS_FRAGMENTS_URL", default="") or REDIS_URL
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="souk")
# Entry bounds for the database and local-memory caches (Redis bounds by memory).
CACHE_MAX_ENTRIES = env.int("CACHE_MAX_ENTRIES", default=100_000)
FRAGMENT_CACHE_MAX_ENTRIES = env.int("FRAGMENT_CACHE_MAX_ENTRIES", default=5_000)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_FRAGMENTS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-fragments",
            "TIMEOUT": 300,
        },
    }
elif DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "souk",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "souk-fragments",
            "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_MAX_ENTRIES},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "souk_cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "souk_fragments_cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_MAX_ENTRIES},
        },
    }

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Accounts -------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "catalog:home"

ACCOUNT_ADAPTER = "marketplace.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "marketplace.accounts.forms.SignupForm"
ACCOUNT_USER_DISPLAY = "marketplace.accounts.adapter.user_display"
ACCOUNT_UNIQUE_EMAIL = True
# An account is usable once its address is confirmed: only then can sign-up answer
# the same whether or not the address already has an account (the owner is told by
# mail), so that nobody can find out who shops here. Guests need no account to browse
# and fill a cart; their session cart waits until they confirm and sign in.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "catalog:home"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme
# allauth's rate limits stay on (its defaults); they count in the `default` cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
}

# --- E-mail (Django 6.1 mailers) ------------------------------------------------

# EMAIL_URL: smtp://user:password@host:587 (TLS: smtp+tls://, SSL: smtp+ssl://), or
# consolemail:// to print messages. Default: the console in development, the
# local mail transfer agent in production.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST") or "localhost",
    "port": _email.get("EMAIL_PORT") or 25,
    "username": _email.get("EMAIL_HOST_USER") or "",
    "password": _email.get("EMAIL_HOST_PASSWORD") or "",
    "use_tls": bool(_email.get("EMAIL_USE_TLS")),
    "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": _smtp_options if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <no-reply@souk.local>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Internationalisation -------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Africa/Casablanca")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "ar")

COUNTRIES_FIRST = ["MA"]
COUNTRIES_FIRST_REPEAT = False

# --- Static and media -----------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files whitenoise serves at the site's root, as browsers and crawlers ask for them
# there: /favicon.ico.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Media whose names are not content-addressed (originals, logos, banners) are cached
# this long; renditions, named by their content, for a year (marketplace/core/storage.py).
MEDIA_MAX_AGE = env.int("MEDIA_MAX_AGE", default=24 * 60 * 60)
# Uploads and renditions go to the media root, served by Souk itself
# (marketplace/core/media.py), or, with MEDIA_BUCKET, to an S3-compatible bucket
# shared by every web machine and task worker, which serves them (or a CDN does).
MEDIA_BUCKET = env.str("MEDIA_BUCKET", default="")
MEDIA_ORIGINS: list[str] = []  # where pages load media from besides our own origin
if MEDIA_BUCKET:
    _media_endpoint = env.str("MEDIA_ENDPOINT_URL", default="")
    _media_region = env.str("MEDIA_REGION", default="")
    _media_domain = env.str("MEDIA_CUSTOM_DOMAIN", default="")
    _media_addressing = env.str("MEDIA_ADDRESSING_STYLE", default="")
    _media_storage = {
        "BACKEND": "marketplace.core.s3.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": _media_endpoint or None,
            "region_name": _media_region or None,
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a role).
            "access_key": env.str("MEDIA_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": _media_domain or None,
            "location": env.str("MEDIA_LOCATION", default=""),
            "addressing_style": _media_addressing or None,
            "default_acl": env.str("MEDIA_DEFAULT_ACL", default="") or None,
            # Product photos are public: plain URLs that browsers and CDNs can cache.
            "querystring_auth": env.bool("MEDIA_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
        },
    }
    if _media_domain:
        MEDIA_ORIGINS = [f"https://{_media_domain.split('/')[0]}"]
    elif _media_endpoint:
        _scheme, _host = _media_endpoint.split("://", 1)
        _host = _host.split("/")[0]
        MEDIA_ORIGINS = [f"{_scheme}://{_host}"]
        if _media_addressing == "virtual":
            MEDIA_ORIGINS.append(f"{_scheme}://{MEDIA_BUCKET}.{_host}")
    elif _media_addressing == "path":
        MEDIA_ORIGINS = [f"https://s3.{_media_region or 'us-east-1'}.amazonaws.com"]
    else:
        MEDIA_ORIGINS = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"]
        if _media_region:
            MEDIA_ORIGINS.append(f"https://{MEDIA_BUCKET}.s3.{_media_region}.amazonaws.com")
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Storefront
PRODUCTS_PER_PAGE = env.int("PRODUCTS_PER_PAGE", default=12)
# Listings count at most this many results: deep pages stay fast and shoppers are
# asked to refine their search instead of paging past it.
LISTING_MAX_RESULTS = env.int("LISTING_MAX_RESULTS", default=1200)
# Anonymous shoppers share rendered product grids for this long at most (saving a
# product, variant, shop or category invalidates them at once); 0 turns it off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
# New shared fragments one client may make the cache store per minute; past it its
# pages are still served, rendered fresh, but not stored (bounds cache growth from
# endless distinct searches). A client is its REMOTE_ADDR or, behind a proxy that
# sets it (and overwrites what the client sent), the header FRAGMENT_CLIENT_HEADER.
FRAGMENT_WRITES_PER_CLIENT_MINUTE = env.int("FRAGMENT_WRITES_PER_CLIENT_MINUTE", default=600)
FRAGMENT_CLIENT_HEADER = env.str("FRAGMENT_CLIENT_HEADER", default="")
# Identifies the running code in shared fragment keys; set at build time (image tag,
# commit). Empty: a digest of templates, catalogues, static manifest and code.
RELEASE = env.str("RELEASE", default="")
CART_MAX_LINES = env.int("CART_MAX_LINES", default=100)
# Orders and shipping (amounts in CURRENCY). A shop's own rate and threshold win.
SHIPPING_DEFAULT_RATE = Decimal(env.str("SHIPPING_DEFAULT_RATE", default="35.00"))
SHIPPING_DEFAULT_FREE_ABOVE = Decimal(env.str("SHIPPING_DEFAULT_FREE_ABOVE", default="600.00"))
# Cash on delivery: only to these countries and up to this order total.
COD_COUNTRIES = env.list("COD_COUNTRIES", default=["MA"])
COD_MAX_TOTAL = Decimal(env.str("COD_MAX_TOTAL", default="5000.00"))
# The percentage Souk keeps on the items of a delivered shop order (never on shipping),
# unless the shop has its own rate (Vendor.commission_rate). See marketplace/earnings.
try:
    PLATFORM_COMMISSION_RATE = Decimal(env.str("PLATFORM_COMMISSION_RATE", default="10.00"))
except ArithmeticError:
    PLATFORM_COMMISSION_RATE = Decimal("NaN")
if not (PLATFORM_COMMISSION_RATE.is_finite() and 0 <= PLATFORM_COMMISSION_RATE <= 100):
    raise ImproperlyConfigured(
        f"PLATFORM_COMMISSION_RATE must be a percentage from 0 to 100; "
        f"got {PLATFORM_COMMISSION_RATE}."
    )
# Unpaid card orders give their stock back after this long.
ORDER_PAYMENT_MINUTES = env.int("ORDER_PAYMENT_MINUTES", default=30)
# At most this many unpaid card orders per e-mail address and per client address.
MAX_UNPAID_CARD_ORDERS = env.int("MAX_UNPAID_CARD_ORDERS", default=3)
CART_MAX_QUANTITY = env.int("CART_MAX_QUANTITY", default=99)
# Shops: an invitation to join a shop's team can be accepted for this many days.
VENDOR_INVITATION_DAYS = env.int("VENDOR_INVITATION_DAYS", default=7)

# Card payments through Stripe (marketplace/payments). Without both keys card
# payment is hidden and cash on delivery still works. STRIPE_API_BASE points the
# SDK at another Stripe API (a local stand-in such as localstripe); STRIPE_JS_URL is
# the Stripe.js the card page loads.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="").rstrip("/")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")

# Uploaded images
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_RENDITION_WIDTHS = (320, 640, 1280)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    # Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_FAILURE_VIEW = "marketplace.core.views.csrf_failure"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: our own origin only, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}


def stripe_csp(policy: dict, *, js_url: str, api_base: str) -> dict:
    """`policy` with the origins of Stripe.js and of the Stripe API (STRIPE_API_BASE,
    or Stripe's own) added to script-src, frame-src and connect-src: the card page
    loads Stripe.js, which frames its card field and calls the API."""
    origins = []
    for url in (js_url, api_base or "https://api.stripe.com"):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and parts.netloc and origin not in origins:
            origins.append(origin)
    policy = {directive: list(sources) for directive, sources in policy.items()}
    for directive in ("script-src", "frame-src", "connect-src"):
        sources = policy.setdefault(directive, [CSP.SELF])
        sources += [origin for origin in origins if origin not in sources]
    return policy


if STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY:
    SECURE_CSP = stripe_csp(SECURE_CSP, js_url=STRIPE_JS_URL, api_base=STRIPE_API_BASE)

# --- Logging --------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "marketplace.core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # One line per task start and end is noise; failures are still logged.
        "django.tasks": {"level": "WARNING"},
    },
}
