"""What happens outside the database when an order moves: e-mails, and guest orders
joining the account that confirms their address.

Orders' signals are sent inside the transaction that made the change: each receiver
here only enqueues a task with `transaction.on_commit`, so nothing is mailed for a
change that is rolled back, and the task reads committed rows. `robust=True`: a
queue that cannot take the task is logged and never fails the buyer's request (the
order is placed either way). Connected in OrdersConfig.ready().
"""

from functools import partial

from allauth.account.signals import email_confirmed
from django.db import transaction
from django.dispatch import receiver

from . import services, signals, tasks
from .models import Order, ShopOrder


def _after_commit(task, *args) -> None:
    transaction.on_commit(partial(task.enqueue, *args), robust=True)


def _confirmed(order: Order) -> None:
    """The buyer's confirmation and each shop's new order."""
    _after_commit(tasks.mail_order_confirmation, order.pk)
    for shop_order_id in order.shop_orders.order_by("pk").values_list("pk", flat=True):
        _after_commit(tasks.mail_shop_new_order, shop_order_id)


@receiver(signals.order_placed, dispatch_uid="orders_mail_placed")
def mail_when_placed(sender, order: Order, **kwargs) -> None:
    """Cash on delivery is confirmed when placed; a card order once it is paid."""
    if order.is_cash_on_delivery:
        _confirmed(order)


@receiver(signals.order_paid, dispatch_uid="orders_mail_paid")
def mail_when_paid(sender, order: Order, **kwargs) -> None:
    _confirmed(order)


@receiver(signals.shop_order_changed, dispatch_uid="orders_mail_shop_order_changed")
def mail_when_shop_order_moves(sender, shop_order: ShopOrder, previous: str, **kwargs) -> None:
    """Being prepared, shipped (with the tracking number) and delivered; cancelling
    has its own signal."""
    if shop_order.status == previous:
        return
    if shop_order.status == ShopOrder.Status.PROCESSING:
        _after_commit(tasks.mail_shop_order_processing, shop_order.pk)
    elif shop_order.status == ShopOrder.Status.SHIPPED:
        _after_commit(tasks.mail_shop_order_shipped, shop_order.pk)
    elif shop_order.status == ShopOrder.Status.DELIVERED:
        _after_commit(tasks.mail_shop_order_delivered, shop_order.pk)


@receiver(signals.shop_order_cash_collected, dispatch_uid="orders_mail_cash_collected")
def mail_when_cash_collected(sender, shop_order: ShopOrder, **kwargs) -> None:
    """The buyer's receipt for the cash they paid on delivery."""
    _after_commit(tasks.mail_shop_order_cash_collected, shop_order.pk)


@receiver(signals.order_cancelled, dispatch_uid="orders_mail_cancelled")
def mail_when_cancelled(
    sender, order: Order, shop_orders, reason: str = "", previous=None, **kwargs
) -> None:
    """The buyer hears of it; so do the shops that had been told of the order (it was
    no longer awaiting payment), unless a shop cancelled its own part."""
    ids = [shop_order.pk for shop_order in shop_orders]
    if not ids:
        return
    tell_shops = (
        previous is not None
        and previous != Order.Status.PENDING_PAYMENT
        and not kwargs.get("by_shop", False)
    )
    _after_commit(tasks.mail_order_cancelled, order.pk, ids, reason or "", tell_shops)


@receiver(signals.order_refunded, dispatch_uid="orders_mail_refunded")
def mail_when_refunded(sender, order: Order, amount, **kwargs) -> None:
    _after_commit(tasks.mail_order_refunded, order.pk, str(amount))


@receiver(email_confirmed, dispatch_uid="orders_link_on_email_confirmed")
def link_guest_orders(sender, request, email_address, **kwargs) -> None:
    """Guest orders placed with an address join the account that confirms it, so the
    buyer finds them under My orders."""
    if email_address.user_id:
        services.orders_link_to_user(user=email_address.user, email=email_address.email)
