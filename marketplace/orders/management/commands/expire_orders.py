"""Cancel the card orders not paid in time and put their stock back on sale.

Run every minute in production (docker-compose.yml's `scheduler` service). Nothing
depends on it in development: placing an order releases the expired orders that hold
the variants it needs.
"""

from django.core.management.base import BaseCommand

from marketplace.orders.services import order_release_expired


class Command(BaseCommand):
    help = "Cancel unpaid card orders past their payment deadline, giving their stock back."

    def handle(self, *args, **options) -> None:
        count = order_release_expired()
        self.stdout.write(f"Expired {count} unpaid order{'s' if count != 1 else ''}.")
