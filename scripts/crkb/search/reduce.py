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

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Protocol

from babel import Locale

from ..fileio import write_atomic

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
    """simplemma, with what it found kept in a cache file between builds.

    Loading simplemma's dictionaries costs about 2.5 s for our five languages, more than
    building the pages; the site's words change little between builds, so each word's
    lemma and each lemma's forms are kept in `cache` (`.cache/crkb/`, the folder Material's
    own plugins cache in) and the dictionary is loaded only for words not seen before.
    A pull request can add files there too, so the cache carries an HMAC under this
    machine's secret (buildcache.py) and is used only when it matches.

    The dictionary is simplemma's stream form, one per language and owned by this
    reducer: decoded into a Python dict, as simplemma's shared default factory keeps
    them, the five languages held about 370 MB for the rest of the build.
    """

    def __init__(self, language: str, cache: Path | None = None, paradigms: bool = False) -> None:
        self.language = language
        self.paradigms = paradigms
        self._cache_file = cache
        self._lemmatizer = None
        self._changed = False
        self._lemmas: dict[str, str] = {}
        self._forms: dict[str, list[str]] = {}
        if cache is not None and cache.is_file():
            try:
                data = json.loads(cache.read_text(encoding="utf-8"))
                content = {"version": self._version(), "lemmas": data["lemmas"], "forms": data["forms"]}
                mac = _mac(content)
                if mac is not None and data.get("mac") == mac:
                    self._lemmas, self._forms = content["lemmas"], content["forms"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # a damaged cache, or one written elsewhere, is rebuilt

    def key(self, word: str) -> str:
        found = self._lemmas.get(word)
        if found is None:
            found = self._lemmas[word] = self._simplemma().lemmatize(word, self.language).lower()
            self._changed = True
        return found

    def forms(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """With `paradigms`, every form simplemma's dictionary lists for these lemmas."""
        if not self.paradigms:
            return {}
        missing = {k for k in keys if k not in self._forms}
        if missing:
            self._forms.update({k: sorted(v) for k, v in self._dictionary_forms(missing).items()})
            self._forms.update({k: [] for k in missing if k not in self._forms})
            self._changed = True
        return {k: set(self._forms[k]) for k in keys if self._forms.get(k)}

    def save(self) -> None:
        if self._cache_file is None or not self._changed:
            return
        data = {"version": self._version(), "lemmas": self._lemmas, "forms": self._forms}
        data["mac"] = _mac(data)
        write_atomic(self._cache_file, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
        self._changed = False

    def _simplemma(self):
        if self._lemmatizer is None:
            from simplemma import Lemmatizer
            from simplemma.strategies import DefaultStrategy
            from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

            strategy = DefaultStrategy(dictionary_factory=StreamDictionaryFactory(cache_max_size=1))
            self._lemmatizer = Lemmatizer(lemmatization_strategy=strategy)
        return self._lemmatizer

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

    @staticmethod
    def _version() -> str:
        from importlib.metadata import version

        return f"simplemma {version('simplemma')}, cache 1"


def _mac(content: dict) -> str | None:
    from ..buildcache import keyed

    return keyed(json.dumps(content, ensure_ascii=False, sort_keys=True).encode())


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
def reducer_for(locale: str, cache_dir: Path | None = None, kind: str | None = None) -> Reducer:
    """The reducer for a locale's language; `Surface` where the chosen kind does not cover it.
    Kept for the process (`mkdocs serve` rebuilds), with lemmas cached in cache_dir."""
    kind = kind or os.environ.get("CRKB_SEARCH_WORDS") or "lemmas"
    if kind not in KINDS:
        raise ValueError(f"CRKB_SEARCH_WORDS={kind!r}: expected one of {', '.join(KINDS)}")
    language = language_of(locale)
    if kind == "lemmas" and language in _simplemma_languages():
        return Lemmas(language, cache_dir / f"lemmas-{language}.json" if cache_dir else None)
    if kind == "paradigms" and language in _simplemma_languages():
        return Lemmas(language, cache_dir / f"paradigms-{language}.json" if cache_dir else None, True)
    if kind == "stems":
        import snowballstemmer

        algorithm = Locale.parse(locale).english_name.split(" (")[0].lower()
        if algorithm in snowballstemmer.algorithms():
            return Stems(algorithm)
    return Surface()
