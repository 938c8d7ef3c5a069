"""Checkout pages: each step without JavaScript, guests and signed-in shoppers, one
order per review form, amounts from the database only, the cart kept when placing is
refused, and the payment methods an order may use."""

from decimal import Decimal

import pytest
from django.utils import translation

from marketplace.accounts.models import Address
from marketplace.cart.storage import DatabaseCart
from marketplace.catalog.models import Variant
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.models import Payment
from tests.checkout.conftest import ADDRESS, hidden, place_form, text
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_card_keys", "lazy_loads_raise")]

START = "/en/checkout/"
REVIEW = "/en/checkout/review/"


# --- the way in ---------------------------------------------------------------------


def test_the_cart_leads_to_checkout(client, fill_cart):
    fill_cart(client)
    body = text(client.get("/en/cart/"))
    assert '<a class="btn btn-primary btn-lg" href="/en/checkout/">Checkout</a>' in body


def test_an_empty_cart_is_sent_back_to_the_cart(client, db):
    for url in (START, "/en/checkout/shipping/", "/en/checkout/payment/", REVIEW):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/en/cart/"


def test_a_cart_with_a_sold_out_line_is_fixed_in_the_cart_first(client, fill_cart, products):
    fill_cart(client)
    Variant.objects.filter(pk=products[1].pk).update_quietly(stock=0)
    response = client.get(START, follow=True)
    assert response.redirect_chain == [("/en/cart/", 302)]
    assert "Some items in your cart cannot be bought as they are" in text(response)


def test_the_later_steps_need_an_address_first(client, fill_cart):
    fill_cart(client)
    for url in ("/en/checkout/shipping/", "/en/checkout/payment/", REVIEW):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == START


# --- step 1: the address ---------------------------------------------------------------


def test_a_guest_gives_an_email_address_and_where_it_goes(client, fill_cart):
    fill_cart(client)
    page = text(client.get(START))
    assert 'name="email"' in page and 'autocomplete="email"' in page
    assert "/en/accounts/login/?next=%2Fen%2Fcheckout%2F" in page  # or sign in first

    response = client.post(START, {"email": "guest@example.com", **ADDRESS})
    assert response.status_code == 302 and response["Location"] == "/en/checkout/shipping/"
    state = client.session["checkout"]
    assert state["email"] == "guest@example.com"
    assert state["address"]["city"] == "Fès" and state["address"]["country"] == "MA"


@pytest.mark.parametrize(
    ("lang", "field", "value", "error"),
    [
        ("en", "email", "not-an-address", "Enter a valid email address."),
        ("fr", "email", "", "Ce champ est obligatoire."),
        ("en", "phone", "12", "Enter a valid phone number, e.g. +212 6 12 34 56 78."),
        ("ar", "phone", "call me", "أدخل رقم هاتف صحيحاً"),
        ("en", "country", "XX", "Select a valid choice."),
    ],
)
def test_a_bad_address_is_a_400_that_says_what_is_wrong(
    client, fill_cart, lang, field, value, error
):
    fill_cart(client)
    data = {"email": "guest@example.com", **ADDRESS, field: value}
    response = client.post(f"/{lang}/checkout/", data)
    assert response.status_code == 400
    assert error in text(response)
    assert "checkout" not in client.session or not client.session["checkout"].get("address")


def test_a_signed_in_shopper_picks_a_saved_address(client, user, fill_cart):
    home = Address.objects.create(user=user, is_default=True, **{**ADDRESS, "city": "Rabat"})
    client.force_login(user)
    fill_cart(client)
    page = text(client.get(START))
    assert 'name="email"' not in page  # the account's address is used
    assert "Amina Idrissi, 12 derb Sidi Ahmed, 30000 Rabat, Morocco" in page

    response = client.post(START, {"form": "saved", "address": home.pk})
    assert response.status_code == 302
    assert client.session["checkout"]["address"]["city"] == "Rabat"


def test_a_signed_in_shopper_cannot_pick_someone_elses_address(client, user, fill_cart):
    Address.objects.create(user=user, **ADDRESS)
    theirs = Address.objects.create(user=UserFactory(), **{**ADDRESS, "city": "Agadir"})
    client.force_login(user)
    fill_cart(client)
    for value in (theirs.pk, "abc", "9" * 30, ""):
        response = client.post(START, {"form": "saved", "address": value})
        assert response.status_code == 400
        assert "Choose" in text(response)  # one of your saved addresses / an address
    assert "Choose one of your saved addresses." in text(
        client.post(START, {"form": "saved", "address": theirs.pk})
    )


