"""The sites the search benchmark types into: crkb's search (in each word reducer) and
Material's stock search, built from the same pages.

- crkb: `mkdocs build` of a project as configured (PDF checklists off: they do not
  touch search), with `CRKB_SEARCH_WORDS` choosing lemmas (the site's), stems or
  surface forms (see scripts/crkb/search/reduce.py).
- stock: the pages that build generated, built by MkDocs with the crkb plugin, the
  theme override that loads search.js and the search plugin's field settings removed:
  Material's search over static-i18n's merged index, as before this work.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..corpus import Corpus
from ..measure import ENV, run, tool
from ..stages import _bare_copy, _variant

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("mkdocs.yml", "overrides", "docs", "playbooks", "locales")


def copy_project(target: Path) -> Path:
    """The repository's inputs (not its generated pages) in a folder of their own."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=_generated if name == "docs" else None)
        elif source.is_file():
            shutil.copy(source, target / name)
    return target


def _generated(folder: str, names: list[str]) -> list[str]:
    top = Path(folder) == REPO / "docs"
    return [n for n in names if top and (n.endswith(".md") or n in ("playbooks", "checklists"))]


def build_crkb(root: Path, site: Path, words: str = "lemmas") -> float:
    """Build the project with crkb's search; return the seconds it took."""
    config = _variant(root / "mkdocs.yml")  # checklists off
    ENV["CRKB_SEARCH_WORDS"] = words
    try:
        return run([tool("mkdocs"), "build", "-q", "-f", str(config), "-d", str(site)]).seconds
    finally:
        del ENV["CRKB_SEARCH_WORDS"]


def build_stock(root: Path, work: Path, site: Path) -> float:
    """Build the pages of a crkb build (run build_crkb first) with Material's stock search."""
    bare = _bare_copy(Corpus(root, 0, [], 0), work / "stock-project")
    config = bare / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\s*custom_dir:.*\n", "", text)
    text = re.sub(r"(?ms)^(\s*)- search:\n.*?(?=^\1- )", r"\1- search\n", text)
    config.write_text(text, encoding="utf-8")
    for script in (bare / "docs" / "assets" / "javascripts").glob("search*.js"):
        script.unlink()
    return run([tool("mkdocs"), "build", "-q", "-f", str(config), "-d", str(site)]).seconds
