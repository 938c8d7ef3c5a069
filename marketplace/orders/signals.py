"""What orders tell the apps above them (payments, e-mails) without importing them.

Each is sent inside the transaction that made the change; receivers that talk to
the outside world (Stripe, mail) schedule that work with `transaction.on_commit`.
"""

from django.dispatch import Signal

# sender=Order, order=<Order>: placed (card orders await payment; cash on delivery
# is confirmed at once).
order_placed = Signal()
# sender=Order, order=<Order>: payment received (card).
order_paid = Signal()
# sender=Order, order=<Order>, shop_orders=[<ShopOrder>...], reason=str, previous=str,
# by_shop=bool: cancelled as a whole or in part; stock is already back. Payments refunds
# what was paid for them. `previous` is the order's status before (shops were told of
# the order unless it was still awaiting payment); `by_shop` is True when a shop
# cancelled its own part (shop_order_advance), absent otherwise.
order_cancelled = Signal()
# sender=ShopOrder, shop_order=<ShopOrder>, previous=str: a shop order moved.
shop_order_changed = Signal()
# sender=ShopOrder, shop_order=<ShopOrder>: the cash of a delivered cash-on-delivery
# shop order was collected (sent once per shop order).
shop_order_cash_collected = Signal()
# sender=Order, order=<Order>, amount=Decimal: money went back to the buyer (sent by
# payments, inside the transaction that records the refund; the buyer is mailed after
# commit). `amount` is this refund's, in the order's currency.
order_refunded = Signal()