def test_a_new_address_is_saved_to_the_account(client, user, fill_cart):
    client.force_login(user)
    fill_cart(client)
    data = {"form": "new", **{f"new-{k}": v for k, v in ADDRESS.items()}}
    response = client.post(START, data)
    assert response.status_code == 302
    saved = Address.objects.get(user=user)
    assert saved.city == "Fès" and saved.is_default  # the first address is the default
    assert client.session["checkout"]["address"]["line1"] == "12 derb Sidi Ahmed"


def test_an_unverified_shopper_is_asked_to_confirm_their_email_first(client, fill_cart, walk):
    unverified = UserFactory(verified_email=False)
    client.force_login(unverified)
    fill_cart(client)
    for url in (START, "/en/checkout/shipping/", "/en/checkout/payment/", REVIEW):
        response = client.get(url)
        assert response.status_code == 403
        assert "Confirm your e-mail address" in text(response)
        assert 'href="/en/accounts/email/"' in text(response)
    response = client.post(REVIEW, {"token": "x", "fingerprint": "y"})
    assert response.status_code == 403 and not Order.objects.exists()
    assert len(DatabaseCart(unverified)) == 2  # the cart waits


# --- step 2: shipping per shop ----------------------------------------------------------


def test_shipping_shows_each_shops_rate_and_threshold(client, fill_cart, walk, shop):
    shop.shipping_rate, shop.free_shipping_above = Decimal("20.00"), Decimal("400.00")
    shop.save()
    fill_cart(client)
    walk(client)
    page = text(client.get("/en/checkout/shipping/"))
    # Atelier Fassi: 500 is above its own 400 threshold; the other shop: platform default.
    assert "Flat rate 20.00\xa0MAD; free for 400.00\xa0MAD or more from this shop." in page
    assert "Flat rate 35.00\xa0MAD; free for 600.00\xa0MAD or more from this shop." in page
    assert page.count('class="checkout-shipping-cost">Free<') == 1
    assert 'class="checkout-shipping-cost">35.00\xa0MAD<' in page
    assert 'id="summary-total">615.00\xa0MAD<' in page


# --- step 3: payment method ---------------------------------------------------------------


def test_card_is_not_offered_without_stripe_keys(client, fill_cart, walk):
    fill_cart(client)
    walk(client)
    page = text(client.get("/en/checkout/payment/"))
    assert 'value="cod"' in page and 'value="card"' not in page
    response = client.post("/en/checkout/payment/", {"method": "card"})
    assert response.status_code == 400
    assert "Choose one of the payment methods offered." in text(response)


def test_card_is_offered_with_stripe_keys(client, fill_cart, walk, card_keys):
    fill_cart(client)
    walk(client)
    page = text(client.get("/en/checkout/payment/"))
    assert 'value="card"' in page and 'value="cod"' in page


def test_cash_on_delivery_is_refused_outside_morocco(client, fill_cart, walk, card_keys):
    fill_cart(client)
    walk(client, address={"country": "FR"}, method="card")
    page = text(client.get("/en/checkout/payment/"))
    assert 'value="cod"' not in page
    assert "Cash on delivery is only available for deliveries to Morocco." in page
    response = client.post("/fr/checkout/payment/", {"method": "cod"})
    assert response.status_code == 400
    assert "Choisissez l’un des moyens de paiement proposés." in text(response)  # noqa: RUF001


def test_cash_on_delivery_is_refused_over_the_cap(client, fill_cart, walk, settings):
    settings.COD_MAX_TOTAL = Decimal("500.00")
    fill_cart(client)  # 615 with shipping
    start = client.post(START, {"email": "guest@example.com", **ADDRESS})
    assert start.status_code == 302
    page = text(client.get("/en/checkout/payment/"))
    assert "Cash on delivery is available for orders up to 500.00\xa0MAD." in page
    assert "Card payment is not available right now." in page
    assert 'value="cod"' not in page and "No payment method can be offered" in page
    assert client.post("/en/checkout/payment/", {"method": "cod"}).status_code == 400
    assert client.get(REVIEW)["Location"] == "/en/checkout/payment/"


# --- step 4: review and place -----------------------------------------------------------


