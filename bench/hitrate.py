"""Shared-fragment hit rate while the shop sells: one sale per second, anonymous browsing.

    .venv/bin/python bench/hitrate.py                     # 60 s, 4 clients, 2,000 products
    .venv/bin/python bench/hitrate.py --duration 120 --clients 8 --products 10000

Steps: a PostgreSQL database (default `souk_hitrate`, created if missing; never the
test suite's), migrate, seed (demo data plus generated products when fewer than
asked), start gunicorn (2 sync workers, Redis, production settings relaxed for
plain HTTP on loopback, as bench/run.py does), pick a fixed set of 20 listing,
category and search URLs and 200 product pages, warm every URL once, then for
`--duration` seconds browse them at random from `--clients` anonymous clients while
another process sells one unit of one of those 200 products every second through
`catalog.services.stock_take` (the code checkout uses; the products keep plenty of
stock, so a sale changes neither price nor availability). The server says in each
response's `Souk-Fragments` header whether each fragment was a hit or a miss; the
script prints the hit rate over the run (after warm-up), the sales made and the
latencies. Bounded: every loop stops at the deadline and gunicorn is always
stopped.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    JSON_MARKER,
    RESULTS_DIR,
    ROOT,
    BenchError,
    Server,
    database_name,
    ensure_database,
    fetch,
    manage,
    percentile,
    redact,
    seed,
    server_env,
    vacuum_analyze,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/souk_hitrate"
TARGET_HIT_RATE = 0.95
SALE_STOCK = 1_000_000

# Runs in `manage.py shell -c`: the URL set, and plenty of stock on the sold variants.
CHOOSE = r"""
import json, re
from collections import Counter
from marketplace.catalog.models import Category, Product, Variant
visible = Product.objects.visible().filter(in_stock=True)
products = list(visible.order_by("pk").values_list("pk", "slug_en")[:200])
sold = list(
    Variant.objects.filter(product_id__in=[pk for pk, _ in products], is_active=True, stock__gt=0)
    .order_by("product_id", "pk").distinct("product_id").values_list("pk", flat=True)
)
Variant.objects.filter(pk__in=sold).update(stock=STOCK)
Product.objects.filter(pk__in=[pk for pk, _ in products]).refresh_from_variants()
categories = list(Category.objects.roots().values_list("slug", flat=True)[:8])
words = Counter()
for name in visible.values_list("name_en", flat=True)[:5000]:
    words.update({w for w in re.findall(r"[a-z]+", (name or "").lower()) if len(w) >= 5})
listings = ["/en/products/", "/en/products/?page=2", "/en/products/?page=3",
            "/en/products/?sort=price_asc", "/en/products/?sort=price_desc",
            "/en/products/?in_stock=1", "/en/"]
listings += [f"/en/c/{slug}/" for slug in categories]
listings += [f"/en/products/?q={w}" for w, _ in words.most_common(20 - len(listings))]
print("BENCH_JSON " + json.dumps({
    "listings": listings[:20],
    "products": [f"/en/p/{slug}/" for _, slug in products],
    "sold": sold,
}))
"""

# Runs in `manage.py shell -c` beside the server: one sale per second until the deadline.
SELL = r"""
import random, time
from marketplace.catalog.services import stock_take
variants, deadline, sales = VARIANTS, time.monotonic() + DURATION, 0
rng = random.Random(7)
while time.monotonic() < deadline:
    started = time.monotonic()
    stock_take(quantities={rng.choice(variants): 1})
    sales += 1
    time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
