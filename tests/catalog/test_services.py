"""Stock movements: nothing is sold that is not there, and buyers never deadlock."""

from decimal import Decimal

import pytest

from marketplace.catalog.models import Product, Variant
from marketplace.catalog.services import OutOfStock, Shortfall, stock_return, stock_take
from tests.concurrency import run_at_once


@pytest.mark.django_db
def test_a_sale_takes_every_line_or_none(make_product):
    tagine = make_product("Tagine", variants=[{"stock": 3}]).variants.get()
    rug = make_product("Rug", variants=[{"stock": 1}]).variants.get()
    with pytest.raises(OutOfStock) as refused:
        stock_take(quantities={tagine.pk: 2, rug.pk: 2})
    assert refused.value.shortfalls == [Shortfall(rug.pk, 2, 1)]
    tagine.refresh_from_db()
    rug.refresh_from_db()
    assert (tagine.stock, rug.stock) == (3, 1)


@pytest.mark.django_db
def test_an_inactive_or_missing_variant_cannot_be_sold(make_product):
    variant = make_product("Tagine", variants=[{"stock": 3, "is_active": False}, {"stock": 1}])
    inactive = variant.variants.get(is_active=False)
    with pytest.raises(OutOfStock) as refused:
        stock_take(quantities={inactive.pk: 1, 999_999: 1})
    assert {s.variant_id for s in refused.value.shortfalls} == {inactive.pk, 999_999}


@pytest.mark.django_db
def test_a_sale_refreshes_price_and_availability_once_per_product(
    make_product, django_assert_num_queries
):
    product = make_product(
        "Argan oil",
        price="120",
        variants=[
            {"size": "50 ml", "price_override": Decimal("80"), "stock": 1},
            {"size": "250 ml", "stock": 4},
        ],
    )
    small, large = product.variants.order_by("pk")
    # lock variants, 1 UPDATE of both, 1 INSERT of both movements, lock products,
    # 1 aggregate (no product change)
    # (plus the savepoint pair of the atomic block inside the test's transaction)
    with django_assert_num_queries(7):
        stock_take(quantities={small.pk: 1, large.pk: 1})
    product.refresh_from_db()
    # Still "from 80": the listed price is the lowest of the active variants.
    assert product.in_stock and product.price == Decimal("80.00")


@pytest.mark.django_db
def test_stock_returned_puts_the_product_back_on_sale(make_product):
    product = make_product("Tagine", variants=[{"stock": 1}])
    variant = product.variants.get()
    stock_take(quantities={variant.pk: 1})
    product.refresh_from_db()
    assert not product.in_stock
    stock_return(quantities={variant.pk: 1})
    product.refresh_from_db()
    variant.refresh_from_db()
    assert product.in_stock and variant.stock == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_of_the_last_five_units_make_five_sales(make_product):
    variant = make_product("Tagine", variants=[{"stock": 5}]).variants.get()

    def buy(_i):
        try:
            stock_take(quantities={variant.pk: 1})
            return "sold"
        except OutOfStock:
            return "refused"

    results = run_at_once(20, buy)
    assert results.count("sold") == 5 and results.count("refused") == 15
    variant.refresh_from_db()
    assert variant.stock == 0
    assert not Product.objects.get(pk=variant.product_id).in_stock


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_carts_with_the_same_items_in_opposite_order_never_deadlock(make_product):
    first = make_product("Tagine", variants=[{"stock": 100}]).variants.get()
    second = make_product("Rug", variants=[{"stock": 100}]).variants.get()
    orders = [{first.pk: 1, second.pk: 1}, {second.pk: 1, first.pk: 1}]

    results = run_at_once(10, lambda i: stock_take(quantities=orders[i % 2]))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Variant.objects.get(pk=first.pk).stock == 90
    assert Variant.objects.get(pk=second.pk).stock == 90