def test_review_shows_every_amount_from_the_quote(client, fill_cart, walk):
    fill_cart(client)
    review = text(walk(client))
    assert "2 \u00d7 250.00\xa0MAD" in review and "500.00\xa0MAD" in review  # 2 times 250
    assert "1 \u00d7 80.00\xa0MAD" in review
    assert "Total from Atelier Fassi" in review and "535.00\xa0MAD" in review
    assert 'id="review-total">650.00\xa0MAD<' in review
    assert "Cash on delivery" in review and "Confirmation to guest@example.com" in review


def test_a_guest_places_a_cash_on_delivery_order(client, fill_cart, walk):
    fill_cart(client)
    review = walk(client)
    response = client.post(REVIEW, place_form(review))
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/checkout/done/{order.number}/"
    assert order.status == Order.Status.CONFIRMED and order.user is None
    assert order.email == "guest@example.com" and order.language == "en"
    assert (order.items_subtotal, order.shipping_total, order.total) == (
        Decimal("580.00"),
        Decimal("70.00"),
        Decimal("650.00"),
    )
    assert (order.city, order.country.code, order.phone) == ("Fès", "MA", "+212 6 12 34 56 78")
    assert Payment.objects.filter(order=order).count() == 1  # payment_start, same transaction
    assert client.session.get("cart") in (None, {})
    done = text(client.get(response["Location"]))
    assert "Thank you for your order" in done and order.number in done
    assert "You pay 650.00\xa0MAD in cash on delivery." in done


def test_a_signed_in_shopper_places_an_order_on_their_account(client, user, fill_cart, walk):
    client.force_login(user)
    fill_cart(client)
    review = walk(client)
    response = client.post(REVIEW, place_form(review))
    order = Order.objects.get()
    assert order.user == user and order.email == user.email
    assert len(DatabaseCart(user)) == 0
    done = text(client.get(response["Location"]))
    assert f'href="/en/orders/{order.number}/"' in done and 'href="/en/orders/"' in done


def test_one_review_form_places_one_order_however_often_it_is_sent(client, fill_cart, walk):
    """A double click, a reload of the POST, the form sent again from the back button."""
    fill_cart(client)
    form = place_form(walk(client))
    responses = [client.post(REVIEW, form) for _ in range(3)]
    order = Order.objects.get()
    assert {r["Location"] for r in responses} == {f"/en/checkout/done/{order.number}/"}
    assert Payment.objects.filter(order=order).count() == 1
    assert Variant.objects.get(product__name_en="Blue tajine").stock == 3  # taken once


def test_a_resubmit_whose_session_missed_the_first_submit_finds_its_order(client, fill_cart, walk):
    """The session is saved after the order's transaction: a submit that read it before
    then still finds the order its token placed (and the cart, now empty, is not asked)."""
    fill_cart(client)
    form = place_form(walk(client))
    unspent = client.session["checkout"]
    first = client.post(REVIEW, form)
    session = client.session
    session["checkout"] = unspent
    del session["checkout_placed"]
    session.save()
    again = client.post(REVIEW, form)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Order.objects.count() == 1


def test_tampered_amounts_in_the_form_change_nothing(client, fill_cart, walk, products):
    fill_cart(client)
    oil = products[1]
    review = walk(client)
    tampered = place_form(
        review,
        price="1.00",
        unit_price="1.00",
        quantity="50",
        variant=str(oil.pk),
        shipping="0",
        shipping_total="0",
        currency="EUR",
        total="1.00",
        email="attacker@example.com",
        method="card",
        country="FR",
    )
    response = client.post(REVIEW, tampered)
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total == Decimal("650.00") and order.currency == "MAD"
    assert order.payment_method == Order.Method.CASH_ON_DELIVERY
    assert order.email == "guest@example.com" and order.country.code == "MA"
    assert sorted(order.lines.values_list("product_name", "quantity", "unit_price")) == [
        ("Argan oil", 1, Decimal("80.00")),
        ("Blue tajine", 2, Decimal("250.00")),
    ]


def test_a_price_changed_since_review_is_refused_with_the_cart_kept(
    client, fill_cart, walk, products
):
    fill_cart(client)
    review = walk(client)
    Variant.objects.filter(pk=products[0].pk).update(price_override=Decimal("300.00"))
    response = client.post(REVIEW, place_form(review))
    assert response.status_code == 409
    body = text(response)
    assert "Prices or shipping changed since you reviewed your order. Check it again." in body
    assert 'id="review-total">715.00\xa0MAD<' in body  # today's amounts, to review again
    assert not Order.objects.exists() and len(client.session["cart"]) == 2
    assert hidden(response, "token") != hidden(review, "token")  # a new form
    # Reviewed again, it goes through.
    assert client.post(REVIEW, place_form(response)).status_code == 302
    assert Order.objects.get().total == Decimal("715.00")


