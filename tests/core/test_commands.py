"""Management commands a new developer relies on."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_with_the_production_storage(tmp_path):
    """The Dockerfile's collectstatic must succeed: every file a stylesheet or script
    refers to (source maps included) is there, and names get a content hash."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "false",
            "SECRET_KEY": "collectstatic-test",
            "ALLOWED_HOSTS": "localhost",
            "STATIC_ROOT": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "vendor" / "htmx").glob("htmx.min.*.js"))
