from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.models import Site
from django.utils import translation

from marketplace.core.origin import rebase_url, site_domain


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts keep the language they signed up in as their preference."""
        user.preferred_language = translation.get_language() or user.preferred_language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account e-mail names Souk and links to the canonical origin.

        allauth builds its links (`activate_url`, `password_reset_url`, `signup_url`)
        from the request, whose Host header the client chooses: a password reset
        asked for with `Host: evil.example` would mail a link to evil.example. They
        are rebased onto SITE_URL here, for every e-mail at once. The site is named
        from the settings, not from the sites framework's row (which a database flush
        resets to example.com).
        """
        context = {
            key: rebase_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        context |= {
            "current_site": Site(
                id=settings.SITE_ID, domain=site_domain(), name=settings.SITE_NAME
            ),
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
        }
        super().send_mail(template_prefix, email, context)


def user_display(user) -> str:
    """How allauth names a user in its messages: their full name, else their e-mail."""
    return user.get_full_name()
