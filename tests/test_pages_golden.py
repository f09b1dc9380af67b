"""The generated pages of a small fixture project, compared whole with a control tree.

The project is the fixture playbook, its topics and the fixture catalog, built with
the repository's configuration restricted to the source language and the catalog's
language. A change to the templates, the escaping or the interface strings shows here
as a diff of real pages. To accept an intended change, regenerate the control tree:

    CRKB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_pages_golden.py
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from babel.messages.pofile import read_po
from conftest import FIXTURES, make_project
from crkb.project import Project
from crkb.render.pages import Options, site_pages
from crkb.site import SiteData

CONTROL = FIXTURES / "golden" / "pages"
CATALOG = FIXTURES / "catalogs" / "cs-clean.po"


def fixture_project(root: Path) -> Path:
    """The repository's configuration with only the source language and the catalog's language."""
    root.mkdir(parents=True)
    make_project(root, checklists=False)
    with CATALOG.open("rb") as handle:
        locale = str(read_po(handle).locale)
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "mkdocs.yml").write_text("".join(_keep_languages(lines, locale)), encoding="utf-8")
    (root / "locales" / locale / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOG, root / "locales" / locale / "LC_MESSAGES" / "crkb.po")
    return root


def _keep_languages(lines: list[str], locale: str) -> list[str]:
    """mkdocs.yml's lines without the i18n entries of languages other than the source and locale."""
    kept, block, indent = [], [], -1
    for line in [*lines, ""]:
        start = re.match(r"^(\s*)- locale: (\S+)", line)
        inside = block and line.strip() and len(line) - len(line.lstrip()) > indent
        if block and not inside:
            if block[0].split("locale:")[1].strip() == locale or any("default: true" in b for b in block):
                kept.extend(block)
            block = []
        if start:
            block, indent = [line], len(start.group(1))
        elif block:
            block.append(line)
        else:
            kept.append(line)
    return kept


def test_the_generated_pages_match_the_control_tree(tmp_path: Path) -> None:
    data = SiteData.load(Project(fixture_project(tmp_path / "project")))
    pages = {path.as_posix(): text for path, text in site_pages(data, Options(pdfs=True)).items()}
    assert len(data.locales) == 2 and len(pages) > 10
    if os.environ.get("CRKB_UPDATE_GOLDEN") == "1":
        shutil.rmtree(CONTROL, ignore_errors=True)
        for name, text in pages.items():
            (CONTROL / name).parent.mkdir(parents=True, exist_ok=True)
            (CONTROL / name).write_text(text, encoding="utf-8")
    control = {p.relative_to(CONTROL).as_posix(): p.read_text(encoding="utf-8") for p in CONTROL.rglob("*.md")}
    assert sorted(pages) == sorted(control)
    for name, text in pages.items():
        assert text == control[name], f"{name} differs from tests/fixtures/golden/pages/{name}"
