"""Placeholders, markup and unsafe content: a translation carries what its source carries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import markup
from ..model import paragraphs
from ..problems import Problem
from . import Context, Entry, entry_check


def _pairs(entry: Entry) -> Iterator[tuple[str, str]]:
    """(source, translation) for each form; extra plural forms compare with the plural."""
    sources = entry.sources
    for i, translation in enumerate(entry.translations):
        if translation:
            yield sources[min(i, len(sources) - 1)], translation


@entry_check("placeholder")
def placeholder(ctx: Context, entry: Entry) -> Iterator[Problem]:
    for source, translation in _pairs(entry):
        want, got = markup.placeholders(source), markup.placeholders(translation)
        if want != got:
            missing = ", ".join(f"{{{p}}}" for p in sorted(want - got))
            extra = ", ".join(f"{{{p}}}" for p in sorted(got - want))
            detail = "; ".join(
                x for x in (missing and f"missing {missing}", extra and f"unknown {extra}") if x
            )
            yield ctx.problem("placeholder", f"placeholders differ: {detail}", entry)
            return


@entry_check("markup")
def markup_structure(ctx: Context, entry: Entry) -> Iterator[Problem]:
    for source, translation in _pairs(entry):
        src_links, tr_links = markup.link_targets(source), markup.link_targets(translation)
        if Counter(src_links) != Counter(tr_links):
            yield ctx.problem(
                "markup",
                f"link target changed ({', '.join(src_links) or 'none'} → {', '.join(tr_links) or 'none'})",
                entry,
            )
        if Counter(markup.inline_code(source)) != Counter(markup.inline_code(translation)):
            yield ctx.problem("markup", "inline `code` differs from the source", entry)
        counts = (
            ("paragraphs", len(paragraphs(source)), len(paragraphs(translation))),
            ("list items", markup.list_items(source), markup.list_items(translation)),
            (
                "bold/italic spans",
                markup.emphasis_count(source),
                markup.emphasis_count(translation),
            ),
        )
        for what, want, got in counts:
            if want != got:
                yield ctx.problem("markup", f"{what}: source has {want}, translation {got}", entry)
        return


@entry_check("unsafe")
def unsafe(ctx: Context, entry: Entry) -> Iterator[Problem]:
    for _, translation in _pairs(entry):
        for reason in markup.unsafe_reasons(translation):
            yield ctx.problem("unsafe", f"{reason} would inject markup into the site", entry)
