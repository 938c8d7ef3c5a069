"""The stock section: the shop's variants in a quick table with inline edits, the
CSV export and import with its report, and the history of every stock change."""

import re
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.cart.storage import DatabaseCart, Entry
from marketplace.catalog.models import StockMovement, Variant
from marketplace.catalog.services import stock_set
from marketplace.dashboard import stock_files
from marketplace.orders.models import Order
from marketplace.orders.services import checkout_quote, place_order
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

STOCK = reverse("dashboard:stock")
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bowl(make_product):
    """Atelier Fassi's bowl, base price 120: BOWL-S (2 left, threshold 3) and BOWL-L
    (9 left, own price 150)."""
    product = make_product(
        "Painted bowl",
        name_fr="Bol peint",
        price="120",
        variants=[
            {"sku": "BOWL-S", "size": "S", "stock": 2},
            {"sku": "BOWL-L", "size": "L", "stock": 9, "price_override": Decimal("150")},
        ],
    )
    return {v.sku: v for v in product.variants.all()}


@pytest.fixture
def rug(make_product, other_shop):
    """Another shop's variant: RUG-1."""
    return make_product("Wool rug", vendor=other_shop, variants=[{"sku": "RUG-1", "stock": 4}])


@pytest.fixture
def rug_variant(rug):
    return rug.variants.get()


def edit_url(variant) -> str:
    return reverse("dashboard:stock_edit", kwargs={"variant_id": variant.pk})


def history_url(variant) -> str:
    return reverse("dashboard:stock_variant_movements", kwargs={"variant_id": variant.pk})


