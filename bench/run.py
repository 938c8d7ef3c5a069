"""Storefront benchmark: seed a PostgreSQL catalogue, serve it with gunicorn, load-test it.

    make bench                               # 100,000 products, 10 s per page, 8 clients
    .venv/bin/python bench/run.py --products 20000 --duration 5

Steps: check DATABASE_URL (PostgreSQL only; default: a local `souk_bench` database,
created if missing), migrate, seed (only when the database holds fewer generated
products than asked, or with --reseed), VACUUM ANALYZE, start gunicorn on a free loopback
port, warm every URL up, then load each page for a bounded time and number of requests
with wrk (or a small Python client when wrk is not available), and print requests per
second and p50/p95/p99 latency per page against its target. gunicorn is always stopped.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "report.lua"
VENV_BIN = ROOT / ".venv" / "bin"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/souk_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
PAGE_TARGET_MS = 50.0
SEARCH_TARGET_MS = 80.0
HOST = "127.0.0.1"
JSON_MARKER = "BENCH_JSON "
WRK_MARKER = "BENCH_WRK_JSON "
PRODUCT_LINK = re.compile(r'href="/en/p/([^"/?#]+)/')


class BenchError(Exception):
    """A problem the user can fix; printed without a traceback."""


# --- Database -------------------------------------------------------------------


def resolve_database_url(given: str | None) -> str:
    url = given or DEFAULT_DATABASE_URL
    scheme = urlsplit(url).scheme.lower()
    if scheme.startswith("sqlite"):
        raise BenchError(
            "DATABASE_URL points to SQLite; the benchmark needs PostgreSQL (the engine used "
            "in production). Unset DATABASE_URL to use "
            f"{DEFAULT_DATABASE_URL} (created if missing), or give a postgres:// URL."
        )
    if scheme not in POSTGRES_SCHEMES:
        raise BenchError(
            f"DATABASE_URL scheme {scheme!r} is not PostgreSQL; give a postgres:// URL "
            f"(default: {DEFAULT_DATABASE_URL})."
        )
    return url


def libpq_url(url: str, dbname: str | None = None) -> str:
    """The same URL in the form libpq accepts, optionally for another database."""
    parts = urlsplit(url)
    path = f"/{dbname}" if dbname is not None else parts.path
    return urlunsplit(("postgresql", parts.netloc, path, parts.query, ""))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def ensure_database(url: str) -> None:
    """Connect to the database, creating it when it does not exist yet."""
    import psycopg
    from psycopg import sql

    try:
        psycopg.connect(libpq_url(url), connect_timeout=5).close()
        return
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise BenchError(f"Cannot connect to PostgreSQL at {redact(url)}: {exc}") from exc
    name = database_name(url)
    print(f"Creating database {name!r}...")
    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def sql_one(url: str, query: str):
    import psycopg

    with psycopg.connect(libpq_url(url), connect_timeout=5) as conn:
        row = conn.execute(query).fetchone()
        return row[0] if row else None


def vacuum_analyze(url: str) -> None:
    """Bulk seeding leaves dead row versions (rows inserted, then updated) that autovacuum
    would clear in production; without this, scans visit several times more pages."""
    import psycopg

    with psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=5) as conn:
        conn.execute("VACUUM (ANALYZE)")


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# --- Django commands ------------------------------------------------------------


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-only",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "souk-bench",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    cmd = [sys.executable, str(ROOT / "manage.py"), *args]
    result = subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=capture, check=False)
    if result.returncode != 0:
        detail = (result.stderr or "").strip()[-2000:] if capture else ""
        raise BenchError(f"`manage.py {' '.join(args)}` failed ({result.returncode}). {detail}")
    return result.stdout if capture else ""


# Runs inside `manage.py shell -c`; prints one JSON line with the catalogue's facts and
# the slugs and words to load-test. Uses the project's own visibility rules.
DISCOVER = r"""
import json, math, re
from collections import Counter
from django.conf import settings
out = {"catalog": False}
try:
    from marketplace.catalog.models import Category, Product, Variant
