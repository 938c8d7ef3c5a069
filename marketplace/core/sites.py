"""The sites framework's row names Souk, on the canonical origin.

`django.contrib.sites` creates its row as "example.com" after every migrate (and
after every flush of the test database); allauth, the admin's "view on site" and
anything else that reads `Site.objects.get_current()` would name that. This runs
after it, after each migrate, so the row always follows SITE_NAME and SITE_URL.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router

from .origin import site_domain


def name_the_site(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    try:
        site_model = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, site_model):
        return
    site_model.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
    # The framework caches the current site per process; forget the old name.
    from django.contrib.sites.models import SITE_CACHE

    SITE_CACHE.clear()
