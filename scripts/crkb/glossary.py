"""A language's glossary: its agreed terms, the words staff use for them, its spelling rules.

`locales/<code>/glossary.yml` is written by translators, so it is loaded like a
playbook: the safe YAML loader, a pydantic model, every problem with file:line.
The glossary check (`checks/language.py`), the typography check (the ё policy)
and search synonyms all read it from here.

Terms are matched by lemma (simplemma, crkb/lemmas.py), not by word beginnings:
"customers" in the English finds the term *customer*, and «клиентами» in the
translation counts as using «клиент», while a word that merely starts alike
(«точно» for «точка») does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .model import validate_file

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Term(BaseModel):
    """One agreed term: the English, its translation, and the other wordings that count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: Word = Field(description="The English term; found in the English in any form (customers → customer)")
    en_forms: list[Word] = Field(
        default_factory=list,
        description="Other English words that stand for the term (loyal for loyalty, complain for complaint)",
    )
    term: Word = Field(description="The agreed translation")
    forms: list[Word] = Field(
        default_factory=list,
        description="Other wordings that count as using the agreed term (the adjective, the verb); "
        "a wording is used when every word of it of three letters or more is there, in any form",
    )
    synonyms: list[Word] = Field(
        default_factory=list, description="Words staff use for it; search finds the term's pages"
    )


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Word
    yo: Literal["always", "never"] | None = Field(
        default=None,
        description="Russian: write ё everywhere it belongs (always) or nowhere (never); "
        "the typography check holds the catalog to it",
    )
    yo_words: list[Word] = Field(
        default_factory=list,
        description="With yo: always, words spelled with ё that the dictionary does not know (in their ё spelling)",
    )
    lemmas: dict[Word, Word] = Field(
        default_factory=dict,
        description="Where the lemmatizer gets a word of this language wrong: the word (any form) → its lemma",
    )
    terms: list[Term] = Field(default_factory=list)
    unchanged: list[Word] = Field(default_factory=list, description="Ids of strings rightly identical to the English")


def load_glossary(path: Path, root: Path | None = None) -> Glossary:
    """The glossary at path (an empty one if there is none); ProblemsFound on any error."""
    if not (path.is_file() or path.is_symlink()):
        return Glossary(language=path.parent.name)
    return validate_file(Glossary, path, root, "a glossary")
