"""Demo content for a fresh Souk: shops across Morocco, the category tree and about
eighty products written in English, French and Arabic, with placeholder images drawn
by Pillow.

The content itself is data (data/*.json, read by `content`); the code draws the
images (`drawing`), stores the catalogue (`seeding`, idempotent) and bulk-inserts many
generated products for scale tests (`generate`). `manage.py seed_demo` runs them.
"""

from .content import CATEGORIES, PLACES, PRODUCTS, SHOPS, WORDS
from .drawing import IMAGE_SIZE, PALETTES, draw_logo, draw_placeholder
from .generate import compose_name, generate_products
from .seeding import seed, sku_for, slugs_for

__all__ = [
    "CATEGORIES",
    "IMAGE_SIZE",
    "PALETTES",
    "PLACES",
    "PRODUCTS",
    "SHOPS",
    "WORDS",
    "compose_name",
    "draw_logo",
    "draw_placeholder",
    "generate_products",
    "seed",
    "sku_for",
    "slugs_for",
]
