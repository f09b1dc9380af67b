"""The search keys of a language's pages, and the table the browser reduces queries with.

Every word of a section is indexed under one folded key: its dictionary form
(`slevu` → `sleva`), or, when its lemma is that of one of a glossary term's wordings,
that term's key (`věrným` → `věrný`, a form of `věrnost` → `vernost`): the glossary
says such a word uses the agreed term, so a search for the term finds it and ranks it
as the term.
A key counts up to `MAX_REPEAT` times, so ranking still sees how often a section uses it.
(Its form as written is already in Material's own fields; indexing folded forms as well
made `věrnosti` outrank `věrným` for `věrnost`, the query's prefix matching two terms.)

Synonyms are not indexed: the browser's table maps each synonym (`reklamace`, or a
phrase, `zákaznická podpora`) to the keys of its term, so the query turns into the term.

Keys are made of letters and digits only (see `text.WORD`): nothing in them can be
read as markup, and they are HTML-escaped all the same where they are written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .glossary import Concept
from .reduce import Reducer
from .text import fold, words

MAX_REPEAT = 3
SHORT = 2  # words of a term this short (`se`, `o`, `с`) are left out of its keys


class Keys:
    """One language: keys of texts, remembering which words of the site led to which key."""

    def __init__(self, reducer: Reducer, concepts: Iterable[Concept]) -> None:
        self.reducer = reducer
        self.concepts = [c for c in concepts if c.wordings]
        self._cache: dict[str, str] = {}
        self._lemmas: set[str] = set()  # the reducer's keys before folding: the dictionary's lemmas
        self.seen: dict[str, set[str]] = {}  # key → words of the site that have it (lower case)
        owners: dict[str, set[Concept]] = {}
        for concept in self.concepts:
            for wording in concept.wordings:
                owners.setdefault(self._lemma(wording), set()).add(concept)
        # A lemma two terms share decides nothing.
        self._owner = {lemma: next(iter(found)) for lemma, found in owners.items() if len(found) == 1}
        self._term_key = {c.term: self._term_word_key(c) for c in self.concepts}

    def key(self, word: str) -> str:
        """The folded key of a lower-case word (cached: a site repeats its words)."""
        found = self._cache.get(word)
        if found is None:
            lemma = self._lemma_key(word)  # even under a term: its other forms go to the table
            found = self._cache[word] = self._concept_key(word) or lemma
        return found

    def of(self, text: str) -> str:
        """The keys of plain text, space-separated, each repeated as often as it occurs (capped)."""
        counts: Counter[str] = Counter()
        for word in words(text):
            key = self.key(word)
            counts[key] += 1
            self.seen.setdefault(key, set()).add(word)
        return " ".join(k for k in sorted(counts) for _ in range(min(counts[k], MAX_REPEAT)))

    def table(self) -> dict[str, dict[str, str]]:
        """What the browser needs (search.js): `forms`, key → the folded forms a reader may type
        that stand for that key only; `marks`, key → the site's words to highlight for it;
        `synonyms`, the keys of a synonym → the keys of its term; `keys`, all the site's keys
        (for a word the site does not use, the browser searches its longest beginning that
        the site does use)."""
        synonyms = self._synonyms()  # first: their lemmas must be in _lemmas for their forms
        owners: dict[str, set[str]] = {}
        for seen in self.seen.values():
            for word in seen:
                owners.setdefault(fold(word), set()).add(self.key(word))
        for lemma, forms in self.reducer.forms(self._lemmas).items():
            for form in forms:
                owners.setdefault(fold(form), set()).add(self._concept_key(form) or fold(lemma))
        forms: dict[str, list[str]] = {}
        for form, keys in sorted(owners.items()):
            if len(keys) == 1 and (key := next(iter(keys))) != form:
                forms.setdefault(key, []).append(form)
        marks = {k: sorted(ws) for k, ws in sorted(self.seen.items()) if ws != {k}}
        return {
            "forms": {k: " ".join(v) for k, v in forms.items()},
            "marks": {k: " ".join(v) for k, v in marks.items()},
            "synonyms": synonyms,
            "keys": " ".join(sorted(self.seen)),
        }

    def _lemma_key(self, word: str) -> str:
        lemma = self.reducer.key(word)
        self._lemmas.add(lemma)
        return fold(lemma)

    def _lemma(self, word: str) -> str:
        return self.reducer.key(word.lower()).lower()

    def _concept_key(self, word: str) -> str | None:
        """The key of the glossary term one of whose wordings has this word's lemma."""
        concept = self._owner.get(self._lemma(word))
        return self._term_key.get(concept.term) if concept is not None else None

    def _term_word_key(self, concept: Concept) -> str | None:
        """A term's key: that of its word that is one of its wordings (`vztahy se zákazníky` → `vztah`)."""
        lemmas = {self._lemma(w) for w in concept.wordings}
        for word in words(concept.term):
            if self._lemma(word) in lemmas:
                return self._lemma_key(word)
        return None

    def _phrase_keys(self, phrase: str) -> str:
        return " ".join(dict.fromkeys(self.key(w) for w in words(phrase) if len(w) > SHORT))

    def _synonyms(self) -> dict[str, str]:
        found = {}
        for concept in self.concepts:
            term = self._phrase_keys(concept.term)
            for synonym in concept.synonyms:
                keys = self._phrase_keys(synonym)
                if keys and term and keys != term:
                    found[keys] = term
        return found
