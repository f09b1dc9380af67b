"""Everything one site build needs, loaded once: playbooks, catalogs, localizers.

Shared by the MkDocs plugin and the CLI so both see the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fileio import write_atomic
from .locales import SOURCE_LOCALE, locales_from
from .localize import Localizer, localize, read_catalog
from .model import Playbook, load_playbooks
from .problems import ProblemsFound, Severity
from .project import Project
from .render.pages import site_pages


def fingerprint(project: Project) -> tuple:
    """Names, sizes and times of every input: cheap to compute, changes on every save."""
    files = [project.mkdocs_yml, *project.playbooks.glob("*.yml"), *project.locales.rglob("*.po")]
    return tuple(sorted((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists()))


@dataclass
class Site:
    project: Project
    locales: list[str]
    books: list[Playbook]
    localizers: dict[str, Localizer]
    _pages: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> Site:
        locales = locales_from(project.mkdocs_yml)
        books, problems = load_playbooks(project.playbooks, project.root)
        localizers = {}
        for locale in locales:
            path = project.catalog(locale)
            catalog = None
            if locale != SOURCE_LOCALE and path.is_file():
                try:
                    catalog = read_catalog(path, locale, project.root)
                except ProblemsFound as found:
                    problems.extend(found.problems)
            localizers[locale] = Localizer(locale, catalog)
        if errors := [p for p in problems if p.severity is Severity.ERROR]:
            raise ProblemsFound(errors)
        return cls(project, locales, books, localizers)

    def localized(self, locale: str) -> list[Playbook]:
        loc = self.localizers[locale]
        return [localize(book, loc) for book in self.books]

    def pages(self) -> dict[Path, str]:
        if not self._pages:
            for locale, loc in self.localizers.items():
                self._pages.update(site_pages(self.localized(locale), loc))
        return self._pages

    def write_pages(self, docs: Path) -> int:
        """Write the generated pages under docs/, touching only files whose text changed."""
        written = sum(write_atomic(docs / rel, text.encode()) for rel, text in self.pages().items())
        self._remove_stale(docs)
        return written

    def _remove_stale(self, docs: Path) -> None:
        wanted = {docs / rel for rel in self.pages()}
        for old in (docs / "playbooks").glob("*.md"):
            if old not in wanted:
                old.unlink()

    def nav(self) -> list:
        return ["index.md", *(f"playbooks/{b.id}.md" for b in self.books), "about.md"]

    def configure_languages(self, config) -> None:
        """Site name per language from the catalogs: static-i18n applies it per build."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return
        for language in i18n.config.languages:
            loc = self.localizers.get(language.locale)
            if loc is not None:
                language.site_name = loc.ui("ui.site.name")
                language.site_description = loc.ui("ui.site.description")
