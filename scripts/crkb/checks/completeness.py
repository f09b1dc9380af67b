"""Missing, stale, obsolete and unchanged strings: is every unit really translated?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import Problem, Severity
from . import Context, Entry, catalog_check, entry_check

# Strings that may stay as they are in every language: nothing to translate in them.
# A string that is rightly the same in one language (Czech "Tip {number}") is listed
# under `unchanged:` in that locale's glossary.yml instead.
UNCHANGED_OK = frozenset({"PDF", "QR"})
_LETTER = re.compile(r"[^\W\d_]")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@entry_check("missing")
def missing(ctx: Context, entry: Entry) -> Iterator[Problem]:
    msg = entry.message
    if msg is None:
        yield ctx.problem(
            "missing",
            f"not in the catalog yet: “{_short(entry.unit.text)}” (run `crkb update`)",
            entry,
        )
    elif not msg.fuzzy and msg.id == entry.unit.msgid and not all(entry.translations or ("",)):
        yield ctx.problem("missing", f"untranslated: “{_short(entry.unit.text)}”", entry)


@entry_check("stale")
def stale(ctx: Context, entry: Entry) -> Iterator[Problem]:
    msg = entry.message
    if msg is None:
        return
    current = _short(entry.unit.text)
    if msg.id != entry.unit.msgid:
        old = msg.id[0] if isinstance(msg.id, tuple) else msg.id
        yield ctx.problem(
            "stale",
            f"English changed since the catalog was updated: was “{_short(old)}”, "
            f"now “{current}” (run `crkb update`)",
            entry,
        )
    elif msg.fuzzy:
        was = f"was “{_short(msg.previous_id[0])}”, " if msg.previous_id else ""
        yield ctx.problem("stale", f"fuzzy: {was}now “{current}”; review, then remove the fuzzy flag", entry)


@catalog_check("obsolete")
def obsolete(ctx: Context) -> Iterator[Problem]:
    current = {u.id for u in ctx.units}
    for msg in ctx.catalog.obsolete.values():
        yield ctx.problem(
            "obsolete",
            f"obsolete entry {msg.context or ''} (its source is gone; delete it)",
            line=msg.lineno or 0,
            severity=Severity.WARNING,
        )
    for msg in ctx.catalog:
        if msg.id and msg.context not in current:
            yield ctx.problem(
                "obsolete",
                f"{msg.context}: no such string in the playbooks any more (run `crkb update`)",
                line=msg.lineno or 0,
                severity=Severity.WARNING,
            )


@entry_check("unchanged")
def unchanged(ctx: Context, entry: Entry) -> Iterator[Problem]:
    if not entry.translated:
        return
    for source, translation in zip(entry.sources, entry.translations):
        allowed = source in UNCHANGED_OK or entry.unit.id in ctx.unchanged_ok
        if translation == source and not allowed and _LETTER.search(source):
            yield ctx.problem("unchanged", f"translation is the English text: “{_short(source)}”", entry)
            return
