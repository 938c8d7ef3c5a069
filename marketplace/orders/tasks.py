"""Order e-mails as background work (django.tasks).

Enqueued after commit by `receivers.py`, with ids only (arguments must be JSON): each
task reads the order as it is when it runs. ImmediateBackend (development, tests)
runs them at once; in production `django_tasks_db.DatabaseBackend` queues them and
`manage.py db_worker` sends them. Each returns how many messages it sent.
"""

from decimal import Decimal

from django.tasks import task

from . import emails
from .models import Order, ShopOrder


def _order(order_id: int) -> Order | None:
    return Order.objects.with_details().filter(pk=order_id).first()


def _shop_order(shop_order_id: int) -> ShopOrder | None:
    order = Order.objects.with_details().filter(shop_orders=shop_order_id).first()
    if order is None:
        return None
    return next(so for so in order.shop_orders.all() if so.pk == shop_order_id)


@task
def mail_order_confirmation(order_id: int) -> int:
    order = _order(order_id)
    return emails.send_order_confirmation(order) if order else 0


@task
def mail_shop_new_order(shop_order_id: int) -> int:
    shop_order = _shop_order(shop_order_id)
    return emails.send_new_order_to_shop(shop_order) if shop_order else 0


@task
def mail_shop_order_processing(shop_order_id: int) -> int:
    shop_order = _shop_order(shop_order_id)
    return emails.send_shop_order_processing(shop_order) if shop_order else 0


@task
def mail_shop_order_shipped(shop_order_id: int) -> int:
    shop_order = _shop_order(shop_order_id)
    return emails.send_shop_order_shipped(shop_order) if shop_order else 0


@task
def mail_shop_order_delivered(shop_order_id: int) -> int:
    shop_order = _shop_order(shop_order_id)
    return emails.send_shop_order_delivered(shop_order) if shop_order else 0


@task
def mail_shop_order_cash_collected(shop_order_id: int) -> int:
    shop_order = _shop_order(shop_order_id)
    return emails.send_shop_order_cash_collected(shop_order) if shop_order else 0


@task
def mail_order_cancelled(
    order_id: int, shop_order_ids: list[int], reason: str = "", tell_shops: bool = False
) -> int:
    order = _order(order_id)
    if order is None:
        return 0
    cancelled = [so for so in order.shop_orders.all() if so.pk in set(shop_order_ids)]
    return emails.send_order_cancelled(order, cancelled, reason=reason, tell_shops=tell_shops)


@task
def mail_order_refunded(order_id: int, amount: str) -> int:
    order = _order(order_id)
    return emails.send_order_refunded(order, Decimal(amount)) if order else 0
