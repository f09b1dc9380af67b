"""Projects with a language in progress, the way a translator starts one.

The repository's configuration and the fixture playbook (conftest.make_project),
plus one language added with `crkb locale add` as a language in progress: its
catalog empty (0 %), or the fixture catalog in tests/fixtures/languages/ merged
with the project's English by `crkb update`, as after a translator's first pull
request. The language is the fixture's own (its PO header); if the configuration
already lists it, it is used as it is, set in progress.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner, Result
from conftest import FIXTURES, make_project
from crkb.cli import main
from crkb.locales import PROFILE_FILE, locales_from
from crkb.project import Project

PARTIAL = FIXTURES / "languages" / "de-partial.po"
with PARTIAL.open("rb") as _handle:
    NEW = str(read_po(_handle).locale)


def cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), *args])


def set_status(root: Path, code: str, status: str) -> None:
    """Set a language's `status` in its locale profile, keeping its other settings."""
    path = root / "locales" / code / PROFILE_FILE
    settings = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}
    settings["status"] = status
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def in_progress_project(root: Path, catalog: Path | None = None) -> Path:
    """A project where NEW is a language in progress with this catalog (None: the empty one)."""
    root.mkdir(parents=True, exist_ok=True)
    make_project(root, checklists=False)
    if NEW not in locales_from(root / "mkdocs.yml"):
        added = cli(root, "locale", "add", NEW)
        assert added.exit_code == 0, added.output
    set_status(root, NEW, "in-progress")
    if catalog is not None:
        target = Project(root).catalog(NEW)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(catalog, target)
    updated = cli(root, "update", "--locale", NEW)
    assert updated.exit_code == 0, updated.output
    return root


def build_site(root: Path, site: Path) -> Path:
    """The project's site, built as CI builds it (--strict)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site
