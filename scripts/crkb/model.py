"""Playbooks: the schema, loading and validation with file:line messages.

The pydantic models below are the single definition of a playbook; the JSON
schema editors use (`playbooks/schema.json`) is derived from them.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .problems import Problem, ProblemsFound, display_path
from .yamlfile import Location, Path_, load_yaml

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ACTIONS = 9

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1)]
PlaceholderName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureKind(str, Enum):
    PERCENT = "percent"
    MULTIPLE = "multiple"
    CURRENCY = "currency"
    COUNT = "count"


class Figure(_Strict):
    """A number as data, so each locale formats it with its own CLDR rules."""

    kind: FigureKind
    value: float | tuple[float, float] = Field(
        description="The number, or [low, high] for a range. Percent values are "
        "written as percent (92 means 92 %)."
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 4217 code; required for kind: currency"
    )

    @model_validator(mode="after")
    def _currency_matches_kind(self) -> Figure:
        if (self.kind is FigureKind.CURRENCY) != (self.currency is not None):
            raise ValueError("'currency' is required for kind: currency and only there")
        if isinstance(self.value, tuple) and self.value[0] >= self.value[1]:
            raise ValueError("a range must be [low, high] with low < high")
        return self


class Fact(_Strict):
    """A finding with its figures and who found it."""

    id: Slug
    statement: Text = Field(
        description="One sentence; {name} stands for each figure, e.g. "
        "'{share} of consumers trust recommendations from friends and family.'"
    )
    figures: dict[PlaceholderName, Figure] = Field(min_length=1)
    source: Text | None = Field(
        default=None,
        description="Who found it: a firm, study or person (a name, not translated). "
        "Leave it out only when the source article does not say; the page then says so.",
    )

    @model_validator(mode="after")
    def _placeholders_match_figures(self) -> Fact:
        used = placeholders(self.statement)
        if used != set(self.figures):
            raise ValueError(
                f"statement uses {sorted(used) or 'no placeholders'} but figures are {sorted(self.figures)}"
            )
        return self


ItemKind = Literal["key", "secret", "tip", "reason", "step"]


class Item(_Strict):
    """One key, secret, tip or reason: the unit a checklist section is made of."""

    id: Slug
    kind: ItemKind
    title: Text
    body: Markdown = Field(description="Markdown; one translatable unit per paragraph")
    actions: list[Text] = Field(
        default_factory=list,
        max_length=MAX_ACTIONS,
        description="Checklist lines: short, imperative, verb first",
    )
    examples: list[Text] = Field(default_factory=list)


class Source(_Strict):
    """The article the playbook was written from."""

    title: Text = Field(description="The original title, in the original language")
    language: LanguageCode
    author: Text | None = None


class Playbook(_Strict):
    """A playbook: why it matters, when to run it, and what to do."""

    id: Slug
    title: Text
    summary: Text
    audience: list[Text] = Field(min_length=1, description="Who runs this play")
    when: list[Text] = Field(min_length=1, description="Run this play when …")
    checklist: Literal["read-do", "do-confirm"] = Field(
        description="read-do: follow the lines one by one; do-confirm: work from "
        "memory, then stop and confirm every line"
    )
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(?:\.\d+)?$")]
    updated: dt.date
    source: Source
    intro: Markdown | None = None
    items: list[Item] = Field(min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    closing: Markdown | None = None

    _path: Path = PrivateAttr(default=Path())
    _positions: dict[Path_, Location] = PrivateAttr(default_factory=dict)

    @field_validator("items")
    @classmethod
    def _item_ids_unique(cls, items: list[Item]) -> list[Item]:
        _reject_duplicates([i.id for i in items], "item")
        return items

    @field_validator("facts")
    @classmethod
    def _fact_ids_unique(cls, facts: list[Fact]) -> list[Fact]:
        _reject_duplicates([f.id for f in facts], "fact")
        return facts

    @property
    def path(self) -> Path:
        return self._path

    def line_of(self, *where: str | int) -> int:
        """The line a value stood on, or the nearest enclosing value's line."""
        for end in range(len(where), -1, -1):
            if where[:end] in self._positions:
                return self._positions[where[:end]][0]
        return 0


def placeholders(text: str) -> set[str]:
    """The {name} fields of a format string (Python's own parser, so escapes are right)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def paragraphs(markdown: str) -> list[str]:
    """Split Markdown into blocks at blank lines: the unit a translator works on."""
    blocks = re.split(r"\n[ \t]*\n", markdown.strip())
    return [b.strip() for b in blocks if b.strip()]


def _reject_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f"{what} id {ident!r} is used twice")
        seen.add(ident)


def load_playbook(path: Path, root: Path | None = None) -> Playbook:
    """Load and validate one file; raise ProblemsFound listing every problem in it."""
    shown = display_path(path, root)
    data, positions = load_yaml(path, shown)
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(shown, 1, 1, "schema", "a playbook must be a mapping")])
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as err:
        raise ProblemsFound(
            [_problem_from(e, shown, positions) for e in err.errors(include_url=False)]
        ) from err
    if playbook.id != path.stem:
        line, col = positions.get(("id",), (1, 1))
        raise ProblemsFound(
            [Problem(shown, line, col, "schema", f"id {playbook.id!r} must match the file name")]
        )
    playbook._path = path
    playbook._positions = positions
    return playbook


def load_playbooks(folder: Path, root: Path | None = None) -> tuple[list[Playbook], list[Problem]]:
    """Load every playbook in a folder, collecting all problems instead of stopping at one."""
    books: list[Playbook] = []
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yml"))
    if not files:
        problems.append(Problem(display_path(folder, root), 0, 0, "empty", "no *.yml playbooks"))
    for path in files:
        try:
            books.append(load_playbook(path, root))
        except ProblemsFound as found:
            problems.extend(found.problems)
    return books, problems


def _problem_from(error: Any, shown: str, positions: dict[Path_, Location]) -> Problem:
    loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    line, col = 1, 1
    for end in range(len(loc), -1, -1):
        if loc[:end] in positions:
            line, col = positions[loc[:end]]
            break
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field (see playbooks/README.md for the schema)"
    elif error["type"] == "missing":
        message = "required field is missing"
    return Problem(shown, line, col, "schema", f"{field or 'playbook'}: {message}")


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the union member's type name to loc, e.g. 'float' or 'tuple[float, float]'
    return isinstance(part, str) and (part in {"float", "int", "str"} or "[" in part)
