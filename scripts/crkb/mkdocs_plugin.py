"""The MkDocs glue: generate the pages of every locale before MkDocs reads docs/.

mkdocs-static-i18n re-runs the whole build once per language, so on_config and
on_pre_build fire five times per build: the playbooks and catalogs are loaded
once per change of the inputs and the pages written once, and only files whose
content changed are touched (otherwise `mkdocs serve` would rebuild forever).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .problems import ProblemsFound
from .project import Project
from .search import write_search
from .site import Site, fingerprint

log = get_plugin_logger(__name__)


class CrkbConfig(Config):
    enabled = opt.Type(bool, default=True)
    checklists = opt.Type(bool, default=True)  # build the PDF checklists and link them


class CrkbPlugin(BasePlugin[CrkbConfig]):
    def __init__(self) -> None:
        self._site: Site | None = None
        self._stamp: tuple | None = None
        self._generated: tuple | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup keeps this instance across `mkdocs serve` rebuilds (our cache)."""

    @event_priority(50)  # before static-i18n (-100), which reads the per-language options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        site = self._load(Project(Path(config.config_file_path).parent))
        site.with_pdfs = self.config.checklists
        config.nav = site.nav()
        site.configure_languages(config)
        return config

    @event_priority(50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._site is None:
            return
        if self._generated == self._stamp:
            return  # static-i18n runs this once per language; the pages are already there
        docs = Path(config.docs_dir)
        written = self._site.write_pages(docs)
        if self._site.with_pdfs:
            written += self._site.write_checklists(docs)
        self._generated = self._stamp
        if written:
            log.info(f"generated {written} file(s) from playbooks/ and locales/")

    @event_priority(-150)  # after static-i18n has built every language and merged the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or (i18n is not None and getattr(i18n, "building", False)):
            return
        write_search(Path(config.site_dir), Path(config.config_file_path))

    def _load(self, project: Project) -> Site:
        stamp = fingerprint(project)
        if self._site is None or stamp != self._stamp:
            try:
                self._site = Site.load(project)
            except ProblemsFound as found:
                lines = "\n".join(p.format() for p in found.problems)
                raise PluginError(f"crkb: cannot build the site:\n{lines}") from None
            self._stamp = stamp
        return self._site
