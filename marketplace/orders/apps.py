from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "marketplace.orders"
    label = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (e-mails and guest-order linking)
