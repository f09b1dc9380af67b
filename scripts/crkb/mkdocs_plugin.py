"""The MkDocs glue: every locale's pages and PDFs, generated in memory; what MkDocs renders, cleaned.

Nothing is written into a folder `mkdocs serve` watches (docs/, playbooks/,
locales/), so a save rebuilds the site once. The generated pages are files
MkDocs believes are in docs/ (`on_files`) whose text comes from memory
(`on_page_read_source`); the PDFs are laid out into a cache outside docs/
(`.cache/crkb/`, only those whose input changed) and added to each language's
build after mkdocs-static-i18n has sorted the files. static-i18n re-runs the
build once per language, so the inputs are loaded once per change (their
fingerprint). Each hook delegates to a function named by what it does.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .problems import Problem, ProblemsFound, Severity
from .project import Project
from .render import notfound
from .render.pages import Options, site_pages
from .render.reportlink import DEFAULT_REPORT_URL, template_problem
from .render.sanitize import clean
from .search import write_search
from .site import LocaleSite, SiteData

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


def fingerprint(project: Project) -> tuple:
    """Names, sizes and times of every input: cheap to compute, changes on every save."""
    files = [project.mkdocs_yml, *project.playbooks.glob("*.y*ml"), *project.locales.rglob("*.*")]
    return tuple(sorted((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()))


class CrkbPlugin(BasePlugin[CrkbConfig]):
    def __init__(self) -> None:
        self._data: SiteData | None = None
        self._stamp: tuple | None = None
        self._generated: tuple | None = None
        self._pages: dict[str, str] = {}  # src_uri → Markdown
        self._pdfs: list[Path] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup keeps this instance across `mkdocs serve` rebuilds (our cache)."""

    @event_priority(50)  # before static-i18n (-100), which reads the per-language options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        data = self._load(Project(Path(config.config_file_path).parent))
        config.nav = navigation(data, self.config.checklists)
        configure_languages(config, data)
        return config

    @event_priority(50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._data is None or self._generated == self._stamp:
            return  # static-i18n runs this once per language; the pages are already made
        project = Project(Path(config.config_file_path).parent)
        options = Options(
            self.config.checklists,
            self.config.contribute_url,
            report_url=self.config.report_url,
            site_url=self._data.site_url,
            directory_urls=config.use_directory_urls,
        )
        self._pages = {path.as_posix(): text for path, text in site_pages(self._data, options).items()}
        self._pdfs = write_checklists(project.root / CACHE, self._data) if self.config.checklists else []
        report_catalog_problems(project, self._data)
        self._generated = self._stamp

    @event_priority(50)  # before static-i18n sorts the pages by language
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for src_uri in self._pages:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        for pdf in language_pdfs(self._pdfs, config):
            files.append(pdf)
        return files

    def on_page_read_source(self, *, page, config: MkDocsConfig) -> str | None:
        return self._pages.get(page.file.src_uri)

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
        write_search(Path(config.site_dir), Path(config.config_file_path))

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
    from .report import problem_lines

    for problem in report.all_problems():
        text = " ".join(line.strip() for line in problem_lines([problem], colour=False))
        (log.warning if problem.severity is Severity.ERROR else log.info)(text)