def test_a_tampered_fingerprint_is_refused(client, fill_cart, walk):
    fill_cart(client)
    response = client.post(REVIEW, place_form(walk(client), fingerprint="0" * 24))
    assert response.status_code == 409 and not Order.objects.exists()


def test_sold_out_while_reviewing_is_refused_in_french_with_the_cart_kept(
    client, fill_cart, walk, products
):
    fill_cart(client)
    review = walk(client, lang="fr")
    Variant.objects.filter(pk=products[1].pk).update_quietly(stock=0)
    with translation.override("fr"):
        response = client.post("/fr/checkout/review/", place_form(review))
    assert response.status_code == 409
    body = text(response)
    assert "Argan oil (fr) est épuisé." in body or "Argan oil est épuisé." in body
    assert "Corrigez cela dans votre panier" in body and "Passer la commande" not in body
    assert not Order.objects.exists() and len(client.session["cart"]) == 2


def test_a_token_this_session_never_issued_is_refused(client, fill_cart, walk):
    fill_cart(client)
    review = walk(client)
    response = client.post(REVIEW, place_form(review, token="made-up-token"))
    assert response.status_code == 400
    assert "This order form has expired. Check your order and place it again." in text(response)
    assert not Order.objects.exists()


def test_a_missing_fingerprint_is_a_400(client, fill_cart, walk):
    fill_cart(client)
    review = walk(client)
    response = client.post(REVIEW, {"token": hidden(review, "token")})
    assert response.status_code == 400 and not Order.objects.exists()


def test_a_personalisation_note_reaches_the_order_line(client, fill_cart, walk, products):
    products[0].product.__class__.objects.filter(pk=products[0].product_id).update(
        allows_personalisation=True
    )
    fill_cart(client)
    review = walk(client)
    field = f"note_{products[0].pk}"
    assert f'name="{field}"' in text(review) and f'name="note_{products[1].pk}"' not in text(review)
    client.post(
        REVIEW, place_form(review, **{field: "  For Yasmine  ", f"note_{products[1].pk}": "x"})
    )
    lines = dict(OrderLine.objects.values_list("product_name", "personalisation"))
    assert lines == {"Blue tajine": "For Yasmine", "Argan oil": ""}


# --- after placing: the card page and the thank-you page -------------------------------------


def test_a_card_order_goes_to_the_card_page(client, fill_cart, walk, card_keys, settings):
    fill_cart(client)
    response = client.post(REVIEW, place_form(walk(client, method="card")))
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert response["Location"] == f"/en/checkout/pay/{order.number}/"
    # The guest's session may pay it (payments' confirm URL asks payments.access).
    assert order.number in client.session["payments_orders"]
    page = client.get(response["Location"])
    body = text(page)
    assert f'<script src="{settings.STRIPE_JS_URL}" defer></script>' in body
    assert '<script src="/static/js/checkout-card.js" defer></script>' in body
    assert 'data-publishable-key="pk_test_checkout"' in body
    assert f'data-confirm-url="/en/payments/{order.number}/confirm/"' in body
    assert f'data-done-url="/en/checkout/done/{order.number}/"' in body
    assert 'data-csrf-token="' in body
    assert "<noscript>" in body and "Paying by card needs JavaScript" in body
    assert "Pay on delivery instead" in body
    inline = [chunk for chunk in body.split("<script")[1:] if not chunk.lstrip().startswith("src=")]
    assert not inline  # every script has a src: the CSP allows no inline script


def test_another_shoppers_order_pages_are_404(client, fill_cart, walk, card_keys):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, method="card")))
    number = Order.objects.get().number
    stranger = type(client)()
    for url in (f"/en/checkout/pay/{number}/", f"/en/checkout/done/{number}/"):
        assert client.get(url).status_code == 200
        assert stranger.get(url).status_code == 404
    stranger.force_login(UserFactory())
    assert stranger.get(f"/en/checkout/done/{number}/").status_code == 404
    assert stranger.post(f"/en/checkout/pay/{number}/cash/").status_code == 404
    assert client.get("/en/checkout/done/SK-2026-999999/").status_code == 404
    assert client.get("/en/checkout/done/not-a-number/").status_code == 404


