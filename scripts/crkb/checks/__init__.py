"""`crkb check`: every locale complete and correct, as a registry of small checks.

Each check is a function `(ctx, entry) -> Iterator[Problem]` registered with a
code name; catalog-wide checks take only `ctx`. The runner loads each catalog
once, runs every check, and collects all problems before anything is printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..locales import plural_forms
from ..messages import Unit
from ..problems import Problem, Severity, display_path

EntryCheck = Callable[["Context", "Entry"], Iterator[Problem]]
CatalogCheck = Callable[["Context"], Iterator[Problem]]

ENTRY_CHECKS: dict[str, EntryCheck] = {}
CATALOG_CHECKS: dict[str, CatalogCheck] = {}


def entry_check(code: str) -> Callable[[EntryCheck], EntryCheck]:
    def register(fn: EntryCheck) -> EntryCheck:
        ENTRY_CHECKS[code] = fn
        return fn

    return register


def catalog_check(code: str) -> Callable[[CatalogCheck], CatalogCheck]:
    def register(fn: CatalogCheck) -> CatalogCheck:
        CATALOG_CHECKS[code] = fn
        return fn

    return register


@dataclass(frozen=True)
class Entry:
    """A current English unit and its catalog message (None when the catalog lacks it)."""

    unit: Unit
    message: Message | None

    # Cached: every check asks for these, and a frozen entry's answers never change.
    @cached_property
    def sources(self) -> tuple[str, ...]:
        return (self.unit.text, self.unit.plural) if self.unit.plural else (self.unit.text,)

    @cached_property
    def translations(self) -> tuple[str, ...]:
        if self.message is None:
            return ()
        string = self.message.string
        return tuple(string) if isinstance(string, (tuple, list)) else (string,)

    @cached_property
    def translated(self) -> bool:
        return (
            self.message is not None
            and not self.message.fuzzy
            and self.message.id == self.unit.msgid
            and bool(self.translations)
            and all(self.translations)
        )


@dataclass
class Context:
    """One locale's catalog, with what the checks need to judge it."""

    locale: str
    path: Path
    root: Path
    catalog: Catalog
    units: list[Unit]
    text: str
    glossary: list[dict] = field(default_factory=list)
    unchanged_ok: frozenset[str] = frozenset()

    @cached_property
    def shown(self) -> str:
        return display_path(self.path, self.root)

    @cached_property
    def glossary_terms(self) -> list[tuple[dict, str, re.Pattern[str]]]:
        """Each term with its English stem lower-cased and compiled once per catalog, not per entry."""
        return [
            (term, term["en_stem"].lower(), re.compile(rf"\b{re.escape(term['en_stem'].lower())}"))
            for term in self.glossary
        ]

    @property
    def decided_plural_forms(self) -> str:
        return plural_forms(self.locale)

    def problem(
        self,
        code: str,
        message: str,
        entry: Entry | None = None,
        line: int = 0,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        msg = entry.message if entry else None
        where = line or (msg.lineno if msg is not None and msg.lineno else 0)
        ctxt = entry.unit.id if entry else ""
        return Problem(self.shown, where, 0, code, message, severity, ctxt)


# register the checks
from . import catalog as _catalog  # noqa: E402, F401
from . import completeness as _completeness  # noqa: E402, F401
from . import content as _content  # noqa: E402, F401
from . import language as _language  # noqa: E402, F401
