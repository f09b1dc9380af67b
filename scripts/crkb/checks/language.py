"""Script and language: each translation in its locale's script, clear of a close neighbour.

The script comes from CLDR (the locale's likely script, through Babel) and is
tested with Unicode script properties; the neighbour's letters and frequent
words (Czech in Slovak, or the reverse) come from the locale's profile. Limits: a
short string made only of words both languages share cannot be told apart, and a
Latin-script name inside Armenian or Russian text is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from ..locales import Foreign
from ..problems import Severity
from . import Context, Entry, Finding, entry_check

_FIELD = re.compile(r"\{[a-z_]+\}")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=32)
def _script_letters(script: str) -> regex.Pattern:
    return regex.compile(rf"\p{{Script={script}}}")


@entry_check("script")
def script(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated:
        return
    letters = _script_letters(ctx.profile.script)
    for source, translation in zip(entry.sources, entry.translations):
        if _LETTER.search(_FIELD.sub("", source)) and not letters.search(translation):
            yield Finding(
                f"no letters of the {ctx.profile.script} script: not written in {ctx.profile.english_name}",
                f"write it in {ctx.profile.english_name}",
                line=ctx.line_of(entry),
            )
            return


@lru_cache(maxsize=32)
def _foreign_patterns(foreign: Foreign) -> tuple[re.Pattern | None, re.Pattern | None]:
    letters = re.compile(f"[{re.escape(foreign.letters)}]") if foreign.letters else None
    words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in foreign.words]
    pattern = re.compile(rf"(?i)\b(?:{'|'.join(words)})\b") if words else None
    return letters, pattern


@entry_check("language")
def language(ctx: Context, entry: Entry) -> Iterator[Finding]:
    foreign = ctx.profile.settings.foreign
    if foreign is None or not entry.translated:
        return
    letters, words = _foreign_patterns(foreign)
    for translation in entry.translations:
        hit = (letters.search(translation) if letters else None) or (words.search(translation) if words else None)
        if hit:
            yield Finding(
                f"looks like {foreign.name}: “{hit.group(0)}” in a {ctx.profile.english_name} string",
                f"write the {ctx.profile.english_name} word",
                line=ctx.line_of(entry),
            )
            return


@lru_cache(maxsize=1 << 16)
def _glossary_source(sources: tuple[str, ...]) -> str:
    """The English as the glossary check reads it; the same for every locale, so made once."""
    return _FIELD.sub("", " ".join(sources)).lower()


@entry_check("glossary")
def glossary(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated or not ctx.glossary.terms:
        return
    source = _glossary_source(entry.sources)
    translation = " ".join(entry.translations).lower()
    for term in ctx.glossary.terms:
        stem = term.en_stem.lower()
        if (
            stem in source
            and re.search(rf"\b{re.escape(stem)}", source)
            and not any(s.lower() in translation for s in term.stems)
        ):
            yield Finding(
                f"the English says “{term.en}”; the agreed {ctx.profile.english_name} term is “{term.term}”",
                f"use “{term.term}”, or propose a change to locales/{ctx.locale}/glossary.yml",
                line=ctx.line_of(entry),
                severity=Severity.WARNING,
            )
