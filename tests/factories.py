"""The test suite's one set of data factories (factory_boy).

Every fixture that makes shops, categories, products, variants or users builds on
these, so a new required field or rule is added here once. Defaults make a sellable
product: an approved shop, an active product with one variant in stock, names and
slugs in the three languages.

    ProductFactory(name_en="Blue tagine", variants=[{"size": "S", "stock": 2}])
    VariantFactory(product__vendor=shop, stock=3)   # a product of its own, this variant only
    UserFactory(email="amina@example.com")          # a verified address, password PASSWORD
"""

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Product, Variant
from marketplace.vendors.models import Vendor

PASSWORD = "a-Strong-pass-1234"


class UserFactory(DjangoModelFactory):
    """An account that can sign in with PASSWORD; its address is verified unless
    `verified_email=False`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        manager = cls._get_manager(model_class)
        return manager.create_user(kwargs.pop("email"), kwargs.pop("password"), **kwargs)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class VendorFactory(DjangoModelFactory):
    """An approved shop."""

    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Atelier {n}")
    slug = factory.Sequence(lambda n: f"shop-{n}")
    status = Vendor.Status.APPROVED


class CategoryFactory(DjangoModelFactory):
    """An active category (a root unless `parent` is given)."""

    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_fr = factory.LazyAttribute(lambda category: f"{category.name_en} (fr)")
    name_ar = factory.LazyAttribute(lambda category: f"{category.name_en} (ar)")


class ProductFactory(DjangoModelFactory):
    """An active product with, unless `variants=[...]` says otherwise, one variant with
    5 in stock. `age_days` backdates its creation (for "newest first")."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    class Params:
        age_days = 0

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name_en = factory.Sequence(lambda n: f"Tajine {n}")
    name_fr = factory.LazyAttribute(lambda product: f"{product.name_en} (fr)")
    name_ar = factory.LazyAttribute(lambda product: f"{product.name_en} (ar)")
    slug_en = factory.LazyAttributeSequence(lambda p, n: f"{slugify(p.name_en)}-{n}")
    slug_fr = factory.LazyAttributeSequence(lambda p, n: f"fr-{slugify(p.name_en)}-{n}")
    slug_ar = factory.Sequence(lambda n: f"ar-{n}")
    base_price = Decimal("100.00")
    status = Product.Status.ACTIVE
    created = factory.LazyAttribute(
        lambda product: timezone.now() - timedelta(days=product.age_days)
    )

    @factory.post_generation
    def variants(product, create, extracted, **kwargs):
        """variants=[{"size": "M", "stock": 2, ...}, ...]; [] for none."""
        if not create:
            return
        for spec in [{"stock": 5}] if extracted is None else extracted:
            VariantFactory(product=product, **spec)
        # Saving variants brought the product's price and availability up to date.
        product.refresh_from_db()


class VariantFactory(DjangoModelFactory):
    """A variant with 10 in stock; without `product`, of a product of its own that has
    no other variant."""

    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory, variants=[])
    sku = factory.Sequence(lambda n: f"SKU-{n}")
    stock = 10
