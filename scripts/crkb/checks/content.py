"""A translation shows what its English shows: placeholders, links, structure, no markup.

The judgement itself is `translations.site_problems` (the same that decides
whether the site shows a translation); these checks report it, each under its code.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..translations import State
from . import Context, Entry, Finding, entry_check


def _findings(ctx: Context, entry: Entry, code: str) -> Iterator[Finding]:
    # A stale entry is compared with its new English only once the translator has
    # updated it (the stale check says what changed); safety is judged always.
    if not entry.has_text or (entry.state is State.STALE and code in ("placeholder", "markup")):
        return
    for difference in entry.site_problems:  # worked out once per entry, for these four checks
        if difference.code == code:
            yield Finding(difference.message, difference.fix, line=ctx.line_of(entry))


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
