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

import gc
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from babel.messages.catalog import Catalog
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import beside
from .beside import Apart
from .buildcache import build_key, load_plan, refuse_linked_cache, save_plan
from .inputs import Inputs
from .locales import locales_from
from .preview import Preview, keep_search_whole, search_plugin, shell
from .problems import Problem, ProblemsFound, Severity
from .project import Project
from .render import notfound
from .render.pages import Options
from .render.reportlink import DEFAULT_REPORT_URL, template_problem
from .render.sanitize import clean
from .rendercache import COMPILED_TEMPLATES, RenderedPages
from .search import look_up_words, write_search
from .site import SiteData, SiteLoader
from .siteplan import SitePlan, apply_plan, navigation, not_found_context, plan_of, toggle_names

__all__ = ["CACHE", "CrkbConfig", "CrkbPlugin", "navigation", "toggle_names"]

log = get_plugin_logger(__name__)
CACHE = Path(".cache") / "crkb"  # under the project root: PDFs laid out for the site


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
    contribute_url = opt.Type(str, default="https://github.com/crkb/crkb/blob/main/CONTRIBUTING.md")
    report_url = ReportUrl()  # "Report a problem" on playbook pages; empty: no such links


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
        self._data: SiteData | None = None  # None when the plan came from the build record
        self._plan: SitePlan | None = None
        self._key: str | None = None  # the build record's key for this plan
        self._dirty = False
        self._serving = False  # under mkdocs serve the loaded inputs are kept for the next rebuild
        self._preview = Preview()
        self._rendered = RenderedPages()
        self._report: tuple | None = None  # what to check after this build (under --dirty)
        self._checking: Apart | None = None  # the catalog check running beside MkDocs
        self._small = False  # small enough for children that share the loaded site (beside.py)
        self._problems: dict[str, list[tuple[str, str]]] = {}  # per locale, what its last check said
        self._reporter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crkb-check")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup keeps this instance across `mkdocs serve` rebuilds (our cache).

        Under `--dirty` (`crkb serve`) only changed pages are rendered again, and the
        catalog problems are reported just after the build, while the browser reloads.
        """
        self._dirty = dirty
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        """The end of `mkdocs serve` or `build`; MkDocs may still use this instance for another."""
        self._stop_checking()
        self._reporter.shutdown(wait=False, cancel_futures=True)
        self._reporter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crkb-check")
        self._dirty = self._serving = False

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_checking()

    def _stop_checking(self) -> None:
        """A build that stopped will not ask for the catalog check it started apart."""
        checking, self._checking = self._checking, None
        if checking is not None:
            checking.cancel()

    @event_priority(50)  # before static-i18n (-100), which reads the per-language options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        if not _other_language(config) or self._plan is None:
            project = Project(Path(config.config_file_path).parent)
            self._plan = self._make_plan(project, config.theme.get("palette"), config.use_directory_urls)
        apply_plan(config, self._plan)
        if self._dirty:
            keep_search_whole(config)
        return config

    @event_priority(50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        plan = self._plan
        if not self.config.enabled or plan is None or plan.pages is not None or self._data is None:
            return  # made already: static-i18n runs this once per language, a record is whole
        project = Project(Path(config.config_file_path).parent)
        before = self._rendered.locales()
        plan.pages = self._rendered.pages(self._data, self._options(self._data, config.use_directory_urls))
        if self._dirty:
            self._preview.plan(plan.pages, config.nav, shell(config))
        pdfs = write_checklists(project.root / CACHE, self._data) if self.config.checklists else []
        plan.pdfs = [pdf.relative_to(project.root / CACHE).as_posix() for pdf in pdfs]
        changed = [loc.code for loc in self._data.locales if not any(loc is b for b in before)]
        if self._dirty:
            self._report = (project, self._data, changed)
            return
        data = self._data
        self._small = beside.worthwhile(len(data.inputs.units) * len(data.locales))
        if self._serving or not beside.spare_core():
            self._checked(project, catalog_problems(project, data, changed))
            if not self._serving:
                self._release()
            return
        translated, lenient = checked_locales(data, changed)
        del data
        self._release()  # before the child starts: what this process gives back, MkDocs can use
        self._checking = Apart(check_and_look_up, project, translated, lenient, plan.pages)

    def _checked(self, project: Project, found: dict[str, list[tuple[str, str]]]) -> None:
        """Log what the catalog check found, and keep it with the build record."""
        log_problems([line for lines in found.values() for line in lines])
        self._problems.update(found)
        plan = self._plan
        plan.problems = [line for code in ("", *plan.loaded) for line in self._problems.get(code, [])]
        if self._key is not None:
            save_plan(project.root / CACHE, self._key, plan)

    def _release(self) -> None:
        """A build that is not served needs the inputs no more once the plan is made: MkDocs'
        own pages take their memory (at 500 playbooks the inputs hold about 400 MB)."""
        from .checks.run import forget_checked_strings

        self._data, self._loader, self._rendered, self._problems = None, None, RenderedPages(), {}
        forget_checked_strings()
        gc.collect()

    @event_priority(50)  # before static-i18n sorts the pages by language
    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self._plan is None:
            return files
        for src_uri in self._plan.pages or {}:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        root = Path(config.config_file_path).parent / CACHE
        for pdf in language_pdfs([root / name for name in self._plan.pdfs], config):
            files.append(pdf)
        return files

    @event_priority(-110)  # after static-i18n has made its own File objects
    def _mark_modified(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.enabled and self._dirty and self._plan is not None:
            pages = self._plan.pages or {}
            for file in files:  # every inclusion level: MkDocs decides inclusion after this event
                if file.src_uri in pages:
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
        return (self._plan.pages or {}).get(page.file.src_uri) if self._plan is not None else None

    @event_priority(-100)  # last: whatever produced the HTML, it is cleaned before it is written or indexed
    def on_page_content(self, html: str, **kwargs) -> str:
        return clean(html) if self.config.enabled else html

    @event_priority(10)  # before the search plugin writes this language's index
    def _keep_search(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self._dirty:
            return
        search = search_plugin(config)
        i18n = config.plugins.get("i18n")
        if search is not None and hasattr(search, "search_index"):
            language = getattr(i18n, "current_language", "") or ""
            entries = search.search_index.entries
            entries[:] = self._preview.keep_search(language, entries)

    @event_priority(-150)  # after static-i18n has built every language and merged the index
    def _after_all_languages(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or _other_language(config):
            return
        self._preview.done()
        checking, self._checking = self._checking, None
        if checking is not None:  # a small site built once: a child may also write half the search
            self._checked(Project(Path(config.config_file_path).parent), checking.result())
        write_search(Path(config.site_dir), Path(config.config_file_path), self._small and beside.can_fork())
        if self._report is not None:
            self._reporter.submit(_report_quietly, *self._report)  # the page reloads meanwhile
            self._report = None

    on_post_build = CombinedEvent(_keep_search, _after_all_languages)

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        if self.config.enabled and self._plan is not None and template_name == notfound.TEMPLATE:
            code, link = _building(config, self._plan.loaded[0])
            home = notfound.home_path(config.site_url, link)
            context["crkb_not_found"] = not_found_context(self._plan, code, home)
            _switch_to_homes(config)
        return context

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not self.config.enabled or self._plan is None or template_name != notfound.TEMPLATE:
            return output
        folder = notfound.language_folder(_building(config, self._plan.loaded[0])[1])
        return notfound.place(output, Path(config.site_dir), folder)

    def _options(self, data: SiteData, directory_urls: bool) -> Options:
        return Options(
            self.config.checklists,
            self.config.contribute_url,
            report_url=self.config.report_url,
            site_url=data.site_url,
            directory_urls=directory_urls,
        )

    def _make_plan(self, project: Project, palette: object, directory_urls: bool) -> SitePlan:
        """From the build record when the inputs are those it was made from; else from the data."""
        only = chosen_locales(project)
        try:
            refuse_linked_cache(project.root / CACHE, project.root)
        except ProblemsFound as found:
            raise PluginError(_listing("cannot build the site", found.problems)) from None
        if self._loader is None or (self._loader.project, self._loader.only) != (project, only):
            self._loader = SiteLoader(project, only)  # MkDocs keeps this plugin for every build in a process
            self._preview, self._rendered, self._plan, self._problems = Preview(), RenderedPages(), None, {}
        self._key = None
        if not self._dirty:  # a preview keeps everything in memory, and writes no record
            settings = {"options": dict(self.config), "only": only, "palette": palette, "urls": directory_urls}
            self._key = build_key(project, {**settings, "record": 1})
            if self._key is not None and (plan := load_plan(project.root / CACHE, self._key)) is not None:
                self._data = None
                log_problems(plan.problems)
                return plan
        try:
            data = self._loader.load()
        except ProblemsFound as found:
            raise PluginError(_listing("cannot build the site", found.problems)) from None
        if self._plan is not None and data is self._data:
            return self._plan  # nothing changed since the last build
        self._data = data
        return plan_of(data, self.config.checklists, palette)


def _other_language(config: MkDocsConfig) -> bool:
    """True while static-i18n builds a language after the first (the inputs cannot have changed)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _building(config: MkDocsConfig, source: str) -> tuple[str, str]:
    """(locale, its link: "/" or "/ru/") of the language static-i18n is building now."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "current_language", None) is None:
        return source, "/"
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
    from .report import problem_lines

    return f"crkb: {what}:\n" + "\n".join(problem_lines(problems, colour=False))


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
    language prefix is the one static-i18n gives the language's pages. Each
    pretends to be docs/checklists/<name>.pdf, the file a page's link names, so
    MkDocs finds the link's target (and rewrites it) in every language.
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
    """The catalog check in a thread of its own: a failure is logged, never lost."""
    try:
        log_problems([line for lines in catalog_problems(project, data, changed).values() for line in lines])
    except Exception as err:
        log.warning(f"could not check the catalogs: {err}")


def checked_locales(data: SiteData, changed: list[str]) -> tuple[list[str], frozenset[str]]:
    """(the translated languages to check: those in `changed`, localized anew because their
    catalog or the English changed; the others were reported by the build before,
    the languages whose missing strings are only information: every one the site shows)."""
    translated = [loc.code for loc in data.locales if not loc.profile.source and loc.code in changed]
    return translated, frozenset(loc.code for loc in data.locales)


def catalog_problems(project: Project, data: SiteData, changed: list[str]) -> dict[str, list[tuple[str, str]]]:
    """What `crkb check` says about the catalogs the site shows: per locale, (severity, line) each."""
    translated, lenient = checked_locales(data, changed)
    return _problem_lines(project, translated, lenient, data.catalogs, data.inputs)


def check_and_look_up(
    project: Project, translated: list[str], lenient: frozenset[str], pages: dict[str, str]
) -> dict[str, list[tuple[str, str]]]:
    """`catalog_problems`, read from disk (in a process of its own, `beside.Apart`), and the
    lemma of every word of the pages looked up for the search step after MkDocs.

    One language at a time, the check's per-string caches dropped in between: at 500
    playbooks this process would otherwise grow to hold every language's (it runs while
    MkDocs renders, and the build's memory is the sum of both)."""
    from .checks.run import forget_checked_strings
    from .inputs import gather

    inputs, _ = gather(project)
    if inputs is None:  # the check says why, as `crkb check` would
        found = _problem_lines(project, translated, lenient)
    else:
        found = {}
        for code in translated:
            for key, lines in _problem_lines(project, [code], lenient, None, inputs).items():
                found.setdefault(key, lines)
            forget_checked_strings()
    look_up_words(pages, project.mkdocs_yml)
    return found


def _problem_lines(
    project: Project,
    translated: list[str],
    lenient: frozenset[str],
    catalogs: dict[str, Catalog] | None = None,
    inputs: Inputs | None = None,
) -> dict[str, list[tuple[str, str]]]:
    from .checks.run import check
    from .report import problem_lines

    if not translated:
        return {}
    report = check(project, translated, lenient, catalogs, inputs)

    def lines(problems: list[Problem]) -> list[tuple[str, str]]:
        return [(p.severity.value, " ".join(x.strip() for x in problem_lines([p], colour=False))) for p in problems]

    found = {"": lines(sorted(report.problems))}
    found.update((r.profile.code, lines(sorted(r.problems))) for r in report.locales)
    return found


def log_problems(problems: list[tuple[str, str]]) -> None:
    """In the build's log: a missing or stale string is expected while a language catches up
    (the page shows the English, or a banner), so it is information. Anything else is a
    warning, so `mkdocs build --strict` fails on it and `mkdocs serve` shows why a string
    fell back to English."""
    for severity, text in problems:
        (log.warning if severity == Severity.ERROR.value else log.info)(text)
