"""Run the registered checks: over catalogs for `crkb check`, over the English for `crkb validate`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from babel.messages.catalog import Catalog

from ..beside import can_fork
from ..catalogs import read_catalog
from ..fileio import InputError, read_input
from ..glossary import Glossary, load_glossary
from ..inputs import Inputs, gather
from ..lemmas import save_all as save_lemmas
from ..locales import LocaleProfile, load_profiles, source_locale
from ..markup import analyse
from ..problems import Problem, ProblemsFound, Severity, display_path
from ..project import Project
from ..status import LocaleStatus, locale_status
from ..units import Unit
from . import CATALOG_CHECKS, COMPLETENESS, ENTRY_CHECKS, SOURCE_CHECKS, Context, Finding, Source


@dataclass
class LocaleReport:
    profile: LocaleProfile
    path: str
    status: LocaleStatus
    problems: list[Problem] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return self.profile.code


@dataclass
class Report:
    locales: list[LocaleReport]
    problems: list[Problem]  # not tied to one locale (the playbooks, mkdocs.yml)

    def all_problems(self, strict: bool = False) -> list[Problem]:
        found = [*self.problems, *(p for r in self.locales for p in r.problems)]
        if strict:
            found = [p.as_error() for p in found]
        return sorted(found)

    @property
    def unreadable(self) -> bool:
        return any(p.code in ("unreadable", "config") for p in self.all_problems())


def check(
    project: Project,
    locales: list[str] | None = None,
    lenient: frozenset[str] = frozenset(),
    catalogs: dict[str, Catalog] | None = None,
    inputs: Inputs | None = None,
    jobs: int = 1,
) -> Report:
    """Check the chosen locales (all translated ones by default), up to `jobs` at a time.

    Missing and stale strings are errors in a complete language and warnings in
    one in progress, or in a language listed in `lenient` (one a pull request did
    not touch, so an English change does not fail it).
    """
    problems: list[Problem] = []
    if inputs is None:
        inputs, problems = gather(project)
    try:
        profiles = load_profiles(project.mkdocs_yml, project.locales, project.root)
    except ProblemsFound as found:
        return Report([], [*problems, *found.problems])
    if inputs is None:
        return Report([], [p for p in problems if p.severity is Severity.ERROR])
    chosen = [p for p in profiles if not p.source and (locales is None or p.code in locales)]
    loaded = catalogs or {}
    if jobs > 1 and len(chosen) > 1 and not loaded and can_fork():
        reports = _in_processes(project, chosen, inputs.units, lenient, jobs)
    else:
        reports = [
            check_locale(project, profile, inputs.units, profile.code in lenient, loaded.get(profile.code))
            for profile in chosen
        ]
    save_lemmas()
    return Report(reports, [p for p in problems if p.severity is Severity.ERROR])


def forget_checked_strings() -> None:
    """Drop what the checks remembered per string and per word.

    The caches pay off within a run and across `mkdocs serve` rebuilds; a one-shot
    build needs none of them once its catalogs are checked, and at 500 playbooks
    they hold about 200 MB while MkDocs renders the pages."""
    from ..markup import _analyse, _mixes_scripts
    from ..translations import forget_worked_out
    from .language import _english_words

    for cached in (_english_words, _analyse, _mixes_scripts):
        cached.cache_clear()
    forget_worked_out()


# What forked workers read: inherited from the parent process, so nothing large is pickled.
_WORK: tuple[Project, list[LocaleProfile], list[Unit], frozenset[str]] | None = None


def _in_processes(
    project: Project, profiles: list[LocaleProfile], units: list[Unit], lenient: frozenset[str], jobs: int
) -> list[LocaleReport]:
    """check_locale for each locale in worker processes, the reports in the profiles' order.

    Each locale is independent of the others, and a catalog's checks take seconds on
    a large project, so the locales are checked side by side, one process per CPU.
    Workers are forked after the English has been analysed once, so they share that.
    """
    import multiprocessing

    global _WORK
    for unit in units:
        for text in (unit.text, unit.plural):
            if text:
                analyse(text)
    _WORK = (project, profiles, units, lenient)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(profiles))) as pool:
            return pool.map(_check_one, range(len(profiles)), chunksize=1)
    finally:
        _WORK = None


def _check_one(index: int) -> LocaleReport:
    """In a worker: one locale's report; the words it looked up are saved for the next run."""
    assert _WORK is not None
    project, profiles, units, lenient = _WORK
    report = check_locale(project, profiles[index], units, profiles[index].code in lenient)
    save_lemmas()
    return report