print("BENCH_JSON " + '{"sales": %d}' % sales)
"""


def read_json(output: str) -> dict:
    for line in output.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise BenchError(f"No result in the output:\n{output[-2000:]}")


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits = self.misses = self.requests = self.errors = 0
        self.latencies: list[float] = []

    def add(self, status: int, outcomes: str, seconds: float) -> None:
        with self.lock:
            self.requests += 1
            if status != 200:
                self.errors += 1
            words = outcomes.split()
            self.hits += words.count("hit")
            self.misses += words.count("miss")
            self.latencies.append(seconds * 1000)


def browse(port: int, urls: list[str], deadline: float, tally: Tally, seed_: int) -> None:
    rng = random.Random(seed_)
    while time.monotonic() < deadline:
        url = rng.choice(urls)
        status, outcomes, seconds = get(port, url)
        tally.add(status, outcomes, seconds)


def get(port: int, path: str) -> tuple[int, str, float]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Language": "en"})
        response = conn.getresponse()
        response.read()
        return (
            response.status,
            response.getheader("Souk-Fragments", ""),
            (time.perf_counter() - started),
        )
    finally:
        conn.close()


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (max 600)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    opts = parser.parse_args(argv)
    opts.duration = min(max(opts.duration, 5.0), 600.0)
    opts.clients = min(max(opts.clients, 1), 32)
    return opts


def main(argv=None) -> int:
    opts = parse_args(argv)
    database_url = opts.database_url or DEFAULT_DATABASE_URL
    if database_name(database_url) in {"test", "test_test"}:
        raise BenchError("Refusing to benchmark against the test suite's database.")
    ensure_database(database_url)
    env = server_env(database_url, opts.redis_url)
    env["CACHE_KEY_PREFIX"] = "souk-hitrate"
    print(f"Database {redact(database_url)}: migrating...")
    manage(env, "migrate", "--noinput", capture=True)
    seed(env, opts.products, reseed=False)
    vacuum_analyze(database_url)
    chosen = read_json(
        manage(
            env, "shell", "-v", "0", "-c", CHOOSE.replace("STOCK", str(SALE_STOCK)), capture=True
        )
    )
    urls = chosen["listings"] + chosen["products"]
    print(f"{len(chosen['listings'])} listing URLs, {len(chosen['products'])} product pages.")

    server = Server(env, opts.workers, RESULTS_DIR / f"gunicorn-hitrate-{int(time.time())}.log")
    server.start()
    seller = None
    try:
        server.wait_ready()
        for url in urls:  # warm-up: every URL once, not counted
            status, _body, _seconds = fetch(server.port, url)
            if status != 200:
                raise BenchError(f"{url} answered {status} during warm-up")
        sell = SELL.replace("VARIANTS", repr(chosen["sold"])).replace(
            "DURATION", str(opts.duration)
        )
        seller = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", sell],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        tally = Tally()
        deadline = time.monotonic() + opts.duration
        clients = [
            threading.Thread(target=browse, args=(server.port, urls, deadline, tally, i))
            for i in range(opts.clients)
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join(opts.duration + 30)
        out, err = seller.communicate(timeout=opts.duration + 60)
        if seller.returncode != 0:
            raise BenchError(f"The selling process failed:\n{err[-2000:]}")
        sales = read_json(out)["sales"]
    finally:
        if seller is not None and seller.poll() is None:
            seller.kill()
        server.stop()

    fragments = tally.hits + tally.misses
    rate = tally.hits / fragments if fragments else 0.0
    latencies = sorted(tally.latencies)
    print()
    print(
        f"duration            {opts.duration:.0f} s, {opts.clients} clients, {opts.workers} workers"
    )
    print(f"sales               {sales} ({sales / opts.duration:.2f} per second)")
    print(
        f"requests            {tally.requests} ({tally.requests / opts.duration:.0f}/s), "
        f"{tally.errors} not 200"
    )
    print(f"fragments           {tally.hits} hits, {tally.misses} misses")
    print(
        f"hit rate            {rate:.1%} (target > {TARGET_HIT_RATE:.0%}: "
        f"{'ok' if rate > TARGET_HIT_RATE else 'MISSED'})"
    )
    print(
        f"latency ms          p50 {percentile(latencies, 50):.1f}, "
        f"p95 {percentile(latencies, 95):.1f}, p99 {percentile(latencies, 99):.1f}"
    )
    return 0 if rate > TARGET_HIT_RATE and not tally.errors else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
