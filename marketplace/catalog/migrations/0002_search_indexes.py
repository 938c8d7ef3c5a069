"""PostgreSQL-only search indexes: GIN on the per-language tsvector documents and
trigram GIN on the translated names (typo-tolerant search). SQLite skips them."""

from django.db import migrations

LANGUAGES = ("en", "fr", "ar")

FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    sql
    for code in LANGUAGES
    for sql in (
        f"CREATE INDEX IF NOT EXISTS catalog_product_search_{code} "
        f"ON catalog_product USING gin (search_{code})",
        f"CREATE INDEX IF NOT EXISTS catalog_product_name_trgm_{code} "
        f"ON catalog_product USING gin (name_{code} gin_trgm_ops)",
    )
]
BACKWARD = [
    f"DROP INDEX IF EXISTS catalog_product_{kind}_{code}"
    for code in LANGUAGES
    for kind in ("search", "name_trgm")
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
