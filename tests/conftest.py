"""Shared fixtures: small real projects built from files under tests/fixtures/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one good playbook, the repository's mkdocs.yml and no catalogs yet."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "playbooks").mkdir()
    shutil.copy(FIXTURES / "playbooks" / "good" / "greet-by-name.yml", tmp_path / "playbooks")
    return tmp_path


@pytest.fixture
def bad_playbook(project: Path):
    """Put one of the bad fixture playbooks into the project, under its own name."""

    def put(name: str) -> Path:
        target = project / "playbooks" / f"{name}.yml"
        shutil.copy(FIXTURES / "playbooks" / "bad" / f"{name}.yml", target)
        return target

    return put


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(out), strict=True))
    return out
