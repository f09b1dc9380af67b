"""The catalog as a file: every line's syntax, the header, duplicates, plural forms, Babel's checkers."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from . import Context, Entry, Finding, catalog_check, entry_check

_CONTEXT_LINE = re.compile(r'^msgctxt "(.*)"$', re.MULTILINE)
_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_PO_LINE = re.compile(
    rf"""^(?:
        \#(?:\s.*)?                                   # translator comment
      | \#[.:](?:\s.*)?                               # extracted comment, reference
      | \#,\s*[\w-]+(?:\s*,\s*[\w-]+)*\s*             # flags
      | \#\|\s*(?:(?:msgctxt|msgid|msgid_plural)\s+)?{_STRING}\s*   # previous English
      | \#~\|?\s*(?:(?:{_KEYWORD}\s+)?{_STRING})?\s*  # obsolete entry
      | (?:{_KEYWORD}\s+)?{_STRING}\s*                # entry
    )$""",
    re.VERBOSE,
)


_FORMATS = "c objc python python-brace java csharp javascript scheme lisp elisp librep ruby sh awk lua".split()
KNOWN_FLAGS = frozenset(
    ["fuzzy", "wrap", "no-wrap", *(f"{f}-format" for f in _FORMATS), *(f"no-{f}-format" for f in _FORMATS)]
)


@catalog_check("syntax")
def syntax(ctx: Context) -> Iterator[Finding]:
    """Every line, comments included: Babel's reader accepts lines msgfmt and Weblate reject."""
    previous = ""  # the kind of the line before: a `#|` continuation needs a `#| msgid` first
    for number, line in enumerate(ctx.lines, 1):
        stripped = line.strip()
        if stripped and not _PO_LINE.match(stripped):
            yield Finding(
                f"not a valid PO line: {stripped[:60]!r}",
                "close the quote, or restore the line as `crkb update` wrote it",
                line=number,
            )
        elif stripped.startswith('#| "') and previous != "#|":
            yield Finding(
                f"a continuation of the previous English without its `#| msgid` line: {stripped[:60]!r}",
                "restore the `#| msgid` line above it, or delete the `#|` lines (crkb update rewrites them)",
                line=number,
            )
        elif stripped.startswith("#,"):
            yield from _flags(stripped, number)
        previous = "#|" if stripped.startswith("#|") else stripped[:2]


def _flags(line: str, number: int) -> Iterator[Finding]:
    import difflib

    for flag in (f.strip() for f in line[2:].split(",")):
        if flag and flag not in KNOWN_FLAGS and not flag.startswith("range:"):
            near = difflib.get_close_matches(flag, KNOWN_FLAGS, n=1)
            hint = f"write `{near[0]}`" if near else "remove it"
            yield Finding(f"unknown flag {flag!r}", hint, line=number)


@catalog_check("header")
def header(ctx: Context) -> Iterator[Finding]:
    catalog = ctx.catalog
    if str(catalog.locale or "") != ctx.locale:
        yield Finding(f"the header says Language: {catalog.locale!s}", f"set it to {ctx.locale}", line=1)
    if (catalog.charset or "").lower() != "utf-8":
        yield Finding(f"charset is {catalog.charset}", "set Content-Type to text/plain; charset=UTF-8", line=1)


@catalog_check("plural-forms")
def plural_forms(ctx: Context) -> Iterator[Finding]:
    decided = ctx.profile.plural_forms
    if ctx.catalog.plural_forms != decided:
        line = next((n for n, text in enumerate(ctx.lines, 1) if "Plural-Forms:" in text), 1)
        yield Finding(
            f"the header's Plural-Forms is “{ctx.catalog.plural_forms}”; the project decided “{decided}”",
            f'replace the header line with "Plural-Forms: {decided}\\n" (see locales/{ctx.locale}/locale.yml)',
            line=line,
        )


@catalog_check("duplicate")
def duplicate(ctx: Context) -> Iterator[Finding]:
    # Babel merges duplicate entries silently, so count the msgctxt lines of the file.
    seen = Counter(_CONTEXT_LINE.findall(ctx.text))
    repeated = {context for context, n in seen.items() if n > 1}
    if not repeated:
        return
    last: dict[str, int] = {}
    for number, line in enumerate(ctx.lines, 1):
        if line.startswith('msgctxt "') and line[9:-1] in repeated:
            last[line[9:-1]] = number
    for context in sorted(repeated):
        yield Finding(
            f"{context} appears {seen[context]} times", "keep one entry, delete the others", line=last[context]
        )


@lru_cache(maxsize=64)
def plural_examples(expression: str, forms: int) -> tuple[tuple[int, ...], ...]:
    """For each plural form, the first numbers that use it (for messages a translator reads)."""
    rule = gettext.c2py(expression.split("plural=", 1)[1].strip().rstrip(";"))
    found: list[list[int]] = [[] for _ in range(forms)]
    for n in range(0, 1000):
        index = rule(n)
        if index < forms and len(found[index]) < 4:
            found[index].append(n)
    return tuple(tuple(f) for f in found)


@entry_check("plural")
def plural(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.unit.plural or entry.message is None or not entry.has_text:
        return
    wanted = ctx.profile.nplurals
    examples = plural_examples(ctx.profile.plural_forms, wanted)
    strings = entry.translations
    for index in range(wanted):
        if index >= len(strings) or not strings[index]:
            numbers = ", ".join(map(str, examples[index])) if index < len(examples) else "?"
            yield Finding(
                f"msgstr[{index}] is empty (the form used for {numbers}, …)",
                f"write the form for {numbers} in msgstr[{index}]",
                line=ctx.line_of(entry, index),
            )


@catalog_check("babel")
def babel_checkers(ctx: Context) -> Iterator[Finding]:
    """Babel's own checkers (format strings, plural counts) over the whole catalog."""
    for message, problems in ctx.catalog.check():
        for problem in problems:
            yield Finding(f"{message.context}: {problem}", line=message.lineno or 0)
