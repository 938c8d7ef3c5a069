"""The database cache's tables, so that `migrate` alone prepares production.

With DEBUG off and no REDIS_URL, both cache aliases are Django's DatabaseCache
(settings.CACHES): `default` in souk_cache, `fragments` in souk_fragments_cache.
They are created on every database, whatever the cache configuration, so that
switching from Redis to the database cache needs no extra step. Creating uses
`createcachetable`'s own code (the table layout Django's backend expects) and
skips a table that already exists (created by hand with that command).
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLES = ("souk_cache", "souk_fragments_cache")


def create_cache_tables(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    for table in CACHE_TABLES:
        command.create_table(schema_editor.connection.alias, table, dry_run=False)


def drop_cache_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for table in CACHE_TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunPython(create_cache_tables, drop_cache_tables, elidable=False),
    ]
