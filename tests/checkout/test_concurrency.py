"""Two submits of one review form at the same moment (a double click that the browser
sends twice) place one order: the second waits on the cart's lock, then finds the
order the first placed with the same token."""

import threading
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from marketplace.catalog.models import Variant
from marketplace.orders.models import Order
from tests.checkout.conftest import place_form

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_card_keys")]

SUBMITS = 4
DEADLINE_SECONDS = 60


def _submit_at_once(session_key: str, form: dict) -> list[tuple[int, str]]:
    barrier = threading.Barrier(SUBMITS, timeout=DEADLINE_SECONDS)

    def submit() -> tuple[int, str]:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        try:
            barrier.wait()
            response = client.post("/en/checkout/review/", form)
            return response.status_code, response.get("Location", "")
        finally:
            connections.close_all()

    pool = ThreadPoolExecutor(max_workers=SUBMITS)
    futures = [pool.submit(submit) for _ in range(SUBMITS)]
    _done, not_done = wait(futures, timeout=DEADLINE_SECONDS)
    pool.shutdown(wait=not not_done, cancel_futures=True)
    assert not not_done, f"{len(not_done)} submits did not finish in {DEADLINE_SECONDS} s"
    return [future.result() for future in futures]


@pytest.mark.parametrize("signed_in", [False, True], ids=["guest", "signed-in"])
def test_simultaneous_submits_of_one_form_place_one_order(
    client, user, fill_cart, walk, products, signed_in
):
    if signed_in:
        client.force_login(user)
    fill_cart(client)
    form = place_form(walk(client))

    results = _submit_at_once(client.session.session_key, form)

    order = Order.objects.get()
    assert results == [(302, f"/en/checkout/done/{order.number}/")] * SUBMITS
    assert Variant.objects.get(pk=products[0].pk).stock == 3  # 5 - 2, taken once
