"""A build from the same inputs reuses the record of the build before, and only then."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from crkb import buildcache
from crkb import catalogs as po_io
from crkb.catalogs import catalog_bytes, read_catalog
from crkb.locales import translated_locales
from crkb.mkdocs_plugin import CACHE
from crkb.project import Project
from crkb.sync import update

from tests.conftest import make_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One good playbook with catalogs; the record's secret in a cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    (tmp_path / "project").mkdir()
    root = make_project(tmp_path / "project", checklists=False)
    update(Project(root))
    return root


@pytest.fixture
def catalog_reads(monkeypatch: pytest.MonkeyPatch) -> Counter:
    counted: Counter = Counter()
    read = po_io.read_input

    def counting(path, *args, **kwargs):
        counted[Path(path).parent.parent.name] += 1
        return read(path, *args, **kwargs)

    monkeypatch.setattr(po_io, "read_input", counting)
    return counted


def build(root: Path, site: Path) -> dict[str, bytes]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_a_build_with_nothing_changed_reads_no_catalog_and_writes_the_same_site(
    project: Path, tmp_path: Path, catalog_reads: Counter
) -> None:
    first = build(project, tmp_path / "one")
    assert catalog_reads and (project / CACHE / buildcache.RECORD).is_file()
    catalog_reads.clear()
    assert build(project, tmp_path / "two") == first
    assert not catalog_reads


@pytest.mark.slow
def test_a_changed_catalog_is_read_again_and_shown(project: Path, tmp_path: Path, catalog_reads: Counter) -> None:
    build(project, tmp_path / "one")
    locale = translated_locales(project / "mkdocs.yml")[0]
    path = Project(project).catalog(locale)
    catalog = read_catalog(path, locale)
    next(m for m in catalog if m.context == "greet-by-name.title").string = "Changed title"
    path.write_bytes(catalog_bytes(catalog))
    catalog_reads.clear()
    pages = build(project, tmp_path / "two")
    assert catalog_reads[locale] == 1
    assert "Changed title" in pages[f"{locale}/playbooks/greet-by-name/index.html"].decode()


def test_a_record_keyed_with_another_secret_never_matches(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record that came with a pull request was keyed without this machine's secret."""
    settings = {"options": {}, "only": None}
    ours = buildcache.build_key(Project(project), settings)
    folder = project / CACHE
    monkeypatch.setattr(buildcache, "_secret", lambda: b"someone else's secret")
    planted = buildcache.build_key(Project(project), settings)
    buildcache.save_plan(folder, planted, buildcache.SitePlan(["index.md"], {"": {}}, ["en"], {"index.en.md": "x"}))
    monkeypatch.undo()
    assert ours is not None and planted != ours
    assert buildcache.load_plan(folder, ours) is None
    assert buildcache.load_plan(folder, planted) is not None  # the record itself is readable


def test_any_input_file_changes_the_key(project: Path) -> None:
    settings = {"options": {}, "only": None}
    before = buildcache.build_key(Project(project), settings)
    glossary = project / "locales" / translated_locales(project / "mkdocs.yml")[0] / "glossary.yml"
    glossary.write_text("terms: []\n", encoding="utf-8")
    assert buildcache.build_key(Project(project), settings) != before
    assert buildcache.build_key(Project(project), {**settings, "only": ["x"]}) != buildcache.build_key(
        Project(project), settings
    )
