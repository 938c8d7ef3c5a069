"""Search that forgives on both databases: on SQLite, an FTS5 table of the product
documents (porter stemming, accents folded); on both, every document rebuilt from
the normalised text (catalog.search.normalise: Arabic letter variants, French
elision, accents), which queries now read."""

from django.db import migrations

from marketplace.catalog.search import (
    FTS_PARTS,
    FTS_TABLE,
    FTS_TOKENIZER,
    SEARCH_LANGUAGES,
    update_search_vectors,
)

BATCH = 1000


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        columns = ", ".join(f"{part}_{code}" for code in SEARCH_LANGUAGES for part in FTS_PARTS)
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            f"{columns}, tokenize = '{FTS_TOKENIZER}')"
        )
    elif connection.vendor != "postgresql":
        return
    products = apps.get_model("catalog", "Product").objects.using(connection.alias)
    ids = list(products.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        update_search_vectors(products.filter(pk__in=ids[start : start + BATCH]))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_moderation_language_stock_movements")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
