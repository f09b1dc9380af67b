"""Everything one site build needs, loaded once: playbooks, catalogs, localizers.

Shared by the MkDocs plugin and the CLI so both see the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .fileio import write_atomic
from .locales import SOURCE_LOCALE, locales_from
from .localize import Localizer, localize, read_catalog
from .messages import all_units
from .model import Playbook, load_playbooks
from .problems import ProblemsFound, Severity
from .project import Project
from .render.pages import site_pages

CHECKLISTS = "checklists"  # under docs/, git-ignored; one PDF per playbook and locale
SITE_LAYOUT = "{name}.{locale}.pdf"  # the suffix static-i18n gives each language


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
    with_pdfs: bool = True
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
                books = self.localized(locale)
                rows = self.progress(loc, books)
                self._pages.update(site_pages(books, loc, rows, self.locales, self.with_pdfs))
        return self._pages

    def progress(self, loc: Localizer, titles: list[Playbook]) -> list[tuple[str, list[float]]]:
        """Share of strings readers see translated: per playbook, the interface, and in total."""
        labels = [t.title for t in titles] + [loc.ui("ui.status.interface"), loc.ui("ui.status.total")]
        return list(zip(labels, self._share_rows, strict=True))

    @cached_property
    def _share_rows(self) -> list[list[float]]:
        """The numbers behind the status table, the same for every page language: computed once."""
        units = all_units(self.books, self.project.root)
        groups: dict[str, list] = {b.id: [] for b in self.books} | {"ui": []}
        for unit in units:
            groups[unit.id.split(".")[0]].append(unit)
        rows = [*groups.values(), units]
        return [[self._share(locale, chosen) for locale in self.locales] for chosen in rows]

    def _share(self, locale: str, units: list) -> float:
        loc = self.localizers[locale]
        return sum(loc.has(u.id, u.text) for u in units) / len(units) if units else 1.0

    def write_checklists(self, docs: Path) -> int:
        """The PDFs the pages link to; only files whose bytes changed are rewritten."""
        from .render.checklist import build_checklists

        before = {p: p.stat().st_mtime_ns for p in (docs / CHECKLISTS).glob("*.pdf")}
        written = build_checklists(self, docs / CHECKLISTS, [], [], layout=SITE_LAYOUT)
        return sum(before.get(p) != p.stat().st_mtime_ns for p in written)

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
        downloads = ["downloads.md"] if self.with_pdfs else []
        return [
            "index.md",
            *(f"playbooks/{b.id}.md" for b in self.books),
            *downloads,
            "status.md",
            "about.md",
        ]

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
