from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.apps import apps

        from .sites import name_the_site

        # After the sites framework's own receiver (connected earlier, in its ready()),
        # which creates the row as "example.com".
        post_migrate.connect(
            name_the_site,
            sender=apps.get_app_config("sites"),
            dispatch_uid="souk-name-the-site",
        )
