"""Every change of a variant's stock is recorded: who, when, why (a sale, a
cancellation, a manual change, an import), by how much and the stock after it."""

from decimal import Decimal

import pytest

from marketplace.catalog.models import Product, StockMovement, Variant
from marketplace.catalog.services import (
    StockChangeRefused,
    StockRow,
    stock_return,
    stock_set,
    stock_set_many,
    stock_take,
)
from marketplace.orders.models import Order, ShopOrder
from marketplace.orders.services import order_cancel, order_release_expired, shop_order_advance
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.orders import conftest as orders_fixtures

pytestmark = pytest.mark.django_db

# Orders are placed through the real place_order (tests/orders/conftest.py): `buy`,
# with Atelier Fassi's `tagine` (20 in stock) and Coopérative Tafraout's `rug` (10).
tagine = orders_fixtures.tagine
rug = orders_fixtures.rug
buy = orders_fixtures.buy

Reason = StockMovement.Reason


def movements(variant) -> list[tuple]:
    return list(
        StockMovement.objects.filter(variant=variant)
        .order_by("pk")
        .values_list("reason", "change", "stock_after", "note", "user__email")
    )


@pytest.fixture
def member(db):
    return UserFactory(email="staff@atelier-fassi.example", full_name="Salma Berrada")


# --- Sales and cancellations ----------------------------------------------------


def test_an_order_records_a_sale_per_variant_noted_with_its_number(buy, user, tagine, rug):
    order = buy(user=user, lines={tagine: 2, rug: 1})
    assert movements(tagine) == [(Reason.SALE, -2, 18, order.number, None)]
    assert movements(rug) == [(Reason.SALE, -1, 9, order.number, None)]


def test_cancelling_an_order_records_the_stock_coming_back(buy, user, tagine, rug):
    order = buy(user=user, lines={tagine: 2, rug: 1})
    order_cancel(order=order, reason="Changed my mind")
    assert movements(tagine)[-1] == (Reason.CANCELLATION, 2, 20, order.number, None)
    assert movements(rug)[-1] == (Reason.CANCELLATION, 1, 10, order.number, None)


def test_a_shop_cancelling_its_part_records_its_own_stock_only(buy, user, tagine, rug):
    order = buy(user=user, lines={tagine: 3, rug: 1})
    shop_order = order.shop_orders.get(vendor=tagine.product.vendor)
    shop_order_advance(shop_order=shop_order, status=ShopOrder.Status.CANCELLED, reason="Broken")
    assert movements(tagine)[-1] == (Reason.CANCELLATION, 3, 20, order.number, None)
    assert [m[0] for m in movements(rug)] == [Reason.SALE]


def test_an_expired_card_order_records_its_stock_given_back(buy, user, tagine):
    order = buy(user=user, method=Order.Method.CARD, lines={tagine: 4})
    Order.objects.filter(pk=order.pk).update(expires_at=order.created)
    assert order_release_expired() == 1
    assert movements(tagine) == [
        (Reason.SALE, -4, 16, order.number, None),
        (Reason.CANCELLATION, 4, 20, order.number, None),
    ]


def test_stock_take_and_return_record_in_one_insert_whatever_the_lines(
    make_product, member, django_assert_num_queries
):
    variants = [make_product(f"Bowl {n}", variants=[{"stock": 5}]).variants.get() for n in range(4)]
    # savepoint, lock variants, 1 UPDATE, 1 INSERT of 4 movements, lock products,
    # 1 aggregate, release (no product changes: all still in stock)
    with django_assert_num_queries(7):
        stock_take(quantities={v.pk: 1 for v in variants}, note="SK-1", user=member)
    with django_assert_num_queries(7):
        stock_return(quantities={v.pk: 1 for v in variants}, note="SK-1")
    assert StockMovement.objects.filter(reason=Reason.SALE, user=member).count() == 4
    assert StockMovement.objects.filter(reason=Reason.CANCELLATION, note="SK-1").count() == 4


def test_a_refused_sale_records_nothing(make_product):
    variant = make_product("Bowl", variants=[{"stock": 1}]).variants.get()
    with pytest.raises(Exception, match="no longer available"):
        stock_take(quantities={variant.pk: 2})
    assert not StockMovement.objects.exists()


# --- stock_set: one variant, from the stock table --------------------------------


def test_setting_the_stock_records_who_changed_it_and_by_how_much(make_product, member):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    saved = stock_set(variant=variant, stock=12, user=member)
    assert saved.stock == 12 and Variant.objects.get(pk=variant.pk).stock == 12
    assert movements(variant) == [(Reason.MANUAL, 7, 12, "", member.email)]


def test_setting_the_same_stock_records_nothing(make_product, member):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    stock_set(variant=variant, stock=5, user=member)
    assert movements(variant) == []


def test_setting_stock_to_zero_takes_the_product_off_sale_and_back(make_product, member):
    product = make_product("Bowl", variants=[{"stock": 5}])
    variant = product.variants.get()
    stock_set(variant=variant, stock=0, user=member)
    assert not Product.objects.get(pk=product.pk).in_stock
    stock_set(variant=variant, stock=3, user=member)
    assert Product.objects.get(pk=product.pk).in_stock
    assert [m[1:3] for m in movements(variant)] == [(-5, 0), (3, 3)]


