"""Where things are: the project root and the folders derived from it.

Every command works from the folder holding `mkdocs.yml` (or a parent of the
working folder that does), so `crkb` can be run from anywhere in the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        return cls(here)

    @property
    def playbooks(self) -> Path:
        return self.root / "playbooks"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def template(self) -> Path:
        return self.locales / "crkb.pot"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def catalog(self, lang: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / "crkb.po"

    def glossary(self, lang: str) -> Path:
        return self.locales / lang / "glossary.yml"
