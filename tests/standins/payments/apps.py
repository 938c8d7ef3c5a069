from django.apps import AppConfig


class PaymentsStandInConfig(AppConfig):
    """STAND-IN, REMOVE AT MERGE (see tests/standins/__init__.py)."""

    name = "marketplace.payments"
    label = "payments"
    default_auto_field = "django.db.models.BigAutoField"