def check_locale(
    project: Project,
    profile: LocaleProfile,
    units: list[Unit],
    lenient: bool = False,
    catalog: Catalog | None = None,
) -> LocaleReport:
    """One locale's problems and counts; a catalog already read (by the site build) is reused."""
    path = project.catalog(profile.code)
    shown = display_path(path, project.root)
    report = LocaleReport(profile, shown, locale_status(profile.code, profile.status == "complete", units, None))
    report.status.readable = False
    if catalog is None and not (path.is_file() or path.is_symlink()):
        state = "complete: every string must be translated" if profile.status == "complete" else "in progress"
        message = f"{profile.code} has no catalog ({state}): the site shows it in English, marked as English"
        severity = Severity.ERROR if profile.status == "complete" and not lenient else Severity.WARNING
        fix = f"run `crkb update -l {profile.code}` to create it, then translate it"
        report.problems = [Problem(shown, 0, 0, "missing", message, severity, fix=fix)]
        # No catalog is an empty one, not an unreadable one: 0 % translated.
        report.status = locale_status(profile.code, profile.status == "complete", units, None)
        report.status.readable = True
        return report
    try:
        catalog = catalog or read_catalog(path, profile.code, project.root)
        text = read_input(path, project.root, 50_000_000).decode("utf-8", "replace")
    except ProblemsFound as found:
        report.problems = found.problems
        return report
    except InputError as err:
        report.problems = [Problem(shown, 0, 0, "unreadable", str(err))]
        return report
    glossary = Glossary(language=profile.code)
    try:
        glossary = load_glossary(project.glossary(profile.code), project.root)
    except ProblemsFound as found:
        report.problems.extend(found.problems)
    ctx = Context(profile, path, shown, catalog, units, text, glossary, source_locale(project.mkdocs_yml))
    report.status = locale_status(profile.code, profile.status == "complete", units, catalog)
    report.problems.extend(catalog_problems(ctx, lenient or profile.status != "complete"))
    return report


def catalog_problems(ctx: Context, lenient: bool) -> list[Problem]:
    problems = []
    for code, check_fn in CATALOG_CHECKS.items():
        problems.extend(_problem(ctx.shown, code, f) for f in check_fn(ctx))
    for entry in ctx.entries:
        for code, check_fn in ENTRY_CHECKS.items():
            for finding in check_fn(ctx, entry):
                if not finding.line:
                    finding = replace(finding, line=ctx.line_of(entry))
                problem = _problem(ctx.shown, code, finding, entry.unit.id)
                if lenient and code in COMPLETENESS:
                    problem = problem.as_warning()
                problems.append(problem)
    return problems


def _problem(shown: str, code: str, finding: Finding, msgctxt: str = "") -> Problem:
    return Problem(shown, finding.line, 0, code, finding.message, finding.severity, msgctxt, finding.fix)


def source_problems(
    project: Project, inputs: Inputs, page_counts: dict | None = None, today: dt.date | None = None
) -> list[Problem]:
    """The source checks over every English unit, each pointing at its YAML line."""
    books = {b.id: b for b in inputs.books}
    files = {b.id: display_path(b.path, project.root) for b in inputs.books}
    topics_file = display_path(inputs.topics.path, project.root)

    def position(unit: Unit) -> tuple[int, int]:
        return (books.get(unit.group) or inputs.topics).position_of(*unit.where)

    reviews = {b.id: b.review for b in inputs.books}
    src = Source(project.root, files, position, page_counts or {}, reviews, today or dt.date.today())
    problems = []
    for unit in inputs.units:
        if unit.group == "ui":
            continue
        shown = files.get(unit.group, topics_file)
        line, column = position(unit)
        for code, check_fn in SOURCE_CHECKS.items():
            for f in check_fn(src, unit):
                problems.append(Problem(shown, line, column, code, f.message, f.severity, unit.id, f.fix))
    return problems
