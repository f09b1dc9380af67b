"""The one walker: every translatable string of the project, with its stable id.

Extraction (the template), localization (the pages and PDFs), the checks and
the status table all go through `playbook_units`, `topic_units` and
`ui_units`, so a new field needs adding here once. Each unit's id (the
`msgctxt`) comes from its place in the playbook, so editing one English string
marks only that string stale in every catalog. `where` is the value's path in
the playbook, used for line numbers and to put the translation back in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .model import Figure, Playbook, Topics
from .problems import Problem
from .text import paragraphs, placeholders, stray_braces
from .ui import UI_TEXTS

ACTION_HINT = "Checklist line: imperative, verb first; keep it under 90 characters."
UI_PREFIX = "ui"
TOPIC_PREFIX = "topic"


class Kind(StrEnum):
    """How a string is shown, so each renderer escapes it for its context."""

    TEXT = "text"  # one line of plain text: titles, list entries, actions
    MARKDOWN = "markdown"  # one paragraph of Markdown: emphasis, links, a list
    UI = "ui"  # interface text; {fields} are filled by the renderer


Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Unit:
    """One translatable string: what a translator sees as one PO entry."""

    id: str
    text: str
    kind: Kind
    comment: str
    where: Where = ()
    reference: tuple[str, int] | None = None
    plural: str | None = None
    figures: dict[str, Figure] = field(default_factory=dict, compare=False, hash=False)

    @property
    def msgid(self) -> str | tuple[str, str]:
        return (self.text, self.plural) if self.plural else self.text

    @property
    def group(self) -> str:
        """The playbook id, or 'ui' / 'topic': the row of the status table it counts in."""
        return self.id.split(".", 1)[0]


def playbook_units(book: Playbook, file: str | None = None) -> Iterator[Unit]:
    """Every translatable string of a playbook, in reading order."""
    what = f"Playbook “{book.title}”"

    def unit(ident: str, text: str, kind: Kind, comment: str, *where: str | int) -> Unit:
        ref = (file, book.line_of(*where)) if file else None
        figures = book.figures if kind is not Kind.UI else {}
        return Unit(f"{book.id}.{ident}", text, kind, comment, where, ref, figures=figures)

    yield unit("title", book.title, Kind.TEXT, f"{what}: title", "title")
    yield unit("summary", book.summary, Kind.TEXT, f"{what}: one-sentence summary", "summary")
    for name, label in (("audience", "who runs it"), ("when", "run this play when …")):
        for n, text in enumerate(getattr(book, name), 1):
            yield unit(f"{name}.{n}", text, Kind.TEXT, f"{what}: {label}", name, n - 1)
    owner = "review owner: a role (job title), not a person"
    yield unit("review.owner", book.review.owner, Kind.TEXT, f"{what}: {owner}", "review", "owner")
    if book.intro:
        yield from _markdown(unit, "intro", book.intro, f"{what}: introduction", ("intro",))
    for i, item in enumerate(book.items):
        about = f"{what}, {item.kind} “{item.title}”"
        yield unit(f"{item.id}.title", item.title, Kind.TEXT, f"{about}: title", "items", i, "title")
        yield from _markdown(unit, f"{item.id}.body", item.body, f"{about}: text", ("items", i, "body"))
        for n, action in enumerate(item.actions, 1):
            hint = f"{about}: action{' (on the printed checklist)' if action.checklist else ''}. {ACTION_HINT}"
            yield unit(f"{item.id}.actions.{n}", action.text, Kind.TEXT, hint, "items", i, "actions", n - 1, "text")
        for n, example in enumerate(item.examples, 1):
            where = ("items", i, "examples", n - 1)
            yield unit(f"{item.id}.examples.{n}", example, Kind.MARKDOWN, f"{about}: example", *where)
    for i, fact in enumerate(book.facts):
        names = ", ".join(f"{{{name}}}" for name in fact.figures)
        comment = f"{what}: a finding. Keep {names}: the figure is inserted there, formatted."
        where = ("facts", i, "statement")
        ref = (file, book.line_of(*where)) if file else None
        yield Unit(f"{book.id}.facts.{fact.id}", fact.statement, Kind.TEXT, comment, where, ref, figures=fact.figures)
    if book.closing:
        yield from _markdown(unit, "closing", book.closing, f"{what}: closing words", ("closing",))


def _markdown(unit, ident: str, text: str, comment: str, where: Where) -> Iterator[Unit]:
    """One unit per paragraph, so a translator never re-translates a whole body for one edit."""
    blocks = paragraphs(text)
    for n, block in enumerate(blocks, 1):
        note = f"{comment} (paragraph {n} of {len(blocks)}, Markdown)"
        yield unit(f"{ident}.{n}", block, Kind.MARKDOWN, note, *where, n - 1)


def topic_units(topics: Topics, file: str | None = None) -> Iterator[Unit]:
    for i, topic in enumerate(topics.topics):
        for name in ("title", "summary"):
            ref = (file, topics.line_of("topics", i, name)) if file else None
            comment = f"Topic (a section of the site's navigation): {name}"
            ident = f"{TOPIC_PREFIX}.{topic.id}.{name}"
            yield Unit(ident, getattr(topic, name), Kind.TEXT, comment, ("topics", i, name), ref)


def ui_units() -> Iterator[Unit]:
    for text in UI_TEXTS:
        comment = f"Interface: {text.comment}" if text.comment else "Interface"
        yield Unit(text.id, text.text, Kind.UI, comment, plural=text.plural)


def all_units(books: Iterable[Playbook], topics: Topics | None, files: dict[str, str] | None = None) -> list[Unit]:
    """Every unit of the project: playbooks in order, then topics, then the interface."""
    files = files or {}
    units = [u for book in books for u in playbook_units(book, files.get(book.id))]
    if topics is not None:
        units.extend(topic_units(topics, files.get(TOPIC_PREFIX)))
    return [*units, *ui_units()]


def figure_problems(book: Playbook, shown: str) -> Iterator[Problem]:
    """Every {name} in a playbook's text must be one of its figures, and every figure used."""
    used: set[str] = set()
    for unit in playbook_units(book):
        line, col = book.position_of(*unit.where)
        if stray_braces(unit.text):
            yield Problem(shown, line, col, "schema", f"{_field(unit.where)}: a brace that is not a {{figure}}")
        names = placeholders(unit.text)
        if unknown := names - set(unit.figures):
            listed = ", ".join(f"{{{n}}}" for n in sorted(unknown))
            yield Problem(shown, line, col, "schema", f"{_field(unit.where)}: {listed} is not in figures")
        if unit.figures is book.figures:
            used |= names
    for name in sorted(set(book.figures) - used):
        line, col = book.position_of("figures", name)
        yield Problem(shown, line, col, "schema", f"figures.{name}: not used in any text")


def _field(where: Where) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
