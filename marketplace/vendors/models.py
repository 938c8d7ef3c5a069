import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.validators import validate_phone
from marketplace.core.fragments import StorefrontQuerySet
from marketplace.core.images import CheckedImageField

from .validators import masked_account, validate_payout_account

# The longest a shop may say it needs to prepare an order, and what a shop that
# said nothing needs.
MAX_PROCESSING_DAYS = 60
DEFAULT_PROCESSING_DAYS = 1


class VendorQuerySet(StorefrontQuerySet):
    def approved(self):
        """Shops the public may see (their page; their products unless on vacation)."""
        return self.filter(status=Vendor.Status.APPROVED)

    def pending(self):
        """Applications waiting for staff."""
        return self.filter(status=Vendor.Status.PENDING)

    def for_member(self, user):
        return self.filter(members__user=user)


class Vendor(models.Model):
    """A shop: an artisan or an association (cooperative) selling on Souk."""

    class Kind(models.TextChoices):
        ARTISAN = "artisan", _("Artisan")
        ASSOCIATION = "association", _("Association")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ARTISAN)
    story = models.TextField(_("story"), blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # The size, pixel and format limits of product photos (marketplace/core/images.py).
    logo = CheckedImageField(_("logo"), upload_to="vendors/logos/", blank=True)
    banner = CheckedImageField(_("banner"), upload_to="vendors/banners/", blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=32, blank=True, validators=[validate_phone]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    # The application: how Souk pays the shop, and the staff decision on it.
    payout_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    payout_account = models.CharField(
        _("RIB or IBAN"),
        max_length=34,
        blank=True,
        validators=[validate_payout_account],
        help_text=_("Stored without spaces."),
    )
    terms_accepted_at = models.DateTimeField(_("seller terms accepted"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    # Shop settings (the vendor dashboard edits them).
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PROCESSING_DAYS)],
        help_text=_(
            "Days the shop needs to hand an order of ready-made items to the carrier; "
            "empty means 1 day."
        ),
    )
    shipping_policy = models.TextField(_("shipping policy"), blank=True)
    returns_policy = models.TextField(_("returns policy"), blank=True)
    on_vacation = models.BooleanField(
        _("on vacation"),
        default=False,
        help_text=_("Hides the shop's products from the storefront until it is turned off."),
    )
    vacation_message = models.TextField(_("vacation message"), blank=True)
    commission_rate = models.DecimalField(
        _("commission rate"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Percentage kept by Souk on each sale; empty means the platform default."),
    )
    shipping_rate = models.DecimalField(
        _("shipping rate"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Flat rate per order from this shop; empty means the platform default."),
    )
    free_shipping_above = models.DecimalField(
        _("free shipping above"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Orders from this shop at or above this amount ship free; empty means "
            "the platform default."
        ),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__isnull=True)
                | models.Q(commission_rate__gte=0, commission_rate__lte=100),
                name="vendors_commission_rate_percentage",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:shop", kwargs={"slug": self.slug})  # the page is catalog's

    @property
    def handling_days(self) -> int:
        """Days the shop needs to prepare an order of ready-made items."""
        if self.processing_days is None:
            return DEFAULT_PROCESSING_DAYS
        return self.processing_days

    @property
    def effective_shipping_rate(self) -> Decimal:
        """The flat rate per order: the shop's own, or the platform's."""
        return settings.SHIPPING_DEFAULT_RATE if self.shipping_rate is None else self.shipping_rate

    @property
    def effective_free_shipping_above(self) -> Decimal:
        """Orders at or above this ship free (0: no such threshold)."""
        if self.free_shipping_above is None:
            return settings.SHIPPING_DEFAULT_FREE_ABOVE
        return self.free_shipping_above

    def shipping_for(self, subtotal: Decimal) -> Decimal:
        """What this shop charges to ship an order of `subtotal` (its own rate and
        threshold, or the platform's)."""
        free_above = self.effective_free_shipping_above
        if free_above and subtotal >= free_above:
            return Decimal("0.00")
        return self.effective_shipping_rate

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_selling(self) -> bool:
        """Its products are on the storefront: approved and not on vacation."""
        return self.is_public and not self.on_vacation

    @property
    def payout_account_masked(self) -> str:
        return masked_account(self.payout_account)

    @property
    def has_policies(self) -> bool:
        return bool(self.shipping_policy or self.returns_policy)


class VendorMemberQuerySet(models.QuerySet):
    def of_user(self, user):
        """The user's membership with its shop, or None: a user belongs to one shop
        at most (a unique constraint)."""
        if not user.is_authenticated:
            return None
        return self.select_related("vendor").filter(user=user).first()

    def owners(self):
        return self.filter(role=VendorMember.Role.OWNER)


class VendorMember(models.Model):
    """A user who runs a shop, as its owner or as staff. A user belongs to one shop
    at most, so that "my shop" (the dashboard, the team page) is never ambiguous."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="members", verbose_name=_("shop")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.OWNER)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VendorMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("shop member")
        verbose_name_plural = _("shop members")
        ordering = ["vendor", "role", "created"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "user"], name="vendors_member_unique"),
            models.UniqueConstraint(
                fields=["user"],
                name="vendors_member_one_shop",
                violation_error_message=_(
                    "This user already belongs to a shop: a member belongs to one shop only."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.vendor})"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_deadline():
    return timezone.now() + timedelta(days=settings.VENDOR_INVITATION_DAYS)


class MemberInvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked, and not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class MemberInvitation(models.Model):
    """An e-mail asking someone to join a shop's team.

    The link in the e-mail carries `token`, a random secret: whoever follows it must
    still sign in with a confirmed address equal to `email` to accept. Accepted,
    revoked and expired invitations are kept as the team's history.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("shop")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=VendorMember.Role, default=VendorMember.Role.STAFF
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_deadline)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = MemberInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="staff"), name="vendors_invitation_staff_only"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.vendor})"

    def get_absolute_url(self) -> str:
        return reverse("vendors:invitation", kwargs={"token": self.token})

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.OPEN

    def get_state_display(self) -> str:
        return self.State(self.state).label
