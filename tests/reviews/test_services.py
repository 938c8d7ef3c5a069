"""Only a buyer whose order line for the product was delivered may review it, once;
the product's rating (average, count) is recomputed in the same transaction as
every change and stays exact, even under concurrent reviews."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from marketplace.catalog.models import Product
from marketplace.reviews import selectors, services
from marketplace.reviews.models import Review, ReviewReport
from tests.concurrency import run_at_once
from tests.factories import UserFactory

from .helpers import bought, place, review, ship

pytestmark = pytest.mark.django_db


def rating_of(product) -> tuple[Decimal, int]:
    product = Product.objects.get(pk=product.pk)
    return product.rating_average, product.rating_count


def write(user, product, rating=4, text="Lovely glaze, arrived safely."):
    return services.review_create(
        user=user, product=product, rating=rating, text=text, language="fr"
    )


# --- Who may review ------------------------------------------------------------------


def test_a_shopper_who_never_bought_the_product_may_not_review_it(buyer, tagine):
    with pytest.raises(services.NotEligible, match="Only buyers who received this product"):
        write(buyer, tagine)
    assert not Review.objects.exists()
    assert rating_of(tagine) == (Decimal("0.00"), 0)


def test_a_buyer_whose_order_is_not_delivered_yet_is_told_to_wait(buyer, tagine):
    order = place(buyer, tagine)
    with pytest.raises(services.NotEligible, match="not been delivered yet"):
        write(buyer, tagine)
    ship(order)  # shipped is not delivered
    with pytest.raises(services.NotEligible, match="not been delivered yet"):
        write(buyer, tagine)
    assert not Review.objects.exists()


def test_a_delivered_buyer_reviews_and_the_review_keeps_the_line_that_entitles_it(buyer, tagine):
    order = bought(buyer, tagine)
    created = write(buyer, tagine, rating=4)
    assert created.order_line.order_id == order.pk
    assert created.order_line.product_id == tagine.pk
    assert created.language == "fr"
    assert rating_of(tagine) == (Decimal("4.00"), 1)


def test_buying_another_product_does_not_entitle_a_review(buyer, tagine, make_product):
    bought(buyer, make_product("Copper lantern"))
    with pytest.raises(services.NotEligible):
        write(buyer, tagine)


def test_a_second_review_of_the_same_product_is_refused(buyer, tagine):
    bought(buyer, tagine)
    write(buyer, tagine, rating=5)
    bought(buyer, tagine)  # buying it again gives no second review
    with pytest.raises(services.AlreadyDone, match="already reviewed"):
        write(buyer, tagine, rating=1)
    assert Review.objects.count() == 1
    assert rating_of(tagine) == (Decimal("5.00"), 1)


def test_the_database_refuses_a_second_review_and_an_out_of_range_rating(buyer, tagine):
    first = write_after_buying(buyer, tagine)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            product=tagine, user=buyer, order_line=first.order_line, rating=3, text="x" * 20
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=first.pk).update(rating=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=first.pk).update(rating=0)


def write_after_buying(user, product, rating=4):
    bought(user, product)
    return write(user, product, rating=rating)


@pytest.mark.parametrize(
    ("rating", "text"),
    [
        (0, "Long enough text"),
        (6, "Long enough text"),
        ("five", "Long enough text"),
        (True, "Long enough text"),
        (4, "short"),
        (4, "x" * 50_000),
    ],
)
def test_the_service_refuses_what_the_form_refuses(buyer, tagine, rating, text):
    bought(buyer, tagine)
    with pytest.raises(ValidationError):
        write(buyer, tagine, rating=rating, text=text)
    assert not Review.objects.exists()


# --- The aggregate -------------------------------------------------------------------


def test_the_aggregate_is_exact_after_each_change(tagine, make_buyer):
    a, b, c = make_buyer("A One"), make_buyer("B Two"), make_buyer("C Three")
    first = review(a, tagine, rating=5)
    review(b, tagine, rating=4)
    third = review(c, tagine, rating=4)
    assert rating_of(tagine) == (Decimal("4.33"), 3)  # 13 / 3, rounded half up

    services.review_update(review=third, rating=1, text="Cracked on the first use.", language="en")
    assert rating_of(tagine) == (Decimal("3.33"), 3)

    services.review_delete(review=first)
    assert rating_of(tagine) == (Decimal("2.50"), 2)

    services.review_hide(review=third, by=None, reason="Insults")
    assert rating_of(tagine) == (Decimal("4.00"), 1)

    services.review_restore(review=third, by=None)
    assert rating_of(tagine) == (Decimal("2.50"), 2)


def test_half_up_rounding_of_the_average(tagine, make_buyer):
    for rating in (5, 4):
        review(make_buyer(), tagine, rating=rating)
    assert rating_of(tagine) == (Decimal("4.50"), 2)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    assert rating_of(tagine) == (Decimal("4.13"), 8)  # 33 / 8 = 4.125


def test_a_deleted_account_takes_its_review_out_of_the_rating(tagine, make_buyer):
    stays, leaves = make_buyer(), make_buyer()
    review(stays, tagine, rating=2)
    review(leaves, tagine, rating=5)
    leaves.delete()
    assert rating_of(tagine) == (Decimal("2.00"), 1)


def test_hiding_settles_the_reviews_reports(tagine, make_buyer):
    target = review(make_buyer(), tagine, rating=1)
    services.review_report(review=target, user=make_buyer(), reason="offensive")
    services.review_hide(review=target, by=None, reason="Offensive")
    assert not ReviewReport.objects.filter(resolved=False).exists()


def test_a_report_is_once_per_user_and_never_of_ones_own_review(tagine, make_buyer):
    author, reader = make_buyer(), make_buyer()
    target = review(author, tagine)
    services.review_report(review=target, user=reader, reason="spam", note="An advert")
    with pytest.raises(services.AlreadyDone):
        services.review_report(review=target, user=reader, reason="other")
    with pytest.raises(services.ReviewRefused):
        services.review_report(review=target, user=author, reason="spam")
    assert ReviewReport.objects.count() == 1


def test_the_shop_replies_once_and_edits_its_reply(tagine, shop, other_shop, make_buyer):
    target = review(make_buyer(), tagine)
    services.review_reply(review=target, vendor=shop, author=None, text="Thank you!")
    services.review_reply(review=target, vendor=shop, author=None, text="Thank you, Karim!")
    assert target.__class__.objects.get(pk=target.pk).reply.text == "Thank you, Karim!"
    with pytest.raises(services.ReviewRefused):
        services.review_reply(review=target, vendor=other_shop, author=None, text="Hello")


def test_latest_for_shop_lists_the_shops_visible_reviews_newest_first(
    tagine, shop, make_product, other_shop, make_buyer, django_assert_num_queries
):
    older = review(make_buyer(), tagine, rating=3)
    newer = review(make_buyer(), tagine, rating=5)
    hidden = review(make_buyer(), tagine, rating=1)
    services.review_hide(review=hidden, by=None)
    review(make_buyer(), make_product("Rug", vendor=other_shop))
    with django_assert_num_queries(1):
        latest = selectors.latest_for_shop(shop, limit=5)
        assert [r.pk for r in latest] == [newer.pk, older.pk]
        assert latest[0].product.name == "Blue tagine" and latest[0].user.full_name


# --- Concurrency (PostgreSQL) --------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_keep_the_aggregate_exact(make_product):
    product = make_product("Blue tagine", variants=[{"stock": 100}])
    buyers = [UserFactory(full_name=f"Buyer {i}") for i in range(8)]
    for buyer in buyers:
        bought(buyer, product)
    ratings = [5, 4, 3, 5, 1, 2, 4, 5]

    def work(i):
        return write(buyers[i], product, rating=ratings[i])

    results = run_at_once(len(buyers), work)
    assert all(isinstance(result, Review) for result in results), results
    assert rating_of(product) == (
        (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.01"), ROUND_HALF_UP),
        len(ratings),
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_makes_one_review(make_product):
    product = make_product("Blue tagine", variants=[{"stock": 100}])
    buyer = UserFactory(full_name="Double Click")
    bought(buyer, product)

    results = run_at_once(4, lambda i: write(buyer, product, rating=5))
    assert sum(isinstance(result, Review) for result in results) == 1
    assert all(isinstance(result, (Review, services.AlreadyDone)) for result in results), results
    assert rating_of(product) == (Decimal("5.00"), 1)
    assert connection.vendor == "postgresql"
