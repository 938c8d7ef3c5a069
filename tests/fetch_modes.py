"""Run views with Django's FETCH_RAISE fetch mode, so that a relation or deferred field
a view forgot to load fails the test instead of costing a query per row.

Fetch modes are set per queryset (`QuerySet.fetch_mode()`). Querysets that set none
take `django.db.models.query.DEFAULT_FETCH_MODE` when they are created, and listing
querysets take `marketplace.catalog.models.LISTING_FETCH_MODE` (FETCH_PEERS in
production); both are swapped for FETCH_RAISE while a request runs.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.db.models import query

from marketplace.catalog import models as catalog_models


@contextmanager
def raise_on_lazy_loads() -> Iterator[None]:
    """Inside this block, any query's rows raise FieldFetchBlocked on a lazy load."""
    saved = query.DEFAULT_FETCH_MODE, catalog_models.LISTING_FETCH_MODE
    query.DEFAULT_FETCH_MODE = catalog_models.LISTING_FETCH_MODE = models.FETCH_RAISE
    try:
        yield
    finally:
        query.DEFAULT_FETCH_MODE, catalog_models.LISTING_FETCH_MODE = saved


class RaiseOnLazyLoadsMiddleware:
    """Outermost middleware of the view tests: the whole request (session, user, view,
    templates, the other middleware) runs under `raise_on_lazy_loads()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with raise_on_lazy_loads():
            return self.get_response(request)
