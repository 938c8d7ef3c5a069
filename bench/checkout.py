"""place_order under concurrent buyers: latency, queries, oversell, deadlocks.

    .venv/bin/python bench/checkout.py                        # 8 buyers, 30 orders each
    .venv/bin/python bench/checkout.py --buyers 8 --orders 50 --products 100000

Steps: a PostgreSQL database (default `souk_hitrate`, shared with bench/hitrate.py;
created and seeded with bench/run.py's helpers when needed), then in this process:
pick three in-stock variants from two shops (the issue's 3-line, 2-shop cart) and
give them plenty of stock, make one account per buyer, and let `--buyers` threads
each place `--orders` orders one after the other through the real
`orders.services.place_order` (each cart filled with `cart_add` first, untimed).
Each buyer runs in a process of its own (forked), as web workers do. Prints
p50/p95/p99 of place_order, the queries one call issues (and that the count
does not grow with the number of lines), the orders placed, the stock check (sold
= taken, never below zero) and any deadlock or error. Bounded by count and by
`--max-seconds`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    ROOT,
    BenchError,
    database_name,
    ensure_database,
    manage,
    percentile,
    redact,
    seed,
    server_env,
    vacuum_analyze,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/souk_hitrate"
TARGET_P95_MS = 150.0


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--buyers", type=int, default=8)
    parser.add_argument("--orders", type=int, default=30, help="orders per buyer")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument(
        "--same-items",
        action="store_true",
        help="every buyer buys the same three variants (the worst case: their row locks "
        "serialise the orders); by default each buyer has a cart of its own",
    )
    opts = parser.parse_args(argv)
    opts.buyers = min(max(opts.buyers, 1), 32)
    opts.orders = min(max(opts.orders, 1), 500)
    return opts


def prepare(opts) -> dict[str, str]:
    database_url = opts.database_url or DEFAULT_DATABASE_URL
    if database_name(database_url) in {"test", "test_test"}:
        raise BenchError("Refusing to benchmark against the test suite's database.")
    ensure_database(database_url)
    env = server_env(database_url, opts.redis_url)
    env["CACHE_KEY_PREFIX"] = "souk-checkout-bench"
    print(f"Database {redact(database_url)}: migrating...")
    manage(env, "migrate", "--noinput", capture=True)
    seed(env, opts.products, reseed=False)
    vacuum_analyze(database_url)
    return env


def main(argv=None) -> int:
    opts = parse_args(argv)
    env = prepare(opts)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from marketplace.accounts.models import User
    from marketplace.cart.services import cart_add
    from marketplace.cart.storage import DatabaseCart
    from marketplace.catalog.models import Product, Variant
    from marketplace.orders.models import Order
    from marketplace.orders.services import (
        CheckoutError,
        ShippingAddress,
        checkout_quote,
        place_order,
    )

    # Three variants of two shops: two of the shop with most products, one of another.
    shops = list(
        Product.objects.visible()
        .filter(in_stock=True)
        .values("vendor_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("vendor_id", flat=True)[:2]
    )
    if len(shops) < 2:
        raise BenchError("Need two shops with products on sale.")
    carts_wanted = 1 if opts.same_items else opts.buyers
    per_shop = {}
    for vendor_id, count in ((shops[0], 2), (shops[1], 1)):
        products = Product.objects.visible().filter(vendor_id=vendor_id, in_stock=True)
        per_shop[vendor_id] = [
            Variant.objects.filter(product=product, is_active=True).first()
            for product in products.order_by("pk")[: count * carts_wanted]
        ]
    carts = [
        per_shop[shops[0]][2 * n : 2 * n + 2] + per_shop[shops[1]][n : n + 1]
        for n in range(carts_wanted)
    ]
    if any(len(lines) != 3 for lines in carts):
        raise BenchError("Not enough products in the two largest shops for the carts.")
    picked = [variant for lines in carts for variant in lines]
    stock = 1_000_000
    Variant.objects.filter(pk__in=[v.pk for v in picked]).update(stock=stock)
    Product.objects.filter(pk__in=[v.product_id for v in picked]).refresh_from_variants()
    buyers = [
        User.objects.get_or_create(email=f"bench-buyer-{n}@souk.local")[0]
        for n in range(opts.buyers)
    ]
    address = ShippingAddress(
        recipient_name="Bench Buyer",
        phone="+212600000000",
        line1="1 rue",
        city="Fès",
        country="MA",
    )
    run_id = f"{int(time.time())}"

    def fill(cart, lines) -> str:
        with transaction.atomic():
            for variant in lines:
                cart_add(cart=cart, variant_id=variant.pk, quantity=1)
        return checkout_quote(cart=cart).fingerprint()

    def place(cart, buyer, key: str, expected: str):
        return place_order(
            cart=cart,
            user=buyer,
            email=buyer.email,
            address=address,
            payment_method=Order.Method.CASH_ON_DELIVERY,
            language="en",
            idempotency_key=key,
            expected=expected,
        )

    # Queries of one call, for 1 line and for 3 lines (must not grow per line).
    counts = {}
    for lines in (carts[0][:1], carts[0]):
        cart = DatabaseCart(buyers[0])
        expected = fill(cart, lines)
        with CaptureQueriesContext(connection) as ctx:
            place(cart, buyers[0], f"bench-{run_id}-q{len(lines)}", expected)
        counts[len(lines)] = len(ctx.captured_queries)
    connection.close()

    before = {v.pk: Variant.objects.get(pk=v.pk).stock for v in picked}
    deadline = time.time() + opts.max_seconds
    forking = multiprocessing.get_context("fork")
    barrier = forking.Barrier(opts.buyers, timeout=60)
    results = forking.Queue()

    def buyer_loop(index: int) -> None:
        """One buyer in a process of its own (as web workers are): no shared GIL."""
        latencies, errors = [], []
        try:
            buyer = User.objects.get(pk=buyers[index].pk)
            cart = DatabaseCart(buyer)
            barrier.wait()
            for n in range(opts.orders):
                if time.time() > deadline:
                    break
                expected = fill(cart, carts[index % len(carts)])
                started = time.perf_counter()
                try:
                    place(cart, buyer, f"bench-{run_id}-{index}-{n}", expected)
                except CheckoutError as refused:
                    errors.append(f"refused: {refused}")
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # a deadlock would land here
            errors.append(repr(error))
        finally:
            connection.close()
            results.put((latencies, errors))

    connection.close()  # each child opens its own
    started = time.monotonic()
    processes = [forking.Process(target=buyer_loop, args=(i,)) for i in range(opts.buyers)]
    for process in processes:
        process.start()
    latencies: list[float] = []
    errors: list[str] = []
    for _process in processes:
        got_latencies, got_errors = results.get(timeout=opts.max_seconds + 120)
        latencies += got_latencies
        errors += got_errors
    for process in processes:
        process.join(30)
    wall = time.monotonic() - started
    placed = [len(latencies)]
    after = {v.pk: Variant.objects.get(pk=v.pk).stock for v in picked}
    sold = {pk: before[pk] - after[pk] for pk in before}
    # Each variant sold once per order of the carts that hold it.
    per_cart = placed[0] if opts.same_items else None
    oversold = any(after[pk] < 0 for pk in after) or (
        per_cart is not None and any(n != per_cart for n in sold.values())
    )
    oversold = oversold or sum(sold.values()) != 3 * placed[0]
    latencies.sort()
    p95 = percentile(latencies, 95)
    print()
    items = "the same 3 variants" if opts.same_items else "a cart of their own each"
    print(f"buyers              {opts.buyers} ({items}), {opts.orders} orders each, {wall:.1f} s")
    print(f"orders placed       {placed[0]} ({placed[0] / wall:.1f}/s)")
    print(
        f"place_order ms      p50 {percentile(latencies, 50):.1f}, p95 {p95:.1f}, "
        f"p99 {percentile(latencies, 99):.1f} (target p95 < {TARGET_P95_MS:.0f}: "
        f"{'ok' if p95 < TARGET_P95_MS else 'MISSED'})"
    )
    print(f"queries per call    {counts[1]} for 1 line, {counts[3]} for 3 lines in 2 shops")
    print(
        f"stock               sold per variant {min(sold.values())}..{max(sold.values())}, "
        f"oversell: {'YES' if oversold else 'none'}"
    )
    print(f"errors              {len(errors)}" + (f": {errors[:3]}" if errors else ""))
    return 0 if p95 < TARGET_P95_MS and not oversold and not errors else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
