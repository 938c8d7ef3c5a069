from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.core.fragments import StorefrontQuerySet
from marketplace.core.images import CheckedImageField


class VendorQuerySet(StorefrontQuerySet):
    def approved(self):
        """Shops the public may see."""
        return self.filter(status=Vendor.Status.APPROVED)

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
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
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

    def shipping_for(self, subtotal: Decimal) -> Decimal:
        """What this shop charges to ship an order of `subtotal` (its own rate and
        threshold, or the platform's)."""
        rate = settings.SHIPPING_DEFAULT_RATE if self.shipping_rate is None else self.shipping_rate
        free_above = (
            settings.SHIPPING_DEFAULT_FREE_ABOVE
            if self.free_shipping_above is None
            else self.free_shipping_above
        )
        if free_above and subtotal >= free_above:
            return Decimal("0.00")
        return rate

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class VendorMember(models.Model):
    """A user who runs a shop, as its owner or as staff."""

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

    class Meta:
        verbose_name = _("shop member")
        verbose_name_plural = _("shop members")
        constraints = [
            models.UniqueConstraint(fields=["vendor", "user"], name="vendors_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.vendor})"