def csv_upload(text: str, name: str = "stock.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


# --- The table ---------------------------------------------------------------------


def test_the_table_lists_the_shops_variants_with_stock_price_and_low_stock(owner_client, bowl, rug):
    response = owner_client.get(STOCK)
    assert response.status_code == 200
    html = response.text
    assert "BOWL-S" in html and "BOWL-L" in html and "RUG-1" not in html
    row = html[html.index(f'id="stock-row-{bowl["BOWL-S"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Painted bowl" in row and "Low stock" in row
    assert 'value="2"' in row and "Product price: 120.00" in row
    assert 'value="150.00"' in html  # BOWL-L's own price, editable
    assert "Stock of Painted bowl (S)" in row  # every input has its label


def test_search_finds_variants_by_sku_or_by_name_in_any_language(owner_client, bowl, make_product):
    make_product("Tagine", variants=[{"sku": "TAG-1"}])
    by_sku = owner_client.get(STOCK, {"q": "bowl-l"}).text
    assert "BOWL-L" in by_sku and "BOWL-S" not in by_sku and "TAG-1" not in by_sku
    by_french_name = owner_client.get(STOCK, {"q": "bol peint"}).text
    assert "BOWL-S" in by_french_name and "TAG-1" not in by_french_name


def test_low_stock_only_shows_active_variants_at_or_under_their_threshold(
    owner_client, bowl, make_product
):
    make_product("Sold-out cup", variants=[{"sku": "CUP-0", "stock": 0}])
    make_product("Old cup", variants=[{"sku": "CUP-X", "stock": 0, "is_active": False}])
    html = owner_client.get(STOCK, {"low": "1"}).text
    assert "BOWL-S" in html and "CUP-0" in html
    assert "BOWL-L" not in html and "CUP-X" not in html
    assert "Sold out" in html


def test_an_htmx_filter_gets_the_table_only(owner_client, bowl):
    response = owner_client.get(STOCK, {"q": "BOWL"}, **HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="stock-table">')
    assert "<html" not in response.text


def test_the_table_is_paginated(owner_client, make_product, monkeypatch):
    monkeypatch.setattr("marketplace.dashboard.views.stock.STOCK_PER_PAGE", 2)
    make_product("Cup", variants=[{"sku": f"CUP-{n}"} for n in range(5)])
    first = owner_client.get(STOCK).text
    assert "Page 1 of 3" in first and 'rel="next"' in first
    last = owner_client.get(STOCK, {"page": "99"}).text  # past the end: the last page
    assert "Page 3 of 3" in last
    assert owner_client.get(STOCK, {"page": "junk"}).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_table_queries_do_not_grow_with_the_page(
    owner_client, make_product, django_assert_num_queries, lazy_loads_raise, count
):
    make_product("Cup", variants=[{"sku": f"CUP-{n}"} for n in range(count)])
    owner_client.get(STOCK)  # the category menu is cached from now on
    # user, membership with its shop, cart counter, count, the page's variants
    # with their products (the session is in the cache)
    with django_assert_num_queries(5):
        assert owner_client.get(STOCK).status_code == 200


# --- Inline edits ------------------------------------------------------------------


def test_an_inline_edit_saves_and_returns_the_row(owner_client, owner, bowl, lazy_loads_raise):
    variant = bowl["BOWL-S"]
    response = owner_client.post(
        edit_url(variant), {"stock": "12", "price": "", "seen": "2", "next": STOCK}, **HX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="stock-row-{variant.pk}"')
    assert 'value="12"' in response.text and "Low stock" not in response.text
    assert "Saved: Painted bowl (S) (BOWL-S) has 12 in stock." in response.text  # #messages
    assert Variant.objects.get(pk=variant.pk).stock == 12
    movement = StockMovement.objects.get(variant=variant)
    assert (movement.reason, movement.change, movement.stock_after, movement.user) == (
        StockMovement.Reason.MANUAL,
        10,
        12,
        owner,
    )


def test_staff_members_edit_stock_too(staff_client, shop_staff, bowl):
    variant = bowl["BOWL-S"]
    staff_client.post(edit_url(variant), {"stock": "4", "seen": "2"})
    assert StockMovement.objects.get(variant=variant).user == shop_staff


def test_without_javascript_an_edit_redirects_back_to_the_table(owner_client, bowl):
    variant = bowl["BOWL-L"]
    back = f"{STOCK}?q=BOWL&page=1"
    response = owner_client.post(
        edit_url(variant), {"stock": "9", "price": "99.50", "seen": "9", "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert Variant.objects.get(pk=variant.pk).price_override == Decimal("99.50")
    assert not StockMovement.objects.exists()  # the stock did not change


def test_clearing_the_price_goes_back_to_the_products_price(owner_client, bowl):
    variant = bowl["BOWL-L"]
    owner_client.post(edit_url(variant), {"stock": "9", "price": "", "seen": "9"})
    assert Variant.objects.get(pk=variant.pk).price_override is None


def test_an_unsafe_next_is_ignored(owner_client, bowl):
    response = owner_client.post(
        edit_url(bowl["BOWL-S"]), {"stock": "3", "seen": "2", "next": "https://evil.example/"}
    )
    assert response["Location"] == STOCK


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"stock": "-1"}, "greater than or equal to 0"),
        ({"stock": "2.5"}, "Enter a whole number."),
        ({"stock": ""}, "This field is required."),
        ({"stock": "3", "price": "0"}, "greater than or equal to 0.01"),
        ({"stock": "3", "price": "abc"}, "Enter a number."),
    ],
)
def test_a_bad_value_returns_the_row_with_its_error_and_saves_nothing(
    owner_client, bowl, data, error
):
    variant = bowl["BOWL-S"]
    response = owner_client.post(edit_url(variant), {"seen": "2", **data}, **HX)
    assert response.status_code == 400
    assert response.text.lstrip().startswith(f'<tr id="stock-row-{variant.pk}"')
    assert error in response.text and 'aria-invalid="true"' in response.text
    assert Variant.objects.get(pk=variant.pk).stock == 2


def test_without_javascript_a_bad_value_shows_the_edit_page_with_a_400(owner_client, bowl):
    response = owner_client.post(edit_url(bowl["BOWL-S"]), {"stock": "-4", "seen": "2"})
    assert response.status_code == 400
    assert "Stock of Painted bowl (S)" in response.text
    assert "greater than or equal to 0" in response.text


def test_a_count_typed_before_a_sale_is_refused_with_the_new_stock(
    owner_client, owner, bowl, lazy_loads_raise
):
    variant = bowl["BOWL-L"]
    stock_set(variant=variant, stock=7, user=owner)  # changed after the page was shown
    response = owner_client.post(edit_url(variant), {"stock": "20", "seen": "9"}, **HX)
    assert response.status_code == 409
    assert "changed to 7" in response.text
    assert 'name="seen" value="7"' in response.text  # saving again goes through
    assert Variant.objects.get(pk=variant.pk).stock == 7


def test_the_edit_page_shows_the_variants_form(owner_client, bowl):
    response = owner_client.get(edit_url(bowl["BOWL-L"]), {"next": f"{STOCK}?page=2"})
    assert response.status_code == 200
    assert 'name="stock"' in response.text and 'value="150.00"' in response.text
    assert f'value="{STOCK}?page=2"' in response.text


# --- CSV export ----------------------------------------------------------------------


def test_the_export_is_a_utf8_csv_of_the_shops_variants(owner_client, shop, bowl, rug):
    response = owner_client.get(reverse("dashboard:stock_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stock-{shop.slug}-{today}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "sku,stock,price,product,options"
    assert sorted(lines[1:3]) == [
        "BOWL-L,9,150.00,Painted bowl,L",
        "BOWL-S,2,120.00,Painted bowl,S",
    ]
    assert lines[3:] == [""]  # RUG-1 is another shop's


def test_the_export_keeps_names_that_look_like_formulas_as_text(owner_client, make_product):
    make_product("=HYPERLINK(1)", variants=[{"sku": "F-1"}])
    lines = owner_client.get(reverse("dashboard:stock_export")).content.decode("utf-8-sig")
    assert "F-1,10,100.00,'=HYPERLINK(1)," in lines


def test_an_exported_file_imports_back_without_changing_anything(owner_client, bowl):
    exported = owner_client.get(reverse("dashboard:stock_export")).content
    response = owner_client.post(
        reverse("dashboard:stock_import"),
        {"file": SimpleUploadedFile("stock.csv", exported)},
        follow=True,
    )
    assert "2 rows already up to date" in response.text
    assert not StockMovement.objects.exists()
    assert Variant.objects.get(sku="BOWL-S").price_override is None  # base price kept


# --- CSV import ------------------------------------------------------------------------


def test_an_import_applies_good_rows_and_reports_rejected_ones(
    owner_client, owner, bowl, rug_variant
):
    upload = csv_upload(
        "SKU;Stock;Price\r\n"  # semicolons and capitals, as a French spreadsheet saves
        "BOWL-S;14;\r\n"
        "BOWL-L;-2;\r\n"
        "RUG-1;50;\r\n"
        "\r\n"
        "NOPE;3;\r\n"
    )
    response = owner_client.post(reverse("dashboard:stock_import"), {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:stock_import_report")
    report = owner_client.get(response["Location"])
    assert report.status_code == 200
    text = report.text
    assert "1 variant updated" in text and "3 rows rejected" in text
    rejected = re.findall(r'data-label="Line">(\d+)</td>', text)
    assert rejected == ["3", "4", "6"]
    assert "Stock cannot be negative." in text
    assert text.count("Unknown SKU: none of your shop&#x27;s variants has it.") == 2
    assert Variant.objects.get(sku="BOWL-S").stock == 14
    assert Variant.objects.get(sku="RUG-1").stock == 4  # another shop's SKU: unknown
    movement = StockMovement.objects.get()
    assert (movement.reason, movement.note, movement.user) == (
        StockMovement.Reason.IMPORT,
        "File stock.csv",
        owner,
    )


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (csv_upload("sku,stock\nBOWL-S,3\n", encoding="utf-16"), "not in UTF-8"),
        (csv_upload("reference,quantity\nBOWL-S,3\n"), "The first line must name the columns"),
        (csv_upload("sku,price\nBOWL-S,3\n"), "The first line must name the columns"),
        (csv_upload(""), "The submitted file is empty."),
        (csv_upload("\ufeff\r\n  \r\n"), "The file is empty."),
        (csv_upload("sku,stock\n\n"), "The file has no rows under its header."),
        (csv_upload('sku,stock\n"BOWL-S,3\n'), "could not be read as CSV"),
        (SimpleUploadedFile("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "not in UTF-8"),
        (csv_upload("sku,stock\nBOWL-S\x00,3\n"), "This is not a CSV file."),
    ],
)
def test_a_file_that_is_not_a_stock_file_is_a_400_that_says_why(owner_client, bowl, upload, error):
    response = owner_client.post(reverse("dashboard:stock_import"), {"file": upload})
    assert response.status_code == 400
    assert error in response.text
    assert Variant.objects.get(sku="BOWL-S").stock == 2


def test_a_file_over_the_size_limit_is_refused(owner_client, bowl, monkeypatch):
    monkeypatch.setattr(stock_files, "MAX_FILE_BYTES", 64)
    upload = csv_upload("sku,stock\n" + "BOWL-S,3\n" * 20)
    response = owner_client.post(reverse("dashboard:stock_import"), {"file": upload})
    assert response.status_code == 400
    assert "The file is too large" in response.text


def test_a_file_with_too_many_rows_is_refused(owner_client, bowl, monkeypatch):
    monkeypatch.setattr(stock_files, "MAX_ROWS", 2)
    upload = csv_upload("sku,stock\nBOWL-S,3\nBOWL-L,4\nBOWL-X,5\n")
    response = owner_client.post(reverse("dashboard:stock_import"), {"file": upload})
    assert response.status_code == 400
    assert "more than 2 rows" in response.text


def test_an_import_without_a_file_is_a_400(owner_client):
    response = owner_client.post(reverse("dashboard:stock_import"), {})
    assert response.status_code == 400
    assert "This field is required." in response.text


def test_the_report_page_without_an_import_sends_to_the_import_page(owner_client):
    response = owner_client.get(reverse("dashboard:stock_import_report"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:stock_import")


def test_the_import_page_explains_the_file(owner_client):
    response = owner_client.get(reverse("dashboard:stock_import"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert reverse("dashboard:stock_export") in response.text


# --- History -------------------------------------------------------------------------


@pytest.fixture
def history(owner, bowl):
    stock_set(variant=bowl["BOWL-S"], stock=10, user=owner)
    stock_set(variant=bowl["BOWL-L"], stock=3, user=owner, note="Broken in the kiln")
    return bowl


def test_the_history_shows_who_when_why_the_change_and_the_stock_after(owner_client, history):
    html = owner_client.get(reverse("dashboard:stock_movements")).text
    assert html.count("Manual change") == 2 + 1  # two rows, and the filter's option
    assert "Youssef Fassi" in html and "Broken in the kiln" in html
    assert ">+8<" in html and ">-6<" in html
    assert "<time datetime=" in html


def test_a_variants_history_lists_its_changes_only(owner_client, history):
    html = owner_client.get(history_url(history["BOWL-L"])).text
    assert "Stock history of Painted bowl (L)" in html
    assert ">-6<" in html and ">+8<" not in html


def test_the_history_is_filtered_by_reason(owner_client, owner, history, buy_one):
    buy_one(history["BOWL-S"])
    sales = owner_client.get(reverse("dashboard:stock_movements"), {"reason": "sale"}).text
    assert ">-1<" in sales and ">+8<" not in sales
    assert re.search(r"Sale · SK-\d{4}-\d{6}", sales)


def test_an_unknown_reason_is_ignored_and_said_so(owner_client, history):
    response = owner_client.get(reverse("dashboard:stock_movements"), {"reason": "theft"})
    assert response.status_code == 200
    assert "That reason is not one we know" in response.text
    assert ">+8<" in response.text


def test_another_shops_movements_never_show(owner_client, history, other_owner, rug_variant):
    stock_set(variant=rug_variant, stock=40, user=other_owner)
    html = owner_client.get(reverse("dashboard:stock_movements")).text
    assert "RUG-1" not in html and "Fatima Ait" not in html


@pytest.mark.parametrize("count", [2, 20])
def test_the_history_queries_do_not_grow_with_the_page(
    owner_client, owner, bowl, django_assert_num_queries, lazy_loads_raise, count
):
    for n in range(count):
        stock_set(variant=bowl["BOWL-S"], stock=n + 20, user=owner)
    owner_client.get(reverse("dashboard:stock_movements"))  # the menu is cached now
    # user, membership with its shop, cart counter, count, the page's movements
    # with their variants, products and users
    with django_assert_num_queries(5):
        assert owner_client.get(reverse("dashboard:stock_movements")).status_code == 200


@pytest.fixture
def buy_one(user):
    """buy_one(variant): one unit bought through the real place_order, as
    tests/orders/conftest.py's `buy` does."""

    def buy(variant):
        cart = DatabaseCart(user)
        with transaction.atomic():
            cart.put(Entry(variant.pk, 1, variant.price))
        return place_order(
            cart=cart,
            user=user,
            email=user.email,
            address=ADDRESS,
            payment_method=Order.Method.CASH_ON_DELIVERY,
            language="en",
            idempotency_key=uuid.uuid4().hex,
            expected=checkout_quote(cart=cart).fingerprint(),
        )

    return buy


# --- Who may do what ---------------------------------------------------------------


def test_another_shops_variant_is_a_404_everywhere(owner_client, rug_variant):
    for response in (
        owner_client.get(edit_url(rug_variant)),
        owner_client.post(edit_url(rug_variant), {"stock": "0", "seen": "4"}),
        owner_client.post(edit_url(rug_variant), {"stock": "0", "seen": "4"}, **HX),
        owner_client.get(history_url(rug_variant)),
    ):
        assert response.status_code == 404
    assert Variant.objects.get(pk=rug_variant.pk).stock == 4


def section_urls(variant) -> list[tuple[str, str]]:
    return [
        ("get", STOCK),
        ("get", edit_url(variant)),
        ("post", edit_url(variant)),
        ("get", history_url(variant)),
        ("get", reverse("dashboard:stock_movements")),
        ("get", reverse("dashboard:stock_export")),
        ("get", reverse("dashboard:stock_import")),
        ("post", reverse("dashboard:stock_import")),
        ("get", reverse("dashboard:stock_import_report")),
    ]


def test_a_shopper_is_refused_every_stock_page(shopper_client, bowl):
    for method, url in section_urls(bowl["BOWL-S"]):
        response = getattr(shopper_client, method)(url)
        assert response.status_code == 403, url
    assert Variant.objects.get(sku="BOWL-S").stock == 2


def test_anonymous_visitors_are_sent_to_sign_in_from_every_stock_page(client, bowl):
    for method, url in section_urls(bowl["BOWL-S"]):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"]


def test_the_edit_only_accepts_get_and_post(owner_client, bowl):
    assert owner_client.delete(edit_url(bowl["BOWL-S"])).status_code == 405
    assert owner_client.post(STOCK).status_code == 405


def test_the_stock_pages_are_translated_and_carry_no_inline_style(owner_client, bowl, history):
    for url in (
        "/fr/dashboard/stock/",
        "/ar/dashboard/stock/",
        "/fr/dashboard/stock/movements/",
        "/ar/dashboard/stock/import/",
    ):
        response = owner_client.get(url)
        assert response.status_code == 200, url
        assert " style=" not in response.text and "<script>" not in response.text
    assert 'dir="rtl"' in owner_client.get("/ar/dashboard/stock/").text
