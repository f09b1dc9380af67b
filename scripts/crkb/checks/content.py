"""A translation shows what its English shows: placeholders, links, structure, no markup.

The judgement itself is `translations.site_problems` (the same that decides
whether the site shows a translation); these checks report it, each under its code.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..translations import site_problems
from . import Context, Entry, Finding, entry_check


def _findings(ctx: Context, entry: Entry, code: str) -> Iterator[Finding]:
    if not entry.has_text:
        return
    for difference in _differences(entry):
        if difference.code == code:
            yield Finding(difference.message, difference.fix, line=ctx.line_of(entry))


def _differences(entry: Entry):
    # Cached on the entry: four checks ask for the same comparison.
    if "_site_problems" not in entry.__dict__:
        entry.__dict__["_site_problems"] = site_problems(entry.unit, entry.message)
    return entry.__dict__["_site_problems"]


@entry_check("placeholder")
def placeholder(ctx: Context, entry: Entry) -> Iterator[Finding]:
    yield from _findings(ctx, entry, "placeholder")


@entry_check("markup")
def markup(ctx: Context, entry: Entry) -> Iterator[Finding]:
    yield from _findings(ctx, entry, "markup")


@entry_check("unsafe")
def unsafe(ctx: Context, entry: Entry) -> Iterator[Finding]:
    yield from _findings(ctx, entry, "unsafe")


@entry_check("hygiene")
def hygiene(ctx: Context, entry: Entry) -> Iterator[Finding]:
    yield from _findings(ctx, entry, "hygiene")
