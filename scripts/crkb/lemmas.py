"""Words and their lemmas, so the glossary check finds a term in any of its forms.

simplemma lemmatizes every language crkb has (and many more); the locale's
language comes from CLDR through Babel, so no list of languages lives here. A
language simplemma does not know falls back to the lower-cased word itself.

simplemma has to decode a whole dictionary before its first answer (about one
second for Russian), far more than the rest of `crkb check` takes. The lemmas a
run looks up are therefore kept in a small cache file per language and
simplemma version (in the user's cache folder, or `CRKB_CACHE_DIR`), and a
dictionary is decoded only when a word is not in it yet. The cache holds
nothing but what simplemma answers, so deleting it changes no result.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path

import regex
from babel import Locale

from .fileio import write_atomic

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
        self.known: dict[str, str] = _read_cache(cache_file)
        self.added = False
        self._simplemma = None

    def lemma(self, word: str) -> str:
        found = self.known.get(word)
        if found is None:
            found = self._lookup(word)
            self.known[word] = found
            self.added = True
        return found

    def lemmas(self, text: str) -> list[str]:
        return [self.lemma(w) for w in words(text)]

    def save(self) -> None:
        if self.added and self.cache_file is not None:
            try:
                data = json.dumps(self.known, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                write_atomic(self.cache_file, data.encode("utf-8"))
            except OSError:
                pass  # a cache that cannot be written only costs time
            self.added = False

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


def _read_cache(path: Path | None) -> dict[str, str]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def cache_folder() -> Path | None:
    configured = os.environ.get("CRKB_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("crkb"))


_MADE: dict[str, Lemmatizer] = {}


def lemmatizer(locale: str) -> Lemmatizer:
    """The lemmatizer of a locale's language (Babel: 'hy' → 'hy', 'pt_BR' → 'pt'), one per run."""
    language = Locale.parse(locale).language
    if language not in _MADE:
        version = metadata.version("simplemma")  # not `import simplemma`: a warm cache never needs it
        folder = cache_folder()
        path = folder / f"lemmas-{version}-{language}.json" if folder else None
        _MADE[language] = Lemmatizer(language, path)
    return _MADE[language]


def save_all() -> None:
    """Write back every lemma looked up in this run (`crkb check` calls it once at the end)."""
    for made in _MADE.values():
        made.save()
