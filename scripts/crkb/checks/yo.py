"""The letter ё: written everywhere it belongs, or nowhere, as the glossary decides (`yo:`).

Russian may leave ё out, but one catalog must not do both: «её» on one page and
«ее» on the next reads as carelessness. The glossary states the choice:

- `yo: never`: no ё at all;
- `yo: always`: a word the dictionary spells only with ё (OpenCorpora, through
  pymorphy3) or that the glossary lists under `yo_words` must have it;
- in both cases, and with no choice stated, a word written with ё in one entry
  and with е in another is an error, unless the dictionary knows both spellings
  as words («все» and «всё», «берет» and «берёт»).

The dictionary is found through the locale's language (Babel); a language
pymorphy3 has no dictionary for only gets the catalog and glossary rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from babel import Locale

from ..lemmas import WORD
from ..wordcache import WordCache, cache_file

YO, E = "ё", "е"


def plain(word: str) -> str:
    return word.replace(YO, E).replace(YO.upper(), E.upper())


@dataclass
class YoRules:
    """What one catalog is held to, worked out once per catalog."""

    locale: str
    policy: str | None
    spelled: dict[str, str]  # a word without ё (lower case) → its ё spelling seen in the catalog or glossary

    def problems(self, text: str) -> Iterator[tuple[str, str]]:
        """(word as written, what to write) for each word that breaks the rules."""
        if self.policy is None and not self.spelled:
            return
        if self.policy == "never" and YO not in text.lower():
            return
        for match in WORD.finditer(text):
            word = match.group(0)
            lower = word.lower()
            if YO in lower:
                if self.policy == "never":
                    yield word, plain(word)
                continue
            if E not in lower:
                continue
            wanted = self._wanted(lower)
            if wanted:
                yield word, _same_case(wanted, word)

    def _wanted(self, lower: str) -> str | None:
        if self.policy == "never":
            return None
        if lower in self.spelled:
            # «все» is a word as it stands, beside «всё»: ambiguous, leave it
            return None if lower in self._spellings(lower) else self.spelled[lower]
        if self.policy == "always":
            known = self._spellings(lower)
            if known and lower not in known and all(YO in k for k in known):
                return sorted(known)[0]
        return None

    def _spellings(self, lower: str) -> frozenset[str]:
        # The dictionary loads only when a word needs it.
        spellings = dictionary(self.locale)
        return spellings(lower) if spellings else frozenset()


def yo_rules(locale: str, policy: str | None, listed: list[str], texts: Iterable[str]) -> YoRules:
    spelled = {plain(w).lower(): w.lower() for w in listed}
    for text in texts:
        if YO in text.lower():
            for word in WORD.findall(text):
                if YO in word.lower():
                    spelled.setdefault(plain(word).lower(), word.lower())
    return YoRules(locale, policy, spelled)


@cache
def dictionary(locale: str) -> Callable[[str], frozenset[str]] | None:
    """pymorphy3's spellings of a word (its OpenCorpora dictionary restores ё), or None.

    Answers are kept across runs (crkb/wordcache.py): loading the dictionary takes
    longer than checking a small catalog, so it loads only for a word not asked before.
    """
    language = Locale.parse(locale).language

    def lookup(word: str) -> list[str]:
        analyzer = _analyzer(language)
        return sorted({p.word for p in analyzer.parse(word) if p.is_known}) if analyzer else []

    known = WordCache(cache_file(f"spellings-{_versions(language)}-{language}"), list, lookup)
    if not known.known and _analyzer(language) is False:
        return None

    @cache
    def spellings(word: str) -> frozenset[str]:
        return frozenset(known.get(word))

    return spellings


@cache
def _analyzer(language: str):
    """pymorphy3's analyzer of a language, or False if it has no dictionary for it."""
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=language)
    except (ImportError, ValueError, KeyError, OSError):
        return False


def _versions(language: str) -> str:
    """pymorphy3's version and its dictionary's: the answers of one pair (not importing them)."""
    found = []
    for name in ("pymorphy3", f"pymorphy3-dicts-{language}"):
        try:
            found.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            found.append("none")
    return "-".join(found)


def _same_case(wanted: str, written: str) -> str:
    if written.isupper():
        return wanted.upper()
    if written[:1].isupper():
        return wanted[:1].upper() + wanted[1:]
    return wanted
