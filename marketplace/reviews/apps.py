from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "marketplace.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (ratings kept exact when accounts are deleted)
