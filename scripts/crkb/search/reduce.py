"""How a language's words are reduced to one search key: lemmas (the default), stems, or none.

A page is indexed under the key of each of its words and the query is reduced to
keys the same way in the browser, through a table of word forms shipped beside the
index; so the reducer has two jobs: `key` for a word on a page, and `forms`, the
other forms of the site's keys that a reader may type (`sleva` → `slevě`, `slevami`).

- `Lemmas` (simplemma): dictionary forms for en, ru, cs, sk, hy and ~50 more, pure
  Python, no model download. Its dictionaries also give every form of a lemma.
- `Stems` (Snowball, through snowballstemmer): for comparison in the benchmark;
  it has no Slovak, and a stem cannot be turned back into the forms a reader types.
- `Surface`: no reduction at all (accents and ё still fold), for comparison too.

`reducer_for(locale)` picks by the language of the locale (Babel), so no locale code
is written here. `CRKB_SEARCH_WORDS=lemmas|stems|surface` chooses another kind for a
benchmark run; the site is built with lemmas.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from typing import Protocol

from babel import Locale

KINDS = ("lemmas", "stems", "surface")


class Reducer(Protocol):
    def key(self, word: str) -> str:
        """The dictionary form (or stem) of a lower-case word, not folded."""

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """Other forms of these keys a reader may type; empty where the reducer knows none."""


class Surface:
    def key(self, word: str) -> str:
        return word

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        return {}


class Lemmas:
    def __init__(self, language: str) -> None:
        from simplemma import Lemmatizer
        from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY, DefaultStrategy

        self.language = language
        self._factory = DEFAULT_DICTIONARY_FACTORY
        strategy = DefaultStrategy(dictionary_factory=self._factory)
        self._lemmatizer = Lemmatizer(lemmatization_strategy=strategy)

    def key(self, word: str) -> str:
        return self._lemmatizer.lemmatize(word, self.language).lower()

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """Every form simplemma's dictionary lists for these lemmas: one pass over it."""
        wanted = {k.encode() for k in keys}
        dictionary = self._factory.get_dictionary(self.language)
        raw = getattr(dictionary, "_dict", None)  # bytes → bytes: 20× faster than decoding all
        if isinstance(raw, dict):
            pairs = raw.items()
        else:
            pairs = ((k.encode(), v.encode()) for k, v in dictionary.items())
        found: dict[str, set[str]] = {}
        for form, lemma in pairs:
            if lemma in wanted:
                found.setdefault(lemma.decode(), set()).add(form.decode().lower())
        return found


class Stems:
    def __init__(self, algorithm: str) -> None:
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer(algorithm)

    def key(self, word: str) -> str:
        return self._stemmer.stemWord(word)

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        return {}


def language_of(locale: str) -> str:
    return Locale.parse(locale).language


@cache
def reducer_for(locale: str, kind: str | None = None) -> Reducer:
    """The reducer for a locale's language; `Surface` where the chosen kind does not cover it."""
    kind = kind or os.environ.get("CRKB_SEARCH_WORDS") or "lemmas"
    if kind not in KINDS:
        raise ValueError(f"CRKB_SEARCH_WORDS={kind!r}: expected one of {', '.join(KINDS)}")
    language = language_of(locale)
    if kind == "lemmas":
        from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

        if language in SUPPORTED_LANGUAGES:
            return Lemmas(language)
    if kind == "stems":
        import snowballstemmer

        algorithm = Locale.parse(locale).english_name.split(" (")[0].lower()
        if algorithm in snowballstemmer.algorithms():
            return Stems(algorithm)
    return Surface()
