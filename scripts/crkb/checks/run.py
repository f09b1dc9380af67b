"""Run every registered check over the chosen locales and gather one report."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from babel.messages.catalog import Catalog, Message

from ..locales import translated_locales
from ..localize import read_catalog
from ..messages import Unit, all_units
from ..model import load_playbooks
from ..problems import Problem, ProblemsFound, Severity, display_path
from ..project import Project
from . import CATALOG_CHECKS, ENTRY_CHECKS, Context, Entry


@dataclass
class LocaleResult:
    locale: str
    path: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    by_prefix: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


@dataclass
class Report:
    results: list[LocaleResult]
    problems: list[Problem]  # problems not tied to one locale (playbooks)

    def all_problems(self, strict: bool = False) -> list[Problem]:
        found = [*self.problems, *(p for r in self.results for p in r.problems)]
        if strict:
            found = [Problem(**{**p.__dict__, "severity": Severity.ERROR}) for p in found]
        return sorted(found)


def check(project: Project, locales: list[str] | None = None) -> Report:
    books, problems = load_playbooks(project.playbooks, project.root)
    units = all_units(books, project.root)
    results = [
        _check_locale(project, locale, units)
        for locale in (locales or translated_locales(project.mkdocs_yml))
    ]
    return Report(results, [p for p in problems if p.severity is Severity.ERROR])


def _check_locale(project: Project, locale: str, units: list[Unit]) -> LocaleResult:
    path = project.catalog(locale)
    result = LocaleResult(locale, display_path(path, project.root), total=len(units))
    try:
        catalog = read_catalog(path, locale, project.root)
    except ProblemsFound as found:
        result.problems = found.problems
        result.missing = len(units)
        return result
    terms, unchanged_ok = _glossary(project, locale, result)
    ctx = Context(
        locale,
        path,
        project.root,
        catalog,
        units,
        path.read_text("utf-8", "replace"),
        terms,
        unchanged_ok,
    )
    entries = _entries(catalog, units)
    for check_fn in CATALOG_CHECKS.values():
        result.problems.extend(check_fn(ctx))
    for entry in entries:
        for check_fn in ENTRY_CHECKS.values():
            result.problems.extend(check_fn(ctx, entry))
    _count(result, entries)
    return result


def _entries(catalog: Catalog, units: list[Unit]) -> list[Entry]:
    """Each unit with its message: by English and id, else by id alone (the English changed)."""
    by_context: dict[str | None, Message] | None = None
    entries = []
    for unit in units:
        message = catalog.get(unit.msgid, context=unit.id)
        if message is None:
            if by_context is None:  # one pass over the catalog, and only if a unit needs it
                by_context = {}
                for candidate in catalog:
                    by_context.setdefault(candidate.context, candidate)
            message = by_context.get(unit.id)
        entries.append(Entry(unit, message))
    return entries


def _count(result: LocaleResult, entries: list[Entry]) -> None:
    per: dict[str, list[int]] = {}
    for entry in entries:
        prefix = entry.unit.id.split(".")[0]
        done = entry.translated
        result.translated += done
        result.fuzzy += bool(entry.message is not None and entry.message.fuzzy)
        counts = per.setdefault(prefix, [0, 0])
        counts[0] += done
        counts[1] += 1
    result.missing = result.total - result.translated - result.fuzzy
    result.by_prefix = {k: (v[0], v[1]) for k, v in per.items()}


def _glossary(project: Project, locale: str, result: LocaleResult) -> tuple[list[dict], frozenset[str]]:
    """The agreed terms, and the ids of strings rightly identical to the English."""
    path = project.glossary(locale)
    if not path.is_file():
        return [], frozenset()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        terms = data["terms"]
        for term in terms:
            assert {"en", "en_stem", "term", "stems"} <= set(term), "each term needs en, en_stem, term, stems"
        return terms, frozenset(data.get("unchanged") or ())
    except (yaml.YAMLError, KeyError, TypeError, AssertionError) as err:
        result.problems.append(
            Problem(display_path(path, project.root), 0, 0, "glossary", f"unreadable glossary: {err}")
        )
        return [], frozenset()
