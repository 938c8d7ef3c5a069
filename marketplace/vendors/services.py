"""Opening a shop and running its team: applications, staff decisions, invitations.

Each service checks, then changes, inside one transaction, and mails only once it
has committed (tasks.py, enqueued with `transaction.on_commit`). A refusal is a
`ShopActionRefused` whose message, in the user's language, says what to do; nothing
is changed then.

Rules held here (and backed by the database where it can):
- only a signed-in user with a confirmed e-mail address applies, and a user
  belongs to one shop at most (unique constraint on VendorMember.user);
- a shop is pending until staff approve or reject it; a rejected applicant may
  correct the application and send it again;
- only the owner of an approved shop invites members (as staff); an invitation is
  accepted by a signed-in user whose confirmed address is the invited one.
"""

from __future__ import annotations

import secrets
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import tasks
from .models import MemberInvitation, Vendor, VendorMember, _invitation_deadline, _new_token
from .validators import normalise_account

# Open invitations a shop may have at once (each one mails a stranger).
MAX_OPEN_INVITATIONS = 20


class ShopActionRefused(Exception):
    """A change the rules refuse; `message` is translated and shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvitationNotFound(ShopActionRefused):
    """No invitation has this token: a 404 for the view."""


def _on_commit(task, *args) -> None:
    transaction.on_commit(partial(task.enqueue, *args))


def _lock_user(user) -> None:
    """Serialise what one user does to memberships (two applications at once)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _already_member(membership: VendorMember) -> ShopActionRefused:
    return ShopActionRefused(
        _("You already belong to the shop “%(shop)s”: a member belongs to one shop only.")
        % {"shop": membership.vendor.name}
    )


