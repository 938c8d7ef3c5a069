"""Background work for shops (django.tasks; the services enqueue on commit)."""

from django.tasks import task

from . import emails
from .models import MemberInvitation, Vendor


@task
def send_application_decision(vendor_id: int, status: str) -> int:
    """Mail the staff decision `status` (approved, rejected or suspended) to the shop's owners,
    unless the shop has moved on since (a later decision mails its own)."""
    vendor = Vendor.objects.filter(pk=vendor_id, status=status).first()
    if vendor is None:
        return 0
    return emails.send_application_decision(vendor)


@task
def send_member_invitation(invitation_id: int) -> bool:
    """Mail an invitation to join a shop's team, if it is still open."""
    invitation = (
        MemberInvitation.objects.open()
        .select_related("vendor", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return False
    emails.send_member_invitation(invitation)
    return True
