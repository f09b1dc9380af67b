"""Typography a native reader expects, driven by the locale profile and CLDR, never by a list of languages.

Each rule reads one fact about the locale:

- spaces: no no-break or other special space in a catalog (the site and the PDFs
  put no-break spaces where they belong, render/escape.py), no double space;
- quotation marks: only the profile's `quotes` (and `inner_quotes`), balanced;
- dashes: the profile's `dash` between words, spaced as it is; no spaced hyphen;
- figures: a space before % where CLDR writes one and none where it does not,
  and a space between a figure and a CLDR unit symbol (5 km, 30 min);
- punctuation: none of the profile's `forbidden_marks` at the end of a word (a
  Latin colon or question mark in Armenian), and a translated sentence ends with
  one of its `sentence_marks`;
- ё: the glossary's `yo` policy (checks/yo.py).

Placeholders, link targets, code and URLs are left out before any rule looks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import regex

from ..locales import LocaleProfile, figure_style
from ..translations import pairs
from . import Context, Entry, Finding, entry_check
from .numbers import english_figures
from .yo import YoRules, yo_rules

_HIDDEN = "\ue000"  # stands in for what no rule may look at, keeping the words around it apart
_NOT_TEXT = re.compile(r"\{[a-z][a-z0-9_]*\}|\]\([^)]*\)|<[^>\s]+>|`[^`]*`|https?://\S+")
_SPECIAL_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_QUOTE_MARKS = '"“”„‟«»‹›‚‘’'
_APOSTROPHE = regex.compile(r"(?<=\p{L})['’](?=\p{L})")
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
_SPACED_DASH = re.compile(r"(?<=\S) ([–—]) (?=\S)")
_UNSPACED_DASH = regex.compile(r"(?<=\p{L})([–—])(?=\p{L})")
_PERCENT = re.compile(r"(?<![\d.,])(?:\d+(?:[.,]\d+)*( ?)%|%( ?)\d)")
_DIGIT = re.compile(r"\d")
_GLUED = regex.compile(r"\d[^\s\d.,:;!?)\]%\-–—/]")  # a figure with something other than a space after it
_SENTENCE_END = re.compile(r"[.?!…]$")
_CLOSING = "*_\"'”’»“)]" + " \n"


def text_of(translation: str) -> str:
    """What the rules read: the translation with placeholders, links and code hidden."""
    return _NOT_TEXT.sub(_HIDDEN, translation)


def around(text: str, at: int) -> str:
    return text[max(0, at - 12) : at + 12].replace(_HIDDEN, "…").replace("\n", " ")


def spaces(text: str) -> Iterator[tuple[str, str]]:
    if found := _SPECIAL_SPACE.search(text):
        name = unicodedata.name(found.group(), "SPACE")
        yield (
            f"a {name.lower()} (U+{ord(found.group()):04X}) at «{around(text, found.start())}»",
            "type a plain space: the site and the PDFs make it no-break where it must be",
        )
    if found := _DOUBLE_SPACE.search(text):
        yield f"two spaces in a row at «{around(text, found.start())}»", "leave one space"


def quotes(profile: LocaleProfile, text: str) -> Iterator[tuple[str, str]]:
    settings = profile.settings
    pairs_allowed = [settings.quotes, *([settings.inner_quotes] if settings.inner_quotes else [])]
    allowed = {mark for pair in pairs_allowed for mark in pair}
    want = "…".join(settings.quotes)
    bare = _APOSTROPHE.sub("", text)
    for mark in _QUOTE_MARKS:
        if mark not in allowed and mark in bare:
            yield (
                f"the quotation mark {mark} at «{around(bare, bare.index(mark))}» is not {profile.english_name}",
                f"quote with {want}",
            )
            return
    for opening, closing in pairs_allowed:
        if opening != closing and bare.count(opening) != bare.count(closing):
            yield (
                f"quotation marks do not pair up: {bare.count(opening)} × {opening}, {bare.count(closing)} × {closing}",
                f"close every quotation: {opening}…{closing}",
            )


def dashes(profile: LocaleProfile, text: str) -> Iterator[tuple[str, str]]:
    style = profile.settings.dash
    dash = style.strip()
    if found := _SPACED_HYPHEN.search(text):
        yield f"a hyphen between spaces at «{around(text, found.start())}»", f"write the dash “{style}”"
    for found in _SPACED_DASH.finditer(text):
        if found.group(1) != dash:
            yield f"the dash {found.group(1)} at «{around(text, found.start())}»", f"write “{style}”"
            break
    if style != dash:  # the language spaces its dash: an em dash glued to words is a slip
        for found in _UNSPACED_DASH.finditer(text):
            if found.group(1) == dash == "—":
                yield f"a dash without spaces at «{around(text, found.start())}»", f"write “{style}”"
                break


def figures(profile: LocaleProfile, text: str, source: str) -> Iterator[tuple[str, str]]:
    if not _DIGIT.search(text):
        return
    style = profile.figures
    typed_percent = "%" in source and any(percent for _, _, percent, _ in english_figures(source))
    if "%" in text and not typed_percent:  # a percentage from the English is the numbers check's
        spaced, prefix = " %" in style.percent or "% " in style.percent, style.percent.startswith("%")
        for found in _PERCENT.finditer(text):
            is_prefix = found.group(0).startswith("%")
            has_space = bool(found.group(1) or found.group(2))
            if is_prefix != prefix or has_space != spaced:
                yield (
                    f"«{found.group(0)}»: {profile.english_name} writes a percentage as "
                    f"«{style.percent.replace('{0}', '20')}» (CLDR)",
                    "write it so, with a plain space if it has one: the site makes it no-break",
                )
                break
    if _GLUED.search(text) and (found := _glued_units(profile.code).search(text)):
        yield (
            f"«{found.group(0)}»: a space goes between a figure and its unit (CLDR)",
            f"write «{found.group(1)} {found.group(2)}»; the site keeps them on one line",
        )


@cache
def _glued_units(code: str) -> regex.Pattern:
    symbols = sorted(figure_style(code).symbols, key=len, reverse=True)
    choice = "|".join(map(regex.escape, symbols)) or r"(?!)"
    return regex.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)?)({choice})(?![\p{{L}}\p{{M}}\d])")


def marks(profile: LocaleProfile, text: str, source: str) -> Iterator[tuple[str, str]]:
    settings = profile.settings
    for mark, instead in settings.forbidden_marks.items():
        found = mark in text and _word_end(mark).search(text)
        if found:
            where = around(text, found.start())
            yield f"«{where}»: {mark} is not {profile.english_name} punctuation", f"write {instead}"
    if settings.sentence_marks and _SENTENCE_END.search(source.rstrip(_CLOSING)):
        end = text.rstrip(_CLOSING)
        if end and end[-1] not in settings.sentence_marks and end[-1] != _HIDDEN:
            yield (
                f"the sentence ends with «{end[-1]}»",
                f"end it with {' or '.join(settings.sentence_marks)}",
            )


@cache
def _word_end(mark: str) -> regex.Pattern:
    """The mark at the end of a word: where it would stand as punctuation."""
    return regex.compile(rf"(?<=[\p{{L}}\p{{M}}]){regex.escape(mark)}(?=[\s*_»”)]|$)")


def yo(rules: YoRules, text: str) -> Iterator[tuple[str, str]]:
    for written, wanted in rules.problems(text):
        policy = rules.policy
        why = {"never": "the glossary says yo: never", "always": "the glossary says yo: always"}.get(
            policy or "", "this catalog writes it both ways; state yo: always or yo: never in glossary.yml"
        )
        yield f"«{written}» ({why})", f"write «{wanted}»"


def _yo_rules(ctx: Context) -> YoRules:
    texts = (t for e in ctx.entries if e.translated for t in e.translations)
    return yo_rules(ctx.locale, ctx.glossary.yo, ctx.glossary.yo_words, texts)


@entry_check("typography")
def typography(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated:
        return
    profile = ctx.profile
    rules = ctx.once("yo", lambda: _yo_rules(ctx))
    for index, source, translation in pairs(entry.unit, entry.message):
        text = text_of(translation)
        found = [
            *spaces(text),
            *quotes(profile, text),
            *dashes(profile, text),
            *figures(profile, text, source),
            *marks(profile, text, text_of(source)),
            *yo(rules, text),
        ]
        for message, fix in found:
            yield Finding(message, fix, line=ctx.line_of(entry, index))
