"""Send again the refunds whose Stripe call failed or never ran (they stay pending).

Safe to run at any time and as often as wished: each refund carries its own
idempotency key, so Stripe never pays one twice.
"""

from django.core.management.base import BaseCommand

from marketplace.payments.services import refunds_send_pending


class Command(BaseCommand):
    help = "Send refunds still pending (older than a minute) to Stripe again."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=60, help="seconds (default 60)")

    def handle(self, *args, older_than: int, **options):
        settled = refunds_send_pending(older_than_seconds=older_than)
        self.stdout.write(f"{settled} refund(s) settled.")
