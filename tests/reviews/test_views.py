"""The review pages: writing (only after delivery, once), editing and deleting one's
own review, reporting others', and the product's reviews section (average, count,
distribution, newest first, rating filter, htmx pages), plus the aggregate on the
product page, its JSON-LD and the product cards."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.reviews import services
from marketplace.reviews.models import Review, ReviewReport

from .helpers import bought, place, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lazy_loads_raise")]

GOOD = {"rating": "4", "text": "Lovely glaze, arrived safely.", "language": "en"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def new_url(product, lang="en"):
    return f"/{lang}/products/{product.pk}/reviews/new/"


def list_url(product, lang="en"):
    return f"/{lang}/products/{product.pk}/reviews/"


def texts(html: str) -> list[str]:
    return re.findall(r'class="review-text[^"]*"[^>]*>([^<]*)<', html)


# --- Writing a review ------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client, tagine):
    response = client.get(new_url(tagine))
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    assert client.post(new_url(tagine), GOOD).status_code == 302
    assert not Review.objects.exists()


def test_a_delivered_buyer_writes_a_review_in_the_pages_language(buyer, buyer_client, tagine):
    bought(buyer, tagine)
    form = buyer_client.get(new_url(tagine, "fr"))
    assert form.status_code == 200
    assert '<option value="fr" selected>français</option>' in form.text

    response = buyer_client.post(new_url(tagine, "fr"), {**GOOD, "language": "fr"})
    assert response.status_code == 302
    assert response.url == f"/fr/p/{tagine.slug_fr}/#reviews"
    created = Review.objects.get()
    assert (created.rating, created.language, created.user) == (4, "fr", buyer)
    product = Product.objects.get(pk=tagine.pk)
    assert (product.rating_average, product.rating_count) == (Decimal("4.00"), 1)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({**GOOD, "rating": "0"}, "Choose a rating from 1 to 5 stars."),
        ({**GOOD, "rating": "6"}, "Choose a rating from 1 to 5 stars."),
        ({**GOOD, "rating": "five"}, "Choose a rating from 1 to 5 stars."),
        ({**GOOD, "rating": "4.5"}, "Choose a rating from 1 to 5 stars."),
        ({"text": GOOD["text"], "language": "en"}, "Choose a rating from 1 to 5 stars."),
        ({**GOOD, "text": "x" * 50_000}, "at most 2000 characters (it has 50000)"),
        ({**GOOD, "text": "Nice"}, "at least 10 characters (it has 4)"),
        ({**GOOD, "text": "   "}, "Write a few words about the product."),
        ({"rating": "4", "language": "en"}, "Write a few words about the product."),
        ({**GOOD, "language": "de"}, "Choose one of the languages offered."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(
    buyer, buyer_client, tagine, data, error
):
    bought(buyer, tagine)
    response = buyer_client.post(new_url(tagine), data)
    assert response.status_code == 400
    assert error in response.text
    assert not Review.objects.exists()


def test_errors_are_in_the_pages_language(buyer, buyer_client, tagine):
    bought(buyer, tagine)
    response = buyer_client.post(new_url(tagine, "fr"), {**GOOD, "text": "x" * 50_000})
    assert response.status_code == 400
    assert 'lang="fr"' in response.text
    assert "au plus 2000 caractères" in response.text  # Django's French catalogue


def test_a_shopper_who_never_bought_it_is_told_only_buyers_may_review(client, make_buyer, tagine):
    client.force_login(make_buyer())
    for response in (client.get(new_url(tagine)), client.post(new_url(tagine), GOOD)):
        assert response.status_code == 403
        assert "Only buyers who received this product can review it." in response.text
    assert not Review.objects.exists()


def test_a_buyer_whose_order_is_on_its_way_is_told_to_wait(buyer, buyer_client, tagine):
    place(buyer, tagine)
    for response in (buyer_client.get(new_url(tagine)), buyer_client.post(new_url(tagine), GOOD)):
        assert response.status_code == 403
        assert "has not been delivered yet" in response.text
    assert not Review.objects.exists()


def test_a_second_review_is_refused_and_the_form_opens_the_first(buyer, buyer_client, tagine):
    first = review(buyer, tagine, rating=5)
    response = buyer_client.post(new_url(tagine), {**GOOD, "rating": "1"})
    assert response.status_code == 409
    assert "You have already reviewed this product" in response.text
    assert Review.objects.get().rating == 5

    response = buyer_client.get(new_url(tagine))
    assert response.status_code == 302
    assert response.url == f"/en/reviews/{first.pk}/edit/"


def test_an_unknown_or_hidden_product_is_a_404(buyer_client, tagine):
    assert buyer_client.get("/en/products/999999/reviews/new/").status_code == 404
    assert buyer_client.get("/en/products/999999/reviews/").status_code == 404
    Product.objects.filter(pk=tagine.pk).update(status=Product.Status.INACTIVE)
    assert buyer_client.get(list_url(tagine)).status_code == 404


# --- Editing and deleting one's own review --------------------------------------------


def test_the_buyer_edits_their_review_and_the_rating_follows(buyer, buyer_client, tagine):
    mine = review(buyer, tagine, rating=5)
    edit = f"/en/reviews/{mine.pk}/edit/"
    assert buyer_client.get(edit).status_code == 200
    response = buyer_client.post(edit, {**GOOD, "rating": "2", "text": "Cracked after a month."})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.rating, mine.text) == (2, "Cracked after a month.")
    assert Product.objects.get(pk=tagine.pk).rating_average == Decimal("2.00")

    response = buyer_client.post(edit, {**GOOD, "rating": "five"})
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.rating == 2


def test_the_buyer_deletes_their_review_and_the_rating_follows(buyer, buyer_client, tagine):
    mine = review(buyer, tagine, rating=5)
    delete = f"/en/reviews/{mine.pk}/delete/"
    assert "Delete my review" in buyer_client.get(delete).text
    assert buyer_client.post(delete).status_code == 302
    assert not Review.objects.exists()
    product = Product.objects.get(pk=tagine.pk)
    assert (product.rating_average, product.rating_count) == (Decimal("0.00"), 0)


def test_a_review_its_buyer_changed_says_edited_and_moderation_does_not(client, make_buyer, tagine):
    changed = review(make_buyer(), tagine, text="First words, then second thoughts.")
    moderated = review(make_buyer(), tagine, text="Hidden once, then restored.")
    two_hours_ago = timezone.now() - timedelta(hours=2)
    Review.objects.update(created=two_hours_ago, updated=two_hours_ago)
    services.review_update(review=changed, rating=3, text="Second thoughts.", language="en")
    services.review_hide(review=moderated, by=None, reason="Checking")
    services.review_restore(review=moderated, by=None)
    html = client.get(list_url(tagine)).text
    assert html.count('class="review-edited"') == 1
    assert html.index("review-edited") < html.index("Second thoughts.")


def test_another_buyers_review_cannot_be_edited_or_deleted(buyer_client, make_buyer, tagine):
    theirs = review(make_buyer(), tagine, rating=5)
    for url in (f"/en/reviews/{theirs.pk}/edit/", f"/en/reviews/{theirs.pk}/delete/"):
        assert buyer_client.get(url).status_code == 404
        assert buyer_client.post(url, {**GOOD, "rating": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.rating == 5


# --- Reporting ------------------------------------------------------------------------


def test_a_signed_in_user_reports_a_review_once(buyer_client, buyer, make_buyer, tagine):
    theirs = review(make_buyer(), tagine)
    report = f"/en/reviews/{theirs.pk}/report/"
    assert buyer_client.get(report).status_code == 200
    assert buyer_client.post(report, {"reason": "nonsense"}).status_code == 400
    response = buyer_client.post(report, {"reason": "spam", "note": "An advert"})
    assert response.status_code == 302
    assert ReviewReport.objects.get().user == buyer

    again = buyer_client.post(report, {"reason": "other"})
    assert again.status_code == 409
    assert "You have already reported this review" in again.text
    assert ReviewReport.objects.count() == 1
    section = buyer_client.get(list_url(tagine)).text
    assert "You reported this review." in section


def test_ones_own_review_cannot_be_reported_and_a_hidden_one_is_a_404(
    buyer, buyer_client, make_buyer, tagine
):
    mine = review(buyer, tagine)
    response = buyer_client.post(f"/en/reviews/{mine.pk}/report/", {"reason": "spam"})
    assert response.status_code == 403
    theirs = review(make_buyer(), tagine)
    services.review_hide(review=theirs, by=None, reason="Spam")
    assert buyer_client.get(f"/en/reviews/{theirs.pk}/report/").status_code == 404
    assert not ReviewReport.objects.exists()


def test_signed_out_visitors_sign_in_to_report(client, make_buyer, tagine):
    theirs = review(make_buyer(), tagine)
    response = client.post(f"/en/reviews/{theirs.pk}/report/", {"reason": "spam"})
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- The product page and its reviews section ------------------------------------------


def test_the_product_page_shows_the_average_and_count_and_loads_the_section(
    client, make_buyer, tagine
):
    review(make_buyer(), tagine, rating=5)
    review(make_buyer(), tagine, rating=4)
    html = client.get(tagine.get_absolute_url()).text
    assert 'aria-label="Rated 4.5 out of 5"' in html
    assert "4.5 (2)" in html
    url = list_url(tagine)
    assert f'hx-get="{url}" hx-trigger="load"' in html
    assert f'<a href="{url}">Read the 2 reviews</a>' in html  # without JavaScript


def test_the_section_shows_the_distribution_and_the_reviews_newest_first(
    client, make_buyer, tagine
):
    review(make_buyer("Karim Alaoui"), tagine, rating=5, text="First of all, very good.")
    review(make_buyer("Salma Berrada"), tagine, rating=5, text="Second, just as good.")
    review(make_buyer("Omar Tazi"), tagine, rating=2, text="Third, chipped.", language="fr")
    response = client.get(list_url(tagine), HTTP_HX_TARGET="reviews", **HTMX)
    html = response.text
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="reviews"')
    assert texts(html) == [
        "Third, chipped.",
        "Second, just as good.",
        "First of all, very good.",
    ]
    bars = re.findall(r'data-stars="(\d)".*?review-bar-count">(\d+)<', html, re.S)
    assert bars == [("5", "2"), ("4", "0"), ("3", "0"), ("2", "1"), ("1", "0")]
    assert html.count("Verified purchase") == 3
    assert "Omar T." in html and "Written in French" in html and 'lang="fr"' in html
    assert "@example.com" not in html  # buyers sign with their name, never their address


def test_the_list_pages_and_filters_by_rating_with_htmx(client, make_buyer, tagine):
    for i in range(12):
        rating = 5 if i % 3 else 3
        review(make_buyer(f"Buyer {i:02d}"), tagine, rating=rating, text=f"Review number {i:02d}")
    first = client.get(list_url(tagine), HTTP_HX_TARGET="reviews", **HTMX).text
    assert len(texts(first)) == 10
    assert f'hx-get="{list_url(tagine)}?page=2"' in first

    second = client.get(list_url(tagine) + "?page=2", HTTP_HX_TARGET="review-list", **HTMX)
    html = second.text
    assert html.lstrip().startswith('<div id="review-list">')
    assert 'id="reviews-heading"' not in html  # only the list and its status
    assert texts(html) == ["Review number 01", "Review number 00"]
    assert "12 reviews, page 2 of 2" in html
    assert second["Vary"] and "HX-Request" in second["Vary"]

    threes = client.get(list_url(tagine) + "?rating=3", HTTP_HX_TARGET="review-list", **HTMX).text
    assert texts(threes) == [f"Review number {i:02d}" for i in (9, 6, 3, 0)]


def test_the_reviews_page_works_without_javascript(client, make_buyer, tagine):
    for i in range(11):
        review(make_buyer(), tagine, rating=4, text=f"Plain page review {i:02d}")
    html = client.get(list_url(tagine) + "?rating=4").text
    assert "<h1" in html and "Reviews of Blue tagine" in html
    assert f'href="{list_url(tagine)}?rating=4&amp;page=2"' in html
    assert "hx-get" not in html.split('id="reviews"')[1]  # plain links and form
    assert '<option value="4" selected>' in html


def test_the_reviews_page_reads_right_to_left_in_arabic(client, make_buyer, tagine):
    review(make_buyer(), tagine, rating=5, text="Very nice tagine indeed.")
    html = client.get(list_url(tagine, "ar")).text
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert 'class="review-text mb-2 text-break" lang="en" dir="auto"' in html


@pytest.mark.parametrize("rating", ["9", "0", "five", "-1"])
def test_a_bad_rating_filter_is_a_400_that_says_why(client, make_buyer, tagine, rating):
    review(make_buyer(), tagine)
    response = client.get(list_url(tagine) + f"?rating={rating}")
    assert response.status_code == 400
    assert "Choose a rating from 1 to 5 stars, or all ratings." in response.text


def test_the_section_invites_the_delivered_buyer_to_write_a_review(buyer, buyer_client, tagine):
    place(buyer, tagine)
    html = buyer_client.get(list_url(tagine), HTTP_HX_TARGET="reviews", **HTMX).text
    assert "once your order is delivered" in html
    bought(buyer, tagine)
    html = buyer_client.get(list_url(tagine), HTTP_HX_TARGET="reviews", **HTMX).text
    assert "You bought this" in html and new_url(tagine) in html
    review_ = services.review_create(
        user=buyer, product=tagine, rating=3, text="Good enough for me.", language="en"
    )
    html = buyer_client.get(list_url(tagine), HTTP_HX_TARGET="reviews", **HTMX).text
    assert "You reviewed this product." in html
    assert f"/en/reviews/{review_.pk}/edit/" in html


def test_a_hidden_review_leaves_the_section_and_the_rating(client, make_buyer, tagine):
    review(make_buyer(), tagine, rating=5, text="Kept on the page.")
    hidden = review(make_buyer(), tagine, rating=1, text="Rude words here.")
    services.review_hide(review=hidden, by=None, reason="Rude")
    html = client.get(list_url(tagine)).text
    assert texts(html) == ["Kept on the page."]
    assert "5.0 (1)" in html


def test_the_reply_of_the_shop_shows_under_the_review(client, make_buyer, tagine, shop):
    target = review(make_buyer(), tagine)
    services.review_reply(review=target, vendor=shop, author=None, text="Thank you, come again!")
    html = client.get(list_url(tagine)).text
    assert "Reply from Atelier Fassi" in html and "Thank you, come again!" in html


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_json_ld_carries_the_aggregate_rating_once_there_are_reviews(
    client, make_buyer, make_product, tagine
):
    unreviewed = make_product("Copper lantern")
    assert "aggregateRating" not in json_ld(client.get(unreviewed.get_absolute_url()).text)
    review(make_buyer(), tagine, rating=5)
    review(make_buyer(), tagine, rating=4)
    review(make_buyer(), tagine, rating=4)
    data = json_ld(client.get(tagine.get_absolute_url()).text)
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.33",
        "reviewCount": 3,
    }


def test_product_cards_show_the_stars_and_the_count(client, make_buyer, tagine):
    review(make_buyer(), tagine, rating=4)
    html = client.get("/en/products/").text
    assert 'aria-label="Rated 4.0 out of 5"' in html
    assert "★★★★☆" in html and "4.0 (1)" in html


def test_the_order_page_links_each_delivered_product_to_its_review(buyer, buyer_client, tagine):
    pending = place(buyer, tagine)
    assert new_url(tagine) not in buyer_client.get(pending.get_absolute_url()).text
    delivered = bought(buyer, tagine)
    assert new_url(tagine) in buyer_client.get(delivered.get_absolute_url()).text


# --- Fixed query counts -----------------------------------------------------------------


def count_queries(client, url: str, **headers) -> int:
    client.get(url, **headers)  # warm the category tree
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_section_costs_a_fixed_number_of_queries(buyer, make_buyer, tagine):
    review(make_buyer(), tagine)
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(buyer)
    headers = {"HTTP_HX_TARGET": "reviews", **HTMX}
    few = count_queries(anonymous, list_url(tagine), **headers)
    few_signed_in = count_queries(signed_in, list_url(tagine), **headers)
    for i in range(9):
        target = review(make_buyer(), tagine, rating=1 + i % 5)
        services.review_reply(review=target, vendor=tagine.vendor, author=None, text="Thanks!")
    # product, distribution, count, page of reviews (with authors and replies)
    assert count_queries(anonymous, list_url(tagine), **headers) == few == 4
    # + the user (the session is in the cache), their review, the states of their
    # purchases of it, what they reported
    assert count_queries(signed_in, list_url(tagine), **headers) == few_signed_in == 8


# --- Freshness (real commits: the storefront expires after COMMIT) ----------------------


@pytest.mark.django_db(transaction=True)
def test_a_new_review_shows_at_once_on_the_cached_product_page_and_cards(make_product, make_buyer):
    product = make_product("Blue tagine", variants=[{"stock": 10}])
    client = Client()
    assert "Rated" not in client.get(product.get_absolute_url()).text
    assert "Rated" not in client.get("/en/products/").text
    review(make_buyer(), product, rating=3)
    assert "3.0 (1)" in client.get(product.get_absolute_url()).text
    assert "3.0 (1)" in client.get("/en/products/").text
