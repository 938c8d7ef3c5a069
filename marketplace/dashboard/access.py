"""Who may use the dashboard: the owner and staff members of an approved shop.

`shop_required` wraps every dashboard view. It finds the signed-in user's one
membership (a user belongs to one shop at most) and sets `request.shop` and
`request.membership` (and `request.dashboard_section`, the name of the view's
module: the nav marks that section); anyone else gets a page that says why, with a 403. Views
then scope every lookup to `request.shop`, so another shop's product, variant,
image, order or statement is a 404 (`shop_object_or_404`).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.vendors.models import Vendor, VendorMember


def _no_access(request, *, title: str, message: str, link: tuple[str, str] | None = None):
    context = {"title": title, "message": message, "link": link}
    return render(request, "dashboard/no_access.html", context, status=403)


def _refusal(request, membership: VendorMember | None, owner: bool):
    """The page that explains why this user cannot use the dashboard, or None."""
    if membership is None:
        return _no_access(
            request,
            title=_("The dashboard is for shops"),
            message=_(
                "Your account does not belong to a shop. Apply to open one; once our team "
                "approves it, you will run it from here."
            ),
            link=(reverse("vendors:apply"), _("Open a shop")),
        )
    vendor = membership.vendor
    if vendor.status == Vendor.Status.PENDING:
        return _no_access(
            request,
            title=_("Your shop is waiting for approval"),
            message=_(
                "Our team reviews every application, usually within two working days. "
                "We will e-mail you as soon as %(shop)s is approved."
            )
            % {"shop": vendor.name},
            link=(reverse("vendors:status"), _("See your application")),
        )
    if vendor.status == Vendor.Status.REJECTED:
        return _no_access(
            request,
            title=_("Your application was not approved"),
            message=_("You can read the reason, correct your application and send it again."),
            link=(reverse("vendors:status"), _("See your application")),
        )
    if vendor.status == Vendor.Status.SUSPENDED:
        return _no_access(
            request,
            title=_("Your shop is suspended"),
            message=_(
                "%(shop)s is suspended: its products are off the storefront and its "
                "dashboard is closed. Write to our team to find out why and what to do."
            )
            % {"shop": vendor.name},
        )
    if owner and not membership.is_owner:
        return _no_access(
            request,
            title=_("Only the shop's owner can do this"),
            message=_("Ask the owner of %(shop)s to make this change.") % {"shop": vendor.name},
            link=(reverse("dashboard:overview"), _("Back to the dashboard")),
        )
    return None


def shop_required(view=None, *, owner: bool = False):
    """Let the view run for a member of an approved shop (only its owner when
    `owner`), with `request.shop` and `request.membership` set."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            membership = VendorMember.objects.of_user(request.user)
            refusal = _refusal(request, membership, owner)
            if refusal is not None:
                return refusal
            request.membership = membership
            request.shop = membership.vendor
            request.dashboard_section = view.__module__.rpartition(".")[2]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def owner_required(view):
    return shop_required(view, owner=True)


def shop_object_or_404(queryset: QuerySet, shop: Vendor, lookup: str = "vendor", **kwargs) -> Model:
    """The object of `queryset` matching `kwargs` that belongs to `shop` (through the
    `lookup` path to its vendor), or a 404: another shop's objects do not exist here."""
    return get_object_or_404(queryset.filter(**{lookup: shop}), **kwargs)
