"""Dashboard, reviews: the shop reads the reviews of its products (newest first, or
only those without a reply) and publishes one public reply to each, which it can
edit. Another shop's review is a 404; shoppers get the 403 page, visitors sign in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.reviews import services
from marketplace.reviews.models import ReviewReply
from tests.factories import UserFactory
from tests.reviews.helpers import review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lazy_loads_raise")]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def tagine(make_product):
    return make_product("Blue tagine", price="120", variants=[{"stock": 50}])


@pytest.fixture
def rug(make_product, other_shop):
    return make_product("Wool rug", vendor=other_shop, variants=[{"stock": 50}])


def buyer(name="Karim Alaoui"):
    return UserFactory(full_name=name)


def reply_url(target) -> str:
    return reverse("dashboard:review_reply", kwargs={"pk": target.pk})


def test_the_shop_sees_its_products_reviews_newest_first(owner_client, tagine, rug):
    older = review(buyer("Karim Alaoui"), tagine, rating=4, text="Good tagine, solid.")
    newer = review(buyer("Salma Berrada"), tagine, rating=2, text="Lid chipped on arrival.")
    review(buyer(), rug, text="Another shop's product.")
    hidden = review(buyer(), tagine, text="Hidden by our team.")
    services.review_hide(review=hidden, by=None)
    response = owner_client.get(reverse("dashboard:reviews"))
    html = response.text
    assert response.status_code == 200
    assert html.index("Lid chipped on arrival.") < html.index("Good tagine, solid.")
    assert "Another shop" not in html and "Hidden by our team." not in html
    assert f'id="review-row-{older.pk}"' in html and f'id="review-row-{newer.pk}"' in html
    assert 'for="reply-text-' in html  # every reply box has its label


def test_the_unanswered_filter_leaves_the_answered_reviews_out(owner_client, tagine, shop):
    answered = review(buyer(), tagine, text="Answered already, thanks.")
    waiting = review(buyer(), tagine, text="Still waiting for an answer.")
    services.review_reply(review=answered, vendor=shop, author=None, text="Thank you!")
    url = reverse("dashboard:reviews") + "?unanswered=1"
    html = owner_client.get(url).text
    assert "Still waiting for an answer." in html and "Answered already" not in html
    assert "Only reviews without a reply (1)" in html
    partial = owner_client.get(url, **HTMX).text
    assert partial.lstrip().startswith('<div id="review-results">')
    assert f"review-row-{waiting.pk}" in partial


def test_the_shop_replies_once_then_edits_its_reply(owner, owner_client, staff_client, tagine):
    target = review(buyer(), tagine)
    response = owner_client.post(reply_url(target), {"text": "Thank you, Karim!"})
    assert response.status_code == 302
    assert response.url == reverse("dashboard:reviews") + f"#review-row-{target.pk}"
    response = staff_client.post(reply_url(target), {"text": "Thank you, and enjoy it!"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<article class="card mb-3 dashboard-review" id="review-row-{target.pk}"'
    )
    assert "Thank you, and enjoy it!" in response.text and "Save the reply" in response.text
    reply = ReviewReply.objects.get()  # still one
    assert reply.text == "Thank you, and enjoy it!" and reply.vendor == tagine.vendor
    product_page = owner_client.get(f"/en/products/{tagine.pk}/reviews/").text
    assert "Reply from Atelier Fassi" in product_page


@pytest.mark.parametrize(
    ("text", "error"), [("", "Write your reply first."), ("x" * 1001, "at most 1000")]
)
def test_a_bad_reply_is_refused_with_its_error(owner_client, tagine, text, error):
    target = review(buyer(), tagine)
    page = owner_client.post(reply_url(target), {"text": text})
    assert page.status_code == 400 and error in page.text
    assert "<h1" in page.text  # the page, without JavaScript
    partial = owner_client.post(reply_url(target), {"text": text}, **HTMX)
    assert partial.status_code == 400 and error in partial.text
    assert 'aria-invalid="true"' in partial.text
    assert not ReviewReply.objects.exists()


def test_another_shops_review_is_a_404(owner_client, rug):
    theirs = review(buyer(), rug)
    assert owner_client.post(reply_url(theirs), {"text": "Not ours to answer"}).status_code == 404
    assert owner_client.post(reply_url(theirs), {"text": "Hello"}, **HTMX).status_code == 404
    assert not ReviewReply.objects.exists()


def test_a_hidden_review_cannot_be_answered(owner_client, tagine):
    hidden = review(buyer(), tagine)
    services.review_hide(review=hidden, by=None)
    assert owner_client.post(reply_url(hidden), {"text": "Hello"}).status_code == 404


def test_shoppers_get_the_403_page_and_visitors_sign_in(shopper_client, client, tagine):
    target = review(buyer(), tagine)
    for url, method in ((reverse("dashboard:reviews"), "get"), (reply_url(target), "post")):
        response = getattr(shopper_client, method)(url, {"text": "Hi"} if method == "post" else {})
        assert response.status_code == 403 and "The dashboard is for shops" in response.text
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("account_login") in response.url
    assert not ReviewReply.objects.exists()


def test_replying_is_post_only(owner_client, tagine):
    target = review(buyer(), tagine)
    assert owner_client.get(reply_url(target)).status_code == 405


def test_the_reviews_page_costs_the_same_queries_for_more_reviews(owner_client, tagine, shop):
    url = reverse("dashboard:reviews")
    review(buyer(), tagine)
    owner_client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(5):
        target = review(buyer(f"Buyer {i}"), tagine, rating=1 + i)
        if i % 2:
            services.review_reply(review=target, vendor=shop, author=None, text="Thanks")
    # the user, the membership with its shop, the count, the number without a reply,
    # the header's cart badge, the page (with products, buyers and replies)
    assert count() == few == 6
