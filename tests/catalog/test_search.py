"""Search ranking when a common word matches more products than a listing shows."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [p.name for p in response.context["products"]]


@pytest.mark.postgres
@pytest.mark.parametrize("best_created", ["first", "last"])
@override_settings(LISTING_MAX_RESULTS=4, PRODUCTS_PER_PAGE=3)
def test_the_products_named_after_a_common_word_come_first_whatever_their_age(
    client, make_product, categories, best_created
):
    """Seven products match "tagine", more than the four a listing ranks: the three
    whose name carries the word are page 1, whether they were created before or after
    the four that only mention it in their description."""

    def best():
        for name in ("Tagine pot", "Blue tagine", "Tagine lid"):
            make_product(name, category=categories["rugs"])

    if best_created == "first":
        best()
    for i in range(4):
        make_product(
            f"Simple bowl {i}",
            category=categories["rugs"],
            description="Goes well with a tagine.",
        )
    if best_created == "last":
        best()

    response = client.get("/en/products/?q=tagine")

    assert sorted(names(response)) == ["Blue tagine", "Tagine lid", "Tagine pot"]
    assert response.context["page_obj"].paginator.count == 4


@pytest.mark.postgres
@override_settings(LISTING_MAX_RESULTS=4, PRODUCTS_PER_PAGE=3)
def test_descriptions_fill_the_listing_after_the_names(client, make_product, categories):
    """With fewer name matches than the listing holds, the rest of it is filled with
    products that mention the word elsewhere, ranked after the names."""
    for i in range(5):
        make_product(
            f"Simple bowl {i}",
            category=categories["rugs"],
            description="Goes well with a tagine.",
        )
    make_product("Tagine pot", category=categories["rugs"])

    page_1 = client.get("/en/products/?q=tagine")
    page_2 = client.get("/en/products/?q=tagine&page=2")

    assert names(page_1)[0] == "Tagine pot"
    assert page_1.context["page_obj"].paginator.count == 4
    assert len(names(page_1) + names(page_2)) == 4
    assert all(name.startswith("Simple bowl") for name in names(page_1)[1:] + names(page_2))
