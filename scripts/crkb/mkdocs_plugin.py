"""The MkDocs glue: every locale's pages and PDFs, generated in memory; what MkDocs renders, cleaned.

Nothing is written into a folder `mkdocs serve` watches (docs/, playbooks/,
locales/), so a save rebuilds the site once. The generated pages are files
MkDocs believes are in docs/ (`on_files`) whose text comes from memory
(`on_page_read_source`); the PDFs are laid out into a cache outside docs/
(`.cache/crkb/`, only those whose input changed) and added to each language's
build after mkdocs-static-i18n has sorted the files. static-i18n re-runs the
build once per language; the plugin keeps one `SiteLoader` for the whole
session, so each build reads only the files saved since the one before and
localizes again only the languages they affect. With CRKB_LOCALES set (by
`crkb serve`), only the source language and those are built; under
`mkdocs serve --dirty` only the pages an edit changed are rendered again
(preview.py). Each hook delegates to a function named by what it does.
"""

from __future__ import annotations

import html
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .locales import locales_from
from .preview import Preview
from .problems import Problem, ProblemsFound, Severity
from .project import Project
from .render.pages import Options, locale_pages, status_page
from .render.sanitize import clean
from .search import add_folded_text
from .site import LocaleSite, SiteData, SiteLoader

log = get_plugin_logger(__name__)
CACHE = Path(".cache") / "crkb"  # under the project root: PDFs laid out for the site


class CrkbConfig(Config):
    enabled = opt.Type(bool, default=True)
    checklists = opt.Type(bool, default=True)  # build the PDF checklists and link them
    contribute_url = opt.Type(str, default="https://github.com/crkb/crkb/blob/main/CONTRIBUTING.md")


LOCALES_ENV = "CRKB_LOCALES"  # comma-separated: build the source language and only these


def chosen_locales(project: Project) -> list[str] | None:
    """The languages CRKB_LOCALES asks for (None: all); PluginError naming an unknown one."""
    wanted = [code.strip() for code in os.environ.get(LOCALES_ENV, "").split(",") if code.strip()]
    if not wanted:
        return None
    known = locales_from(project.mkdocs_yml)[1:]
    if unknown := [code for code in wanted if code not in known]:
        raise PluginError(f"crkb: {LOCALES_ENV}: unknown locale {unknown[0]!r} (known: {', '.join(known)})")
    return wanted


