from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    """The checkout pages: cart -> address -> shipping -> payment -> review -> order.

    The top layer: it uses cart, orders and payments, and nothing imports it."""

    name = "marketplace.checkout"
    label = "checkout"
    verbose_name = _("Checkout")
