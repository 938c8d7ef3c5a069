"""E-mails to shops: the staff decision on an application, and team invitations.

Each is written in its reader's language (the applicant's preferred language; for
an invitation, the invitee's if they have an account, else the language the owner
wrote it in), as plain text with an HTML part in the look of the account e-mails
(templates/account/email/base_message.html), and links only to SITE_URL.

Sent by the tasks in tasks.py, which the services enqueue once their transaction
has committed: a rolled-back decision mails nobody.
"""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from marketplace.core.origin import absolute_url, site_domain

from .models import MemberInvitation, Vendor, VendorMember


def _send(template: str, *, to: str, language: str, context: dict) -> None:
    """Render `vendors/email/<template>_{subject.txt,message.txt,message.html}` in
    `language` and send them to `to`."""
    with translation.override(language):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            "current_site": Site(
                id=settings.SITE_ID, domain=site_domain(), name=settings.SITE_NAME
            ),
            **context,
        }
        prefix = f"vendors/email/{template}"
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}_message.txt", context)
        html = render_to_string(f"{prefix}_message.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=text, to=[to]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _owners(vendor: Vendor):
    return VendorMember.objects.owners().filter(vendor=vendor).select_related("user")


def send_application_decision(vendor: Vendor) -> int:
    """Tell the shop's owners that staff approved, rejected or suspended it (with the
    reason); returns how many were mailed."""
    template = {
        Vendor.Status.APPROVED: "application_approved",
        Vendor.Status.REJECTED: "application_rejected",
        Vendor.Status.SUSPENDED: "shop_suspended",
    }[vendor.status]
    sent = 0
    for member in _owners(vendor):
        user = member.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            status_url = absolute_url(reverse("vendors:status"))
            shop_url = absolute_url(vendor.get_absolute_url())
        _send(
            template,
            to=user.email,
            language=language,
            context={
                "vendor": vendor,
                "user": user,
                "status_url": status_url,
                "shop_url": shop_url,
                "reason": (
                    vendor.suspension_reason
                    if vendor.status == Vendor.Status.SUSPENDED
                    else vendor.rejection_reason
                ),
            },
        )
        sent += 1
    return sent


def send_member_invitation(invitation: MemberInvitation) -> None:
    """The invitation with its link; the invitee need not have an account yet."""
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        accept_url = absolute_url(invitation.get_absolute_url())
    _send(
        "member_invitation",
        to=invitation.email,
        language=language,
        context={
            "invitation": invitation,
            "vendor": invitation.vendor,
            "inviter": invitation.invited_by,
            "accept_url": accept_url,
            "expires_at": invitation.expires_at,
        },
    )
