"""Accounts: sign-up with mandatory e-mail confirmation (no account enumeration),
sign-in/out, password reset, rate limits, the account page and saved addresses."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.accounts.models import Address, User

pytestmark = pytest.mark.django_db


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_sends_a_verification_email_and_the_link_confirms_it(client, password):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "youssef@example.com",
            "full_name": "Youssef Alaoui",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="youssef@example.com")
    assert user.full_name == "Youssef Alaoui"
    assert not user.has_verified_email()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["youssef@example.com"]

    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # confirmation page; a GET changes nothing
    assert not user.has_verified_email()
    response = client.post(link)
    assert response.status_code == 302
    assert user.has_verified_email()


def test_sign_up_remembers_the_language_it_happened_in(client, password):
    client.post(
        "/fr/accounts/signup/",
        {
            "email": "sara@example.com",
            "full_name": "Sara",
            "password1": password,
            "password2": password,
        },
    )
    assert User.objects.get(email="sara@example.com").preferred_language == "fr"


def sign_up(client, email, password, path="/en/accounts/signup/"):
    return client.post(
        path,
        {"email": email, "full_name": "Someone", "password1": password, "password2": password},
    )


def test_sign_up_with_a_taken_email_looks_like_any_sign_up_and_tells_the_owner(
    client, user, password
):
    """Nobody can learn from sign-up whether an address has an account: both answers
    are the same page, and only the address's owner hears of the attempt (by mail)."""
    fresh = sign_up(Client(), "new-shopper@example.com", password)
    taken = sign_up(client, user.email, password)

    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert taken["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=user.email).count() == 1
    to_owner = mail.outbox[-1]
    assert to_owner.to == [user.email]
    assert "already has an account" in to_owner.body
    assert "/en/accounts/password/reset/" in to_owner.body
    assert "_auth_user_id" not in client.session


def test_a_new_account_cannot_sign_in_before_confirming_its_address(client, password):
    sign_up(client, "unconfirmed@example.com", password)
    assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"), {"login": "unconfirmed@example.com", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["unconfirmed@example.com"]  # the link, sent again


def test_the_guest_cart_survives_sign_up_and_joins_the_account_on_confirmation(
    client, password, make_product
):
    variant = make_product("Blue tagine", variants=[{"stock": 5}]).variants.get()
    client.post(reverse("cart:add"), {"variant": variant.pk, "quantity": 2})

    sign_up(client, "guest@example.com", password)
    assert client.session["cart"] == {str(variant.pk): [2, "100.00"]}  # kept while unconfirmed
    assert "Blue tagine" in client.get(reverse("cart:detail")).content.decode()

    response = client.post(confirmation_link(mail.outbox[-1]))
    assert response.status_code == 302
    user = User.objects.get(email="guest@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)  # signed in by confirming
    assert list(user.cart.lines.values_list("variant_id", "quantity")) == [(variant.pk, 2)]


def test_sign_in_and_sign_out(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_sign_in_is_rate_limited_after_repeated_failures(client, user, password):
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    # Once limited, even the right password is refused until the window passes.
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_with_a_working_link(client, user):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = confirmation_link(mail.outbox[0])
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "N3w-Pass-word-77", "password2": "N3w-Pass-word-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("N3w-Pass-word-77")


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_account_page_edits_name_phone_and_language(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Amina B.", "phone": "+212 612 345 678", "preferred_language": "ar"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.phone, user.preferred_language) == (
        "Amina B.",
        "+212 612 345 678",
        "ar",
    )


def test_account_page_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


VALID_ADDRESS = {
    "recipient_name": "Amina Idrissi",
    "phone": "+212 6 12 34 56 78",
    "line1": "12 Derb Sidi Ahmed",
    "line2": "",
    "city": "Fès",
    "region": "Fès-Meknès",
    "postal_code": "30000",
    "country": "MA",
}


def test_adding_an_address_saves_it_as_the_default(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:address_create"), VALID_ADDRESS)
    assert response.status_code == 302
    address = user.addresses.get()
    assert address.is_default and address.city == "Fès"


def test_address_country_defaults_to_morocco(client, user):
    client.force_login(user)
    html = client.get(reverse("accounts:address_create")).content.decode()
    assert re.search(r'<option value="MA" selected>', html)


def test_bad_address_shows_field_errors_and_saves_nothing(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:address_create"),
        {**VALID_ADDRESS, "recipient_name": "", "line1": "", "city": "", "phone": "12"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"recipient_name", "line1", "city", "phone"}
    assert "Enter a valid phone number" in response.content.decode()
    assert not Address.objects.exists()


@pytest.mark.parametrize(
    "phone", ["12", "call me maybe", "+212 6" + "1" * 20, "06-12-34-56-78; DROP"]
)
def test_absurd_phone_numbers_are_refused(client, user, phone):
    client.force_login(user)
    response = client.post(reverse("accounts:address_create"), {**VALID_ADDRESS, "phone": phone})
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors


def test_bad_address_errors_are_translated(client, user):
    client.force_login(user)
    response = client.post("/fr/accounts/addresses/new/", {**VALID_ADDRESS, "phone": "12"})
    assert "Saisissez un numéro de téléphone valide" in response.content.decode()


def test_a_second_default_address_takes_over(client, user):
    client.force_login(user)
    client.post(reverse("accounts:address_create"), VALID_ADDRESS)
    client.post(
        reverse("accounts:address_create"), {**VALID_ADDRESS, "city": "Rabat", "is_default": "on"}
    )
    assert list(user.addresses.values_list("city", "is_default")) == [
        ("Rabat", True),
        ("Fès", False),
    ]


def test_deleting_the_default_address_promotes_another(client, user):
    client.force_login(user)
    client.post(reverse("accounts:address_create"), VALID_ADDRESS)
    client.post(reverse("accounts:address_create"), {**VALID_ADDRESS, "city": "Rabat"})
    default = user.addresses.get(is_default=True)
    response = client.post(reverse("accounts:address_delete", args=[default.pk]))
    assert response.status_code == 302
    assert list(user.addresses.values_list("city", "is_default")) == [("Rabat", True)]


def test_another_users_address_is_a_404(client, user, django_user_model):
    other = django_user_model.objects.create_user("other@example.com", "x-Pass-4567")
    address = Address.objects.create(user=other, **{**VALID_ADDRESS, "country": "MA"})
    client.force_login(user)
    assert client.get(reverse("accounts:address_update", args=[address.pk])).status_code == 404
    assert client.post(reverse("accounts:address_delete", args=[address.pk])).status_code == 404
    assert Address.objects.filter(pk=address.pk).exists()
