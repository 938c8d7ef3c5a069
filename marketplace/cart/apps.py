from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartConfig(AppConfig):
    name = "marketplace.cart"
    label = "cart"
    verbose_name = _("Cart and wishlist")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .signals import merge_cart_on_login

        # Django's signal: allauth signs users in through django.contrib.auth.login.
        user_logged_in.connect(merge_cart_on_login, dispatch_uid="cart_merge_on_login")
