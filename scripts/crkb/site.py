"""Everything one site build needs, loaded once, as plain data.

`SiteData.load` reads the inputs, the locale profiles and the catalogs and
returns localized content the renderers (render/pages.py, render/checklist.py)
turn into bytes. It is shared by the MkDocs plugin and the CLI, so both see the
same pages; it never touches MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from .catalogs import read_catalog
from .inputs import Inputs, load_inputs
from .locales import LocaleProfile, load_profiles, site_config
from .localize import Interface, Localizer, dates, language_names, localize_playbook, localize_topics
from .problems import Problem, ProblemsFound
from .project import Project
from .status import LocaleStatus, locale_status


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
        inputs = load_inputs(project)
        profiles = load_profiles(project.mkdocs_yml, project.locales, project.root)
        source = profiles[0]
        chosen = [p for p in profiles if p.source or only is None or p.code in only]
        catalogs, problems = _read_catalogs(project, chosen)
        if problems:
            raise ProblemsFound(problems)
        codes = [p.code for p in profiles]
        locales = [_localize(inputs, p, source, catalogs.get(p.code), codes) for p in chosen]
        return cls(_site_url(project), locales, inputs, catalogs)


def _read_catalogs(project: Project, profiles: list[LocaleProfile]) -> tuple[dict[str, Catalog], list[Problem]]:
    catalogs, problems = {}, []
    for profile in profiles:
        if profile.source:
            continue
        path = project.catalog(profile.code)
        if not (path.is_file() or path.is_symlink()):
            continue  # shown as English, marked as English, under the "not translated yet" banner
        try:
            catalogs[profile.code] = read_catalog(path, profile.code, project.root)
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
