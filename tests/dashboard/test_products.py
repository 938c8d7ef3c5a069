"""The dashboard's products section: the list, the editor (languages, variants and
their stock), photos, preview, publishing and the other actions, and who may use
them (another shop's product or photo is a 404 on every URL)."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from marketplace.catalog import services
from marketplace.catalog.models import Product, ProductImage, StockMovement, Variant
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "This file is not an image we can read. Upload a JPEG, PNG or WebP photo."


# --- helpers ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg_bytes(size=(64, 48), colour="blue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(data: bytes | None = None, name: str = "tagine.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes() if data is None else data, "image/jpeg")


def add_photo(product, **fields) -> ProductImage:
    image = ProductImage(product=product, **fields)
    image.image.save("tagine.jpg", ContentFile(jpeg_bytes(), name="tagine.jpg"), save=False)
    image.save()
    return image


def draft_of(shop, categories, **fields) -> Product:
    """A draft with neither photo nor variant."""
    return ProductFactory(
        vendor=shop,
        category=categories["tagines"],
        status=Product.Status.DRAFT,
        variants=[],
        **fields,
    )


def new_product_data(categories, **fields) -> dict:
    """A create form: a French original with an Arabic translation, one variant."""
    data = {
        "language": "fr",
        "name_fr": "Tajine bleu de Safi",
        "description_fr": "Un tajine émaillé à la main.",
        "name_ar": "طاجين أزرق من آسفي",
        "category": categories["tagines"].pk,
        "base_price": "250.00",
        "processing_days": "2",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "50",
        "variants-0-sku": "SAFI-TAJ-1",
        "variants-0-size": "",
        "variants-0-colour": "blue",
        "variants-0-stock": "4",
        "variants-0-low_stock_threshold": "2",
        "variants-0-is_active": "on",
    }
    return data | fields


def editor_data(response) -> dict:
    """What the editor's form posts back unchanged, read from the page's forms."""
    data = {}
    form, formset = response.context["form"], response.context["formset"]
    for each in (form, formset.management_form, *formset.forms):
        for field in each:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value is not None and value is not False:
                data[field.html_name] = value
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Creating and editing -----------------------------------------------------------


def test_a_product_written_in_french_with_an_arabic_translation_is_saved_as_a_draft(
    owner_client, owner, categories
):
    response = owner_client.post(reverse("dashboard:product_create"), new_product_data(categories))

    product = Product.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:product_edit", args=[product.pk])
    assert product.status == Product.Status.DRAFT
    assert product.language == "fr"
    assert (product.name_fr, product.name_ar, product.name_en) == (
        "Tajine bleu de Safi",
        "طاجين أزرق من آسفي",
        None,
    )
    assert (product.slug_fr, product.slug_ar, product.slug_en) == (
        "tajine-bleu-de-safi",
        "طاجين-أزرق-من-آسفي",
        None,
    )
    with translation.override("en"):  # no English: shoppers read the original
        assert product.name == "Tajine bleu de Safi"
        assert product.description == "Un tajine émaillé à la main."
    variant = product.variants.get()
    assert (variant.sku, variant.colour, variant.stock, variant.low_stock_threshold) == (
        "SAFI-TAJ-1",
        "blue",
        4,
        2,
    )
    movement = StockMovement.objects.get()
    assert (movement.variant, movement.change, movement.stock_after) == (variant, 4, 4)
    assert (movement.reason, movement.user) == (StockMovement.Reason.MANUAL, owner)


def test_the_editor_marks_each_language_for_screen_readers_and_direction(owner_client):
    page = owner_client.get(reverse("dashboard:product_create")).text

    assert re.search(r'<input[^>]*name="name_ar"[^>]*lang="ar" dir="rtl"', page)
    assert re.search(r'<input[^>]*name="name_fr"[^>]*lang="fr"', page)
    assert 'href="#lang-fr"' in page and 'id="lang-fr"' in page
    assert "<fieldset" in page


def test_the_name_is_required_in_the_original_language_only(owner_client, categories):
    data = new_product_data(categories, language="ar", name_ar="")

    response = owner_client.post(reverse("dashboard:product_create"), data)

    assert response.status_code == 400
    assert response.context["form"].errors["name_ar"] == [
        "Give the product a name in Arabic, its original language."
    ]
    assert "Nothing was saved" in response.text
    assert not Product.objects.exists()


def test_a_sku_used_twice_in_the_form_is_refused_and_nothing_is_saved(owner_client, categories):
    data = new_product_data(
        categories,
        **{
            "variants-TOTAL_FORMS": "2",
            "variants-1-sku": "SAFI-TAJ-1",
            "variants-1-size": "L",
            "variants-1-stock": "1",
            "variants-1-low_stock_threshold": "3",
            "variants-1-is_active": "on",
        },
    )

    response = owner_client.post(reverse("dashboard:product_create"), data)

    assert response.status_code == 400
    assert "Each variant needs its own SKU: two rows have the same one." in response.text
    assert not Product.objects.exists()
    assert not Variant.objects.exists()
    assert not StockMovement.objects.exists()


def test_a_sku_of_another_product_is_refused_and_the_edit_is_not_saved(
    owner_client, make_product, other_shop
):
    make_product("Their rug", vendor=other_shop, variants=[{"sku": "RUG-1"}])
    product = make_product("Blue tagine", variants=[{"sku": "BT-1"}])
    data = editor_data(owner_client.get(reverse("dashboard:product_edit", args=[product.pk])))
    data |= {"name_en": "Indigo tagine", "variants-0-sku": "RUG-1"}

    response = owner_client.post(reverse("dashboard:product_edit", args=[product.pk]), data)

    assert response.status_code == 400
    assert "Variant with this SKU already exists." in response.text
    product.refresh_from_db()
    assert product.name_en == "Blue tagine"
    assert product.variants.get().sku == "BT-1"


def test_a_bad_sku_is_refused_with_what_to_use(owner_client, categories):
    data = new_product_data(categories, **{"variants-0-sku": "TAJ 1"})

    response = owner_client.post(reverse("dashboard:product_create"), data)

    assert response.status_code == 400
    assert "without spaces" in response.text


def test_two_active_variants_with_the_same_options_are_refused(owner_client, categories):
    data = new_product_data(
        categories,
        **{
            "variants-TOTAL_FORMS": "2",
            "variants-1-sku": "SAFI-TAJ-2",
            "variants-1-colour": "blue",
            "variants-1-stock": "1",
            "variants-1-low_stock_threshold": "3",
            "variants-1-is_active": "on",
        },
    )

    response = owner_client.post(reverse("dashboard:product_create"), data)

    assert response.status_code == 400
    assert "Another active variant has the same size and colour." in response.text
    assert not Product.objects.exists()


def test_a_former_price_not_above_the_price_is_refused(owner_client, categories):
    data = new_product_data(categories, compare_at_price="200.00")

    response = owner_client.post(reverse("dashboard:product_create"), data)

    assert response.status_code == 400
    assert response.context["form"].errors["compare_at_price"]


def test_editing_keeps_slugs_and_records_a_stock_change(owner_client, owner, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1", "stock": 5}])
    slug = product.slug_en
    url = reverse("dashboard:product_edit", args=[product.pk])
    data = editor_data(owner_client.get(url)) | {"name_en": "Indigo tagine", "variants-0-stock": 8}

    response = owner_client.post(url, data)

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name_en, product.slug_en) == ("Indigo tagine", slug)
    movement = StockMovement.objects.get()
    assert (movement.change, movement.stock_after, movement.user) == (3, 8, owner)
    assert movement.reason == StockMovement.Reason.MANUAL


def test_a_sale_made_while_the_editor_was_open_is_kept(owner_client, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1", "stock": 5}])
    url = reverse("dashboard:product_edit", args=[product.pk])
    data = editor_data(owner_client.get(url)) | {"name_en": "Indigo tagine"}
    variant = product.variants.get()
    services.stock_take(quantities={variant.pk: 2})  # a shopper buys two meanwhile

    response = owner_client.post(url, data)

    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.stock == 3
    assert not StockMovement.objects.filter(reason=StockMovement.Reason.MANUAL).exists()


def test_a_stock_edit_made_over_a_sale_is_refused_and_nothing_is_saved(owner_client, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1", "stock": 5}])
    url = reverse("dashboard:product_edit", args=[product.pk])
    data = editor_data(owner_client.get(url))
    data |= {"name_en": "Indigo tagine", "variants-0-stock": 10}
    variant = product.variants.get()
    services.stock_take(quantities={variant.pk: 2})

    response = owner_client.post(url, data)

    assert response.status_code == 400
    assert "The stock of BT-1 changed to 3 while you were editing" in response.text
    product.refresh_from_db()
    variant.refresh_from_db()
    assert (product.name_en, variant.stock) == ("Blue tagine", 3)


def test_a_row_posted_without_the_stock_it_showed_sets_the_stock_typed(owner_client, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1", "stock": 5}])
    url = reverse("dashboard:product_edit", args=[product.pk])
    data = editor_data(owner_client.get(url)) | {"variants-0-stock": 7}
    del data["variants-0-stock_seen"]

    assert owner_client.post(url, data).status_code == 302

    assert product.variants.get().stock == 7
    assert StockMovement.objects.get().change == 2


def test_new_variant_rows_left_empty_add_nothing(owner_client, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1"}])
    url = reverse("dashboard:product_edit", args=[product.pk])
    response = owner_client.get(url)
    assert response.context["formset"].total_form_count() == 2  # one blank row

    owner_client.post(url, editor_data(response))

    assert product.variants.count() == 1


def test_another_shops_variant_cannot_be_edited_through_the_formset(
    owner_client, make_product, other_shop
):
    theirs = make_product("Their rug", vendor=other_shop, variants=[{"sku": "RUG-1", "stock": 2}])
    product = make_product("Blue tagine", variants=[{"sku": "BT-1"}])
    url = reverse("dashboard:product_edit", args=[product.pk])
    data = editor_data(owner_client.get(url))
    data |= {"variants-0-id": theirs.variants.get().pk, "variants-0-stock": 99}

    response = owner_client.post(url, data)

    assert response.status_code == 400
    assert theirs.variants.get().stock == 2


# --- Photos -------------------------------------------------------------------------


def test_a_photo_is_uploaded_as_the_main_one_with_its_renditions(
    owner_client, make_product, django_capture_on_commit_callbacks
):
    product = make_product("Blue tagine")
    url = reverse("dashboard:product_image_upload", args=[product.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            url, {"upload-image": upload(), "upload-alt_fr": "Un tajine bleu"}
        )

    assert response.status_code == 302
    assert response["Location"].endswith("#product-images")
    image = product.images.get()
    assert image.is_main
    assert image.alt_fr == "Un tajine bleu"
    assert image.image.name.startswith(f"products/{product.pk}/")
    assert image.renditions  # made by the task after commit


def test_a_photo_uploaded_with_htmx_returns_the_photos_partial(owner_client, make_product):
    product = make_product("Blue tagine")
    url = reverse("dashboard:product_image_upload", args=[product.pk])

    response = owner_client.post(url, {"upload-image": upload()}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="mt-4 product-images"')
    assert "Main photo" in response.text
    assert "<html" not in response.text


def test_a_file_that_is_not_an_image_is_refused_with_the_catalogs_message(
    owner_client, make_product
):
    product = make_product("Blue tagine")
    url = reverse("dashboard:product_image_upload", args=[product.pk])
    not_an_image = upload(b"Dear customer, thank you.\n" * 20, "letter.jpg")

    response = owner_client.post(url, {"upload-image": not_an_image})

    assert response.status_code == 400
    assert NOT_AN_IMAGE in response.text
    assert not product.images.exists()


def test_an_image_over_the_size_limit_is_refused_with_htmx_too(
    owner_client, make_product, settings
):
    settings.IMAGE_MAX_BYTES = 1024
    product = make_product("Blue tagine")
    url = reverse("dashboard:product_image_upload", args=[product.pk])
    big = jpeg_bytes((600, 400))
    assert len(big) > 1024

    response = owner_client.post(url, {"upload-image": upload(big)}, headers={"HX-Request": "true"})

    assert response.status_code == 400
    assert "the limit is 1.0\xa0KB" in response.text
    assert 'id="product-images"' in response.text
    assert not product.images.exists()


def test_photos_are_reordered_the_main_one_staying_first(owner_client, make_product):
    product = make_product("Blue tagine")
    main, second, third = (add_photo(product, position=i, is_main=i == 0) for i in range(3))

    response = owner_client.post(
        reverse("dashboard:product_image_move", args=[product.pk, third.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    order = list(product.images.order_by("-is_main", "position").values_list("pk", flat=True))
    assert order == [main.pk, third.pk, second.pk]

    owner_client.post(
        reverse("dashboard:product_image_move", args=[product.pk, third.pk]),
        {"direction": "up"},
    )  # nothing goes before the main photo
    order = list(product.images.order_by("-is_main", "position").values_list("pk", flat=True))
    assert order == [main.pk, third.pk, second.pk]


def test_a_move_that_is_neither_up_nor_down_is_a_400(owner_client, make_product):
    product = make_product("Blue tagine")
    image = add_photo(product, is_main=True)

    response = owner_client.post(
        reverse("dashboard:product_image_move", args=[product.pk, image.pk]),
        {"direction": "sideways"},
    )

    assert response.status_code == 400


def test_another_photo_is_made_main_and_its_description_saved(owner_client, make_product):
    product = make_product("Blue tagine")
    first, second = add_photo(product, is_main=True), add_photo(product, position=1)
    prefix = f"image-{second.pk}"

    response = owner_client.post(
        reverse("dashboard:product_image_update", args=[product.pk, second.pk]),
        {f"{prefix}-alt_en": "The lid", f"{prefix}-alt_ar": "الغطاء", "main": "1"},
    )

    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.is_main, second.alt_en, second.alt_ar) == (True, "The lid", "الغطاء")
    assert not first.is_main


def test_deleting_the_main_photo_makes_the_next_one_main(owner_client, make_product):
    product = make_product("Blue tagine")
    first, second = add_photo(product, is_main=True), add_photo(product, position=1)

    response = owner_client.post(
        reverse("dashboard:product_image_delete", args=[product.pk, first.pk]),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert list(product.images.all()) == [second]
    second.refresh_from_db()
    assert second.is_main


def test_the_last_photo_of_a_published_product_is_kept(owner_client, make_product):
    product = make_product("Blue tagine")
    photo = add_photo(product, is_main=True)

    response = owner_client.post(
        reverse("dashboard:product_image_delete", args=[product.pk, photo.pk]),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 409
    assert "A published product keeps at least one photo" in response.text
    assert list(product.images.all()) == [photo]


# --- Publishing and the other actions ------------------------------------------------


def test_publishing_says_what_is_missing(owner_client, shop, categories):
    product = draft_of(shop, categories)

    response = owner_client.post(
        reverse("dashboard:product_publish", args=[product.pk]), follow=True
    )

    assert messages_of(response) == [
        "This product cannot be published yet. Add at least one photo. "
        "Add an active variant with stock."
    ]
    problems = response.context["problems"]
    assert problems == ["Add at least one photo.", "Add an active variant with stock."]
    assert "Before you can publish it:" in response.text
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_a_product_published_in_the_dashboard_appears_on_the_storefront(
    owner_client, client, categories
):
    owner_client.post(reverse("dashboard:product_create"), new_product_data(categories))
    product = Product.objects.get()
    owner_client.post(
        reverse("dashboard:product_image_upload", args=[product.pk]), {"upload-image": upload()}
    )
    with translation.override("fr"):
        page_url = reverse("catalog:product", kwargs={"slug": "tajine-bleu-de-safi"})
        listing_url = reverse("catalog:product_list")
    assert client.get(page_url).status_code == 404  # a draft

    with translation.override("en"):  # the shopper's French page left French active
        publish_url = reverse("dashboard:product_publish", args=[product.pk])
    response = owner_client.post(publish_url, follow=True)

    assert messages_of(response)[-1] == "Published: shoppers can now find it."
    page = client.get(page_url)
    assert page.status_code == 200
    assert "Tajine bleu de Safi" in page.text
    assert "Tajine bleu de Safi" in client.get(listing_url).text
    with translation.override("ar"):
        arabic = client.get(reverse("catalog:product", kwargs={"slug": "طاجين-أزرق-من-آسفي"}))
    assert arabic.status_code == 200


def test_save_and_publish_publishes_a_complete_product(owner_client, make_product):
    product = make_product("Blue tagine", status=Product.Status.DRAFT)
    add_photo(product, is_main=True)
    url = reverse("dashboard:product_edit", args=[product.pk])

    owner_client.post(url, editor_data(owner_client.get(url)) | {"publish": "1"})

    product.refresh_from_db()
    assert product.status == Product.Status.ACTIVE


def test_unpublishing_takes_it_off_the_storefront(owner_client, client, make_product):
    product = make_product("Blue tagine")

    owner_client.post(reverse("dashboard:product_unpublish", args=[product.pk]))

    product.refresh_from_db()
    assert product.status == Product.Status.INACTIVE
    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_product_hidden_by_staff_stays_hidden_and_the_shop_sees_why(
    owner_client, client, make_product
):
    product = make_product("Blue tagine", status=Product.Status.DRAFT)
    add_photo(product, is_main=True)
    Product.objects.filter(pk=product.pk).update(
        hidden_by_staff=True, moderation_reason="The photos show another shop's work."
    )

    response = owner_client.post(
        reverse("dashboard:product_publish", args=[product.pk]), follow=True
    )

    product.refresh_from_db()
    assert product.status == Product.Status.ACTIVE
    assert product.hidden_by_staff
    assert client.get(product.get_absolute_url()).status_code == 404
    assert "shoppers still cannot see it" in messages_of(response)[0]
    assert "Hidden by our team" in response.text
    assert "The photos show another shop&#x27;s work." in response.text
    listing = owner_client.get(reverse("dashboard:products"))
    assert "The photos show another shop&#x27;s work." in listing.text
    preview = owner_client.get(reverse("dashboard:product_preview", args=[product.pk]))
    assert "Preview — not visible to shoppers" in preview.text


def test_duplicating_opens_the_draft_copy(owner_client, make_product):
    product = make_product("Blue tagine", variants=[{"sku": "BT-1", "stock": 5}])

    response = owner_client.post(reverse("dashboard:product_duplicate", args=[product.pk]))

    copy = Product.objects.exclude(pk=product.pk).get()
    assert response["Location"] == reverse("dashboard:product_edit", args=[copy.pk])
    assert (copy.name_en, copy.status) == ("Blue tagine (copy)", Product.Status.DRAFT)
    assert list(copy.variants.values_list("sku", "stock")) == [("BT-1-COPY", 0)]


def test_an_archived_product_leaves_the_list_but_is_under_archived(owner_client, make_product):
    product = make_product("Blue tagine")

    response = owner_client.post(reverse("dashboard:product_archive", args=[product.pk]))

    assert response["Location"] == reverse("dashboard:products")
    product.refresh_from_db()
    assert product.status == Product.Status.DISCONTINUED
    listed = owner_client.get(reverse("dashboard:products")).context["products"]
    assert list(listed) == []
    archived = owner_client.get(reverse("dashboard:products"), {"status": "archived"})
    assert [p.name for p in archived.context["products"]] == ["Blue tagine"]


# --- The preview --------------------------------------------------------------------


def test_the_preview_shows_a_draft_as_shoppers_would_see_it(owner_client, make_product):
    product = make_product(
        "Blue tagine",
        status=Product.Status.DRAFT,
        variants=[{"sku": "BT-S", "size": "S"}, {"sku": "BT-L", "size": "L"}],
    )

    response = owner_client.get(reverse("dashboard:product_preview", args=[product.pk]))

    assert response.status_code == 200
    assert "Preview — not visible to shoppers" in response.text
    assert '<h1 class="h2">Blue tagine</h1>' in response.text
    preview_url = reverse("dashboard:product_preview", args=[product.pk])
    assert f'hx-get="{preview_url}"' in response.text  # options stay on the preview


def test_choosing_options_in_the_preview_swaps_the_variant_panel(owner_client, make_product):
    product = make_product(
        "Blue tagine",
        status=Product.Status.DRAFT,
        variants=[{"sku": "BT-S", "size": "S"}, {"sku": "BT-L", "size": "L"}],
    )
    large = product.variants.get(sku="BT-L")

    response = owner_client.get(
        reverse("dashboard:product_preview", args=[product.pk]),
        {"variant": large.pk},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="variant-panel"')
    assert "BT-L" in response.text


def test_the_preview_of_a_visible_product_says_shoppers_see_it(owner_client, make_product):
    product = make_product("Blue tagine")

    response = owner_client.get(reverse("dashboard:product_preview", args=[product.pk]))

    assert "Preview — shoppers see this page" in response.text


# --- The list -----------------------------------------------------------------------


def test_the_list_searches_names_in_every_language_and_skus(owner_client, make_product):
    make_product("Blue tagine", name_fr="Tajine bleu", name_ar="طاجين", variants=[{"sku": "BT-1"}])
    make_product("Red rug", name_fr="Tapis rouge", variants=[{"sku": "RUG-9"}])
    url = reverse("dashboard:products")

    def names(query):
        response = owner_client.get(url, {"q": query})
        return [p.name for p in response.context["products"]]

    assert names("bleu") == ["Blue tagine"]
    assert names("طاجين") == ["Blue tagine"]
    assert names("rug-9") == ["Red rug"]
    assert names("") == ["Red rug", "Blue tagine"]


def test_the_list_filters_by_status_and_by_staff_moderation(owner_client, make_product):
    make_product("Published one")
    make_product("Draft one", status=Product.Status.DRAFT)
    hidden = make_product("Hidden one")
    Product.objects.filter(pk=hidden.pk).update(hidden_by_staff=True)
    url = reverse("dashboard:products")

    def names(status):
        return [p.name for p in owner_client.get(url, {"status": status}).context["products"]]

    assert names("draft") == ["Draft one"]
    assert names("active") == ["Hidden one", "Published one"]
    assert names("hidden") == ["Hidden one"]


def test_an_unknown_status_is_a_400_that_says_so(owner_client, make_product):
    make_product("Blue tagine")

    response = owner_client.get(reverse("dashboard:products"), {"status": "sold"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert "Blue tagine" in response.text


def test_the_list_shows_each_products_stock_and_marks_low_stock(owner_client, make_product):
    make_product("Plenty", variants=[{"sku": "P-1", "stock": 10}, {"sku": "P-2", "stock": 5}])
    make_product("Nearly gone", variants=[{"sku": "N-1", "stock": 2, "low_stock_threshold": 3}])
    make_product("Sold out", variants=[{"sku": "S-1", "stock": 0}])

    response = owner_client.get(reverse("dashboard:products"))

    rows = {p.name: (p.total_stock, p.low_stock) for p in response.context["products"]}
    assert rows == {"Plenty": (15, False), "Nearly gone": (2, True), "Sold out": (0, True)}
    assert response.text.count("Low stock</span>") == 1
    assert "Out of stock" in response.text


def test_the_list_shows_only_the_shops_products(owner_client, make_product, other_shop):
    make_product("Ours")
    make_product("Theirs", vendor=other_shop)

    response = owner_client.get(reverse("dashboard:products"))

    assert [p.name for p in response.context["products"]] == ["Ours"]


def test_the_list_pages_through_products(owner_client, make_product, settings):
    for i in range(27):
        make_product(f"Tagine {i}", variants=[{"sku": f"T-{i}"}])

    first = owner_client.get(reverse("dashboard:products"))
    second = owner_client.get(reverse("dashboard:products"), {"page": 2})

    assert len(first.context["products"]) == 25
    assert len(second.context["products"]) == 2
    assert "Page 2 of 2" in second.text


def test_the_list_answers_htmx_with_its_results_only(owner_client, make_product):
    make_product("Blue tagine")

    response = owner_client.get(
        reverse("dashboard:products"), {"q": "blue"}, headers={"HX-Request": "true"}
    )

    assert response.text.lstrip().startswith('<div id="product-results"')
    assert "Blue tagine" in response.text


def test_the_list_costs_the_same_queries_whatever_the_number_of_products(
    owner_client, make_product, django_assert_num_queries, lazy_loads_raise
):
    def populate(count):
        for i in range(count):
            product = make_product(
                f"Tagine {i}",
                variants=[{"sku": f"T-{count}-{i}-{v}", "size": f"S{v}"} for v in range(3)],
            )
            add_photo(product, is_main=True)
            add_photo(product, position=1)

    url = reverse("dashboard:products")
    populate(2)
    owner_client.get(url)  # warm the session
    # Session, user, membership with its shop; count, page, main images.
    with django_assert_num_queries(6):
        owner_client.get(url)
    populate(10)
    with django_assert_num_queries(6):
        response = owner_client.get(url, {"q": "tagine", "status": "active"})
    assert len(response.context["products"]) == 12


# --- Who may use it -----------------------------------------------------------------

PRODUCT_PAGES = ["product_edit", "product_preview"]
PRODUCT_ACTIONS = [
    "product_publish",
    "product_unpublish",
    "product_duplicate",
    "product_archive",
    "product_image_upload",
]
IMAGE_ACTIONS = ["product_image_update", "product_image_move", "product_image_delete"]


@pytest.fixture
def theirs(make_product, other_shop):
    product = make_product("Their rug", vendor=other_shop)
    return product, add_photo(product, is_main=True)


@pytest.fixture
def ours(make_product):
    product = make_product("Blue tagine")
    return product, add_photo(product, is_main=True)


def every_url(product, image):
    urls = [("get", reverse("dashboard:products")), ("get", reverse("dashboard:product_create"))]
    urls += [("get", reverse(f"dashboard:{name}", args=[product.pk])) for name in PRODUCT_PAGES]
    urls += [("post", reverse(f"dashboard:{name}", args=[product.pk])) for name in PRODUCT_ACTIONS]
    urls += [
        ("post", reverse(f"dashboard:{name}", args=[product.pk, image.pk]))
        for name in IMAGE_ACTIONS
    ]
    return urls


@pytest.mark.parametrize("name", PRODUCT_PAGES + PRODUCT_ACTIONS)
def test_another_shops_product_is_a_404_on_every_url(owner_client, theirs, name):
    product, _image = theirs
    url = reverse(f"dashboard:{name}", args=[product.pk])
    send = owner_client.get if name in PRODUCT_PAGES else owner_client.post

    assert send(url).status_code == 404
    product.refresh_from_db()
    assert product.status == Product.Status.ACTIVE


@pytest.mark.parametrize("name", IMAGE_ACTIONS)
def test_another_shops_photo_is_a_404_even_under_our_product(owner_client, ours, theirs, name):
    our_product, _ = ours
    their_product, their_image = theirs

    for product in (our_product, their_product):
        url = reverse(f"dashboard:{name}", args=[product.pk, their_image.pk])
        assert owner_client.post(url, {"direction": "up"}).status_code == 404
    assert ProductImage.objects.filter(pk=their_image.pk, is_main=True).exists()


def test_staff_members_use_every_url(staff_client, ours):
    product, image = ours
    for method, url in every_url(product, image):
        if method == "get":
            assert staff_client.get(url).status_code == 200, url


def test_shoppers_are_refused_every_url(shopper_client, ours):
    for method, url in every_url(*ours):
        response = getattr(shopper_client, method)(url)
        assert response.status_code == 403, url
        assert "The dashboard is for shops" in response.text


def test_anonymous_visitors_are_sent_to_sign_in_from_every_url(client, ours):
    for method, url in every_url(*ours):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", PRODUCT_ACTIONS)
def test_actions_refuse_get(owner_client, ours, name):
    product, _image = ours
    assert owner_client.get(reverse(f"dashboard:{name}", args=[product.pk])).status_code == 405


def test_money_is_decimal_in_the_list(owner_client, make_product):
    make_product("Blue tagine", price="120.50")

    response = owner_client.get(reverse("dashboard:products"))

    assert response.context["products"][0].price == Decimal("120.50")
    assert "120.50" in response.text
