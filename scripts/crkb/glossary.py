"""A language's glossary: its agreed terms, the words staff use for them, its spelling rules.

`locales/<code>/glossary.yml` is written by translators, so it is loaded like a
playbook: the safe YAML loader, a pydantic model, every problem with file:line.
The glossary check (`checks/language.py`), the typography check and search
synonyms all read it from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .model import validate_file

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Term(BaseModel):
    """One agreed term: the English, its translation, and how to recognise it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: Word = Field(description="The English term")
    en_stem: Word = Field(description="Finds the term in the English: any word starting with it")
    term: Word = Field(description="The agreed translation")
    stems: list[Word] = Field(min_length=1, description="Word beginnings that count as using the term")
    synonyms: list[Word] = Field(
        default_factory=list, description="Words staff use for it; search finds the term's pages"
    )


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Word
    yo: Literal["always", "never"] | None = Field(
        default=None, description="Russian only: write ё everywhere it belongs, or nowhere"
    )
    terms: list[Term] = Field(default_factory=list)
    unchanged: list[Word] = Field(default_factory=list, description="Ids of strings rightly identical to the English")


def load_glossary(path: Path, root: Path | None = None) -> Glossary:
    """The glossary at path (an empty one if there is none); ProblemsFound on any error."""
    if not (path.is_file() or path.is_symlink()):
        return Glossary(language=path.parent.name)
    return validate_file(Glossary, path, root, "a glossary")
