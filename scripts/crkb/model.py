"""Playbooks and topics: the schema, loading, and validation errors with file:line.

The pydantic models below are the single definition of a playbook; the JSON
schema editors use (`playbooks/schema.json`) is derived from them. Which of
their strings are translated, and under which id, is decided in one place:
`units.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
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
from .text import placeholders
from .yamlfile import Location, Path_, load_yaml

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ACTIONS = 9
MAX_TEXT = 2000  # characters in one string: a paragraph, never a document
TOPICS_FILE = "topics.yml"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Markdown = Annotated[str, StringConstraints(min_length=1, max_length=20 * MAX_TEXT)]
PlaceholderName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureKind(StrEnum):
    PERCENT = "percent"
    MULTIPLE = "multiple"
    CURRENCY = "currency"
    COUNT = "count"
    DURATION = "duration"


class TimeUnit(StrEnum):
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Figure(_Strict):
    """A number as data, so each locale formats it with its own CLDR rules."""

    kind: FigureKind
    value: float | tuple[float, float] = Field(
        description="The number, or [low, high] for a range. Percent values are written as percent (92 means 92 %)."
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 4217 code; required for kind: currency"
    )
    unit: TimeUnit | None = Field(default=None, description="required for kind: duration")

    @model_validator(mode="after")
    def _extras_match_kind(self) -> Figure:
        if (self.kind is FigureKind.CURRENCY) != (self.currency is not None):
            raise ValueError("'currency' is required for kind: currency and only there")
        if (self.kind is FigureKind.DURATION) != (self.unit is not None):
            raise ValueError("'unit' is required for kind: duration and only there")
        if isinstance(self.value, tuple) and self.value[0] >= self.value[1]:
            raise ValueError("a range must be [low, high] with low < high")
        return self


Figures = dict[PlaceholderName, Figure]


class Fact(_Strict):
    """A finding with its figures and who found it."""

    id: Slug
    statement: Text = Field(
        description="One sentence; {name} stands for each figure, e.g. "
        "'{share} of consumers trust recommendations from friends and family.'"
    )
    figures: Figures = Field(min_length=1)
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


class Action(_Strict):
    """One line to do. Those marked `checklist` are also printed on the one-page checklist."""

    text: Text = Field(description="Imperative, verb first, under 90 characters")
    checklist: bool = Field(default=False, description="Also print it on the one-page checklist")


ItemKind = Literal["key", "secret", "tip", "reason", "step"]


class Item(_Strict):
    """One key, secret, tip or reason: the unit a checklist section is made of."""

    id: Slug
    kind: ItemKind
    title: Text
    body: Markdown = Field(description="Markdown; one translatable unit per paragraph")
    actions: list[Action] = Field(
        default_factory=list,
        max_length=MAX_ACTIONS,
        description="What to do: a string (site only) or {text, checklist: true}",
    )
    examples: list[Text] = Field(default_factory=list)

    @field_validator("actions", mode="before")
    @classmethod
    def _plain_string_is_an_action(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": a} if isinstance(a, str) else a for a in value]
        return value


class Source(_Strict):
    """The article the playbook was written from."""

    title: Text = Field(description="The original title, in the original language")
    language: LanguageCode
    author: Text | None = None


class Review(_Strict):
    """Who looks after a playbook and how current it is."""

    owner: Text = Field(description="A role, not a person, e.g. 'Head of customer service'; translated")
    reviewed: dt.date = Field(description="When the content was last reviewed")
    every_months: int = Field(ge=1, le=36, description="How often it must be reviewed")

    def due(self) -> dt.date:
        """The day the next review is due (the same day of the month, clamped to its end)."""
        month = self.reviewed.month - 1 + self.every_months
        year, month = self.reviewed.year + month // 12, month % 12 + 1
        for day in range(self.reviewed.day, 27, -1):
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
        return dt.date(year, month, min(self.reviewed.day, 28))


class _FromFile(_Strict):
    """A model read from a YAML file: it remembers the file and where each value stood."""

    _path: Path = PrivateAttr(default=Path())
    _positions: dict[Path_, Location] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path:
        return self._path

    def line_of(self, *where: str | int) -> int:
        """The line a value stood on, or the nearest enclosing value's line."""
        return self.position_of(*where)[0]

    def position_of(self, *where: str | int) -> Location:
        """Where a value stood; for a paragraph of a Markdown field (index last), its own line."""
        if where and isinstance(where[-1], int) and where[:-1] in self._positions:
            text = self._value(where[:-1])
            if isinstance(text, str):
                line, column = self._positions[where[:-1]]
                return line + _lines_before_paragraph(text, where[-1]), column
        for end in range(len(where), -1, -1):
            if where[:end] in self._positions:
                return self._positions[where[:end]]
        return (0, 0)

    def _value(self, where: tuple[str | int, ...]) -> Any:
        value: Any = self
        for step in where:
            value = value[step] if isinstance(step, int) else getattr(value, step, None)
        return value


