"""`migrate` alone prepares the database cache that production uses without Redis."""

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection

CACHE_TABLES = {"souk_cache", "souk_fragments_cache"}


def cache_tables() -> set[str]:
    return CACHE_TABLES & set(connection.introspection.table_names())


@pytest.mark.django_db
def test_migrate_creates_both_cache_tables_in_the_layout_django_expects():
    assert cache_tables() == CACHE_TABLES
    for table in CACHE_TABLES:
        shared = DatabaseCache(table, {})
        shared.set("price", "250.00", timeout=60)
        assert shared.get("price") == "250.00"
        shared.add("version", 1, timeout=None)
        assert shared.incr("version") == 2
        shared.delete_many(["price", "version"])


@pytest.mark.django_db(transaction=True)
def test_the_cache_table_migration_is_reversible_and_keeps_tables_made_by_hand():
    """Unapplying drops both tables; applying again recreates them, and skips a table
    an operator already made with `createcachetable`."""
    try:
        call_command("migrate", "core", "zero", verbosity=0)
        assert cache_tables() == set()

        call_command("createcachetable", "souk_cache", verbosity=0)
        call_command("migrate", "core", verbosity=0)
        assert cache_tables() == CACHE_TABLES
    finally:
        call_command("migrate", "core", verbosity=0)