except ImportError:
    Product = None
if Product is not None:
    out["catalog"] = True
    visible = Product.objects.visible()
    out["products_total"] = Product.objects.count()
    out["products_visible"] = n_visible = visible.count()
    out["products_generated"] = GENERATED
    per_page = getattr(settings, "PRODUCTS_PER_PAGE", 12)
    cap = getattr(settings, "LISTING_MAX_RESULTS", 1200)
    out["deep_page"] = max(1, math.ceil(min(n_visible, cap) / per_page))
    # The category whose listing (itself and its descendants) holds the most products.
    parents = dict(Category.objects.active().values_list("id", "parent_id"))
    slugs = dict(Category.objects.active().values_list("id", "slug"))
    totals = Counter()
    for cat_id, n in Counter(visible.values_list("category_id", flat=True)).items():
        while cat_id in parents:
            totals[cat_id] += n
            cat_id = parents[cat_id]
    if totals:
        best, n = totals.most_common(1)[0]
        out["category"] = {"slug": slugs[best], "products": n}
    half = n_visible // 2
    middle = visible.order_by("pk").values_list("slug_en", flat=True)[half : half + 1]
    out["product_slug"] = next(iter(middle), None)
    words, anywhere = Counter(), Counter()
    rows = visible.values_list("name_en", "description_en").iterator(chunk_size=5000)
    for name, description in rows:
        in_name = {w for w in re.findall(r"[a-z]+", (name or "").lower()) if len(w) >= 5}
        words.update(in_name)
        anywhere.update(in_name | set(re.findall(r"[a-z]+", (description or "").lower())))
    if words:
        word, n = words.most_common(1)[0]
        out["word"] = {"word": word, "products": n}
        # The name word found in the fewest names and descriptions (alphabetical on ties).
        n, word = min((anywhere[w], w) for w in words)
        out["rare_word"] = {"word": word, "products": n}