class Playbook(_FromFile):
    """A playbook: why it matters, when to run it, and what to do."""

    id: Slug
    topic: Slug = Field(description="The id of a topic in playbooks/topics.yml")
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
    review: Review
    source: Source
    figures: Figures = Field(
        default_factory=dict,
        description="Numbers written as {name} in any text of this playbook except facts",
    )
    intro: Markdown | None = None
    items: list[Item] = Field(min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    closing: Markdown | None = None

    @field_validator("items")
    @classmethod
    def _item_ids_unique(cls, items: list[Item]) -> list[Item]:
        _reject_duplicates([i.id for i in items], "item")
        return items

    def item_numbers(self) -> list[int]:
        """Each item's number within its kind: a playbook of three reasons and five tips
        reads "Reason 1–3" and "Tip 1–5", as its counts line says, not "Tip 4–8"."""
        seen: Counter[str] = Counter()
        numbers = []
        for item in self.items:
            seen[item.kind] += 1
            numbers.append(seen[item.kind])
        return numbers

    @field_validator("facts")
    @classmethod
    def _fact_ids_unique(cls, facts: list[Fact]) -> list[Fact]:
        _reject_duplicates([f.id for f in facts], "fact")
        return facts


def _lines_before_paragraph(text: str, index: int) -> int:
    """How many lines of a Markdown field come before its paragraph number index (0-based)."""
    seen, lines = -1, text.splitlines()
    for number, line in enumerate(lines):
        starts = line.strip() and (number == 0 or not lines[number - 1].strip())
        if starts:
            seen += 1
            if seen == index:
                return number
    return 0


class Topic(_Strict):
    """A group of playbooks: a section of the site's navigation."""

    id: Slug
    title: Text
    summary: Text


class Topics(_FromFile):
    topics: list[Topic] = Field(min_length=1)

    @field_validator("topics")
    @classmethod
    def _topic_ids_unique(cls, topics: list[Topic]) -> list[Topic]:
        _reject_duplicates([t.id for t in topics], "topic")
        return topics


def _reject_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f"{what} id {ident!r} is used twice")
        seen.add(ident)


def validate_file(model: type[BaseModel], path: Path, root: Path | None, what: str) -> Any:
    """Load a YAML file into a model; raise ProblemsFound with every schema problem in it."""
    shown = display_path(path, root)
    data, positions = load_yaml(path, shown, root)
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(shown, 1, 1, "schema", f"{what} must be a mapping")])
    try:
        value = model.model_validate(data)
    except ValidationError as err:
        raise ProblemsFound([_problem_from(e, shown, positions) for e in err.errors(include_url=False)]) from None
    value._path = path
    value._positions = positions
    return value


def load_playbook(path: Path, root: Path | None = None) -> Playbook:
    """Load and validate one playbook; raise ProblemsFound listing every problem in it."""
    from .units import figure_problems

    book: Playbook = validate_file(Playbook, path, root, "a playbook")
    shown = display_path(path, root)
    problems = []
    if book.id != path.stem:
        line, col = book.position_of("id")
        problems.append(Problem(shown, line, col, "schema", f"id {book.id!r} must match the file name"))
    problems.extend(figure_problems(book, shown))
    if problems:
        raise ProblemsFound(problems)
    return book


def load_topics(folder: Path, root: Path | None = None) -> Topics:
    return validate_file(Topics, folder / TOPICS_FILE, root, "topics.yml")


def playbook_files(folder: Path) -> list[Path]:
    """Every YAML file in the folder but topics.yml: a .yaml file is a playbook too."""
    files = [*folder.glob("*.yml"), *folder.glob("*.yaml")]
    return sorted(f for f in files if f.name != TOPICS_FILE)


def load_playbooks(
    folder: Path, root: Path | None = None, load: Callable[[Path, Path | None], Playbook] = load_playbook
) -> tuple[list[Playbook], list[Problem]]:
    """Load every playbook in a folder, collecting all problems instead of stopping at one.

    `load` reads one file (a caching reader reuses the playbooks that did not change).
    """
    books: list[Playbook] = []
    problems: list[Problem] = []
    files = playbook_files(folder)
    if not files:
        problems.append(Problem(display_path(folder, root), 0, 0, "empty", "no *.yml playbooks"))
    for path in files:
        try:
            books.append(load(path, root))
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
    return Problem(shown, line, col, "schema", f"{field or 'file'}: {message}")


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the union member's type name to loc, e.g. 'float' or 'tuple[float, float]'
    return isinstance(part, str) and (part in {"float", "int", "str"} or "[" in part)
