from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from marketplace.core import views as core_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} admin"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("ping", core_views.ping, name="ping"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    # Inside the prefixed patterns so that the page being left (`next`) resolves in
    # its own language and set_language can translate it to the chosen one.
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("marketplace.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("marketplace.catalog.urls")),
    path("", include("marketplace.cart.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
