"""How a language's words are reduced to one search key: lemmas (the default), or not.

A page is indexed under the key of each of its words and the query is reduced to keys
the same way in the browser, through a table of the site's word forms shipped beside
the index (keys.py); a form the table does not know is searched by its beginning.

- `Lemmas` (simplemma): dictionary forms for en, ru, cs, sk, hy and ~50 more, pure
  Python, no model download. The site's build uses them (kind `lemmas`).
- kind `paradigms`: lemmas, and the table also lists every form simplemma's dictionary
  has for the site's lemmas (`sleva` → `slevě`, `slevami`), so that a form the site
  never uses is known too; 5–8× the table, no better on the query set (bench/README.md).
- `Stems` (Snowball, through snowballstemmer; it has no Slovak) and `Surface` (no
  reduction; accents and ё still fold): kinds `stems` and `surface`, for comparison.

`reducer_for(locale)` picks by the language of the locale (Babel), so no locale code is
written here. `CRKB_SEARCH_WORDS=lemmas|paradigms|stems|surface` chooses the kind for a
benchmark run (`python -m bench --search`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Protocol

from babel import Locale

KINDS = ("lemmas", "paradigms", "stems", "surface")


class Reducer(Protocol):
    def key(self, word: str) -> str:
        """The dictionary form (or stem) of a lower-case word, not folded."""

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """Other forms of these keys a reader may type; empty where the reducer knows none."""

    def save(self) -> None:
        """Keep what was worked out for the next build (where the reducer caches anything)."""


class Surface:
    def key(self, word: str) -> str:
        return word

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        return {}

    def save(self) -> None:
        """Nothing to keep."""


class Lemmas:
    """simplemma's lemmas, through the lemmatizer `crkb check` uses (crkb/lemmas.py).

    Opening simplemma's dictionaries costs about 1.5 s for our five languages, more
    than building the pages of a small site, while the site's words change little:
    each word's lemma is kept in the user's cache folder (crkb/wordcache.py), shared
    with the glossary check, so a build on a machine that has checked or built the
    site before opens no dictionary, fresh checkout or not. Nothing in the project
    folder is read, so a pull request cannot steer it.
    """

    def __init__(self, locale: str, paradigms: bool = False) -> None:
        from ..lemmas import lemmatizer

        self.language = language_of(locale)
        self.paradigms = paradigms
        self._lemmatizer = lemmatizer(locale)
        self._forms: dict[str, set[str]] = {}

    def key(self, word: str) -> str:
        return self._lemmatizer.lemma(word)

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """With `paradigms`, every form simplemma's dictionary lists for these lemmas."""
        if not self.paradigms:
            return {}
        missing = {k for k in keys if k not in self._forms}
        if missing:
            found = self._dictionary_forms(missing)
            self._forms.update({k: found.get(k, set()) for k in missing})
        return {k: set(self._forms[k]) for k in keys if self._forms.get(k)}

    def save(self) -> None:
        self._lemmatizer.save()

    def _dictionary_forms(self, lemmas: set[str]) -> dict[str, set[str]]:
        """Reads the whole dictionary once, decoded (bench runs only); it is not kept."""
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        wanted = {k.encode() for k in lemmas}
        dictionary = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(self.language)
        raw = getattr(dictionary, "_dict", None)  # bytes → bytes: 20× faster than decoding all
        pairs = raw.items() if isinstance(raw, dict) else ((k.encode(), v.encode()) for k, v in dictionary.items())
        found: dict[str, set[str]] = {}
        for form, lemma in pairs:
            if lemma in wanted:
                found.setdefault(lemma.decode(), set()).add(form.decode().lower())
        return found


def _simplemma_languages() -> set[str]:
    """The languages simplemma has a dictionary for (its data files), without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.origin:
        return set()
    data = Path(spec.origin).parent / "strategies" / "dictionaries" / "data"
    return {p.stem for p in data.glob("*.plzma")}


class Stems:
    def __init__(self, algorithm: str) -> None:
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer(algorithm)

    def key(self, word: str) -> str:
        return self._stemmer.stemWord(word)

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        return {}

    def save(self) -> None:
        """Nothing to keep."""


def language_of(locale: str) -> str:
    return Locale.parse(locale).language


@cache
def reducer_for(locale: str, kind: str | None = None) -> Reducer:
    """The reducer for a locale's language; `Surface` where the chosen kind does not cover it.
    Kept for the process (`mkdocs serve` rebuilds)."""
    kind = kind or os.environ.get("CRKB_SEARCH_WORDS") or "lemmas"
    if kind not in KINDS:
        raise ValueError(f"CRKB_SEARCH_WORDS={kind!r}: expected one of {', '.join(KINDS)}")
    language = language_of(locale)
    if kind == "lemmas" and language in _simplemma_languages():
        return Lemmas(locale)
    if kind == "paradigms" and language in _simplemma_languages():
        return Lemmas(locale, paradigms=True)
    if kind == "stems":
        import snowballstemmer

        algorithm = Locale.parse(locale).english_name.split(" (")[0].lower()
        if algorithm in snowballstemmer.algorithms():
            return Stems(algorithm)
    return Surface()
