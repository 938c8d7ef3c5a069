"""Create demo content for a fresh database; safe to run again (idempotent)."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

ADMIN_EMAIL = "admin@souk.local"


class Command(BaseCommand):
    help = "Create demo content: a staff superuser (credentials printed once) and demo data."

    def handle(self, *args, **options):
        self._ensure_superuser()

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
