"""One English string, one translation: the same words read the same on every page.

As Weblate's consistency checks do, within one catalog:

- the same English (every form of a plural) translated two ways is an error,
  reported at each entry that differs from the first one, naming it;
- two different English strings sharing one translation is a warning: often
  right ("Tip" and "Tips" may both be «Совет» in a heading), sometimes a
  string pasted into the wrong entry.

Only translated, current entries count: a fuzzy one is compared once it is updated.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Severity
from . import Context, Entry, Finding, entry_check


def _firsts(ctx: Context) -> tuple[dict[tuple[str, ...], Entry], dict[tuple[str, ...], Entry]]:
    """The first translated entry of each English, and of each translation, in catalog order."""
    by_source: dict[tuple[str, ...], Entry] = {}
    by_translation: dict[tuple[str, ...], Entry] = {}
    for entry in sorted((e for e in ctx.entries if e.translated), key=lambda e: e.message.lineno or 0):
        by_source.setdefault(entry.sources, entry)
        by_translation.setdefault(entry.translations, entry)
    return by_source, by_translation


def _quoted(texts: tuple[str, ...]) -> str:
    return " / ".join(f"“{t}”" for t in texts)


@entry_check("inconsistent")
def inconsistent(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated:
        return
    by_source, by_translation = ctx.once("inconsistent", lambda: _firsts(ctx))
    first = by_source[entry.sources]
    if first is not entry and first.translations != entry.translations:
        yield Finding(
            f"{_quoted(entry.sources)} is translated {_quoted(entry.translations)} here and "
            f"{_quoted(first.translations)} at line {ctx.line_of(first)} ({first.unit.id})",
            "translate the same English the same way everywhere: choose one and use it in both entries",
            line=ctx.line_of(entry),
        )
    first = by_translation[entry.translations]
    if first is not entry and first.sources != entry.sources:
        yield Finding(
            f"{_quoted(entry.translations)} also translates different English at line "
            f"{ctx.line_of(first)} ({first.unit.id}): {_quoted(first.sources)} there, {_quoted(entry.sources)} here",
            "check that each entry translates its own English; if both are right, leave it",
            line=ctx.line_of(entry),
            severity=Severity.WARNING,
        )
