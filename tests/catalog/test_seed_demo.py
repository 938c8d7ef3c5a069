"""seed_demo: the demo catalogue (idempotent) and `--products N` for scale tests."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Min

from marketplace.catalog import demo
from marketplace.catalog.demo import drawing
from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.vendors.models import Vendor

ROOTS = {
    "rugs",
    "pottery-ceramics",
    "leather",
    "jewellery",
    "textiles",
    "cosmetics",
    "woodwork",
    "metalwork",
}
LANGS = ("en", "fr", "ar")


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Smaller placeholder images keep the test fast; the drawing code is the same.
    monkeypatch.setattr(drawing, "IMAGE_SIZE", (240, 180))
    return tmp_path


def files_in(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Vendor, Category, Product, Variant, ProductImage)
    }


def seed_demo(*args, **options) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


# --- the demo content itself (no database) ----------------------------------------


def test_demo_content_has_unique_slugs_and_skus_and_known_categories():
    categories = {spec.slug for spec in demo.CATEGORIES}
    shops = {spec.slug: spec for spec in demo.SHOPS}
    slugs = [demo.slugs_for(spec.name) for spec in demo.PRODUCTS]
    for index in range(3):
        assert len({s[index] for s in slugs}) == len(slugs)
    skus = [
        demo.sku_for(shops[spec.shop].code, slug[0], size, colour)
        for spec, slug in zip(demo.PRODUCTS, slugs, strict=True)
        for size, colour, _ in spec.options
    ]
    assert len(set(skus)) == len(skus)
    assert all(len(sku) <= 64 for sku in skus)
    for spec in demo.PRODUCTS:
        assert spec.category in categories and spec.shop in shops
        assert all(spec.name) and all(spec.description) and all(spec.materials)
        assert "lorem" not in " ".join(spec.description).lower()


def test_generated_names_agree_in_french_and_arabic():
    earrings = ("earrings", "boucles d'oreilles", "fp", "أقراط", "f", "earrings")
    handmade = ("Handmade", "fait main", "faite main", "مصنوع يدويا", "مصنوعة يدويا")
    essaouira = next(place for place in demo.PLACES if place[0] == "Essaouira")
    assert demo.compose_name(earrings, handmade, essaouira) == (
        "Handmade earrings from Essaouira",
        "Boucles d'oreilles faites main d'Essaouira",
        "أقراط مصنوعة يدويا من الصويرة",
    )


def test_placeholder_is_a_1200_by_900_jpeg():
    from io import BytesIO

    from PIL import Image

    data = demo.draw_placeholder("Pierced brass lantern", demo.PALETTES["metalwork"])
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (1200, 900)


# --- seed_demo ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.slow
def test_seed_demo_creates_the_demo_catalogue_once(media):
    seed_demo()

    shops = list(Vendor.objects.approved())
    assert 8 <= len(shops) <= 10
    assert {shop.kind for shop in shops} == {Vendor.Kind.ARTISAN, Vendor.Kind.ASSOCIATION}
    assert len({shop.region for shop in shops}) >= 5
    assert any(shop.is_featured for shop in shops)
    for shop in shops:
        assert shop.logo and (media / shop.logo.name).is_file()
        assert shop.story_en and shop.story_fr and shop.story_ar

    assert set(Category.objects.filter(parent=None).values_list("slug", flat=True)) == ROOTS
    assert Category.objects.exclude(parent=None).count() >= 8

    products = Product.objects.all()
    assert products.count() >= 75
    for product in products:
        for code in LANGS:
            for field in ("name", "slug", "description", "materials", "seo_description"):
                assert getattr(product, f"{field}_{code}"), (product.slug_en, field, code)
        assert product.has_active_variant
    with_active_variant = products.filter(variants__is_active=True).distinct().count()
    assert with_active_variant == products.count()
    assert Product.objects.visible().count() == products.count()
    # Some products sold out, most not; ratings, sales, made to order.
    assert 1 <= products.filter(in_stock=False).count() <= 8
    assert Variant.objects.filter(stock=0, product__in_stock=True).exists()
    assert products.filter(rating_count__gt=0, rating_average__gte=4).count() >= 5
    assert products.filter(compare_at_price__isnull=False).count() >= 5
    assert products.filter(processing_days=0).exists()
    assert products.filter(processing_days__gte=3, allows_personalisation=True).exists()
    spread = products.aggregate(first=Min("created"), last=Max("created"))
    assert spread["last"] - spread["first"] >= timedelta(days=60)

    argan = Product.objects.get(slug_en="pure-cosmetic-argan-oil")
    sizes = {v.size: v.price for v in argan.variants.all()}
    assert set(sizes) == {"50 ml", "100 ml", "250 ml"}
    assert argan.price == min(sizes.values()) < sizes["250 ml"]
    babouches = Product.objects.get(slug_en="classic-yellow-babouches")
    assert set(babouches.variants.values_list("size", flat=True)) == {str(n) for n in range(38, 45)}

    # Images: one main image each, the files are stored, alt text in three languages.
    assert not products.filter(images__isnull=True).exists()
    assert ProductImage.objects.filter(is_main=True).count() == products.count()
    for image in ProductImage.objects.all():
        assert (media / image.image.name).is_file()
        assert image.width and image.alt_en and image.alt_fr and image.alt_ar

    before, files = counts(), files_in(media)
    output = seed_demo()
    assert counts() == before
    assert files_in(media) == files
    assert "0 new" in output


@pytest.mark.django_db
@pytest.mark.slow
def test_products_option_adds_visible_products_with_unique_slugs(media):
    seed_demo()
    visible = Product.objects.visible().count()
    demo_images = set(ProductImage.objects.values_list("image", flat=True))
    files = files_in(media)

    seed_demo(products=50)
    assert Product.objects.visible().count() == visible + 50
    seed_demo("--products", "50")  # another run adds more instead of colliding
    assert Product.objects.visible().count() == visible + 100

    for code in LANGS:
        slugs = list(Product.objects.values_list(f"slug_{code}", flat=True))
        assert len(slugs) == len(set(slugs)), code
    generated = Product.objects.filter(variants__sku__startswith="GEN-").distinct()
    assert generated.count() == 100
    for product in generated.prefetch_related("images"):
        assert product.name_en and product.name_fr and product.name_ar
        assert product.description_fr and product.description_ar
        images = list(product.images.all())
        assert images and images[0].is_main
        assert {image.image.name for image in images} <= demo_images
        # The denormalised columns were written by the bulk insert as the model would.
        bulk = (product.price, product.in_stock, product.has_active_variant)
        product.refresh_from_variants()
        assert bulk == (product.price, product.in_stock, product.has_active_variant)
    assert files_in(media) == files  # generated products reuse stored images


@pytest.mark.django_db
def test_products_option_refuses_a_negative_count(media):
    with pytest.raises(CommandError):
        seed_demo(products=-1)
