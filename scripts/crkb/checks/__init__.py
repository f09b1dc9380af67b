"""`crkb check` and `crkb validate`: a registry of small checks, one code each.

A check is a function registered under a code; it yields `Finding`s and the
runner turns them into Problems under that code, so the code a check is
registered with is the code it reports. Three kinds, by what they look at:

- `entry_check(code)`: `(ctx, entry)`: one catalog entry against its English.
- `catalog_check(code)`: `(ctx)`: a catalog as a whole (header, syntax, duplicates).
- `source_check(code)`: `(src, unit)`: one English string, for `crkb validate`.

Every code is documented in CONTRIBUTING.md (tests/test_checks_registry.py keeps
the two in step).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message

from ..glossary import Glossary
from ..locales import LocaleProfile
from ..markup import Difference
from ..model import Review
from ..problems import Severity
from ..translations import State, find_message, forms, messages_by_context, site_problems, state, translated
from ..units import Unit


@dataclass(frozen=True)
class Finding:
    """What a check found; the runner adds the file, the code and the entry's id."""

    message: str
    fix: str = ""
    line: int = 0  # for catalog checks: the line; entry checks point at the msgstr
    severity: Severity = Severity.ERROR


EntryCheck = Callable[["Context", "Entry"], Iterator[Finding]]
CatalogCheck = Callable[["Context"], Iterator[Finding]]
SourceCheck = Callable[["Source", Unit], Iterator[Finding]]

ENTRY_CHECKS: dict[str, EntryCheck] = {}
CATALOG_CHECKS: dict[str, CatalogCheck] = {}
SOURCE_CHECKS: dict[str, SourceCheck] = {}
COMPLETENESS = frozenset({"missing", "stale"})  # lenient where a language may lag behind


def _registrar(registry: dict):
    def decorator(code: str):
        def register(fn):
            if code in registry:
                raise ValueError(f"check code {code!r} registered twice")
            registry[code] = fn
            return fn

        return register

    return decorator


entry_check = _registrar(ENTRY_CHECKS)
catalog_check = _registrar(CATALOG_CHECKS)
source_check = _registrar(SOURCE_CHECKS)


@dataclass(frozen=True)
class Entry:
    """A current English unit and its catalog message (None when the catalog lacks it)."""

    unit: Unit
    message: Message | None

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return (self.unit.text, self.unit.plural) if self.unit.plural else (self.unit.text,)

    @cached_property
    def translations(self) -> tuple[str, ...]:
        return forms(self.message)

    @cached_property
    def state(self) -> State:
        return state(self.unit, self.message)

    @cached_property
    def site_problems(self) -> list[Difference]:
        """What keeps it off the site; several checks report it, so it is worked out once."""
        return site_problems(self.unit, self.message)

    @cached_property
    def translated(self) -> bool:
        return translated(self.unit, self.message)

    @cached_property
    def has_text(self) -> bool:
        return any(self.translations)


@dataclass
class Context:
    """One locale's catalog, with what the checks need to judge it."""

    profile: LocaleProfile
    path: Path
    shown: str
    catalog: Catalog
    units: list[Unit]
    text: str
    glossary: Glossary = field(default_factory=lambda: Glossary(language=""))
    source_locale: str = ""  # the language of the English (mkdocs.yml's default)
    memo: dict[str, Any] = field(default_factory=dict)  # what a check works out once per catalog

    @property
    def locale(self) -> str:
        return self.profile.code

    @cached_property
    def entries(self) -> list[Entry]:
        """Every current English unit with its catalog message, in the units' order."""
        by_context = messages_by_context(self.catalog)
        return [Entry(unit, find_message(self.catalog, unit, by_context)) for unit in self.units]

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """make(), computed once per catalog: for checks that judge an entry against the whole catalog."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def msgstr_lines(self) -> dict[int, int]:
        """msgid line → the line of its first msgstr: where a translator edits."""
        found, pending = {}, None
        for number, line in enumerate(self.lines, 1):
            stripped = line.lstrip()
            if stripped.startswith("msgid "):
                pending = number
            elif stripped.startswith("msgstr") and pending is not None:
                found[pending] = number
                pending = None
        return found

    def line_of(self, entry: Entry, form: int = 0) -> int:
        """The line of the entry's msgstr (msgstr[form] for plurals)."""
        message = entry.message
        if message is None or not message.lineno:
            return 0
        first = self.msgstr_lines.get(message.lineno, message.lineno)
        if form and entry.unit.plural:
            for offset, line in enumerate(self.lines[first - 1 : first + 20]):
                if line.startswith(f"msgstr[{form}]"):
                    return first + offset
        return first


@dataclass
class Source:
    """The English of one project, with what the source checks need."""

    root: Path
    files: dict[str, str]  # unit group → display path of its file
    positions: Callable[[Unit], tuple[int, int]]
    page_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)  # playbook id → its review
    today: dt.date = field(default_factory=dt.date.today)


# register the checks
from . import catalog as _catalog  # noqa: E402, F401
from . import completeness as _completeness  # noqa: E402, F401
from . import consistency as _consistency  # noqa: E402, F401
from . import content as _content  # noqa: E402, F401
from . import language as _language  # noqa: E402, F401
from . import numbers as _numbers  # noqa: E402, F401
from . import source as _source  # noqa: E402, F401
from . import typography as _typography  # noqa: E402, F401
