"""Words and their lemmas, so the glossary check finds a term in any of its forms.

simplemma lemmatizes every language crkb has (and many more); the locale's
language comes from CLDR through Babel, so no list of languages lives here. A
language simplemma does not know falls back to the lower-cased word itself.

simplemma has to decode a whole dictionary before its first answer (about one
second for Russian), so the lemmas a run looks up are kept across runs per
language and simplemma version (crkb/wordcache.py).
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import regex
from babel import Locale

from .wordcache import WordCache, cache_file
from .wordcache import save_all as save_caches

# A word: letters (with their combining marks) and hyphens or apostrophes inside it.
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order."""
    return [w.lower() for w in WORD.findall(text)]


class Lemmatizer:
    """Lemmas of one language, looked up once per word and remembered across runs."""

    def __init__(self, language: str, cache_file: Path | None) -> None:
        self.language = language
        self.cache_file = cache_file
        self._cache = WordCache(cache_file, str, self._lookup)
        self._simplemma = None

    @property
    def known(self) -> dict[str, str]:
        return self._cache.known

    def lemma(self, word: str) -> str:
        return self._cache.get(word)

    def lemmas(self, text: str) -> list[str]:
        return [self.lemma(w) for w in words(text)]

    def save(self) -> None:
        self._cache.save()

    def _lookup(self, word: str) -> str:
        if self._simplemma is None:
            self._simplemma = _simplemma(self.language)
        if self._simplemma is False:
            return word
        lemma = self._simplemma(word)
        if lemma == word and "-" in word:  # "чек-листы": lemmatize the last part
            head, _, tail = word.rpartition("-")
            lemma = f"{head}-{self._simplemma(tail)}"
        return lemma.lower()


def _simplemma(language: str):
    """simplemma's lemmatizer for a language, or False if it has no dictionary for it."""
    from simplemma import Lemmatizer as Simplemma
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

    if language not in SUPPORTED_LANGUAGES:
        return False
    # The stream factory decodes a dictionary about twice as fast as the default one.
    lemmatizer = Simplemma(lemmatization_strategy=DefaultStrategy(dictionary_factory=StreamDictionaryFactory()))
    return lambda word: lemmatizer.lemmatize(word, lang=language)


_MADE: dict[str, Lemmatizer] = {}


def lemmatizer(locale: str) -> Lemmatizer:
    """The lemmatizer of a locale's language (Babel: 'hy' → 'hy', 'pt_BR' → 'pt'), one per run."""
    language = Locale.parse(locale).language
    if language not in _MADE:
        version = metadata.version("simplemma")  # not `import simplemma`: a warm cache never needs it
        _MADE[language] = Lemmatizer(language, cache_file(f"lemmas-{version}-{language}"))
    return _MADE[language]


def save_all() -> None:
    """Write back every word looked up in this run, lemmas and others (`crkb check` calls it at the end)."""
    save_caches()
