"""Everything one site build needs, loaded once, as plain data.

`SiteData.load` reads the inputs, the locale profiles and the catalogs and
returns localized content the renderers (render/pages.py, render/checklist.py)
turn into bytes. It is shared by the MkDocs plugin and the CLI, so both see the
same pages; it never touches MkDocs. A long-running process (`mkdocs serve`,
`crkb serve`) keeps a `SiteLoader` instead: asked again after a save, it reads
only the files that changed and localizes again only the languages they affect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from .catalogs import read_catalog
from .filecache import FileCache
from .inputs import Inputs, load_inputs
from .locales import LocaleProfile, load_profiles, site_config
from .localize import Interface, Localizer, dates, language_names, localize_playbook, localize_topics
from .problems import Problem, ProblemsFound
from .project import Project
from .status import LocaleStatus, locale_status
from .translations import save_worked_out, work_out_beside


@dataclass(frozen=True)
class LocaleSite:
    """One language's share of the site: its profile and its localized content."""

    profile: LocaleProfile
    interface: Interface
    playbooks: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    dates: dict[str, dict[str, str]]  # playbook id → its dates as the reader writes them
    languages: dict[str, str]  # every locale's name in this language
    status: LocaleStatus

    @property
    def code(self) -> str:
        return self.profile.code


@dataclass(frozen=True)
class SiteData:
    site_url: str
    locales: list[LocaleSite]
    inputs: Inputs
    catalogs: dict[str, Catalog] = field(default_factory=dict, compare=False)

    @property
    def source(self) -> LocaleSite:
        return self.locales[0]

    def locale(self, code: str) -> LocaleSite:
        return next(loc for loc in self.locales if loc.code == code)

    @property
    def statuses(self) -> list[LocaleStatus]:
        return [loc.status for loc in self.locales]

    @classmethod
    def load(cls, project: Project, only: list[str] | None = None) -> SiteData:
        """Load everything; `only` limits the translated locales built (the source always is)."""
        return SiteLoader(project, only).load()


class SiteLoader:
    """Loads SiteData and, asked again, reuses every part whose files did not change.

    Playbooks, topics and catalogs are read through a FileCache; a language is
    localized again only when its catalog, its profile or the English side (a
    playbook, the topics) changed. When nothing changed, `load` returns the very
    same SiteData object, so a caller can tell by identity.
    """

    def __init__(self, project: Project, only: list[str] | None = None) -> None:
        self.project = project
        self.only = only
        self.files = FileCache()
        self.localized: list[str] = []  # each language localized, in order: what a reload cost
        self._inputs: Inputs | None = None
        self._locales: dict[str, tuple[tuple, LocaleSite]] = {}
        self._data: SiteData | None = None

    def load(self) -> SiteData:
        """The site's data now; ProblemsFound when an input cannot be read."""
        project = self.project
        inputs = self._inputs = load_inputs(project, self.files, self._inputs)
        profiles = load_profiles(project.mkdocs_yml, project.locales, project.root)
        source = profiles[0]
        chosen = [p for p in profiles if p.source or self.only is None or p.code in self.only]
        catalogs, problems = _read_catalogs(project, chosen, self.files)
        if problems:
            raise ProblemsFound(problems)
        codes = tuple(p.code for p in profiles)
        work_out_beside(inputs.units, [c for code, c in catalogs.items() if not self._current(code, inputs, c)])
        locales = [self._locale(inputs, p, source, catalogs.get(p.code), codes) for p in chosen]
        save_worked_out()
        data = SiteData(_site_url(project), locales, inputs, catalogs)
        self.files.sweep()
        if self._data is not None and _same(self._data, data):
            return self._data
        self._data = data
        return data

    def _current(self, code: str, inputs: Inputs, catalog: Catalog) -> bool:
        """Whether the locale was localized from these very inputs and catalog (a rebuild)."""
        cached = self._locales.get(code)
        return cached is not None and cached[0][0] is inputs and cached[0][1] is catalog

    def _locale(
        self, inputs: Inputs, profile: LocaleProfile, source: LocaleProfile, catalog: Catalog | None, codes: tuple
    ) -> LocaleSite:
        cached = self._locales.get(profile.code)
        if cached is not None:
            (inputs_then, catalog_then, *rest), site = cached
            if inputs_then is inputs and catalog_then is catalog and rest == [profile, source, codes]:
                return site
        site = _localize(inputs, profile, source, catalog, list(codes))
        self._locales[profile.code] = ((inputs, catalog, profile, source, codes), site)
        self.localized.append(profile.code)
        return site


def _same(a: SiteData, b: SiteData) -> bool:
    return (
        a.site_url == b.site_url
        and a.inputs is b.inputs
        and len(a.locales) == len(b.locales)
        and all(x is y for x, y in zip(a.locales, b.locales))
    )


def _read_catalogs(
    project: Project, profiles: list[LocaleProfile], files: FileCache
) -> tuple[dict[str, Catalog], list[Problem]]:
    catalogs, problems = {}, []
    for profile in profiles:
        if profile.source:
            continue
        path = project.catalog(profile.code)
        if not (path.is_file() or path.is_symlink()):
            continue  # shown as English, marked as English, under the "not translated yet" banner
        try:
            catalogs[profile.code] = files.get(
                path, lambda p=path, c=profile.code: read_catalog(p, c, project.root), "catalog"
            )
        except ProblemsFound as found:
            problems.extend(found.problems)
    return catalogs, problems


def _localize(
    inputs: Inputs, profile: LocaleProfile, source: LocaleProfile, catalog: Catalog | None, codes: list[str]
) -> LocaleSite:
    loc = Localizer(profile, source, catalog)
    return LocaleSite(
        profile=profile,
        interface=loc.interface(),
        playbooks=[localize_playbook(book, loc.phrase) for book in inputs.books],
        topics=localize_topics(inputs.topics, loc.phrase),
        dates={book.id: dates(book, profile.code) for book in inputs.books},
        languages=language_names(codes, profile.code),
        status=locale_status(profile.code, profile.status == "complete", inputs.units, catalog)
        if not profile.source
        else locale_status(profile.code, True, [], None),
    )


def _site_url(project: Project) -> str:
    url = str(site_config(project.mkdocs_yml).get("site_url") or "").strip()
    if not url:
        message = "no site_url: the checklists' QR codes and links point there"
        raise ProblemsFound([Problem(project.mkdocs_yml.name, 0, 0, "config", message)])
    return url if url.endswith("/") else url + "/"


def output_path(folder: Path, relative: str) -> Path:
    return folder / relative
