"""Apps depend one way (docs/architecture.md, "Apps and layers"): import-linter's
contracts in pyproject.toml, run as `make test` runs everything else."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_imports_follow_the_layers_and_no_view_module_is_imported():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("core/http.py", "from marketplace.catalog import models", "Apps depend one way"),
        ("vendors/models.py", "import marketplace.cart.services", "Apps depend one way"),
        ("cart/selectors.py", "from marketplace.catalog import views", "Nothing imports a view"),
        ("payments/services.py", "import stripe", "Only payments.stripe_api imports"),
        ("orders/services.py", "from marketplace.payments import models", "Apps depend one way"),
    ],
)
def test_an_import_against_the_layers_fails(tmp_path, module, bad_import, contract):
    """The contracts are not vacuous: the same check on a copy of the code with one bad
    import added fails and names the import."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "marketplace", tmp_path / "marketplace", ignore=shutil.ignore_patterns("__pycache__")
    )
    with (tmp_path / "marketplace" / module).open("a", encoding="utf-8") as source:
        source.write(f"\n{bad_import}  # noqa\n")

    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert f"marketplace.{module.removesuffix('.py').replace('/', '.')}" in result.stdout
