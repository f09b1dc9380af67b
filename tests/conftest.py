"""Shared fixtures: small real projects built from files under tests/fixtures/, and the real site.

The languages always come from the configuration (`mkdocs.yml`), never from a
list in a test, so adding a language needs no test change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from crkb.locales import load_profiles, translated_locales
from crkb.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "playbooks" / "good"


def complete_locales(root: Path = REPO) -> list[str]:
    """The locales whose profile says complete, the source language first.

    Their catalogs, glossaries and search queries are finished; a language in
    progress (one just added with `crkb locale add`) may have none of them yet.
    """
    return [p.code for p in load_profiles(root / "mkdocs.yml", root / "locales", root) if p.status == "complete"]


def copy_config(target: Path, checklists: bool = True) -> None:
    """mkdocs.yml, the locale profiles, docs/ sources and theme overrides of the repository, into target."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not checklists:
        text = text.replace("  - crkb\n", "  - crkb:\n      checklists: false\n", 1)
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    for profile in (REPO / "locales").glob("*/locale.yml"):
        folder = target / "locales" / profile.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(profile, folder / "locale.yml")
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    shutil.copytree(REPO / "overrides", target / "overrides")


def make_project(target: Path, checklists: bool = True) -> Path:
    copy_config(target, checklists)
    (target / "playbooks").mkdir()
    for name in ("greet-by-name.yml", "topics.yml"):
        shutil.copy(GOOD / name, target / "playbooks" / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one good playbook, the repository's configuration and no catalogs yet."""
    return make_project(tmp_path)


@pytest.fixture
def translated() -> list[str]:
    """The site's translated locales, from mkdocs.yml."""
    return translated_locales(REPO / "mkdocs.yml")


@pytest.fixture
def bad_playbook(project: Path):
    """Put one of the bad fixture playbooks into the project, under its own name."""

    def put(name: str) -> Path:
        target = project / "playbooks" / f"{name}.yml"
        shutil.copy(FIXTURES / "playbooks" / "bad" / f"{name}.yml", target)
        return target

    return put


@pytest.fixture(scope="session", autouse=True)
def user_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory):
    """A user cache folder of this test session's own (lemmas, translations' answers): a test
    never reads what a developer's earlier run, or another version of the code, kept."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRKB_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture(scope="session")
def site_data():
    """The real project's site data, loaded once per test session."""
    from crkb.site import SiteData

    return SiteData.load(Project(REPO))


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(out), strict=True))
    return out
