"""Figures typed in the English reach the translation, written the way CLDR writes them.

Figures from a playbook's `figures:` are placeholders, formatted by the renderer;
this check is about the ones typed by hand ("2.5", "1,000", "20%"). Each must be
in the translation as CLDR writes it for the locale (Babel): its decimal and
grouping separators and its percent pattern ("20 %" or "20%" or "%20"). Where
CLDR has a no-break space the catalog has a plain one (catalogs carry no
invisible character; the renderer makes that space no-break on the page and in
the PDFs). A whole number typed without grouping ("2020", "1500") may stay so:
it is often a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..locales import plain_spaces
from ..translations import State, pairs
from . import Context, Entry, Finding, entry_check

# An English figure: 1,000 · 2.5 · 20% · 12 — not inside a word (B2B), an ordinal (1st) or a time (9:30).
_ENGLISH_FIGURE = re.compile(
    r"(?<![\w.,:/])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?![\w:]|[.,]\d)(?P<percent>\s?%)?"
)
_NOT_TEXT = re.compile(r"\{[a-z][a-z0-9_]*\}|\]\([^)]*\)|<[^>\s]+>|`[^`]*`")


def english_figures(text: str) -> Iterator[tuple[str, Decimal, bool, bool]]:
    """(as written, value, is a percentage, grouped) for each figure typed in the English."""
    for match in _ENGLISH_FIGURE.finditer(_NOT_TEXT.sub(" ", text)):
        digits = match.group("int")
        value = Decimal(digits.replace(",", "") + (match.group("frac") or ""))
        yield match.group(0), value, bool(match.group("percent")), "," in digits


def written_forms(ctx: Context, value: Decimal, percent: bool, grouped: bool) -> list[str]:
    """How the translation may write the figure: CLDR's form, and the bare digits of an ungrouped number."""
    style = ctx.profile.figures
    if percent:
        return [style.percentage(value, ctx.locale)]
    forms = [style.decimal(value, ctx.locale)]
    if not grouped and value == value.to_integral_value():
        forms.append(str(value))
    return forms


def contains(translation: str, written: str) -> bool:
    """The figure stands on its own in the translation: not part of a longer number."""
    return re.search(rf"(?<![\d.,]){re.escape(written)}(?![.,]?\d)", translation) is not None


@entry_check("numbers")
def numbers(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if entry.state is not State.TRANSLATED or not entry.translated:
        return
    for index, source, translation in pairs(entry.unit, entry.message):
        text = plain_spaces(_NOT_TEXT.sub(" ", translation))
        for typed, value, percent, grouped in english_figures(source):
            forms = written_forms(ctx, value, percent, grouped)
            if not any(contains(text, f) for f in forms):
                yield Finding(
                    f"the English has the figure “{typed.strip()}”; write it as “{forms[0]}” "
                    f"(CLDR, {ctx.profile.english_name})",
                    f"write “{forms[0]}” with a plain space where it has one; the site makes it no-break",
                    line=ctx.line_of(entry, index),
                )
