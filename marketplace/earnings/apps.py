from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarningsConfig(AppConfig):
    name = "marketplace.earnings"
    label = "earnings"
    verbose_name = _("Earnings")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (ledger rows when shop orders are delivered, refunds)
