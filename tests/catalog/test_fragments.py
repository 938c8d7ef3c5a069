"""Anonymous shoppers share rendered product grids; each still gets its own CSRF
token, and any change to the catalogue shows at once."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product

# Real commits: shared fragments are expired after COMMIT, as in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("lazy_loads_raise")]


def csrf_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def test_second_visitor_is_served_the_shared_grid_without_catalogue_queries(make_product):
    make_product("Blue tagine")
    Client().get("/en/products/")
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get("/en/products/")
    assert response.status_code == 200
    assert "Blue tagine" in response.content.decode()
    assert not [q for q in ctx.captured_queries if "catalog_product" in q["sql"]]


def test_each_visitor_gets_a_working_csrf_token_of_their_own(make_product):
    product = make_product("Blue tagine", variants=[{"stock": 5}])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/en/products/")
    html = second.get("/en/products/").content.decode()
    assert "__souk-csrf-token__" not in html
    token = sorted(csrf_tokens(html))[0]  # the page's and the grid's tokens are all valid
    response = second.post(
        "/en/cart/add/",
        {"variant": product.variants.get().pk, "quantity": 1, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302  # accepted: the token matches this visitor's cookie


def test_a_price_change_shows_at_once(client, make_product):
    product = make_product("Blue tagine", price="100")
    assert "100.00" in client.get("/en/products/").content.decode()
    variant = product.variants.get()
    variant.price_override = Decimal("75")
    variant.save()
    html = client.get("/en/products/").content.decode()
    assert "75.00" in html and "100.00" not in html


def test_hiding_a_product_shows_at_once(client, make_product):
    product = make_product("Blue tagine")
    assert "Blue tagine" in client.get("/en/products/").content.decode()
    product.status = Product.Status.INACTIVE
    product.save()
    assert "Blue tagine" not in client.get("/en/products/").content.decode()


def test_languages_and_query_strings_have_their_own_grids(client, make_product):
    make_product("Blue tagine", name_fr="Tajine bleu")
    assert "Blue tagine" in client.get("/en/products/").content.decode()
    assert "Tajine bleu" in client.get("/fr/products/").content.decode()
    assert "Blue tagine" not in client.get("/en/products/?q=rug").content.decode()


def test_signed_in_shoppers_get_a_fresh_render(client, user, make_product):
    make_product("Blue tagine")
    client.force_login(user)
    client.get("/en/products/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/products/")
    assert [q for q in ctx.captured_queries if "catalog_product" in q["sql"]]