print("BENCH_JSON " + json.dumps(out))
"""

# Generated products (seed_demo --products) have variants with SKUs "GEN-<run>-<i>-<j>".
GENERATED_EXPR = 'Variant.objects.filter(sku__startswith="GEN-", position=0).count()'
DELETE_GENERATED = """
from marketplace.catalog.models import Product, Variant
generated = Variant.objects.filter(sku__startswith="GEN-").values("product_id")
print(Product.objects.filter(pk__in=generated).delete()[0])
"""


# Runs inside `manage.py shell -c`: the SQL of each search page's listing (the capped
# count and the page of products; the prefetches are a few rows by primary key), each
# statement run RUNS times under EXPLAIN (ANALYZE, BUFFERS) in the page's transaction
# settings; prints one JSON line with the fastest run of each and its text plan.
EXPLAIN_SEARCH = r"""
import json
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from marketplace.catalog.models import Product
from marketplace.catalog.selectors import product_listing
out, names = [], []
for label, q in QUERIES:
    # Which products get ranked: those whose name contains the text should be among them.
    visible = Product.objects.visible()
    ranked = visible.search(q, "en").order_by()
    names.append({
        "page": label, "q": q,
        "names": visible.filter(name_en__icontains=q).count(),
        "ranked": ranked.count(),
        "ranked_names": ranked.filter(name_en__icontains=q).count(),
    })
    with translation.override("en"), CaptureQueriesContext(connection) as ctx:
        listing = product_listing({"q": q}, page_number=1)
        list(listing.page.object_list)
    settings_sql = []
    for captured in ctx.captured_queries:
        sql = captured["sql"]
        if "set_config(" in sql:
            settings_sql.append(sql)  # the loose second try lowers a threshold
            continue
        if not sql.startswith("SELECT") or 'FROM "catalog_product"' not in sql:
            continue
        kind = "count" if sql.startswith("SELECT COUNT(*)") else "page"
        runs = []
        for _ in range(RUNS):
            with transaction.atomic(), connection.cursor() as cursor:
                for setting in settings_sql:
                    cursor.execute(setting)
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
                runs.append(cursor.fetchone()[0][0])
        best = min(runs, key=lambda run: run["Execution Time"])
        with transaction.atomic(), connection.cursor() as cursor:
            for setting in settings_sql:
                cursor.execute(setting)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            text = "\n".join(row[0] for row in cursor.fetchall())
        plan = best["Plan"]
        out.append({
            "page": label, "q": q, "query": kind, "loose": bool(settings_sql),
            "execution_ms": best["Execution Time"], "planning_ms": best["Planning Time"],
            "median_ms": sorted(r["Execution Time"] for r in runs)[len(runs) // 2],
            "shared_hit": plan.get("Shared Hit Blocks", 0),
            "shared_read": plan.get("Shared Read Blocks", 0),
            "rows": plan.get("Actual Rows", 0), "sql": sql, "plan": text,
        })
print("BENCH_JSON " + json.dumps({"plans": out, "names": names}))
"""


def explain_search(env: dict[str, str], pages: list[Page], runs: int) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) the SQL behind each search page, best of `runs`, and
    count the products named after the text among the ranked candidates."""
    queries = [
        (page.name, parse_qs(urlsplit(page.path).query)["q"][0])
        for page in pages
        if "q=" in page.path
    ]
    if not queries:
        return {}
    code = EXPLAIN_SEARCH.replace("QUERIES", repr(queries)).replace("RUNS", str(runs))
    output = manage(env, "shell", "-v", "0", "-c", code, capture=True)
    for line in output.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise BenchError(f"Could not read the search plans; output was:\n{output[-2000:]}")


def print_table(head: list[str], rows: list[list[str]]) -> None:
    """A Markdown table, columns padded to their widest cell."""
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    for line in [head, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)) + " |")


def print_plans(search: dict, path: Path | None) -> None:
    plans = search["plans"]
    print()
    print("Ranked search candidates whose name contains the text:")
    head = ["page", "q", "names containing q", "ranked candidates", "of which named"]
    rows = [
        [n["page"], n["q"], str(n["names"]), str(n["ranked"]), str(n["ranked_names"])]
        for n in search["names"]
    ]
    print_table(head, rows)
    print()
    print("Search SQL, EXPLAIN (ANALYZE, BUFFERS), fastest of the runs:")
    head = ["page", "q", "query", "execution ms", "median ms", "buffers hit/read", "rows"]
    rows = [
        [
            p["page"],
            p["q"] + (" (loose)" if p["loose"] else ""),
            p["query"],
            f"{p['execution_ms']:.1f}",
            f"{p['median_ms']:.1f}",
            f"{p['shared_hit']}/{p['shared_read']}",
            str(p["rows"]),
        ]
        for p in plans
    ]
    print_table(head, rows)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "\n\n".join(f"-- {p['page']}: {p['query']}\n{p['sql']}\n\n{p['plan']}" for p in plans)
        )
        print(f"Plans written to {path}")


def discover(env: dict[str, str]) -> dict:
    code = DISCOVER.replace("GENERATED", GENERATED_EXPR)
    output = manage(env, "shell", "-v", "0", "-c", code, capture=True)
    for line in output.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise BenchError(f"Could not read the catalogue facts; output was:\n{output[-2000:]}")


def seed_help(env: dict[str, str]) -> str:
    return manage(env, "seed_demo", "--help", capture=True)


