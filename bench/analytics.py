"""The staff figures page (/admin/figures/) over many orders: time per page.

    .venv/bin/python bench/analytics.py                    # 100,000 orders
    .venv/bin/python bench/analytics.py --orders 20000 --runs 10

Steps: a PostgreSQL database (default `souk_analytics`, created when missing),
migrated and given the demo catalogue (`seed_demo`), then `--orders` orders spread
over the last 365 days with their shop orders and lines, written with bulk inserts
(untimed; kept between runs: a second run only tops up). Then in this process,
through Django's test client signed in as staff: the page for the last 30 days and
for the last 365 days, `--runs` times each after one warm-up; prints p50 and p95,
the queries of one page and the orders it covers. The target is under 300 ms.
Bounded by count and by `--max-seconds`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, BenchError, ensure_database, manage, percentile, redact, server_env

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/souk_analytics"
TARGET_MS = 300.0
BATCH = 5000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    return parser.parse_args(argv)


def generate(wanted: int, deadline: float) -> int:
    """Top the database up to `wanted` orders (bulk inserts); returns how many exist."""
    from django.db import transaction
    from django.utils import timezone

    from marketplace.catalog.models import Variant
    from marketplace.orders.models import Order, OrderLine, ShopOrder

    have = Order.objects.count()
    variants = list(Variant.objects.select_related("product__vendor").filter(is_active=True)[:200])
    if not variants:
        raise BenchError("No variants: seed_demo did not run.")
    statuses = [
        Order.Status.CONFIRMED,
        Order.Status.PAID,
        Order.Status.SHIPPED,
        Order.Status.DELIVERED,
        Order.Status.DELIVERED,
        Order.Status.CANCELLED,
        Order.Status.PENDING_PAYMENT,
    ]
    rng = random.Random(have)
    now = timezone.now()
    while have < wanted:
        if time.monotonic() > deadline:
            raise BenchError("Out of time while generating orders.")
        n = min(BATCH, wanted - have)
        with transaction.atomic():
            orders, baskets = [], []
            for i in range(n):
                basket = rng.sample(variants, rng.randint(1, 3))
                subtotal = sum((v.price for v in basket), Decimal(0))
                status = rng.choice(statuses)
                orders.append(
                    Order(
                        number=f"BN-{have + i:08d}",
                        email=f"buyer{rng.randint(1, 5000)}@example.com",
                        language="en",
                        status=status,
                        payment_method=Order.Method.CARD
                        if status == Order.Status.PAID
                        else Order.Method.CASH_ON_DELIVERY,
                        items_subtotal=subtotal,
                        shipping_total=Decimal("35.00"),
                        total=subtotal + Decimal("35.00"),
                        recipient_name="Bench Buyer",
                        phone="+212600000000",
                        line1="1 rue du Banc",
                        city="Fès",
                        country="MA",
                        idempotency_key=f"bench-{have + i}",
                        created=now - timedelta(seconds=rng.randint(0, 365 * 86400)),
                    )
                )
                baskets.append(basket)
            Order.objects.bulk_create(orders)
            shop_orders, lines_for = [], []
            for order, basket in zip(orders, baskets, strict=True):
                by_shop: dict[int, list] = {}
                for variant in basket:
                    by_shop.setdefault(variant.product.vendor_id, []).append(variant)
                for vendor_id, items in by_shop.items():
                    items_subtotal = sum((v.price for v in items), Decimal(0))
                    shop_orders.append(
                        ShopOrder(
                            order=order,
                            vendor_id=vendor_id,
                            status=ShopOrder.Status.CANCELLED
                            if order.status == Order.Status.CANCELLED
                            else ShopOrder.Status.DELIVERED
                            if order.status == Order.Status.DELIVERED
                            else ShopOrder.Status.NEW,
                            items_subtotal=items_subtotal,
                            shipping_cost=Decimal("35.00"),
                            total=items_subtotal + Decimal("35.00"),
                            ship_by=order.created.date(),
                            created=order.created,
                        )
                    )
                    lines_for.append(items)
            ShopOrder.objects.bulk_create(shop_orders)
            OrderLine.objects.bulk_create(
                OrderLine(
                    order_id=shop_order.order_id,
                    shop_order=shop_order,
                    variant=variant,
                    product_id=variant.product_id,
                    product_name=variant.product.name,
                    sku=variant.sku,
                    unit_price=variant.price,
                    quantity=1,
                    line_total=variant.price,
                )
                for shop_order, items in zip(shop_orders, lines_for, strict=True)
                for variant in items
            )
        have += n
        print(f"  {have:,} orders", flush=True)
    return have


def main(argv=None) -> int:
    opts = parse_args(argv)
    deadline = time.monotonic() + opts.max_seconds
    ensure_database(opts.database_url)
    env = server_env(opts.database_url, "")
    env.pop("REDIS_URL")
    env["ALLOWED_HOSTS"] = "testserver"  # Django's test client, in this process
    print(f"Database {redact(opts.database_url)}: migrate and seed_demo")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from marketplace.accounts.models import User
    from marketplace.analytics.selectors import Period, figures

    total = generate(opts.orders, deadline)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    staff = User.objects.filter(email="bench-staff@souk.local").first()
    if staff is None:
        staff = User.objects.create_superuser("bench-staff@souk.local", "bench-Pass-9876")
    client = Client()
    client.force_login(staff)
    url = reverse("analytics:figures")
    print(f"\n{total:,} orders in the database; {opts.runs} runs per page")
    print(f"{'page':<16}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}{'orders':>10}")
    worst = 0.0
    for label, days in (("last 30 days", 30), ("last 365 days", 365)):
        from django.utils import timezone

        last = timezone.localdate()
        query = {"first": (last - timedelta(days=days - 1)).isoformat(), "last": last.isoformat()}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        if response.status_code != 200:
            raise BenchError(f"{label}: HTTP {response.status_code}")
        timings = []
        for _ in range(opts.runs):
            if time.monotonic() > deadline:
                raise BenchError("Out of time while measuring.")
            started = time.perf_counter()
            client.get(url, query)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        covered = figures(Period(last - timedelta(days=days - 1), last)).orders
        p95 = percentile(timings, 95)
        worst = max(worst, p95)
        print(
            f"{label:<16}{percentile(timings, 50):>10.1f}{p95:>10.1f}"
            f"{len(captured):>10}{covered:>10,}"
        )
    verdict = "meets" if worst < TARGET_MS else "misses"
    print(f"\np95 {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
