"""What search takes from the glossaries: each agreed term, the stems that count as using
it, and the words staff use for it (`synonyms:`).

Reading is kept in one small function, `read_concepts`, so that it can switch to the
glossary model (`crkb.glossary`) when that lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, ProblemsFound
from ..yamlfile import load_yaml


@dataclass(frozen=True)
class Concept:
    """An agreed term: a page uses it when a word starts with one of `stems`."""

    term: str
    stems: tuple[str, ...]
    synonyms: tuple[str, ...] = ()


def read_concepts(path: Path, shown: str, source: bool = False) -> list[Concept]:
    """The glossary's terms; with `source`, their English side (`en`, `en_stem`), without synonyms."""
    if not path.is_file():
        return []
    data, positions = load_yaml(path, shown)
    terms = data.get("terms") if isinstance(data, dict) else None
    concepts = []
    for n, term in enumerate(terms or []):
        if not isinstance(term, dict):
            continue
        if source:
            concepts.append(Concept(str(term.get("en", "")), (str(term.get("en_stem", "")),)))
            continue
        synonyms = term.get("synonyms") or []
        if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
            line, col = positions.get(("terms", n, "synonyms"), (0, 0))
            message = "synonyms: expected a list of words, e.g. [reklamace]"
            raise ProblemsFound([Problem(shown, line, col, "glossary", message)])
        stems = tuple(str(s) for s in term.get("stems") or ())
        concepts.append(Concept(str(term.get("term", "")), stems, tuple(s.strip() for s in synonyms)))
    return [c for c in concepts if c.term and all(c.stems)]
