"""Script, language and terms: each translation in its locale's script, clear of a close
neighbour, with the glossary's agreed terms.

The script comes from CLDR (the locale's likely script, through Babel) and is
tested with Unicode script properties; the neighbour's letters and frequent
words (Czech in Slovak, or the reverse) come from the locale's profile. Limits: a
short string made only of words both languages share cannot be told apart, and a
Latin-script name inside Armenian or Russian text is fine.

The glossary check compares lemmas (crkb/lemmas.py): a term is found in the
English in any form ("customers"), and counts as used when every word of three
letters or more of the agreed term, or of one of its forms, is in the
translation in any form. So «клиентами» uses «клиент», and «точно» does not
pass for «точка».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..glossary import Term
from ..lemmas import lemmatizer as lemmatizer_for
from ..lemmas import words
from ..locales import Foreign
from ..problems import Severity
from . import Context, Entry, Finding, entry_check

_FIELD = re.compile(r"\{[a-z_]+\}")
_LETTER = re.compile(r"[^\W\d_]")
_SHORT = 3  # words shorter than this (s, se, с, o) vary with their neighbours: a term does not need them


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


# A word as the glossary check compares it: the word and its lemma, since a lemmatizer is not
# always consistent («բողոք» → «բողոքել», «բողոքներին» → «բողոք»): two words match when
# these sets meet.
Forms = frozenset[str]


@dataclass(frozen=True)
class _Term:
    """A glossary term made ready to match: word runs in the English, word sets in the translation."""

    term: Term
    english: tuple[tuple[Forms, ...], ...]  # the term and its en_forms, each a run of words
    wordings: tuple[tuple[Forms, ...], ...]  # the agreed term and its forms, each the words it needs

    @property
    def length(self) -> int:
        return max(map(len, self.english))


def _forms_of(locale: str, fixed: dict[str, str]) -> Callable[[str], list[Forms]]:
    """Each word of a text with its lemma (the glossary's `lemmas:` correcting the lemmatizer)."""
    lemmatizer = lemmatizer_for(locale)
    made: dict[str, Forms] = {}  # a catalog repeats its words: each is made once

    def of(word: str) -> Forms:
        lemma = lemmatizer.lemma(word)
        found = made[word] = frozenset((word, fixed.get(word) or fixed.get(lemma) or lemma))
        return found

    def forms(text: str) -> list[Forms]:
        return [made.get(word) or of(word) for word in words(text)]

    return forms


def _prepared(ctx: Context) -> list[_Term]:
    english = _forms_of(ctx.source_locale, {})
    translated = _translation_forms(ctx)
    made = []
    for term in ctx.glossary.terms:
        runs = tuple(tuple(english(text)) for text in (term.en, *term.en_forms))
        needed = tuple(
            tuple(f for word, f in zip(words(text), translated(text)) if len(word) >= _SHORT)
            for text in (term.term, *term.forms)
        )
        made.append(_Term(term, tuple(r for r in runs if r), tuple(n for n in needed if n)))
    return sorted((t for t in made if t.english and t.wordings), key=lambda t: -t.length)


def _translation_forms(ctx: Context) -> Callable[[str], list[Forms]]:
    fixed = {word.lower(): lemma.lower() for word, lemma in ctx.glossary.lemmas.items()}
    return ctx.once("glossary-forms", lambda: _forms_of(ctx.locale, fixed))


@lru_cache(maxsize=1 << 16)
def _english_words(locale: str, sources: tuple[str, ...]) -> tuple[Forms, ...]:
    """The English as the glossary check reads it; the same for every locale, so made once."""
    return tuple(_forms_of(locale, {})(_FIELD.sub(" ", " ".join(sources))))


def starts(terms: list[_Term]) -> dict[str, list[tuple[int, tuple[Forms, ...]]]]:
    """Each English form that can begin a term → (the term's rank, the run it begins)."""
    found: dict[str, list[tuple[int, tuple[Forms, ...]]]] = {}
    for rank, term in enumerate(terms):
        for run in term.english:
            for form in run[0]:
                found.setdefault(form, []).append((rank, run))
    return found


def terms_in(english: tuple[Forms, ...], terms: list[_Term], begins: dict) -> list[_Term]:
    """The terms the English uses; a term inside a longer one ("customer" in "customer service")
    counts only where it also stands on its own. `terms` are longest first; `begins` is starts(terms)."""
    spans: dict[int, set[range]] = {}
    for i, forms in enumerate(english):
        for form in forms:
            for rank, run in begins.get(form, ()):
                end = i + len(run)
                if end <= len(english) and all(a & b for a, b in zip(english[i:end], run)):
                    spans.setdefault(rank, set()).add(range(i, end))
    covered: set[int] = set()
    found = []
    for rank in sorted(spans):
        if any(not covered.issuperset(span) for span in spans[rank]):
            found.append(terms[rank])
        for span in spans[rank]:
            covered.update(span)
    return found


def uses(translation: frozenset[str], wording: tuple[Forms, ...]) -> bool:
    return all(word & translation for word in wording)


@entry_check("glossary")
def glossary(ctx: Context, entry: Entry) -> Iterator[Finding]:
    if not entry.translated or not ctx.glossary.terms or not ctx.source_locale:
        return
    terms = ctx.once("glossary", lambda: _prepared(ctx))
    begins = ctx.once("glossary-starts", lambda: starts(terms))
    used = terms_in(_english_words(ctx.source_locale, entry.sources), terms, begins)
    if not used:
        return
    translation = frozenset().union(*_translation_forms(ctx)(" ".join(entry.translations)))
    for prepared in used:
        if not any(uses(translation, wording) for wording in prepared.wordings):
            term = prepared.term
            yield Finding(
                f"the English says “{term.en}”; the agreed {ctx.profile.english_name} term is “{term.term}”",
                f"use “{term.term}”"
                + (f" (or {', '.join(f'“{f}”' for f in term.forms)})" if term.forms else "")
                + f", or propose a change to locales/{ctx.locale}/glossary.yml",
                line=ctx.line_of(entry),
                severity=Severity.WARNING,
            )