class CrkbPlugin(BasePlugin[CrkbConfig]):
    def __init__(self) -> None:
        self._loader: SiteLoader | None = None
        self._data: SiteData | None = None
        self._generated: SiteData | None = None  # the data the pages were made from
        self._pages: dict[str, str] = {}  # src_uri → Markdown
        self._pdfs: list[Path] = []
        self._dirty = False
        self._preview = Preview()
        self._rendered = RenderedPages()
        self._report: tuple | None = None  # what report_catalog_problems is to say after this build
        self._reporter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crkb-check")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup keeps this instance across `mkdocs serve` rebuilds (our cache).

        Under `--dirty` (`crkb serve`) only changed pages are rendered again, and the
        catalog problems are reported just after the build, while the browser reloads.
        """
        self._dirty = dirty

    def on_shutdown(self) -> None:
        self._reporter.shutdown(wait=False, cancel_futures=True)

    @event_priority(50)  # before static-i18n (-100), which reads the per-language options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        data = self._load(Project(Path(config.config_file_path).parent))
        config.nav = navigation(data, self.config.checklists)
        configure_languages(config, data)
        build_only_loaded(config, data)
        if self._dirty:
            keep_search_whole(config)
        return config

    @event_priority(50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._data is None or self._generated is self._data:
            return  # static-i18n runs this once per language; the pages are already made
        project = Project(Path(config.config_file_path).parent)
        options = Options(self.config.checklists, self.config.contribute_url)
        self._pages = self._rendered.pages(self._data, options)
        if self._dirty:
            self._preview.plan(self._pages, config.nav, _shell(config))
        self._pdfs = write_checklists(project.root / CACHE, self._data) if self.config.checklists else []
        before = self._generated.locales if self._generated is not None else []
        changed = [loc.code for loc in self._data.locales if not any(loc is b for b in before)]
        self._report = (project, self._data, changed)
        if not self._dirty:
            report_catalog_problems(*self._report)
        self._generated = self._data

    @event_priority(50)  # before static-i18n sorts the pages by language
    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for src_uri in self._pages:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        for pdf in language_pdfs(self._pdfs, config):
            files.append(pdf)
        return files

    @event_priority(-110)  # after static-i18n has made its own File objects
    def _mark_modified(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.enabled and self._dirty:
            for file in files:  # every inclusion level: MkDocs decides inclusion after this event
                if file.src_uri in self._pages:
                    file.is_modified = (lambda m: lambda: m)(file.src_uri in self._preview.modified)
        return files

    on_files = CombinedEvent(_add_files, _mark_modified)

    @event_priority(-110)  # after static-i18n has translated the navigation
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Under --dirty, a page not rendered again still shows its title in the others' navigation."""
        if self.config.enabled and self._dirty:
            for page in nav.pages:
                if not page.file.is_modified():
                    page.title = self._preview.titles.get(page.file.src_uri) or page.file.name
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """MkDocs makes a new Jinja environment for every build (one per language under
        static-i18n), which compiles every theme template again: reuse the compiled code."""
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    def on_page_read_source(self, *, page, config: MkDocsConfig) -> str | None:
        return self._pages.get(page.file.src_uri)

    @event_priority(-100)  # last: whatever produced the HTML, it is cleaned before it is written or indexed
    def on_page_content(self, html: str, **kwargs) -> str:
        return clean(html) if self.config.enabled else html

    @event_priority(10)  # before the search plugin writes this language's index
    def _keep_search(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self._dirty:
            return
        search = _search_plugin(config)
        i18n = config.plugins.get("i18n")
        if search is not None and hasattr(search, "search_index"):
            language = getattr(i18n, "current_language", "") or ""
            entries = search.search_index.entries
            entries[:] = self._preview.keep_search(language, entries)

    @event_priority(-150)  # after static-i18n has built every language and merged the index
    def _after_all_languages(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or (i18n is not None and getattr(i18n, "building", False)):
            return
        self._preview.done()
        add_folded_text(Path(config.site_dir) / "search" / "search_index.json")
        if self._dirty and self._report is not None:
            self._reporter.submit(_report_quietly, *self._report)  # the page reloads meanwhile
            self._report = None

    on_post_build = CombinedEvent(_keep_search, _after_all_languages)

    def _load(self, project: Project) -> SiteData:
        try:
            only = chosen_locales(project)
            if self._loader is None or (self._loader.project, self._loader.only) != (project, only):
                self._loader = SiteLoader(project, only)  # MkDocs keeps this plugin for every build in a process
                self._preview, self._rendered = Preview(), RenderedPages()
            self._data = self._loader.load()
        except ProblemsFound as found:
            raise PluginError(_listing("cannot build the site", found.problems)) from None
        return self._data


class RenderedPages:
    """Each language's pages, made again only when its localized content or the English changed.

    The status page shows every language's share, so it is made again every time.
    """

    def __init__(self) -> None:
        self._by_locale: dict[str, tuple[LocaleSite, object, Options, dict]] = {}

    def pages(self, data: SiteData, options: Options) -> dict[str, str]:
        """src_uri → Markdown for every page of every language in data."""
        pages: dict[str, str] = {}
        for loc in data.locales:
            cached = self._by_locale.get(loc.code)
            if cached is not None and cached[0] is loc and cached[1] is data.inputs and cached[2] == options:
                made = dict(cached[3])
                made.update([status_page(data, loc, options)])
            else:
                made = locale_pages(data, loc, options)
            self._by_locale[loc.code] = (loc, data.inputs, options, made)
            pages.update((path.as_posix(), text) for path, text in made.items())
        return pages


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory for the process; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def _shell(config: MkDocsConfig) -> object:
    """What every page of a language shows besides its own content: navigation and names."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    names = [(lang.locale, lang.site_name, dict(lang.nav_translations or {})) for lang in languages]
    return (repr(config.nav), config.site_name, names)


def _search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")


def keep_search_whole(config: MkDocsConfig) -> None:
    """Material's own --dirty shortcut assumes one page per rebuild and one language; ours keeps
    every page's entries per language (Preview.keep_search), so Material's is turned off."""
    search = _search_plugin(config)
    if search is not None and hasattr(search, "is_dirty"):
        search.is_dirty = False
        search.search_index_prev = None


def _listing(what: str, problems: list[Problem]) -> str:
    from .report import problem_lines

    return f"crkb: {what}:\n" + "\n".join(problem_lines(problems, colour=False))


def navigation(data: SiteData, pdfs: bool) -> list:
    """Home, one section per topic (its page, then its playbooks), downloads, status, about."""
    source = data.source
    sections = []
    for topic in source.topics:
        members = [f"playbooks/{b.id}.md" for b in data.inputs.books if b.topic == topic["id"]]
        sections.append({html.escape(topic["title"].text): [f"topics/{topic['id']}.md", *members]})
    return ["index.md", *sections, *(["downloads.md"] if pdfs else []), "status.md", "about.md"]


def configure_languages(config: MkDocsConfig, data: SiteData) -> None:
    """Per language: the site name and description (escaped: Material prints them raw) and topic names."""
    i18n = config.plugins.get("i18n")
    english = {t["id"]: html.escape(t["title"].text) for t in data.source.topics}
    config.site_name = html.escape(data.source.interface("ui.site.name").text)
    config.site_description = html.escape(data.source.interface("ui.site.description").text)
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


def build_only_loaded(config: MkDocsConfig, data: SiteData) -> None:
    """A language left out by CRKB_LOCALES is neither built nor offered in the language switcher."""
    i18n = config.plugins.get("i18n")
    loaded = {loc.code for loc in data.locales}
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        if language.locale not in loaded:
            language.build = False


def write_checklists(folder: Path, data: SiteData) -> list[Path]:
    """The PDFs the pages link to, in the cache; only those whose input changed are laid out again."""
    from .render.checklist import SITE_LAYOUT, RenderError, build_checklists, plan_checklists

    plan = plan_checklists(data, folder, None, None, layout=SITE_LAYOUT)
    before = {p: p.stat().st_mtime_ns for p in plan.outputs if p.is_file()}
    try:
        written = build_checklists(data, plan)
    except (RenderError, OSError) as err:
        raise PluginError(f"crkb: cannot build the checklists: {err}") from None
    if fresh := sum(before.get(p) != p.stat().st_mtime_ns for p in written):
        log.info(f"laid out {fresh} checklist PDF(s)")
    return written


def language_pdfs(pdfs: list[Path], config: MkDocsConfig) -> list[File]:
    """This build language's PDFs as files at <language prefix>/checklists/<name>.pdf.

    They live outside docs/, so static-i18n passes them through as they are; the
    language prefix is the one static-i18n gives the language's pages.
    """
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", current)
    files = []
    for pdf in pdfs:
        name, locale = pdf.name.removesuffix(".pdf").rsplit(".", 1)
        if current is not None and locale != current:
            continue
        # src_uri is where the pages link (checklists/<name>.pdf), so MkDocs validates the links;
        # dest_uri adds the language's prefix, as static-i18n does for the language's pages.
        file = File.generated(config, f"checklists/{name}.pdf", abs_src_path=str(pdf))
        file.dest_uri = f"{'' if locale == default else f'{locale}/'}checklists/{name}.pdf"
        files.append(file)
    return files


def _report_quietly(project: Project, data: SiteData, changed: list[str]) -> None:
    """report_catalog_problems in a thread of its own: a failure is logged, never lost."""
    try:
        report_catalog_problems(project, data, changed)
    except Exception as err:
        log.warning(f"could not check the catalogs: {err}")


def report_catalog_problems(project: Project, data: SiteData, changed: list[str]) -> None:
    """What `crkb check` would say about the catalogs the site shows, in the build's log.

    A missing or stale string is expected while a language catches up (the page shows
    the English, or a banner): it is logged as information. Anything else is a
    warning, so `mkdocs build --strict` fails on it and `mkdocs serve` shows why a
    string fell back to English. Only the languages in `changed` (localized anew:
    their catalog or the English changed) are checked; the others were reported
    by the build before.
    """
    from .checks.run import check

    lenient = frozenset(loc.code for loc in data.locales)
    translated = [loc.code for loc in data.locales if not loc.profile.source and loc.code in changed]
    if not translated:
        return  # nothing changed since the last report (a rebuild under mkdocs serve)
    report = check(project, translated, lenient, data.catalogs, data.inputs)
    from .report import problem_lines

    for problem in report.all_problems():
        text = " ".join(line.strip() for line in problem_lines([problem], colour=False))
        (log.warning if problem.severity is Severity.ERROR else log.info)(text)
