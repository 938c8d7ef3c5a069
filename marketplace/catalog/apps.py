from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "marketplace.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the storefront's receivers)
