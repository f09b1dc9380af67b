"""Missing, stale, obsolete and unchanged strings: is every unit really translated?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diff import word_diff
from ..problems import Severity
from ..text import shorten
from ..translations import State
from . import Context, Entry, Finding, catalog_check, entry_check

# Strings that may stay as they are in every language: nothing to translate in them.
# A string that is rightly the same in one language (Czech "Tip {number}") is listed
# under `unchanged:` in that locale's glossary.yml instead.
UNCHANGED_OK = frozenset({"PDF", "QR"})
_LETTER = re.compile(r"[^\W\d_]")


@entry_check("missing")
def missing(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if entry.message is None:
        yield Finding(
            f"not in the catalog yet: “{shorten(entry.unit.text)}”",
            "run `crkb update`, then translate the new entry",
        )
    elif entry.state is State.MISSING:
        empty = [i for i, s in enumerate(entry.translations) if not s]
        if entry.unit.plural and entry.has_text:
            return  # some forms filled: the plural check names the empty ones
        line = ctx.line_of(entry, empty[0] if empty else 0)
        yield Finding(f"untranslated: “{shorten(entry.unit.text)}”", "translate it", line=line)


@entry_check("stale")
def stale(ctx: Context, entry: Entry) -> Iterator[Finding]:
    message = entry.message
    if message is None or entry.state is not State.STALE:
        return
    if message.id != entry.unit.msgid:
        old = message.id[0] if isinstance(message.id, tuple) else message.id
        yield Finding(
            f"the English changed since the catalog was updated: {word_diff(old, entry.unit.text)}",
            "run `crkb update`, then review the translation and remove the fuzzy flag",
        )
    else:
        change = word_diff(message.previous_id[0], entry.unit.text) if message.previous_id else ""
        detail = f"English changed: {change}" if change else f"fuzzy: “{shorten(entry.unit.text)}”"
        yield Finding(detail, "update the translation to the new English, then delete the `#, fuzzy` line")


@catalog_check("obsolete")
def obsolete(ctx: Context) -> Iterator[Finding]:
    current = {u.id for u in ctx.units}
    for message in ctx.catalog.obsolete.values():
        yield Finding(
            f"obsolete entry {message.context or ''}: its English is gone",
            "delete the #~ entry (or run `crkb update`)",
            line=message.lineno or 0,
            severity=Severity.WARNING,
        )
    for message in ctx.catalog:
        if message.id and message.context not in current:
            yield Finding(
                f"{message.context}: no such string in the playbooks any more",
                "run `crkb update`",
                line=message.lineno or 0,
                severity=Severity.WARNING,
            )


@entry_check("unchanged")
def unchanged(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated:
        return
    for source, translation in zip(entry.sources, entry.translations):
        allowed = source in UNCHANGED_OK or entry.unit.id in ctx.glossary.unchanged
        if translation == source and not allowed and _LETTER.search(source):
            yield Finding(
                f"the translation is the English text: “{shorten(source)}”",
                "translate it; if it is rightly identical, add its id under `unchanged:` in your glossary.yml",
                line=ctx.line_of(entry),
            )
            return
