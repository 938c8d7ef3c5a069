"""What payments does when orders change (orders never imports payments).

A cancelled shop order that was paid by card is refunded: the refund is recorded in
the cancelling transaction and sent to Stripe after it commits (services).
"""

from django.dispatch import receiver

from marketplace.orders.signals import order_cancelled

from .services import refund_cancelled_shop_orders


@receiver(order_cancelled, dispatch_uid="payments_refund_cancelled_shop_orders")
def refund_on_cancel(sender, order, shop_orders, reason="", **kwargs):
    refund_cancelled_shop_orders(order=order, shop_orders=shop_orders, reason=reason)
