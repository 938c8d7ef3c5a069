from tests.orders.conftest import buy, rug, tagine  # noqa: F401 - the orders' fixtures
