"""Settings: the same module serves development and production, secure by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Hq2pLk9Vw4Zr8Nt6Yb3Mc5Jd1Fg0SaQeRtYuIoPaSdFgHjKlZxCvBnM",
    "ALLOWED_HOSTS": "souk.example",
}
# Set in CI for the test run itself; each test here says which cache it runs with.
CACHE_VARIABLES = {"REDIS_URL", "REDIS_FRAGMENTS_URL", "CACHE_KEY_PREFIX"}
PRINT_CACHES = (
    "from django.conf import settings as s; "
    "[print(alias, c['BACKEND'].rsplit('.', 1)[-1], c.get('LOCATION'), c.get('KEY_PREFIX', ''),"
    " c.get('OPTIONS', {}).get('MAX_ENTRIES', '')) for alias, c in s.CACHES.items()]"
)


def cache_lines(**env: str) -> list[list[str]]:
    result = run_manage("shell", "--no-imports", "-c", PRINT_CACHES, **env)
    assert result.returncode == 0, result.stderr
    return [line.split() for line in result.stdout.strip().splitlines()]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and k not in CACHE_VARIABLES
    }
    clean.update(DJANGO_SETTINGS_MODULE="marketplace.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_development_mode_loads_with_no_environment_but_debug():
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_environment_passes_check_deploy_with_no_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Hq2pLk9Vw4Zr8Nt6Yb3Mc5Jd1Fg0SaQeRtYuIoPaSdFgHjKlZxCvBnM",
        ALLOWED_HOSTS="souk.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_security_defaults_can_be_relaxed_through_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
        DEBUG="false",
        SECRET_KEY="x7Hq2pLk9Vw4Zr8Nt6Yb3Mc5Jd1Fg0SaQeRtYuIoPaSdFgHjKlZxCvBnM",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["False", "False", "0"]


def test_redis_url_selects_the_redis_cache():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])",
        DEBUG="true",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("django.core.cache.backends.redis.RedisCache")


def test_production_without_redis_shares_the_database_cache_between_processes():
    """No process-local cache in production: every gunicorn worker (and machine) on
    the same database sees the same versions, sessions and rate-limit counters."""
    assert cache_lines(**PRODUCTION) == [
        ["default", "DatabaseCache", "souk_cache", "100000"],
        ["fragments", "DatabaseCache", "souk_fragments_cache", "5000"],
    ]


def test_redis_url_puts_both_caches_on_redis_under_distinct_prefixes():
    """Fragments never share keys with sessions and rate limits, and can move to
    their own Redis (REDIS_FRAGMENTS_URL), e.g. one that may evict freely."""
    assert cache_lines(**PRODUCTION, REDIS_URL="redis://cache:6379/1") == [
        ["default", "RedisCache", "redis://cache:6379/1", "souk"],
        ["fragments", "RedisCache", "redis://cache:6379/1", "souk-fragments"],
    ]
    assert cache_lines(
        **PRODUCTION,
        REDIS_URL="redis://cache:6379/1",
        REDIS_FRAGMENTS_URL="redis://pages:6379/0",
        CACHE_KEY_PREFIX="shop",
    ) == [
        ["default", "RedisCache", "redis://cache:6379/1", "shop"],
        ["fragments", "RedisCache", "redis://pages:6379/0", "shop-fragments"],
    ]


def test_development_keeps_two_separate_bounded_memory_caches():
    """`make run` needs nothing but Python; evicting pages never evicts sessions."""
    assert cache_lines(DEBUG="true") == [
        ["default", "LocMemCache", "souk", "100000"],
        ["fragments", "LocMemCache", "souk-fragments", "5000"],
    ]


def test_a_server_process_logs_its_cache_choice_once_and_commands_do_not():
    """The WSGI entry point (each gunicorn worker) says which cache each alias uses,
    in one line and without the Redis password; a management command says nothing."""
    env = {**PRODUCTION, "REDIS_URL": "redis://:s3cret-pass@cache:6379/1"}
    server = run_manage(
        "shell", "--no-imports", "-c", "import marketplace.wsgi, marketplace.asgi", **env
    )
    assert server.returncode == 0, server.stderr
    lines = [line for line in server.stdout.splitlines() if "Caches:" in line]
    assert len(lines) == 1, server.stdout
    assert (
        "Caches: default: RedisCache redis://cache:6379/1 (prefix souk); "
        "fragments: RedisCache redis://cache:6379/1 (prefix souk-fragments)"
    ) in lines[0]
    assert "s3cret" not in server.stdout + server.stderr

    command = run_manage("check", **PRODUCTION)
    assert command.returncode == 0, command.stderr
    assert "Caches:" not in command.stdout + command.stderr


def test_the_cache_log_line_names_every_server_without_its_password(settings):
    from marketplace.core.caches import describe_caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ["redis://:s3cret@primary:6379/1", "rediss://user:pw@replica/1"],
            "KEY_PREFIX": "souk",
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "souk_fragments_cache",
        },
    }
    assert describe_caches() == (
        "default: RedisCache redis://primary:6379/1,rediss://replica/1 (prefix souk); "
        "fragments: DatabaseCache souk_fragments_cache"
    )
