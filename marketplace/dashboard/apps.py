from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "marketplace.dashboard"
    verbose_name = _("Vendor dashboard")

    def ready(self):
        from marketplace.catalog.signals import demo_seeded

        from .demo import seed_dashboard_demo

        # seed_demo's demo owners and orders (catalog cannot import the dashboard).
        demo_seeded.connect(seed_dashboard_demo, dispatch_uid="dashboard_seed_demo")
