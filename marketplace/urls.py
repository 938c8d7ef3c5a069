import re
from urllib.parse import urlsplit

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.i18n import set_language

from marketplace.catalog.sitemaps import SITEMAPS
from marketplace.core import media as core_media
from marketplace.core import views as core_views
from marketplace.payments import urls as payments_urls

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} admin"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("ping", core_views.ping, name="ping"),
    # Outside the language prefixes: one index for crawlers, each URL in it listed in
    # every language with its hreflang alternates (marketplace/catalog/sitemaps.py).
    path("robots.txt", core_views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    # Staff figures, in the admin's look; before the admin so that its catch-all
    # does not answer for them.
    path("admin/figures/", include("marketplace.analytics.urls")),
    path("admin/", admin.site.urls),
    # Stripe's webhook: no language prefix (Stripe calls one fixed URL).
    *payments_urls.webhook_urlpatterns,
]

urlpatterns += i18n_patterns(
    # Inside the prefixed patterns so that the page being left (`next`) resolves in
    # its own language and set_language can translate it to the chosen one.
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("marketplace.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("marketplace.catalog.urls")),
    path("", include("marketplace.cart.urls")),
    path("", include("marketplace.orders.urls")),
    path("sell/", include("marketplace.vendors.urls")),
    path("", include("marketplace.payments.urls")),
    path("", include("marketplace.reviews.urls")),
    path("checkout/", include("marketplace.checkout.urls")),
    path("dashboard/", include("marketplace.dashboard.urls")),
    prefix_default_language=True,
)

# Media under the media root are served by Souk itself, DEBUG or not; while a bucket
# holds them (MEDIA_BUCKET) the view answers 404 and the bucket serves its own.
# See marketplace/core/media.py.
if not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            core_media.serve_media,
            name="media",
        )
    )

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