def test_a_variant_price_set_and_cleared_moves_the_listed_price(make_product, member):
    product = make_product("Bowl", price="100", variants=[{"stock": 5}])
    variant = product.variants.get()
    stock_set(variant=variant, stock=5, price_override=Decimal("80.00"), user=member)
    assert Product.objects.get(pk=product.pk).price == Decimal("80.00")
    stock_set(variant=variant, stock=5, price_override=None, user=member)
    assert Product.objects.get(pk=product.pk).price == Decimal("100.00")
    assert movements(variant) == []  # prices are not stock movements


@pytest.mark.parametrize("stock", [-1, 1_000_001, "3", 2.5, True])
def test_a_negative_absurd_or_non_integer_stock_is_refused(make_product, member, stock):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    with pytest.raises(StockChangeRefused):
        stock_set(variant=variant, stock=stock, user=member)
    assert Variant.objects.get(pk=variant.pk).stock == 5


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-3"), Decimal("1.005")])
def test_a_price_of_zero_or_below_or_with_three_decimals_is_refused(make_product, member, price):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    with pytest.raises(StockChangeRefused):
        stock_set(variant=variant, stock=6, price_override=price, user=member)
    assert Variant.objects.get(pk=variant.pk).stock == 5


def test_a_count_typed_before_a_sale_does_not_silently_undo_it(make_product, member):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    stock_take(quantities={variant.pk: 1})  # a sale after the page was shown
    with pytest.raises(StockChangeRefused, match="changed to 4"):
        stock_set(variant=variant, stock=9, user=member, expected=5)
    assert Variant.objects.get(pk=variant.pk).stock == 4


def test_stock_set_queries(make_product, member, django_assert_num_queries):
    variant = make_product("Bowl", variants=[{"stock": 5}]).variants.get()
    # savepoint, lock, UPDATE, INSERT movement, lock product, aggregate, release
    with django_assert_num_queries(7):
        stock_set(variant=variant, stock=6, user=member)
    # nothing to change: savepoint, lock, release
    with django_assert_num_queries(3):
        stock_set(variant=variant, stock=6, user=member)


# --- stock_set_many: a CSV import -------------------------------------------------


@pytest.fixture
def bowls(make_product):
    """Three variants of Atelier Fassi: BOWL-S (5), BOWL-M (5, own price 150), BOWL-L
    (5), of a product whose base price is 120."""
    product = make_product(
        "Bowl",
        price="120",
        variants=[
            {"sku": "BOWL-S", "size": "S", "stock": 5},
            {"sku": "BOWL-M", "size": "M", "stock": 5, "price_override": Decimal("150")},
            {"sku": "BOWL-L", "size": "L", "stock": 5},
        ],
    )
    return {v.sku: v for v in product.variants.all()}


def stock_of(sku: str) -> int:
    return Variant.objects.get(sku=sku).stock


def test_an_import_sets_the_counts_and_records_each_change(shop, bowls, member):
    result = stock_set_many(
        vendor=shop,
        rows=[
            StockRow(2, "BOWL-S", "8"),
            StockRow(3, "BOWL-M", "0"),
            StockRow(4, "BOWL-L", "5"),
        ],
        user=member,
        note="File stock.csv",
    )
    assert (result.applied, result.unchanged, result.rejected) == (2, 1, [])
    assert (stock_of("BOWL-S"), stock_of("BOWL-M"), stock_of("BOWL-L")) == (8, 0, 5)
    assert movements(bowls["BOWL-S"]) == [(Reason.IMPORT, 3, 8, "File stock.csv", member.email)]
    assert movements(bowls["BOWL-M"]) == [(Reason.IMPORT, -5, 0, "File stock.csv", member.email)]
    assert movements(bowls["BOWL-L"]) == []


def test_bad_rows_are_rejected_with_their_reason_and_good_rows_still_apply(
    shop, other_shop, bowls, member, make_product
):
    make_product("Rug", vendor=other_shop, variants=[{"sku": "RUG-1", "stock": 2}])
    result = stock_set_many(
        vendor=shop,
        rows=[
            StockRow(2, "BOWL-S", "-3"),
            StockRow(3, "BOWL-M", "2.5"),
            StockRow(4, "NOPE", "4"),
            StockRow(5, "RUG-1", "40"),
            StockRow(6, "", "4"),
            StockRow(7, "BOWL-L", "abc"),
            StockRow(8, "BOWL-S", "7"),
            StockRow(9, "BOWL-X", ""),
        ],
        user=member,
    )
    reasons = {row.line: (row.sku, row.reason) for row in result.rejected}
    assert reasons == {
        2: ("BOWL-S", "This SKU is on several lines (2, 8): give it once."),
        3: ("BOWL-M", "Stock must be a whole number, such as 12."),
        4: ("NOPE", "Unknown SKU: none of your shop's variants has it."),
        5: ("RUG-1", "Unknown SKU: none of your shop's variants has it."),
        6: ("", "No SKU."),
        7: ("BOWL-L", "Stock must be a whole number, such as 12."),
        8: ("BOWL-S", "This SKU is on several lines (2, 8): give it once."),
        9: ("BOWL-X", "No stock given."),
    }
    assert [row.line for row in result.rejected] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert result.applied == 0
    assert stock_of("RUG-1") == 2  # another shop's variant is never touched


