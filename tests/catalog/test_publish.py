"""The rules behind the dashboard's products section: what a product needs before it
is published, publishing and unpublishing (never touching staff moderation),
archiving, copying, slugs per language and the editor's all-or-nothing save."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from marketplace.catalog import services
from marketplace.catalog.models import Product, ProductImage, StockMovement, Variant
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="tagine.jpg")


def add_photo(product, **fields) -> ProductImage:
    image = ProductImage(product=product, **fields)
    image.image.save("tagine.jpg", jpeg(), save=False)
    image.save()
    return image


@pytest.fixture
def draft(shop, categories):
    """A draft with neither photo nor variant."""
    return ProductFactory(
        vendor=shop,
        category=categories["tagines"],
        name_en="Blue tagine",
        status=Product.Status.DRAFT,
        variants=[],
    )


# --- What publishing needs ----------------------------------------------------------


def test_a_draft_without_photo_or_variant_lists_both(draft):
    assert draft.publish_problems() == [
        "Add at least one photo.",
        "Add an active variant with stock.",
    ]


def test_a_missing_name_in_the_original_language_is_named_with_that_language(draft, media):
    draft.language = "ar"
    draft.name_ar = None
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=2)

    assert draft.publish_problems() == ["Give it a name in Arabic, its original language."]


def test_a_missing_price_is_listed(draft, media):
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=2)
    draft.base_price = None

    assert draft.publish_problems() == ["Give it a price."]


def test_variants_out_of_stock_or_inactive_do_not_count(draft, media):
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=0)
    Variant.objects.create(product=draft, sku="BT-2", stock=5, is_active=False)

    assert draft.publish_problems() == ["Add an active variant with stock."]


def test_a_product_in_a_hidden_category_is_told_to_choose_another(draft, media, categories):
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=2)
    categories["pottery"].is_active = False
    categories["pottery"].save()  # tagines sit under pottery

    assert draft.publish_problems() == ["Choose a category that is open on the storefront."]


def test_the_problems_are_strings_in_the_active_language(draft):
    with translation.override("fr"):
        problems = draft.publish_problems()
    assert len(problems) == 2
    assert all(type(problem) is str for problem in problems)


# --- Publishing, unpublishing, archiving --------------------------------------------


def test_publishing_refuses_and_lists_what_is_missing(draft):
    with pytest.raises(services.ProductActionRefused) as refused:
        services.product_publish(product=draft)

    assert refused.value.problems == [
        "Add at least one photo.",
        "Add an active variant with stock.",
    ]
    draft.refresh_from_db()
    assert draft.status == Product.Status.DRAFT


def test_a_complete_product_is_published_and_visible(draft, media):
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=2)

    services.product_publish(product=draft)

    assert draft.status == Product.Status.ACTIVE
    assert Product.objects.visible().filter(pk=draft.pk).exists()


def test_publishing_a_product_hidden_by_staff_leaves_it_hidden(draft, media):
    add_photo(draft, is_main=True)
    Variant.objects.create(product=draft, sku="BT-1", stock=2)
    Product.objects.filter(pk=draft.pk).update(
        hidden_by_staff=True, moderation_reason="Photos of another shop's work."
    )

    services.product_publish(product=draft)
    services.product_unpublish(product=draft)
    services.product_publish(product=draft)

    draft.refresh_from_db()
    assert draft.status == Product.Status.ACTIVE
    assert draft.hidden_by_staff
    assert draft.moderation_reason == "Photos of another shop's work."
    assert not Product.objects.visible().filter(pk=draft.pk).exists()


def test_unpublishing_what_is_not_published_is_refused(draft):
    with pytest.raises(services.ProductActionRefused):
        services.product_unpublish(product=draft)


def test_an_archived_product_leaves_the_storefront(make_product):
    product = make_product("Blue tagine")

    services.product_archive(product=product)

    product.refresh_from_db()
    assert product.status == Product.Status.DISCONTINUED
    assert not Product.objects.visible().filter(pk=product.pk).exists()


# --- Slugs --------------------------------------------------------------------------


def test_slugs_are_made_per_language_unique_in_each_and_keep_arabic_letters(make_product):
    make_product("Old tagine", slug_fr="tajine-bleu", slug_ar="طاجين-أزرق")
    product = Product(name_fr="Tajine bleu", name_ar="طاجين أزرق", language="fr")

    product.fill_slugs()

    assert product.slug_fr == "tajine-bleu-2"
    assert product.slug_ar == "طاجين-أزرق-2"
    assert product.slug_en is None  # no English name: the storefront falls back


def test_a_slug_once_made_survives_a_new_name(make_product):
    product = make_product("Blue tagine", slug_en="blue-tagine")
    product.name_en = "Indigo tagine"

    product.fill_slugs()

    assert product.slug_en == "blue-tagine"


# --- Copying ------------------------------------------------------------------------


def test_a_copy_is_a_draft_with_new_names_slugs_skus_no_stock_and_its_own_photos(
    make_product, media, django_capture_on_commit_callbacks
):
    product = make_product(
        "Blue tagine",
        name_fr="Tajine bleu",
        variants=[{"sku": "BT-S", "size": "S", "stock": 4}, {"sku": "BT-L", "size": "L"}],
    )
    photo = add_photo(product, is_main=True, alt_en="A blue tagine")

    with django_capture_on_commit_callbacks(execute=True):
        copy = services.product_duplicate(product=product)

    copy.refresh_from_db()
    assert copy.status == Product.Status.DRAFT
    # Each name says "copy" in its own language.
    assert (copy.name_en, copy.name_fr) == ("Blue tagine (copy)", "Tajine bleu (copie)")
    assert copy.slug_en == "blue-tagine-copy"
    assert copy.slug_en != product.slug_en
    assert sorted(copy.variants.values_list("sku", "size", "stock")) == [
        ("BT-L-COPY", "L", 0),
        ("BT-S-COPY", "S", 0),
    ]
    assert not copy.in_stock
    image = copy.images.get()
    assert image.is_main and image.alt_en == "A blue tagine"
    assert image.image.name != photo.image.name
    assert image.image.name.startswith(f"products/{copy.pk}/")
    assert image.renditions  # made after commit, from its own file
    assert set(image.renditions.values()).isdisjoint(photo.renditions.values())


def test_copying_twice_gives_each_copy_its_own_skus(make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1"}])

    services.product_duplicate(product=product)
    second = services.product_duplicate(product=product)

    assert list(second.variants.values_list("sku", flat=True)) == ["BT-1-COPY-2"]


def test_a_copy_of_a_product_hidden_by_staff_is_hidden_too(make_product):
    product = make_product("Blue tagine")
    Product.objects.filter(pk=product.pk).update(hidden_by_staff=True, moderation_reason="Fake")

    copy = services.product_duplicate(product=product)

    assert copy.hidden_by_staff
    assert copy.moderation_reason == "Fake"


# --- The editor's save --------------------------------------------------------------


def test_a_refused_variant_saves_nothing_at_all(make_product, categories):
    taken = make_product("Other", variants=[{"sku": "TAKEN"}])
    user = UserFactory()
    product = Product(
        vendor=taken.vendor,
        category=categories["tagines"],
        name_en="New tagine",
        base_price=Decimal("10"),
    )
    new = services.VariantEdit(variant=Variant(sku="NEW-1", stock=3))
    clash = services.VariantEdit(variant=Variant(sku="TAKEN", stock=1))

    with pytest.raises(services.VariantRefused) as refused:
        services.product_save(product=product, variants=[new, clash], user=user)

    assert refused.value.variant is clash.variant
    assert refused.value.field == "sku"
    assert not Product.objects.filter(name_en="New tagine").exists()
    assert not Variant.objects.filter(sku="NEW-1").exists()
    assert not StockMovement.objects.exists()
    assert product.pk is None and new.variant.pk is None  # ready to be saved again
