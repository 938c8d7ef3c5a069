"""Pages of the vendor side that come before the dashboard: applying to sell, the
application's status, the seller terms, the shop's team and invitations.

Thin views: the rules are in services.py (and raise `ShopActionRefused`, shown as
it is). Another shop's invitation or member is a 404, never a 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.http import HtmxHttpRequest

from . import services
from .forms import MemberInviteForm, ShopApplicationForm
from .models import MemberInvitation, Vendor, VendorMember


def _denied(request, *, title: str, message: str, link: tuple[str, str] | None = None):
    """Why this page is not for the visitor, and what to do: a 403."""
    context = {"title": title, "message": message, "link": link}
    return render(request, "vendors/denied.html", context, status=403)


def _unverified(request) -> HttpResponse:
    return _denied(
        request,
        title=_("Confirm your e-mail address first"),
        message=_(
            "A shop needs a confirmed e-mail address: we write to you about your "
            "application and your orders. Open the link we sent you, or ask for a new one."
        ),
        link=(reverse("account_email"), _("Manage e-mail addresses")),
    )


def apply(request: HtmxHttpRequest) -> HttpResponse:
    """The application to open a shop; a rejected applicant corrects theirs here.
    Anyone else who belongs to a shop is sent to its status page."""
    if not request.user.is_authenticated:
        return render(request, "vendors/apply.html", {"form": None})
    if not request.user.has_verified_email():
        return _unverified(request)
    membership = VendorMember.objects.of_user(request.user)
    resubmitting = (
        membership is not None
        and membership.is_owner
        and membership.vendor.status == Vendor.Status.REJECTED
    )
    if membership is not None and not resubmitting:
        return redirect("vendors:status")
    posted = request.method == "POST"
    form = ShopApplicationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=membership.vendor if resubmitting else Vendor(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.shop_apply(
                user=request.user,
                vendor=form.save(commit=False),
                terms_accepted=form.cleaned_data["accept_terms"],
            )
        except services.ShopActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Thank you! Your application is with our team."))
            return redirect("vendors:status")
    context = {"form": form, "resubmitting": resubmitting, "vendor": form.instance}
    return render(request, "vendors/apply.html", context, status=400 if form.is_bound else 200)


@login_required
def status(request: HtmxHttpRequest) -> HttpResponse:
    """Where the applicant's shop stands: under review, open, rejected (with the
    reason) or suspended; a team member sees the shop they belong to."""
    membership = VendorMember.objects.of_user(request.user)
    if membership is None:
        return redirect("vendors:apply")
    return render(
        request, "vendors/status.html", {"membership": membership, "vendor": membership.vendor}
    )


def terms(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "vendors/terms.html")


# --- The team -----------------------------------------------------------------------


def _owned_open_shop(request) -> VendorMember | HttpResponse:
    """The signed-in owner's membership of an approved shop, or the page saying why
    not (403)."""
    if not request.user.has_verified_email():
        return _unverified(request)
    membership = VendorMember.objects.of_user(request.user)
    if membership is None:
        return _denied(
            request,
            title=_("You have no shop yet"),
            message=_("Open a shop first: staff review every application."),
            link=(reverse("vendors:apply"), _("Apply to open a shop")),
        )
    if membership.vendor.status != Vendor.Status.APPROVED:
        return _denied(
            request,
            title=_("Your shop is not open"),
            message=_("Your shop can invite its team once it is approved."),
            link=(reverse("vendors:status"), _("See your application")),
        )
    if not membership.is_owner:
        return _denied(
            request,
            title=_("Only the owner manages the team"),
            message=_("Ask the shop's owner to invite or remove members."),
        )
    return membership


@login_required
def team(request: HtmxHttpRequest) -> HttpResponse:
    """The owner's team page: members, open invitations, and a form to invite."""
    membership = _owned_open_shop(request)
    if isinstance(membership, HttpResponse):
        return membership
    vendor = membership.vendor
    form = MemberInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                vendor=vendor,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                language=get_language(),
            )
        except services.ShopActionRefused as refusal:
            form.add_error("email", refusal.message)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("vendors:team")
    context = {
        "vendor": vendor,
        "form": form,
        "members": vendor.members.select_related("user").order_by("role", "created"),
        "invitations": vendor.invitations.open().select_related("invited_by"),
        "invitation_days": settings.VENDOR_INVITATION_DAYS,
    }
    return render(request, "vendors/team.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def invitation_revoke(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    membership = _owned_open_shop(request)
    if isinstance(membership, HttpResponse):
        return membership
    invitation = get_object_or_404(MemberInvitation, pk=pk, vendor=membership.vendor)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except services.ShopActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("vendors:team")


@login_required
@require_POST
def member_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    membership = _owned_open_shop(request)
    if isinstance(membership, HttpResponse):
        return membership
    member = get_object_or_404(
        VendorMember.objects.select_related("user"), pk=pk, vendor=membership.vendor
    )
    try:
        services.member_remove(member=member, by=request.user)
    except services.ShopActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(name)s is no longer on your team.") % {"name": member.user.get_full_name()},
        )
    return redirect("vendors:team")


def invitation(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """An invitation's page: what it is, and a button to accept it (signed-in, with
    the invited address confirmed), or why it cannot be accepted."""
    found = (
        MemberInvitation.objects.select_related("vendor", "invited_by").filter(token=token).first()
    )
    if found is None:
        raise Http404(_("This invitation does not exist."))
    problem = None
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                member = services.member_accept(token=token, user=request.user)
            except services.ShopActionRefused as refusal:
                problem = refusal.message
            else:
                messages.success(
                    request,
                    _("Welcome to the team of %(shop)s.") % {"shop": member.vendor.name},
                )
                return redirect("vendors:status")
        else:
            problem = services.invitation_refusal(invitation=found, user=request.user)
    elif request.method == "POST":
        return redirect(f"{reverse('account_login')}?next={request.path}")
    context = {"invitation": found, "vendor": found.vendor, "problem": problem}
    status_code = 400 if request.method == "POST" and problem else 200
    return render(request, "vendors/invitation.html", context, status=status_code)
