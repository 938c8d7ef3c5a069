"""The release identifier: what changes whenever the code that renders a page does.

Shared fragments carry it in their keys, so a deploy that changes templates,
translations, static files or code never serves fragments rendered by the old
release. `RELEASE` (set at build time, e.g. the image tag or commit) wins; without
it, a digest of the rendering inputs is computed once per process at first use:
the templates (project and installed apps), the compiled catalogues (.mo), the
static manifest and the project's Python code. The Docker image has no .git, so
nothing here relies on one.
"""

import hashlib
from functools import cache
from pathlib import Path

import django
from django.conf import settings
from django.template.utils import get_app_template_dirs

RENDERING_SUFFIXES = {".html", ".txt", ".mo", ".py"}


def _inputs() -> list[tuple[str, Path]]:
    """(name relative to its root, path) of every file that shapes rendered HTML."""
    roots: list[Path] = []
    for engine in settings.TEMPLATES:
        roots.extend(Path(d) for d in engine.get("DIRS", []))
    roots.extend(Path(d) for d in get_app_template_dirs("templates"))
    roots.extend(Path(d) for d in settings.LOCALE_PATHS)
    roots.append(Path(settings.BASE_DIR) / "marketplace")
    files: dict[str, Path] = {}
    for index, root in enumerate(roots):
        if root.is_dir():
            for path in root.rglob("*"):
                if path.suffix in RENDERING_SUFFIXES and path.is_file():
                    files[f"{index}:{path.relative_to(root)}"] = path
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files["static-manifest"] = manifest
    return sorted(files.items())


@cache
def release_id() -> str:
    """A short identifier of the running release (stable within a process)."""
    if settings.RELEASE:
        return settings.RELEASE[:40]
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
    for name, path in _inputs():
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