def seed(env: dict[str, str], products: int, *, reseed: bool) -> None:
    print("Seeding the demo catalogue (seed_demo)...")
    manage(env, "seed_demo", capture=True)  # its output (a password) is of no use here
    facts = discover(env)
    if not facts["catalog"]:
        print("  no catalogue app yet: only the home page and /ping will be measured.")
        return
    have = facts.get("products_generated") or 0
    if "--products" not in seed_help(env):
        print(f"  seed_demo has no --products option yet; measuring with {have} products.")
        return
    if reseed and have:
        print(f"  --reseed: deleting the {have:,} generated products...")
        manage(env, "shell", "-v", "0", "-c", DELETE_GENERATED, capture=True)
        have = 0
    missing = products - have
    if missing <= 0:
        print(f"  {have:,} generated products already there (>= {products:,}); --reseed forces.")
        return
    print(f"  adding {missing:,} generated products (seed_demo --products {missing})...")
    started = time.monotonic()
    manage(env, "seed_demo", "--products", str(missing))
    print(f"  seeded in {time.monotonic() - started:.0f} s.")


# --- Server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own process group, stopped by its own id."""

    def __init__(self, env: dict[str, str], workers: int, log_path: Path):
        self.env = env
        self.workers = workers
        self.log_path = log_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        gunicorn = VENV_BIN / "gunicorn"
        if not gunicorn.exists():
            gunicorn = Path(shutil.which("gunicorn") or "gunicorn")
        cmd = [
            str(gunicorn),
            "marketplace.wsgi",
            "-w",
            str(self.workers),
            "-b",
            f"{HOST}:{self.port}",
            "--graceful-timeout",
            "5",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited early; its log:\n{self.tail_log()}")
            try:
                status, body, _ = fetch(self.port, "/ping", timeout=2)
                if status == 200 and body == b"pong":
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise BenchError(
            f"gunicorn did not answer /ping within {timeout:.0f} s:\n{self.tail_log()}"
        )

    def tail_log(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except (ProcessLookupError, PermissionError):
                pass
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None


def fetch(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes, float]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Language": "en"})
        response = conn.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started
    finally:
        conn.close()


# --- Load generators --------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    target_ms: float | None
    note: str = ""


@dataclass
class Result:
    page: Page
    warm_status: int = 0
    warm_bytes: int = 0
    product_links: int = 0
    alone_ms: float = 0.0
    requests: int = 0
    duration_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    non2xx: int = 0
    errors: int = 0
    details: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def verdict(self) -> str:
        if self.warm_status != 200 or self.non2xx or self.errors or not self.requests:
            return "FAILED"
        if self.page.target_ms is None:
            return "ceiling"
        return "ok" if self.p95_ms < self.page.target_ms else "MISSED"


def wrk_available(install: bool) -> str | None:
    path = shutil.which("wrk")
    if path or not install:
        return path
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    print("Installing wrk (apt-get install -y wrk)...")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": False}
    noninteractive = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(cmd, env=noninteractive, timeout=300, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update"], env=noninteractive, timeout=300, **quiet)
        subprocess.run(cmd, env=noninteractive, timeout=300, **quiet)
    return shutil.which("wrk")


def run_wrk(wrk: str, port: int, result: Result, opts: argparse.Namespace) -> None:
    per_thread = math.ceil(opts.max_requests / opts.threads)
    cmd = [
        wrk,
        "-t",
        str(opts.threads),
        "-c",
        str(opts.connections),
        "-d",
        f"{opts.duration}s",
        "--timeout",
        "5s",
        "-H",
        "Accept-Language: en",
        "-s",
        str(LUA_SCRIPT),
        f"http://{HOST}:{port}{result.page.path}",
        "--",
        str(per_thread),
    ]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=opts.duration + 60, check=False
    )
    data = None
    for line in proc.stdout.splitlines():
        if line.startswith(WRK_MARKER):
            data = json.loads(line[len(WRK_MARKER) :])
    if proc.returncode != 0 or data is None:
        raise BenchError(f"wrk failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout}")
    result.requests = data["requests"]
    result.duration_s = data["duration_us"] / 1e6
    result.p50_ms = data["p50_us"] / 1000
    result.p95_ms = data["p95_us"] / 1000
    result.p99_ms = data["p99_us"] / 1000
    result.max_ms = data["max_us"] / 1000
    result.non2xx = max(data["non2xx"], data["status_errors"])
    result.errors = (
        data["connect_errors"] + data["read_errors"] + data["write_errors"] + data["timeouts"]
    )
    result.details = data


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(0, math.ceil(pct / 100 * len(sorted_values)) - 1)
    return sorted_values[rank]


def run_python_client(port: int, result: Result, opts: argparse.Namespace) -> None:
    """Closed-loop keep-alive clients in threads: bounded by time and request count."""
    deadline = time.monotonic() + opts.duration
    lock = threading.Lock()
    latencies: list[float] = []
    counts = {"sent": 0, "non2xx": 0, "errors": 0}

    def claim() -> bool:
        with lock:
            if counts["sent"] >= opts.max_requests or time.monotonic() >= deadline:
                return False
            counts["sent"] += 1
            return True

    def client() -> None:
        conn = None
        while claim():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=5)
                started = time.perf_counter()
                conn.request("GET", result.page.path, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if not 200 <= response.status <= 299:
                        counts["non2xx"] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["errors"] += 1
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, daemon=True) for _ in range(opts.connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=opts.duration + 10)
    result.duration_s = time.monotonic() - started
    values = sorted(latencies)
    result.requests = len(values)
    result.p50_ms = percentile(values, 50) * 1000
    result.p95_ms = percentile(values, 95) * 1000
    result.p99_ms = percentile(values, 99) * 1000
    result.max_ms = (values[-1] if values else 0) * 1000
    result.non2xx = counts["non2xx"]
    result.errors = counts["errors"]


# --- Pages, report ------------------------------------------------------------------


def misspell(word: str) -> str:
    """A one-letter typo: the word without the letter before its last one, which keeps
    it within trigram reach ("berber" -> "berbr"). Swapped letters in the middle of a
    short word often share too few trigrams to match at all."""
    return word[:-2] + word[-1]


def build_pages(facts: dict, extra_words: tuple[str, ...] = ()) -> list[Page]:
    pages = [Page("trivial view (ceiling)", "/ping", None), Page("home", "/en/", PAGE_TARGET_MS)]
    if not facts.get("catalog"):
        return pages
    deep = facts.get("deep_page", 1)
    pages += [
        Page("list, page 1", "/en/products/", PAGE_TARGET_MS),
        Page(f"list, page {deep} (last)", f"/en/products/?page={deep}", PAGE_TARGET_MS),
    ]
    if facts.get("category"):
        cat = facts["category"]
        note = f"{cat['products']:,} products"
        path = f"/en/c/{quote(cat['slug'])}/"
        pages.append(Page("category", path, PAGE_TARGET_MS, note))
    if facts.get("word"):
        word = facts["word"]["word"]
        note = f"word in {facts['word']['products']:,} names"
        pages.append(
            Page("search, common word", f"/en/products/?q={quote(word)}", SEARCH_TARGET_MS, note)
        )
        typo = misspell(word)
        pages.append(Page("search, misspelled", f"/en/products/?q={quote(typo)}", SEARCH_TARGET_MS))
    if facts.get("rare_word"):
        word = facts["rare_word"]["word"]
        note = f"word in {facts['rare_word']['products']:,} products"
        pages.append(
            Page("search, rare word", f"/en/products/?q={quote(word)}", SEARCH_TARGET_MS, note)
        )
    for word in extra_words:
        path = f"/en/products/?q={quote(word)}"
        pages.append(Page(f"search, {word}", path, SEARCH_TARGET_MS))
    if facts.get("product_slug"):
        pages.append(Page("product", f"/en/p/{quote(facts['product_slug'])}/", PAGE_TARGET_MS))
    return pages


def warm_up(port: int, result: Result, rounds: int) -> None:
    """Request the page a few times, one at a time: its status, size and the median
    latency of the warm requests (the first one, cold, left out)."""
    timings = []
    for _ in range(max(1, rounds)):
        try:
            status, body, elapsed = fetch(port, result.page.path)
        except (OSError, http.client.HTTPException) as exc:
            print(f"  {result.page.path}: {exc}")
            result.warm_status = 0
            return
        result.warm_status, result.warm_bytes = status, len(body)
        timings.append(elapsed * 1000)
        if status != 200:
            return
    result.product_links = len(set(PRODUCT_LINK.findall(body.decode("utf-8", "replace"))))
    warm = sorted(timings[1:] or timings)
    result.alone_ms = warm[len(warm) // 2]


def machine_facts(database_url: str, facts: dict, tool: str, load: str) -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    out = {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": str(sql_one(database_url, "SHOW server_version")),
        "load generator": tool,
        "load average before the run (1, 5, 15 min)": load,
    }
    if facts.get("catalog"):
        out["products"] = (
            f"{facts['products_total']:,} in the database, {facts['products_visible']:,} visible"
        )
    return out


def fmt_ms(value: float) -> str:
    return f"{value:.1f}"


def print_report(results: list[Result], facts: dict[str, str], opts: argparse.Namespace) -> None:
    print()
    print("Machine:")
    for key, value in facts.items():
        print(f"  {key}: {value}")
    if not results:
        return
    print(
        f"Load: {opts.connections} connections, {opts.threads} threads, {opts.duration} s per "
        f"page (at most {opts.max_requests:,} requests); gunicorn {opts.workers} sync workers."
    )
    print()
    head = [
        "page",
        "URL",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "1 client ms",
        "products",
        "non-2xx/errors",
        "target",
    ]
    rows = []
    for r in results:
        target = f"p95 < {r.page.target_ms:.0f} ms" if r.page.target_ms else "-"
        bad = f"{r.non2xx}/{r.errors}"
        if r.warm_status != 200:
            bad += f" (HTTP {r.warm_status})"
        rows.append(
            [
                r.page.name,
                r.page.path,
                f"{r.rps:.0f}",
                fmt_ms(r.p50_ms),
                fmt_ms(r.p95_ms),
                fmt_ms(r.p99_ms),
                fmt_ms(r.alone_ms),
                str(r.product_links),
                bad,
                f"{target}: {r.verdict}" if r.page.target_ms else r.verdict,
            ]
        )
    print_table(head, rows)
    notes = [f"{r.page.name}: {r.page.note}" for r in results if r.page.note]
    if notes:
        print("\n" + "; ".join(notes) + ".")
    capped = [r.page.name for r in results if r.requests >= opts.max_requests]
    if capped:
        print(
            f"\nRequest cap (--max-requests) reached for {', '.join(capped)}: their figures "
            "are not valid; raise the cap or shorten --duration."
        )
    failed = [r.page.name for r in results if r.verdict == "FAILED"]
    missed = [r.page.name for r in results if r.verdict == "MISSED"]
    if failed:
        print(f"\nFAILED (non-2xx answers or errors): {', '.join(failed)}")
    if missed:
        print(f"\nMISSED the p95 target: {', '.join(missed)}")


# --- Main -------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000, help="generated products")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--max-requests", type=int, default=1_000_000, help="upper bound of requests per page"
    )
    parser.add_argument("--warmup", type=int, default=6, help="warm-up requests per page")
    parser.add_argument(
        "--tool", choices=["auto", "wrk", "python"], default="auto", help="load generator"
    )
    parser.add_argument(
        "--reseed", action="store_true", help="delete the generated products and seed N anew"
    )
    parser.add_argument("--no-seed", action="store_true", help="skip migrate and seeding")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--only",
        default="",
        help="load only the pages whose name contains one of these comma-separated texts",
    )
    parser.add_argument(
        "--search-words",
        default="",
        help="comma-separated words to search for as well (pages 'search, <word>')",
    )
    parser.add_argument(
        "--no-load", action="store_true", help="start no server, load nothing (with --explain)"
    )
    parser.add_argument(
        "--explain",
        type=int,
        default=0,
        metavar="RUNS",
        help="also EXPLAIN (ANALYZE, BUFFERS) the search pages' SQL, fastest of RUNS",
    )
    opts = parser.parse_args(argv)
    if opts.duration <= 0 or opts.connections <= 0 or opts.threads <= 0 or opts.max_requests <= 0:
        parser.error("--duration, --connections, --threads and --max-requests must be positive")
    opts.threads = min(opts.threads, opts.connections)
    return opts


