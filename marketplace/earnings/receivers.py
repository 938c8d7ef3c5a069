"""What earnings does when orders change (orders never imports earnings).

Both receivers write in the transaction that made the change (the delivery, the
refund), so a shop order is never delivered without its ledger rows, nor a refund
recorded without its share of the shops' balances. Connected in EarningsConfig.ready().
"""

from django.dispatch import receiver

from marketplace.orders.models import ShopOrder
from marketplace.orders.signals import order_refunded, shop_order_changed

from .services import ledger_record_delivery, ledger_record_refund


@receiver(shop_order_changed, dispatch_uid="earnings_record_delivery")
def record_delivery(sender, shop_order, previous, **kwargs) -> None:
    if shop_order.status == ShopOrder.Status.DELIVERED and previous != shop_order.status:
        ledger_record_delivery(shop_order=shop_order)


@receiver(order_refunded, dispatch_uid="earnings_record_refund")
def record_refund(sender, order, amount, **kwargs) -> None:
    ledger_record_refund(order=order, amount=amount)