def _owner_of(user, vendor: Vendor) -> VendorMember:
    membership = VendorMember.objects.of_user(user)
    if membership is None or membership.vendor_id != vendor.pk or not membership.is_owner:
        raise ShopActionRefused(_("Only the shop's owner can manage its team."))
    return membership


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A free shop slug from `name` (`Atelier Nour` -> `atelier-nour`, then
    `atelier-nour-2`...); names without Latin letters get `shop-...`."""
    base = slugify(name)[:120].strip("-") or "shop"
    taken = set(
        Vendor.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    for number in range(2, 100):
        if f"{base}-{number}" not in taken:
            return f"{base}-{number}"
    return f"{base}-{secrets.token_hex(3)}"


# --- Applications -----------------------------------------------------------------


def shop_apply(*, user, vendor: Vendor, terms_accepted: bool) -> Vendor:
    """Send the application `vendor` (unsaved, as the application form filled it;
    or the applicant's rejected shop, corrected): the shop is pending and `user`
    its owner. Staff review it in the admin (`shop_approve`, `shop_reject`).

    Refused unless the user has a confirmed e-mail address and accepted the seller
    terms; a user who already belongs to a shop cannot apply for another.
    """
    if not user.is_authenticated or not user.has_verified_email():
        raise ShopActionRefused(_("Confirm your e-mail address before you apply."))
    if not terms_accepted:
        raise ShopActionRefused(_("Accept the seller terms to apply."))
    with transaction.atomic():
        _lock_user(user)
        membership = VendorMember.objects.of_user(user)
        resubmission = vendor.pk is not None
        if resubmission:
            stored = Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
            if (
                stored is None
                or membership is None
                or membership.vendor_id != vendor.pk
                or not membership.is_owner
            ):
                raise ShopActionRefused(_("Only the shop's owner can change its application."))
            if stored.status != Vendor.Status.REJECTED:
                raise ShopActionRefused(
                    _("Your application is already with our team; you will hear from us.")
                )
        elif membership is not None:
            raise _already_member(membership)

        now = timezone.now()
        vendor.status = Vendor.Status.PENDING
        vendor.applied_at = vendor.terms_accepted_at = now
        vendor.reviewed_at = vendor.reviewed_by = None
        vendor.rejection_reason = ""
        vendor.payout_account = normalise_account(vendor.payout_account)
        vendor.contact_email = vendor.contact_email or user.email
        if not resubmission:
            vendor.slug = unique_slug(vendor.name)
        vendor.full_clean()
        for attempt in range(3):
            try:
                with transaction.atomic():
                    vendor.save()
                break
            except IntegrityError:  # another application took the slug meanwhile
                if resubmission or attempt == 2:
                    raise
                vendor.slug = f"{unique_slug(vendor.name)}-{secrets.token_hex(2)}"
        if not resubmission:
            try:
                with transaction.atomic():
                    VendorMember.objects.create(
                        vendor=vendor, user=user, role=VendorMember.Role.OWNER
                    )
            except IntegrityError:
                raise ShopActionRefused(
                    _("You already belong to a shop: a member belongs to one shop only.")
                ) from None
    return vendor


def _lock(vendor: Vendor) -> Vendor:
    return Vendor.objects.select_for_update().get(pk=vendor.pk)


def _decide(vendor: Vendor, *, status: str, by, reason: str = "") -> None:
    vendor.status = status
    vendor.reviewed_at = timezone.now()
    vendor.reviewed_by = by if by is not None and by.is_authenticated else None
    vendor.rejection_reason = reason
    vendor.save(update_fields=["status", "reviewed_at", "reviewed_by", "rejection_reason"])


def shop_approve(*, vendor: Vendor, by=None) -> Vendor:
    """Open the shop: its page and products go on the storefront. An application
    (pending or rejected before) is answered by e-mail in the owner's language; a
    suspended shop is reinstated without one."""
    with transaction.atomic():
        vendor = _lock(vendor)
        if vendor.status == Vendor.Status.APPROVED:
            raise ShopActionRefused(_("This shop is already approved."))
        previous = vendor.status
        _decide(vendor, status=Vendor.Status.APPROVED, by=by)
        if previous in (Vendor.Status.PENDING, Vendor.Status.REJECTED):
            _on_commit(tasks.send_application_decision, vendor.pk, Vendor.Status.APPROVED.value)
    return vendor


shop_approve.alters_data = True


def shop_reject(*, vendor: Vendor, reason: str, by=None) -> Vendor:
    """Turn a pending application down, telling the applicant why (by e-mail, in
    their language); they may correct it and apply again."""
    reason = (reason or "").strip()
    if not reason:
        raise ShopActionRefused(_("Tell the applicant why: the reason is sent to them."))
    with transaction.atomic():
        vendor = _lock(vendor)
        if vendor.status != Vendor.Status.PENDING:
            raise ShopActionRefused(
                _("Only a pending application can be rejected; suspend an open shop instead.")
            )
        _decide(vendor, status=Vendor.Status.REJECTED, by=by, reason=reason)
        _on_commit(tasks.send_application_decision, vendor.pk, Vendor.Status.REJECTED.value)
    return vendor


shop_reject.alters_data = True


def shop_suspend(*, vendor: Vendor, reason: str, by=None) -> Vendor:
    """Close an approved shop: its page and products leave the storefront at once
    (after commit) and its dashboard closes. The owners are told why by e-mail;
    `shop_approve` reinstates it."""
    reason = (reason or "").strip()
    if not reason:
        raise ShopActionRefused(_("Tell the shop why: the reason is sent to its owners."))
    with transaction.atomic():
        vendor = _lock(vendor)
        if vendor.status != Vendor.Status.APPROVED:
            raise ShopActionRefused(_("Only an approved shop can be suspended."))
        _decide(vendor, status=Vendor.Status.SUSPENDED, by=by)
        vendor.suspension_reason = reason
        vendor.save(update_fields=["suspension_reason"])
        _on_commit(tasks.send_application_decision, vendor.pk, Vendor.Status.SUSPENDED.value)
    return vendor


shop_suspend.alters_data = True


# --- The team -----------------------------------------------------------------------


def member_invite(*, vendor: Vendor, email: str, invited_by, language: str) -> MemberInvitation:
    """Invite `email` to the shop's team as staff, by e-mail. Inviting an address
    with an open invitation sends it again with a new link (the old one stops
    working). Written in the invitee's language when they have an account, else in
    `language` (the owner's)."""
    email = BaseUserManager.normalize_email(email.strip())
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        _owner_of(invited_by, vendor)
        if vendor.status != Vendor.Status.APPROVED:
            raise ShopActionRefused(_("Your shop can invite its team once it is approved."))
        if vendor.members.filter(user__email__iexact=email).exists():
            raise ShopActionRefused(_("%(email)s is already on your team.") % {"email": email})
        invitee = get_user_model().objects.filter(email__iexact=email).first()
        if invitee is not None:
            language = invitee.preferred_language
        invitation = vendor.invitations.open().filter(email__iexact=email).first()
        if invitation is None:
            if vendor.invitations.open().count() >= MAX_OPEN_INVITATIONS:
                raise ShopActionRefused(
                    _("Your shop has %(count)d invitations waiting; revoke some first.")
                    % {"count": MAX_OPEN_INVITATIONS}
                )
            invitation = MemberInvitation(vendor=vendor, email=email)
        invitation.token = _new_token()
        invitation.expires_at = _invitation_deadline()
        invitation.role = VendorMember.Role.STAFF
        invitation.invited_by = invited_by
        invitation.language = (
            language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )
        invitation.save()
        _on_commit(tasks.send_member_invitation, invitation.pk)
    return invitation


def invitation_check(*, invitation: MemberInvitation) -> None:
    """Refuse an invitation that can no longer be accepted, saying why."""
    state = invitation.state
    if state == MemberInvitation.State.ACCEPTED:
        raise ShopActionRefused(_("This invitation has already been accepted."))
    if state == MemberInvitation.State.REVOKED:
        raise ShopActionRefused(_("The shop withdrew this invitation."))
    if state == MemberInvitation.State.EXPIRED:
        raise ShopActionRefused(
            _("This invitation has expired. Ask the shop's owner to send a new one.")
        )


def _accept_checks(invitation: MemberInvitation, user) -> None:
    invitation_check(invitation=invitation)
    if not user.is_authenticated or not (
        EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    ):
        raise ShopActionRefused(
            _(
                "This invitation was sent to %(email)s: sign in with that address, "
                "once confirmed, to accept it."
            )
            % {"email": invitation.email}
        )
    if (membership := VendorMember.objects.of_user(user)) is not None:
        raise _already_member(membership)
    if not Vendor.objects.approved().filter(pk=invitation.vendor_id).exists():
        raise ShopActionRefused(_("This shop is not open at the moment."))


def invitation_refusal(*, invitation: MemberInvitation, user) -> str | None:
    """Why `user` could not accept `invitation` now (None: they can), for the page
    that offers the button; `member_accept` checks the same again."""
    try:
        _accept_checks(invitation, user)
    except ShopActionRefused as refusal:
        return refusal.message
    return None


def member_accept(*, token: str, user) -> VendorMember:
    """Join the shop that sent the invitation `token`, as staff.

    The user must be signed in with a confirmed address equal to the invited one
    (a forwarded link is of no use to anyone else), belong to no shop yet, and the
    shop must be open.
    """
    with transaction.atomic():
        invitation = MemberInvitation.objects.select_for_update().filter(token=token).first()
        if invitation is None:
            raise InvitationNotFound(_("This invitation does not exist."))
        if user.is_authenticated:
            _lock_user(user)
        _accept_checks(invitation, user)
        try:
            with transaction.atomic():
                member = VendorMember.objects.create(
                    vendor_id=invitation.vendor_id, user=user, role=invitation.role
                )
        except IntegrityError:
            raise ShopActionRefused(
                _("You already belong to a shop: a member belongs to one shop only.")
            ) from None
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


def invitation_revoke(*, invitation: MemberInvitation, by) -> MemberInvitation:
    """Withdraw an open invitation: its link stops working."""
    with transaction.atomic():
        invitation = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
        _owner_of(by, invitation.vendor)
        invitation_check(invitation=invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def member_remove(*, member: VendorMember, by) -> None:
    """Take a staff member off the team (the owner stays)."""
    with transaction.atomic():
        member = VendorMember.objects.select_for_update().select_related("vendor").get(pk=member.pk)
        _owner_of(by, member.vendor)
        if member.is_owner:
            raise ShopActionRefused(_("The shop's owner cannot be removed from its team."))
        member.delete()
