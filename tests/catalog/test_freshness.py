"""Shared fragments never outlive the data they show.

Once the transaction that changed the data has returned, the next request shows
the new data: for saves, deletes, bulk writes and sales, whoever makes them.
These tests commit for real (transactional database), as production does, since
fragments are expired after COMMIT. `Souk-Fragments` (a response header) says
what the shared cache did for each fragment of the page.
"""

import io
import re
import threading
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from PIL import Image

from marketplace.catalog.models import Category, Product, ProductImage, Variant
from marketplace.catalog.services import stock_take
from marketplace.core.fragments import GRID_VERSION_KEY
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)


def page(url: str, **headers) -> tuple[str, str]:
    """(HTML, what the fragment cache did) for an anonymous visitor."""
    response = Client().get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response.get("Souk-Fragments", "")


def photo(name: str, colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def shows_photo(html: str, stem: str) -> bool:
    """Whether an <img> shows the photo uploaded as `stem` (original or rendition)."""
    return re.search(rf'src="[^"]*/{stem}[-.][^"]*"', html) is not None


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- deletes ---------------------------------------------------------------------


def test_a_deleted_product_leaves_the_listing_at_once(make_product):
    product = make_product("Blue tagine")
    make_product("Green tagine")
    assert "Blue tagine" in page("/en/products/")[0]
    product.delete()
    html, _ = page("/en/products/")
    assert "Blue tagine" not in html and "Green tagine" in html


def test_a_bulk_delete_leaves_the_listing_at_once(make_product):
    make_product("Blue tagine")
    make_product("Green tagine")
    assert "Blue tagine" in page("/en/products/")[0]
    Product.objects.filter(name_en="Blue tagine").delete()  # the admin's "delete selected"
    html, _ = page("/en/products/")
    assert "Blue tagine" not in html and "Green tagine" in html


def test_a_deleted_shop_takes_its_products_off_the_storefront(make_product, other_shop):
    make_product("Blue tagine")
    make_product("Argan oil", vendor=other_shop)
    assert "Argan oil" in page("/en/products/")[0]
    other_shop.delete()
    html, _ = page("/en/products/")
    assert "Argan oil" not in html and "Blue tagine" in html


def test_a_deleted_category_leaves_the_menu_at_once(make_product, categories):
    make_product("Blue tagine")
    lamps = Category.objects.create(slug="lamps", name_en="Lamps")
    assert ">Lamps<" in page("/en/products/")[0]
    lamps.delete()
    assert ">Lamps<" not in page("/en/products/")[0]


def test_a_deleted_main_image_leaves_the_card_at_once(make_product, media):
    product = make_product("Blue tagine")
    image = ProductImage.objects.create(product=product, image=photo("blue.jpg", "blue"))
    image.is_main = True
    image.save()
    assert shows_photo(page("/en/products/")[0], "blue")
    image.delete()
    assert not shows_photo(page("/en/products/")[0], "blue")


# --- edits -----------------------------------------------------------------------


def test_a_new_alt_text_shows_on_the_product_page_at_once(make_product, media):
    product = make_product("Blue tagine")
    image = ProductImage.objects.create(
        product=product, image=photo("blue.jpg", "blue"), alt_en="A blue tagine", is_main=True
    )
    assert 'alt="A blue tagine"' in page(product.get_absolute_url())[0]
    image.alt_en = "A blue tagine with a lid"
    image.save()
    assert 'alt="A blue tagine with a lid"' in page(product.get_absolute_url())[0]


def test_choosing_another_main_image_changes_the_card_at_once(make_product, media):
    product = make_product("Blue tagine")
    first = ProductImage.objects.create(
        product=product, image=photo("one.jpg", "blue"), is_main=True
    )
    second = ProductImage.objects.create(product=product, image=photo("two.jpg", "red"))
    assert shows_photo(page("/en/products/")[0], "one")
    first.is_main = False
    first.save()
    second.is_main = True
    second.save()
    html, _ = page("/en/products/")
    assert shows_photo(html, "two") and not shows_photo(html, "one")


def test_a_queryset_update_shows_at_once(make_product):
    make_product("Blue tagine")
    assert "Blue tagine" in page("/en/products/")[0]
    Product.objects.filter(name_en="Blue tagine").update(status=Product.Status.INACTIVE)
    assert "Blue tagine" not in page("/en/products/")[0]


def test_bulk_created_products_show_at_once(make_product, shop, categories):
    make_product("Blue tagine")
    assert "Green tagine" not in page("/en/products/")[0]
    product = Product.objects.create(
        vendor=shop,
        category=categories["tagines"],
        name_en="Green tagine",
        slug_en="green-tagine",
        slug_fr="tajine-vert",
        slug_ar="green-ar",
        base_price=Decimal("80"),
        status=Product.Status.ACTIVE,
    )
    Variant.objects.bulk_create([Variant(product=product, sku="GREEN-1", stock=4)])
    # Denormalised columns written in bulk too, as seed_demo --products does.
    Product.objects.filter(pk=product.pk).update(in_stock=True, has_active_variant=True)
    assert "Green tagine" in page("/en/products/")[0]


def test_a_renamed_shop_shows_on_cards_at_once(make_product, shop):
    make_product("Blue tagine")
    assert "Atelier Fassi" in page("/en/products/")[0]
    shop.name = "Atelier Fassi & fils"
    shop.save()
    assert "Atelier Fassi &amp; fils" in page("/en/products/")[0]


def test_a_suspended_shop_vanishes_at_once(make_product, shop):
    make_product("Blue tagine")
    assert "Blue tagine" in page("/en/products/")[0]
    Vendor.objects.filter(pk=shop.pk).update(status=Vendor.Status.SUSPENDED)  # admin action
    assert "Blue tagine" not in page("/en/products/")[0]


def test_a_renamed_category_shows_in_the_menu_at_once(make_product, categories):
    make_product("Blue tagine")
    assert ">Rugs<" in page("/en/products/")[0]
    categories["rugs"].name_en = "Carpets"
    categories["rugs"].save()
    html, _ = page("/en/products/")
    assert ">Carpets<" in html and ">Rugs<" not in html


def test_a_new_size_shows_in_the_size_filter_at_once(make_product):
    product = make_product("Rug", variants=[{"size": "M", "stock": 1}])
    assert 'value="size:XL"' not in page("/en/products/")[0]
    Variant.objects.create(product=product, sku="RUG-XL", size="XL", stock=1)
    assert 'value="size:XL"' in page("/en/products/")[0]


@pytest.mark.postgres
def test_renaming_a_shop_or_a_category_refreshes_search_whoever_saves_it(make_product, shop):
    product = make_product("Blue tagine")
    shop.name = "Dar Zellige"
    shop.save()  # not through the admin
    assert "Blue tagine" in page("/en/products/?q=zellige")[0]
    product.category.name_en = "Cookware"
    product.category.save()
    assert "Blue tagine" in page("/en/products/?q=cookware")[0]


# --- sales: what they expire and what they leave ---------------------------------


def test_a_sale_that_leaves_stock_and_price_keeps_the_listings_and_expires_the_page(
    make_product,
):
    product = make_product("Blue tagine", variants=[{"stock": 10, "low_stock_threshold": 3}])
    other = make_product("Green tagine")
    page("/en/products/")
    page(product.get_absolute_url())
    page(other.get_absolute_url())
    grid = cache.get(GRID_VERSION_KEY)

    stock_take(quantities={product.variants.get().pk: 8})

    assert cache.get(GRID_VERSION_KEY) == grid
    assert page("/en/products/")[1] == "hit"
    assert page(other.get_absolute_url())[1] == "hit"
    html, outcome = page(product.get_absolute_url())
    assert outcome == "miss" and "Only 2 left" in html


def test_selling_the_last_unit_marks_the_card_out_of_stock_at_once(make_product):
    product = make_product("Blue tagine", variants=[{"stock": 1}])
    assert "Out of stock" not in page("/en/products/")[0]
    stock_take(quantities={product.variants.get().pk: 1})
    assert "Out of stock" in page("/en/products/")[0]


def test_an_evicted_version_never_comes_back_to_an_old_value(make_product):
    """A version lost from the cache is recreated at random: the fragments
    stored under the old value are never served again."""
    product = make_product("Blue tagine", price="100")
    assert "100.00" in page("/en/products/")[0]
    cache.delete(GRID_VERSION_KEY)
    # A write that expires nothing by itself (as if its invalidation were lost too).
    Product.objects.filter(pk=product.pk).update_quietly(price=Decimal("75"))
    html, _ = page("/en/products/")
    assert "75.00" in html and "100.00" not in html


def test_a_new_release_renders_anew(make_product, settings):
    make_product("Blue tagine")
    from marketplace.core.release import release_id

    assert page("/en/products/")[1] == "miss"
    assert page("/en/products/")[1] == "hit"
    release_id.cache_clear()
    settings.RELEASE = "next-release"
    try:
        assert page("/en/products/")[1] == "miss"
    finally:
        release_id.cache_clear()


# --- keys: parsed input, not the raw URL -----------------------------------------


def test_junk_query_parameters_make_no_new_cache_entry(make_product):
    make_product("Blue tagine")
    assert page("/en/products/?q=tagine&sort=newest")[1] == "miss"
    outcomes = {
        page(f"/en/products/?sort=newest&x={n}&q=tagine&utm_source={n}")[1] for n in range(700)
    }
    assert outcomes == {"hit"}


def test_equivalent_filters_share_one_entry(make_product):
    make_product("Blue tagine", variants=[{"colour": "blue", "stock": 1}])
    page("/en/products/?option=colour:blue&option=size:M&min_price=10&page=1")
    assert page("/en/products/?min_price=10.00&option=size:M&option=colour:blue")[1] == "hit"
    assert page("/en/products/?page=abc")[1] == "miss"  # the unfiltered page 1
    assert page("/en/products/")[1] == "hit"


def test_one_client_can_store_only_so_many_new_fragments(make_product, settings):
    settings.FRAGMENT_WRITES_PER_CLIENT_MINUTE = 5
    make_product("Blue tagine")
    for word in ["a", "b", "c", "d", "e", "f", "g"]:
        page(f"/en/products/?q={word}")
    assert page("/en/products/?q=a")[1] == "hit"
    assert page("/en/products/?q=g")[1] == "miss"  # past the bound: served, not stored


def test_a_visitors_text_never_becomes_a_csrf_token(make_product):
    """The placeholder is replaced only inside the token inputs the template
    rendered: typed into a search, it is echoed as typed (and in no link)."""
    make_product("Blue tagine", variants=[{"stock": 3}])
    placeholder = "__souk-csrf-token__"
    visitor = Client()
    first = visitor.get(f"/en/products/?q={placeholder}&utm_content={placeholder}")
    second = visitor.get(f"/en/products/?q={placeholder}")  # the shared copy
    for response in (first, second):
        html = response.content.decode()
        assert f"“{placeholder}”" in html  # the search text, echoed as typed
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert tokens and placeholder not in tokens
        for token in tokens:
            for match in re.finditer(re.escape(token), html):
                before = html[max(0, match.start() - 45) : match.start()]
                assert before.endswith('name="csrfmiddlewaretoken" value="') or (
                    "X-CSRFToken" in before
                )


# --- the race between a change and its COMMIT (two connections) -------------------


@pytest.mark.postgres
def test_a_page_rendered_before_commit_is_not_served_after_it(make_product):
    """A request that arrives while a price change is still uncommitted sees (and
    may cache) the old price; once the change commits, the next request shows the
    new one. Expiring before COMMIT would cache the old price under the new key."""
    product = make_product("Blue tagine", price="100")
    variant_pk = product.variants.get().pk
    assert "100.00" in page("/en/products/")[0]
    changed, served, failures = threading.Event(), threading.Event(), []

    def change_price():
        try:
            with transaction.atomic():
                variant = Variant.objects.get(pk=variant_pk)
                variant.price_override = Decimal("75")
                variant.save()
                changed.set()
                if not served.wait(10):
                    failures.append("the reader never came")
        except Exception as error:  # reported by the test thread
            failures.append(repr(error))
        finally:
            changed.set()
            connection.close()

    writer = threading.Thread(target=change_price)
    writer.start()
    try:
        assert changed.wait(10)
        html, _ = page("/en/products/")  # another connection: the old row
        assert "100.00" in html
    finally:
        served.set()
        writer.join(10)
    assert not failures
    html, _ = page("/en/products/")
    assert "75.00" in html and "100.00" not in html