def run_load(
    results: list[Result], env: dict[str, str], opts: argparse.Namespace, wrk: str | None, log: Path
) -> None:
    """Start gunicorn, warm every page up, load each one that answered 200; stop gunicorn."""
    server = Server(env, opts.workers, log)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.start()
        server.wait_ready()
        print(f"gunicorn ({opts.workers} workers) on http://{HOST}:{server.port}; warming up...")
        for result in results:
            warm_up(server.port, result, opts.warmup)
            if result.warm_status != 200:
                print(f"  {result.page.path} answered HTTP {result.warm_status}")
        for result in results:
            if result.warm_status != 200:
                continue  # reported as FAILED: an error page is not a fast page
            print(f"  loading {result.page.name}: {result.page.path}", flush=True)
            if wrk:
                run_wrk(wrk, server.port, result, opts)
            else:
                run_python_client(server.port, result, opts)
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    database_url = resolve_database_url(os.environ.get("DATABASE_URL"))
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    print(f"Database: {redact(database_url)}")
    ensure_database(database_url)
    env = server_env(database_url, redis_url)

    if opts.tool == "python":
        wrk = None
    else:
        wrk = wrk_available(install=True)
        if wrk is None:
            message = "wrk is not installed (as root: apt-get install -y wrk)"
            if opts.tool == "wrk":
                raise BenchError(message + ".")
            print(f"{message}; using the bounded Python client (less precise).")
    tool = "Python http.client threads"
    if wrk:
        version = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
        tool = (version.stdout.strip().splitlines() or ["wrk"])[0].split(" Copyright")[0]

    if not opts.no_seed:
        print("Migrating...")
        manage(env, "migrate", "--noinput", "-v", "0")
        seed(env, opts.products, reseed=opts.reseed)
    print("VACUUM (ANALYZE)...")
    vacuum_analyze(database_url)
    facts = discover(env)
    words = tuple(word.strip() for word in opts.search_words.split(",") if word.strip())
    pages = build_pages(facts, words)
    plans = explain_search(env, pages, opts.explain) if opts.explain > 0 else {}
    only = [part.strip() for part in opts.only.split(",") if part.strip()]
    pages = [page for page in pages if not only or any(part in page.name for part in only)]
    if opts.no_load:
        pages = []

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results = [Result(page) for page in pages]
    if results:
        run_load(results, env, opts, wrk, RESULTS_DIR / f"gunicorn-{stamp}.log")

    machine = machine_facts(database_url, facts, tool, load)
    print_report(results, machine, opts)
    if plans:
        print_plans(plans, RESULTS_DIR / f"search-plans-{stamp}.txt")
    if opts.json:
        payload = {
            "date": stamp,
            "machine": machine,
            "options": {k: str(v) for k, v in vars(opts).items()},
            "results": [{**asdict(r), "rps": r.rps, "verdict": r.verdict} for r in results],
            "search_plans": plans,
        }
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        opts.json.write_text(json.dumps(payload, indent=2))
        print(f"\nResults written to {opts.json}")
    return 1 if any(r.verdict == "FAILED" for r in results) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("\nbench: interrupted; gunicorn stopped.", file=sys.stderr)
        sys.exit(130)
