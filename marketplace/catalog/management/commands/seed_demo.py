"""Create demo content for a fresh database; safe to run again (idempotent)."""

import secrets
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from marketplace.catalog.demo import generate_products, seed
from marketplace.catalog.signals import demo_seeded

ADMIN_EMAIL = "admin@souk.local"


class Command(BaseCommand):
    help = (
        "Create demo content: a staff superuser (credentials printed once), shops, categories "
        "and products with images, and what the apps above add (two shop owners, printed "
        "once, and a few weeks of orders). Safe to run again. --products N adds N generated "
        "products (bulk inserts) for scale tests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated products (each run adds N more). Default: 0.",
        )

    def handle(self, *args, **options):
        count = options["products"]
        if count < 0:
            raise CommandError("--products must be 0 or more.")
        self._ensure_superuser()
        started = time.monotonic()
        seed(self.stdout)
        self.stdout.write(f"Demo catalogue ready in {time.monotonic() - started:.1f}s.")
        # The apps above the catalogue add theirs (demo shop owners, orders).
        demo_seeded.send(sender=type(self), stdout=self.stdout, style=self.style)
        if count:
            started = time.monotonic()
            generate_products(count, self.stdout)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {count} generated products in {time.monotonic() - started:.1f}s."
                )
            )

    def _ensure_superuser(self) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; its password is not shown again.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(ADMIN_EMAIL, password, full_name="Souk Admin")
        # Mark the address verified so the admin can use every page at once.
        user.emailaddress_set.create(email=user.email, verified=True, primary=True)
        self.stdout.write(
            self.style.SUCCESS(
                "Created the staff superuser (shown once, keep it):\n"
                f"  e-mail:   {ADMIN_EMAIL}\n  password: {password}\n"
                "  admin:    http://127.0.0.1:8000/admin/"
            )
        )
