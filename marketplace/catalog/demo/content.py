"""The demo content, read from the JSON files in data/ into frozen specs.

Texts shoppers read come in the three languages as {"en": ..., "fr": ..., "ar": ...}
and are read into (English, French, Arabic) tuples; a missing language is an error.
Prices are strings (read as Decimal where stored). Sizes are written with the
multiplication sign U+00D7, not the letter x, as shoppers expect.

- shops.json: the shops, with `code` (SKU prefix) and `craft` (the root category
  whose colours their logo and banner take).
- categories.json: the category tree, parents before children; the order is the
  categories' position.
- materials.json: materials that several products share, by key; a product's or a
  craft's `materials` is such a key or a text in the three languages.
- products.json: the demo products in a fixed order (the order decides their
  creation dates and how many images each gets). Each option is one variant:
  {"size", "colour", "price"}, each optional ({} is the only variant of a product
  without options; a missing price is the product's price).
- generated.json: words for `generate_products`: places, adjectives (French and
  Arabic in both genders) and, per root category, items (with their French and
  Arabic genders and leaf category), a sentence, materials, a price range, colours
  and sizes.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("en", "fr", "ar")

# (English, French, Arabic)
T = tuple[str, str, str]
# (size, colour, price override or None)
Option = tuple[str, str, str | None]
# (English, French, French gender, Arabic, Arabic gender, leaf category slug). Genders:
# "m", "f", and in French "mp"/"fp" for plurals; an Arabic plural of things takes "f".
Item = tuple[str, str, str, str, str, str]
# (English, French masculine, French feminine, Arabic masculine, Arabic feminine)
Adjective = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class ShopSpec:
    slug: str
    code: str  # SKU prefix
    name: str
    kind: str
    region: str
    city: str
    email: str
    craft: str  # root category slug: the colours of its logo and banner
    story: T
    featured: bool = False
    commission: str | None = None


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: T
    description: T
    parent: str | None = None
    featured: bool = False


@dataclass(frozen=True)
class ProductSpec:
    shop: str
    category: str
    name: T
    description: T
    materials: T
    price: str
    options: tuple[Option, ...]
    compare: str | None = None
    days: int = 0
    personal: bool = False
    featured: bool = False
    # (average, number of ratings) that the product's demo reviews aim for
    # (dashboard/demo_reviews.py); the product's own rating comes from its reviews.
    rating: tuple[str, int] | None = None
    sold_out: bool = False


@dataclass(frozen=True)
class Words:
    items: tuple[Item, ...]
    adjectives: tuple[Adjective, ...]
    sentence: T
    materials: T
    prices: tuple[int, int]
    colours: tuple[str, ...] = ()
    sizes: tuple[tuple[str, str], ...] = ()  # (size, price multiplier)


def load(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _t(value: dict[str, str]) -> T:
    return (value["en"], value["fr"], value["ar"])


MATERIALS: dict[str, T] = {key: _t(value) for key, value in load("materials").items()}


def _materials(value: str | dict[str, str]) -> T:
    return MATERIALS[value] if isinstance(value, str) else _t(value)


def _shop(row: dict) -> ShopSpec:
    return ShopSpec(**(row | {"story": _t(row["story"])}))


def _category(row: dict) -> CategorySpec:
    return CategorySpec(**(row | {"name": _t(row["name"]), "description": _t(row["description"])}))


def _product(row: dict) -> ProductSpec:
    rating = row.get("rating")
    return ProductSpec(
        **(
            row
            | {
                "name": _t(row["name"]),
                "description": _t(row["description"]),
                "materials": _materials(row["materials"]),
                "options": tuple(
                    (o.get("size", ""), o.get("colour", ""), o.get("price")) for o in row["options"]
                ),
                "rating": (rating["average"], rating["count"]) if rating else None,
            }
        )
    )


def _item(row: dict) -> Item:
    return (row["en"], row["fr"], row["fr_gender"], row["ar"], row["ar_gender"], row["category"])


def _adjective(row: dict) -> Adjective:
    return (row["en"], row["fr_m"], row["fr_f"], row["ar_m"], row["ar_f"])


def _words(row: dict) -> Words:
    return Words(
        items=tuple(_item(item) for item in row["items"]),
        adjectives=tuple(_adjective(adjective) for adjective in row["adjectives"]),
        sentence=_t(row["sentence"]),
        materials=_materials(row["materials"]),
        prices=tuple(row["prices"]),
        colours=tuple(row.get("colours", ())),
        sizes=tuple((size["size"], size["price_factor"]) for size in row.get("sizes", ())),
    )


SHOPS: tuple[ShopSpec, ...] = tuple(_shop(row) for row in load("shops"))
CATEGORIES: tuple[CategorySpec, ...] = tuple(_category(row) for row in load("categories"))
PRODUCTS: tuple[ProductSpec, ...] = tuple(_product(row) for row in load("products"))

_generated = load("generated")
# (English, French, Arabic, region)
PLACES: tuple[tuple[str, str, str, str], ...] = tuple(
    (place["en"], place["fr"], place["ar"], place["region"]) for place in _generated["places"]
)
SHARED_ADJECTIVES: tuple[Adjective, ...] = tuple(
    _adjective(adjective) for adjective in _generated["shared_adjectives"]
)
WORDS: dict[str, Words] = {root: _words(row) for root, row in _generated["by_craft"].items()}
GENERIC_WORDS = _words(_generated["generic"])
del _generated
