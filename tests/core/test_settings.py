"""Settings: the same module serves development and production, secure by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