def test_an_unpaid_card_order_can_switch_to_cash_on_delivery(
    client, fill_cart, walk, card_keys, products
):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, method="card")))
    card_order = Order.objects.get()
    response = client.post(f"/en/checkout/pay/{card_order.number}/cash/")
    assert response.status_code == 302 and response["Location"] == REVIEW
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.CANCELLED
    assert Variant.objects.get(pk=products[0].pk).stock == 5  # stock back
    review = client.get(REVIEW)
    assert "Cash on delivery" in text(review) and "was cancelled" in text(review)
    client.post(REVIEW, place_form(review))
    cod_order = Order.objects.exclude(pk=card_order.pk).get()
    assert cod_order.payment_method == Order.Method.CASH_ON_DELIVERY
    assert cod_order.total == card_order.total and cod_order.city == card_order.city


def test_a_card_order_abroad_cannot_switch_to_cash_on_delivery(client, fill_cart, walk, card_keys):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, address={"country": "FR"}, method="card")))
    order = Order.objects.get()
    assert "Pay on delivery instead" not in text(client.get(f"/en/checkout/pay/{order.number}/"))
    response = client.post(f"/en/checkout/pay/{order.number}/cash/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_the_card_page_of_a_paid_or_cash_order_leads_to_the_thank_you_page(client, fill_cart, walk):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client)))
    number = Order.objects.get().number
    response = client.get(f"/en/checkout/pay/{number}/")
    assert response["Location"] == f"/en/checkout/done/{number}/"


def test_the_thank_you_page_of_an_unpaid_card_order_offers_to_pay(
    client, fill_cart, walk, card_keys
):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, method="card")))
    number = Order.objects.get().number
    body = text(client.get(f"/en/checkout/done/{number}/"))
    assert "This order is not paid yet." in body  # payments' word for it
    assert f'href="/en/checkout/pay/{number}/">Try again<' in body and "hx-get" not in body


def test_the_thank_you_page_waits_for_a_payment_being_authenticated(
    client, fill_cart, walk, card_keys
):
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, method="card")))
    order = Order.objects.get()
    number = order.number
    Payment.objects.filter(order=order).update(status="requires_action")  # 3-D Secure
    body = text(client.get(f"/en/checkout/done/{number}/"))
    assert "We are waiting for the payment to be confirmed." in body
    assert f'hx-get="/en/checkout/done/{number}/?poll=1"' in body
    # htmx asks for the fragment only, a bounded number of times.
    htmx = {"HX-Request": "true"}
    fragment = text(client.get(f"/en/checkout/done/{number}/?poll=19", headers=htmx))
    assert fragment.lstrip().startswith('<div id="payment-state"') and "?poll=20" in fragment
    last = text(client.get(f"/en/checkout/done/{number}/?poll=20", headers=htmx))
    assert "hx-get" not in last and "Check again" in last
    # Junk counts: never a 500, never past the bound.
    polled = {"-5": f'hx-get="/en/checkout/done/{number}/?poll=1"', "abc": None, "9" * 40: None}
    for junk, poll in polled.items():
        page = text(client.get(f"/en/checkout/done/{number}/?poll={junk}"))
        assert (poll in page) if poll else ("hx-get=" not in page)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_step_is_translated(client, fill_cart, walk, lang, card_keys):
    fill_cart(client)
    walk(client, method="card")
    titles = {
        "fr": ["Où livrer ?", "Expédition", "Comment payer ?", "Vérifiez votre commande"],
        "ar": ["أين نوصل طلبك؟", "الشحن", "كيف ستدفع؟", "راجع طلبك"],
    }[lang]
    for step, title in zip(("", "shipping/", "payment/", "review/"), titles, strict=True):
        body = text(client.get(f"/{lang}/checkout/{step}"))
        assert title in body, (step, title)


def test_the_card_page_without_keys_offers_cash_on_delivery(client, fill_cart, walk, settings):
    """Card payment switched off after a card order was placed: the page says so and
    still offers to pay on delivery."""
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    fill_cart(client)
    client.post(REVIEW, place_form(walk(client, method="card")))
    number = Order.objects.get().number
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    body = text(client.get(f"/en/checkout/pay/{number}/"))
    assert "Card payment is not available right now." in body
    assert "checkout-card.js" not in body and "Pay on delivery instead" in body
