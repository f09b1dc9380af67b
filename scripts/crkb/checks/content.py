"""Placeholders, markup and unsafe content: a translation carries what its source carries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

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
        want, got = _source_placeholders(source), markup.placeholders(translation)
        if want != got:
            missing = ", ".join(f"{{{p}}}" for p in sorted(want - got))
            extra = ", ".join(f"{{{p}}}" for p in sorted(got - want))
            detail = "; ".join(
                x for x in (missing and f"missing {missing}", extra and f"unknown {extra}") if x
            )
            yield ctx.problem("placeholder", f"placeholders differ: {detail}", entry)
            return


@dataclass(frozen=True)
class _Shape:
    """What the markup check compares between a source and its translation."""

    links: list[str]
    link_counts: Counter
    code: Counter
    paragraphs: int
    list_items: int
    emphasis: int


def _shape(text: str) -> _Shape:
    links = markup.link_targets(text)
    return _Shape(
        links,
        Counter(links),
        Counter(markup.inline_code(text)),
        len(paragraphs(text)),
        markup.list_items(text),
        markup.emphasis_count(text),
    )


# The English is the same in every locale: its shape and placeholders are worked out once.
_source_shape = lru_cache(maxsize=1 << 16)(_shape)
_source_placeholders = lru_cache(maxsize=1 << 16)(markup.placeholders)


@entry_check("markup")
def markup_structure(ctx: Context, entry: Entry) -> Iterator[Problem]:
    for source, translation in _pairs(entry):
        src, tr = _source_shape(source), _shape(translation)
        if src.link_counts != tr.link_counts:
            yield ctx.problem(
                "markup",
                f"link target changed ({', '.join(src.links) or 'none'} → {', '.join(tr.links) or 'none'})",
                entry,
            )
        if src.code != tr.code:
            yield ctx.problem("markup", "inline `code` differs from the source", entry)
        counts = (
            ("paragraphs", src.paragraphs, tr.paragraphs),
            ("list items", src.list_items, tr.list_items),
            ("bold/italic spans", src.emphasis, tr.emphasis),
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
