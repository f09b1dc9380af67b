"""The catalog as a file: header, charset, plural forms, duplicates, Babel's own checkers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..problems import Problem
from . import Context, Entry, catalog_check, entry_check

_CONTEXT_LINE = re.compile(r'^msgctxt "(.*)"$', re.MULTILINE)


@catalog_check("header")
def header(ctx: Context) -> Iterator[Problem]:
    catalog = ctx.catalog
    if str(catalog.locale or "") != ctx.locale:
        yield ctx.problem("header", f"Language is {catalog.locale!s}, expected {ctx.locale}", line=1)
    if (catalog.charset or "").lower() != "utf-8":
        yield ctx.problem("header", f"charset is {catalog.charset}, expected utf-8", line=1)
    decided = ctx.decided_plural_forms
    if catalog.plural_forms != decided:
        yield ctx.problem(
            "plural",
            f"Plural-Forms is “{catalog.plural_forms}”, the project decided “{decided}” "
            "(see scripts/crkb/locales.py; fix the header line)",
            line=1,
        )


@catalog_check("duplicate")
def duplicate(ctx: Context) -> Iterator[Problem]:
    # Babel merges duplicate entries silently, so count the msgctxt lines of the file.
    seen = Counter(_CONTEXT_LINE.findall(ctx.text))
    lines = _last_lines(ctx.text, {context for context, n in seen.items() if n > 1})
    for context, n in seen.items():
        if n > 1:
            yield ctx.problem("duplicate", f"{context} appears {n} times", line=lines[context])


def _last_lines(text: str, contexts: set[str]) -> dict[str, int]:
    """The line of the last `msgctxt "<context>"` of each context, in one pass over the text.

    (A text.rfind per repeated context would read the whole file once per duplicate.)
    """
    last: dict[str, int] = {}
    if not contexts:
        return last
    at = text.find('msgctxt "')
    while at >= 0:
        end = text.find("\n", at)
        rest = text[at + 9 : end if end >= 0 else len(text)]
        quote = rest.find('"')
        while quote >= 0:
            if rest[:quote] in contexts:
                last[rest[:quote]] = at
            quote = rest.find('"', quote + 1)
        at = text.find('msgctxt "', at + 1)
    lines, line, counted = {}, 1, 0
    for at, context in sorted((at, context) for context, at in last.items()):
        line += text.count("\n", counted, at)
        counted = at
        lines[context] = line
    return lines


@entry_check("plural")
def plural(ctx: Context, entry: Entry) -> Iterator[Problem]:
    if not entry.unit.plural or entry.message is None or entry.message.fuzzy:
        return
    wanted = int(ctx.decided_plural_forms.split(";")[0].split("=")[1])
    forms = entry.translations
    if not any(forms):
        return  # nothing translated yet: reported once, as missing
    if len(forms) != wanted or not all(forms):
        filled = sum(1 for f in forms if f)
        yield ctx.problem("plural", f"{filled} of {wanted} plural forms filled", entry)


@catalog_check("babel")
def babel_checkers(ctx: Context) -> Iterator[Problem]:
    """Babel's own checkers (format strings, plural counts) over the whole catalog."""
    for message, errors in ctx.catalog.check():
        for error in errors:
            yield ctx.problem("babel", f"{message.context}: {error}", line=message.lineno or 0)


_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    rf"^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}|{_STRING})\s*$"
)


@catalog_check("syntax")
def syntax(ctx: Context) -> Iterator[Problem]:
    """Lines Babel's lenient reader accepts but msgfmt rejects (e.g. an unclosed quote)."""
    for number, line in enumerate(ctx.text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        if stripped.startswith("#~") and not stripped[2:].strip():
            continue
        if not _PO_LINE.match(stripped):
            yield ctx.problem("syntax", f"not a valid PO line: {stripped[:50]!r}", line=number)
