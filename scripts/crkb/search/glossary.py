"""What search takes from the glossaries: each agreed term, the words that count as using
it, and the words staff use for it (`synonyms:`), read through the glossary model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..glossary import load_glossary
from .text import words


@dataclass(frozen=True)
class Concept:
    """An agreed term: a page uses it when a word has the lemma of one of `wordings`."""

    term: str
    wordings: tuple[str, ...]  # single words: the term's own and its forms'
    synonyms: tuple[str, ...] = ()


def read_concepts(path: Path, shown: str, source: bool = False) -> list[Concept]:
    """The glossary's terms; with `source`, their English side (`en`, `en_forms`), without synonyms.

    ProblemsFound (file, line, field) for a glossary that is not well-formed.
    """
    if not (path.is_file() or path.is_symlink()):
        return []
    glossary = load_glossary(path, _root_of(path, shown))
    concepts = []
    for term in glossary.terms:
        if source:
            concepts.append(Concept(term.en, _single_words(term.en, *term.en_forms)))
        else:
            concepts.append(Concept(term.term, _single_words(term.term, *term.forms), tuple(term.synonyms)))
    return [c for c in concepts if c.term and c.wordings]


def _single_words(*wordings: str) -> tuple[str, ...]:
    """The wordings of one word (a phrase is for the glossary check: it has no single lemma)."""
    return tuple(dict.fromkeys(w for w in wordings if len(words(w)) == 1))


def _root_of(path: Path, shown: str) -> Path | None:
    """The project root that makes path display as shown (so links out of the project are refused)."""
    parts = len(Path(shown).parts)
    return path.absolute().parents[parts - 1] if parts and len(path.absolute().parents) >= parts else None