def test_a_negative_stock_in_a_file_is_rejected_as_negative(shop, bowls, member):
    result = stock_set_many(vendor=shop, rows=[StockRow(2, "BOWL-S", "-3")], user=member)
    assert [row.reason for row in result.rejected] == ["Stock cannot be negative."]
    assert stock_of("BOWL-S") == 5


def test_good_rows_apply_beside_rejected_ones(shop, bowls, member):
    result = stock_set_many(
        vendor=shop,
        rows=[StockRow(2, "BOWL-S", "9"), StockRow(3, "BOWL-M", "-1")],
        user=member,
    )
    assert result.applied == 1 and len(result.rejected) == 1
    assert (stock_of("BOWL-S"), stock_of("BOWL-M")) == (9, 5)


def test_an_import_price_differing_from_the_current_price_becomes_the_variants_own(
    shop, bowls, member
):
    result = stock_set_many(
        vendor=shop,
        rows=[
            StockRow(2, "BOWL-S", "5", "120.00"),  # the product's price: unchanged
            StockRow(3, "BOWL-M", "5", ""),  # empty: unchanged
            StockRow(4, "BOWL-L", "5", "99,50"),  # a decimal comma, as spreadsheets write
        ],
        user=member,
    )
    assert (result.applied, result.unchanged) == (1, 2)
    overrides = dict(
        Variant.objects.filter(sku__startswith="BOWL").values_list("sku", "price_override")
    )
    assert overrides == {"BOWL-S": None, "BOWL-M": Decimal("150.00"), "BOWL-L": Decimal("99.50")}
    assert Product.objects.get(pk=bowls["BOWL-L"].product_id).price == Decimal("99.50")
    assert movements(bowls["BOWL-L"]) == []  # a price is not a stock movement


@pytest.mark.parametrize(
    ("price", "reason"),
    [
        ("abc", "The price must be an amount such as 120.50, or left empty."),
        ("0", "The price must be above zero."),
        ("-5", "The price must be above zero."),
        ("12.345", "The price has at most two decimals and is below 100,000,000."),
        ("100000000", "The price has at most two decimals and is below 100,000,000."),
    ],
)
def test_a_bad_price_rejects_its_row(shop, bowls, member, price, reason):
    result = stock_set_many(vendor=shop, rows=[StockRow(2, "BOWL-S", "9", price)], user=member)
    assert [row.reason for row in result.rejected] == [reason]
    assert stock_of("BOWL-S") == 5


def test_an_import_queries_do_not_grow_with_the_file(
    shop, make_product, member, django_assert_num_queries
):
    product = make_product("Cup", variants=[{"sku": f"CUP-{n}", "stock": 1} for n in range(30)])
    small = [StockRow(n + 2, f"CUP-{n}", "4", "80") for n in range(3)]
    large = [StockRow(n + 2, f"CUP-{n}", "7", "90") for n in range(30)]
    # savepoint, lock variants, UPDATE stock, UPDATE prices, INSERT movements,
    # lock products, aggregate, UPDATE product (its price moved), release
    with django_assert_num_queries(9):
        stock_set_many(vendor=shop, rows=small, user=member)
    with django_assert_num_queries(9):
        stock_set_many(vendor=shop, rows=large, user=member)
    assert set(product.variants.values_list("stock", flat=True)) == {7}
    assert StockMovement.objects.filter(reason=Reason.IMPORT).count() == 33


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sales_imports_and_manual_counts_at_once_keep_an_exact_history(shop, make_product):
    member = UserFactory(email="staff@atelier-fassi.example")
    product = make_product(
        "Cup", variants=[{"sku": "CUP-A", "stock": 50}, {"sku": "CUP-B", "stock": 50}]
    )
    first, second = product.variants.order_by("pk")

    def work(i):
        if i % 3 == 0:  # a buyer of both, in either order
            order = {first.pk: 1, second.pk: 1} if i % 2 else {second.pk: 1, first.pk: 1}
            return stock_take(quantities=order)
        if i % 3 == 1:  # an import of both
            rows = [StockRow(2, "CUP-B", str(30 + i)), StockRow(3, "CUP-A", str(40 + i))]
            return stock_set_many(vendor=shop, rows=rows, user=member)
        return stock_set(variant=first, stock=20 + i, user=member)  # a manual count

    results = run_at_once(12, work)
    assert not [r for r in results if isinstance(r, Exception)]
    for variant in (first, second):
        history = list(
            StockMovement.objects.filter(variant=variant)
            .order_by("created", "pk")
            .values_list("change", "stock_after")
        )
        stock = 50
        for change, after in history:
            stock += change
            assert after == stock  # each movement starts where the previous ended
        assert Variant.objects.get(pk=variant.pk).stock == stock
