"""The MkDocs glue: generate every locale's pages before MkDocs reads docs/, clean what it renders.

mkdocs-static-i18n re-runs the build once per language, so on_config and
on_pre_build fire once per language: the inputs are loaded once per change
(their fingerprint), the pages written once, and only files whose content
changed are touched (otherwise `mkdocs serve` would rebuild forever). Each
hook delegates to a function named by what it does.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .fileio import write_atomic
from .problems import Problem, ProblemsFound, Severity
from .project import Project
from .render import notfound
from .render.pages import Options, site_pages
from .render.reportlink import DEFAULT_REPORT_URL, template_problem
from .render.sanitize import clean
from .search import add_folded_text
from .site import LocaleSite, SiteData

log = get_plugin_logger(__name__)
GENERATED = ("index", "downloads", "status", "about")  # top-level pages, one per locale
GENERATED_FOLDERS = ("playbooks", "topics")


class ReportUrl(opt.Type):
    """`report_url`: an https or mailto address with {page}, {lang} and {id} fields."""

    def __init__(self) -> None:
        super().__init__(str, default=DEFAULT_REPORT_URL)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        problem = template_problem(value)
        if problem:
            raise opt.ValidationError(problem)
        return value


class CrkbConfig(Config):
    enabled = opt.Type(bool, default=True)
    checklists = opt.Type(bool, default=True)  # build the PDF checklists and link them
    show_ids = opt.Type(bool, default=False)  # translators' preview: show each string's id
    contribute_url = opt.Type(str, default="https://github.com/crkb/crkb/blob/main/CONTRIBUTING.md")
    report_url = ReportUrl()  # "Report a problem" on playbook pages; empty: no such links


def fingerprint(project: Project) -> tuple:
    """Names, sizes and times of every input: cheap to compute, changes on every save."""
    files = [project.mkdocs_yml, *project.playbooks.glob("*.y*ml"), *project.locales.rglob("*.*")]
    return tuple(sorted((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()))


class CrkbPlugin(BasePlugin[CrkbConfig]):
    def __init__(self) -> None:
        self._data: SiteData | None = None
        self._stamp: tuple | None = None
        self._generated: tuple | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup keeps this instance across `mkdocs serve` rebuilds (our cache)."""

    @event_priority(50)  # before static-i18n (-100), which reads the per-language options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        data = self._load(Project(Path(config.config_file_path).parent))
        config.nav = navigation(data, self.config.checklists)
        configure_languages(config, data)
        if self._show_ids:
            config.extra_css.append("assets/stylesheets/crkb-ids.css")
        return config

    @property
    def _show_ids(self) -> bool:
        return self.config.show_ids or os.environ.get("CRKB_SHOW_IDS") == "1"

    @event_priority(50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._data is None or self._generated == self._stamp:
            return  # static-i18n runs this once per language; the pages are already there
        docs = Path(config.docs_dir)
        options = Options(
            self.config.checklists,
            self._show_ids,
            self.config.contribute_url,
            report_url=self.config.report_url,
            site_url=self._data.site_url,
            directory_urls=config.use_directory_urls,
        )
        written = write_pages(docs, site_pages(self._data, options))
        if self.config.checklists:
            written += write_checklists(docs, self._data)
        report_catalog_problems(Project(Path(config.config_file_path).parent), self._data)
        self._generated = self._stamp
        if written:
            log.info(f"generated {written} file(s) from playbooks/ and locales/")

    @event_priority(-100)  # last: whatever produced the HTML, it is cleaned before it is written or indexed
    def on_page_content(self, html: str, **kwargs) -> str:
        return clean(html) if self.config.enabled else html

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        if self.config.enabled and self._data is not None and template_name == notfound.TEMPLATE:
            code, link = _building(config, self._data)
            context["crkb_not_found"] = notfound.page_context(
                self._data.locale(code), notfound.home_path(config.site_url, link)
            )
            _switch_to_homes(config)
        return context

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not self.config.enabled or self._data is None or template_name != notfound.TEMPLATE:
            return output
        return notfound.place(output, Path(config.site_dir), notfound.language_folder(_building(config, self._data)[1]))

    @event_priority(-150)  # after static-i18n has built every language and merged the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or (i18n is not None and getattr(i18n, "building", False)):
            return
        add_folded_text(Path(config.site_dir) / "search" / "search_index.json")

    def _load(self, project: Project) -> SiteData:
        stamp = fingerprint(project)
        if self._data is None or stamp != self._stamp:
            try:
                self._data = SiteData.load(project)
            except ProblemsFound as found:
                raise PluginError(_listing("cannot build the site", found.problems)) from None
            self._stamp = stamp
        return self._data


def _building(config: MkDocsConfig, data: SiteData) -> tuple[str, str]:
    """(locale, its link: "/" or "/ru/") of the language static-i18n is building now."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "current_language", None) is None:
        return data.source.code, "/"
    language = i18n.current_language_config
    return language.locale, language.link or ("/" if language.default else f"/{language.locale}/")


def _switch_to_homes(config: MkDocsConfig) -> None:
    """On the 404 page the language switcher leads to each language's home (static-i18n
    otherwise leaves it pointing at the last page it built)."""
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None)
    if homes:  # static-i18n sets the attribute (which Jinja reads first), not the item
        config.extra.alternate = [dict(entry) for entry in homes]


def _listing(what: str, problems: list[Problem]) -> str:
    lines = [p.format() + (f"\n    fix: {p.fix}" if p.fix else "") for p in problems]
    return f"crkb: {what}:\n" + "\n".join(lines)


def navigation(data: SiteData, pdfs: bool) -> list:
    """Home, one section per topic (its page, then its playbooks), downloads, status, about."""
    source = data.source
    sections = []
    for topic in source.topics:
        members = [f"playbooks/{b.id}.md" for b in data.inputs.books if b.topic == topic["id"]]
        sections.append({html.escape(topic["title"].text): [f"topics/{topic['id']}.md", *members]})
    return ["index.md", *sections, *(["downloads.md"] if pdfs else []), "status.md", "about.md"]


def configure_languages(config: MkDocsConfig, data: SiteData) -> None:
    """Per language: the site name and description, the colour toggle's name (escaped: Material
    prints them raw) and topic names."""
    i18n = config.plugins.get("i18n")
    english = {t["id"]: html.escape(t["title"].text) for t in data.source.topics}
    config.site_name = html.escape(data.source.interface("ui.site.name").text)
    config.site_description = html.escape(data.source.interface("ui.site.description").text)
    palette = config.theme.get("palette")
    if isinstance(palette, list):
        config.theme["palette"] = [
            {**option, **names} for option, names in zip(palette, toggle_names(palette, data.source))
        ]
    if i18n is None:
        return
    for language in i18n.config.languages:
        try:
            loc = data.locale(language.locale)
        except StopIteration:
            continue
        language.site_name = html.escape(loc.interface("ui.site.name").text)
        language.site_description = html.escape(loc.interface("ui.site.description").text)
        language.nav_translations = {english[t["id"]]: html.escape(t["title"].text) for t in loc.topics}
        if isinstance(palette, list):
            language.theme = {**(language.theme or {}), "palette": toggle_names(palette, loc)}


def toggle_names(palette: list, loc: LocaleSite) -> list[dict]:
    """Each colour scheme's toggle named in the reader's language by what it switches to (the
    next scheme in the list, as Material cycles), for screen readers and as its tooltip."""
    names = []
    for index, option in enumerate(palette):
        following = palette[(index + 1) % len(palette)]
        if not isinstance(option, dict) or not option.get("toggle") or not isinstance(following, dict):
            names.append({})
            continue
        ident = "ui.palette.dark" if following.get("scheme") == "slate" else "ui.palette.light"
        names.append({"toggle": {**option["toggle"], "name": html.escape(loc.interface(ident).text)}})
    return names


def write_pages(docs: Path, pages: dict[Path, str]) -> int:
    """Write the generated pages under docs/, touching only files whose text changed."""
    written = sum(write_atomic(docs / rel, text.encode()) for rel, text in pages.items())
    wanted = {docs / rel for rel in pages}
    for folder in GENERATED_FOLDERS:
        for old in (docs / folder).glob("*.md"):
            if old not in wanted:
                old.unlink()
    for name in GENERATED:
        for old in docs.glob(f"{name}.*.md"):
            if old not in wanted:
                old.unlink()
    return written


def write_checklists(docs: Path, data: SiteData) -> int:
    """The PDFs the pages link to; only those whose input changed are laid out again."""
    from .render.checklist import SITE_LAYOUT, RenderError, build_checklists, plan_checklists

    folder = docs / "checklists"
    before = {p: p.stat().st_mtime_ns for p in folder.glob("*.pdf")}
    plan = plan_checklists(data, folder, None, None, layout=SITE_LAYOUT)
    try:
        written = build_checklists(data, plan)
    except (RenderError, OSError) as err:
        raise PluginError(f"crkb: cannot build the checklists: {err}") from None
    return sum(before.get(p) != p.stat().st_mtime_ns for p in written)


def report_catalog_problems(project: Project, data: SiteData) -> None:
    """What `crkb check` would say about the catalogs the site shows, in the build's log.

    A missing or stale string is expected while a language catches up (the page shows
    the English, or a banner): it is logged as information. Anything else is a
    warning, so `mkdocs build --strict` fails on it and `mkdocs serve` shows why a
    string fell back to English.
    """
    from .checks.run import check

    lenient = frozenset(loc.code for loc in data.locales)
    translated = [loc.code for loc in data.locales if not loc.profile.source]
    report = check(project, translated, lenient, data.catalogs, data.inputs)
    for problem in report.all_problems():
        text = problem.format() + (f" (fix: {problem.fix})" if problem.fix else "")
        if problem.severity is Severity.ERROR:
            log.warning(text)
        else:
            log.info(text)
