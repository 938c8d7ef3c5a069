# ruff: noqa: RUF001 (Arabic letters and apostrophes are what these tests fold)
"""What a search finds in each language: the tables of docs/search.md, checked row by
row on the database the tests run on (SQLite or PostgreSQL)."""

from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from marketplace.catalog.search import normalise
from marketplace.catalog.selectors import product_listing
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "search.md"


def table(heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table after `heading` in the doc."""
    text = DOC.read_text().split(heading, 1)[1]
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if set(cells[0]) <= {"-"} or cells[0] in ("Product", "Language"):
                continue
            rows.append(cells)
        elif rows:
            break
    return rows


CATALOGUE = table("this catalogue")
QUERIES = table('in any order; "nothing" when none matches.')
SUGGESTIONS = table("## Did you mean")


@pytest.fixture
def catalogue(make_product, categories):
    home = CategoryFactory(slug="home", name_en="Home", name_fr="Maison", name_ar="البيت")
    products = {}
    for number, en, fr, ar, category in CATALOGUE:
        products[number] = make_product(
            en,
            name_fr=fr,
            name_ar=ar,
            category=categories["rugs"] if category.startswith("Rugs") else home,
        )
    return products


def numbers(cell: str) -> set[str]:
    return set() if cell in ("", "nothing") else {n.strip() for n in cell.split(",")}


def found(language: str, query: str) -> tuple[set[str], str]:
    with translation.override(language):
        listing = product_listing({"q": query}, page_number=1)
    return {str(p.pk) for p in listing.page.object_list}, listing.suggestion


@pytest.mark.parametrize(("language", "query", "finds", "postgresql_also", "_why"), QUERIES)
def test_a_search_finds_what_docs_search_md_says_in_each_language(
    catalogue, language, query, finds, postgresql_also, _why
):
    expected = numbers(finds)
    if connection.vendor == "postgresql":
        expected |= numbers(postgresql_also)
    ids, _suggestion = found(language, query)
    assert ids == {str(catalogue[n].pk) for n in expected}


@pytest.mark.parametrize(("language", "query", "sqlite_suggests", "postgresql_finds"), SUGGESTIONS)
def test_a_search_that_finds_nothing_suggests_the_catalogues_own_words(
    catalogue, language, query, sqlite_suggests, postgresql_finds
):
    ids, suggestion = found(language, query)
    if connection.vendor == "postgresql":
        assert ids == {str(catalogue[n].pk) for n in numbers(postgresql_finds)}
        expected = "" if ids else sqlite_suggests
    else:
        assert ids == set()
        expected = sqlite_suggests
    assert suggestion == ("" if expected == "nothing" else expected)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("أإآٱ", "اااا"),
        ("زربية", "زربيه"),
        ("مستشفى", "مستشفي"),
        ("بـــلغة", "بلغه"),
        ("بَلْغَة", "بلغه"),
        ("L'Huile d’argan", "huile argan"),
        ("Thé à la menthe", "the a la menthe"),
    ],
)
def test_search_text_is_folded_the_same_way_at_index_and_query_time(text, normalised):
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    "query", ['"', "*", "lantern*", "NEAR(brass lantern)", "-", "{name_en}: x", "AND OR NOT", "'"]
)
def test_search_syntax_typed_into_the_box_is_read_as_words_never_an_error(client, catalogue, query):
    response = client.get("/en/products/", {"q": query})
    assert response.status_code == 200
