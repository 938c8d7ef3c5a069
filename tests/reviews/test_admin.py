"""Staff moderate reviews in the admin: the reported queue comes first, hiding (with
a reason) and restoring go through the services, so the product's rating follows
in the same transaction; the list costs a fixed number of queries."""

import re
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.catalog.models import Product
from marketplace.reviews import services
from marketplace.reviews.models import Review, ReviewReport

from .helpers import review

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:reviews_review_changelist"


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("staff@souk.local", "x-Pass-9876")


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def listed(html: str) -> list[int]:
    """Review ids in the order of the changelist's rows."""
    return [int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', html)]


def rating_of(product) -> tuple[Decimal, int]:
    product = Product.objects.get(pk=product.pk)
    return product.rating_average, product.rating_count


def report(target, user, reason="offensive"):
    return services.review_report(review=target, user=user, reason=reason)


def test_the_reported_queue_comes_first_and_has_its_filter(staff_client, tagine, make_buyer):
    calm = review(make_buyer(), tagine, rating=5, text="Lovely, thank you.")
    once = review(make_buyer(), tagine, rating=1, text="Rubbish shop, rubbish people.")
    twice = review(make_buyer(), tagine, rating=2, text="Buy from my shop instead.")
    settled = review(make_buyer(), tagine, rating=3, text="Average, fine I guess.")
    report(once, make_buyer())
    report(twice, make_buyer(), "spam")
    report(twice, make_buyer(), "spam")
    report(settled, make_buyer())
    services.reports_dismiss(review=settled)

    html = staff_client.get(reverse(CHANGELIST)).text
    assert listed(html)[:2] == [twice.pk, once.pk]  # most reports to settle first
    assert set(listed(html)) == {calm.pk, once.pk, twice.pk, settled.pk}

    queue = staff_client.get(reverse(CHANGELIST) + "?reported=open").text
    assert listed(queue) == [twice.pk, once.pk]
    ones = staff_client.get(reverse(CHANGELIST) + "?rating=1").text
    assert listed(ones) == [once.pk]
    rest = staff_client.get(reverse(CHANGELIST) + "?reported=none").text
    assert set(listed(rest)) == {calm.pk, settled.pk}


def test_staff_search_reviews_by_text_buyer_and_product(staff_client, tagine, make_buyer):
    target = review(make_buyer("Karim Alaoui"), tagine, text="Glaze like the sea.")
    other = review(make_buyer("Salma Berrada"), tagine, text="Sturdy and pretty.")
    url = reverse(CHANGELIST)
    assert listed(staff_client.get(url + "?q=sea").text) == [target.pk]
    assert listed(staff_client.get(url + "?q=Berrada").text) == [other.pk]
    assert set(listed(staff_client.get(url + "?q=Blue tagine").text)) == {target.pk, other.pk}


def test_hiding_asks_for_a_reason_then_recomputes_the_rating(
    staff_client, admin_user, tagine, make_buyer
):
    review(make_buyer(), tagine, rating=5)
    rude = review(make_buyer(), tagine, rating=1, text="Rude words about the artisan.")
    report(rude, make_buyer())
    assert rating_of(tagine) == (Decimal("3.00"), 2)
    action = {"action": "hide", ACTION_CHECKBOX_NAME: [rude.pk]}

    page = staff_client.post(reverse(CHANGELIST), action)
    assert page.status_code == 200 and "Reason (shown to the buyer who wrote it)" in page.text
    assert not Review.objects.get(pk=rude.pk).is_hidden

    confirmed = {**action, "apply": "yes", "reason": "Insults"}
    response = staff_client.post(reverse(CHANGELIST), confirmed)
    assert response.status_code == 302
    rude.refresh_from_db()
    assert (rude.is_hidden, rude.hidden_reason, rude.hidden_by) == (True, "Insults", admin_user)
    assert rating_of(tagine) == (Decimal("5.00"), 1)
    assert not ReviewReport.objects.filter(resolved=False).exists()


def test_restoring_puts_the_review_back_in_the_rating(staff_client, tagine, make_buyer):
    review(make_buyer(), tagine, rating=5)
    hidden = review(make_buyer(), tagine, rating=2)
    services.review_hide(review=hidden, by=None, reason="Checking")
    assert rating_of(tagine) == (Decimal("5.00"), 1)
    response = staff_client.post(
        reverse(CHANGELIST), {"action": "restore", ACTION_CHECKBOX_NAME: [hidden.pk]}
    )
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert not hidden.is_hidden and not hidden.hidden_reason
    assert rating_of(tagine) == (Decimal("3.50"), 2)


def test_dismissing_keeps_the_review_and_settles_its_reports(staff_client, tagine, make_buyer):
    target = review(make_buyer(), tagine, rating=4)
    report(target, make_buyer())
    staff_client.post(
        reverse(CHANGELIST), {"action": "dismiss_reports", ACTION_CHECKBOX_NAME: [target.pk]}
    )
    assert not ReviewReport.objects.filter(resolved=False).exists()
    assert not Review.objects.get(pk=target.pk).is_hidden


def test_staff_read_a_review_but_cannot_add_or_rewrite_one(staff_client, tagine, make_buyer):
    target = review(make_buyer(), tagine, rating=4, text="Exactly as pictured.")
    services.review_reply(review=target, vendor=tagine.vendor, author=None, text="Thank you!")
    report(target, make_buyer(), "fake")
    page = staff_client.get(reverse("admin:reviews_review_change", args=[target.pk]))
    assert page.status_code == 200
    assert "Exactly as pictured." in page.text and "Thank you!" in page.text
    assert "Not a genuine experience" in page.text
    assert 'name="text"' not in page.text and 'name="rating"' not in page.text
    assert staff_client.get(reverse("admin:reviews_review_add")).status_code == 403


def test_deleting_a_review_in_the_admin_recomputes_the_rating(staff_client, tagine, make_buyer):
    review(make_buyer(), tagine, rating=5)
    gone = review(make_buyer(), tagine, rating=1)
    staff_client.post(reverse("admin:reviews_review_delete", args=[gone.pk]), {"post": "yes"})
    assert not Review.objects.filter(pk=gone.pk).exists()
    assert rating_of(tagine) == (Decimal("5.00"), 1)


def test_reports_find_their_review_by_autocomplete(staff_client, tagine, make_buyer):
    target = review(make_buyer(), tagine, text="Findable by its words.")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "reviews",
            "model_name": "reviewreport",
            "field_name": "review",
            "term": "Findable",
        },
    )
    assert response.status_code == 200
    assert [int(r["id"]) for r in response.json()["results"]] == [target.pk]


@pytest.mark.usefixtures("lazy_loads_raise")  # the rows' relations come with the page
def test_the_review_list_costs_the_same_queries_for_more_reviews(
    staff_client, tagine, make_buyer, make_product, other_shop
):
    url = reverse(CHANGELIST)
    report(review(make_buyer(), tagine), make_buyer())
    staff_client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    few = count()
    rug = make_product("Wool rug", vendor=other_shop)
    for i in range(6):
        target = review(make_buyer(), rug if i % 2 else tagine, rating=1 + i % 5)
        report(target, make_buyer())
    # the user (the session is in the cache), the count, the page of reviews with
    # their products, shops, buyers and reports to settle; the filters need none
    assert count() == few == 3
