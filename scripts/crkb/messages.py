"""Playbooks → translatable units with stable ids → the gettext template.

Each unit's id (the `msgctxt`) is derived from its place in the playbook, so
editing one English string marks only that string stale in every catalog.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from . import __version__
from .model import Playbook, paragraphs
from .problems import display_path
from .ui import UI_TEXTS

ACTION_HINT = "Checklist line: imperative, verb first; keep it under 90 characters."
PROJECT = "crkb"


@dataclass(frozen=True)
class Unit:
    """One translatable string: what a translator sees as one PO entry."""

    id: str
    text: str
    comment: str
    reference: tuple[str, int] | None = None
    plural: str | None = None

    @property
    def msgid(self) -> str | tuple[str, str]:
        return (self.text, self.plural) if self.plural else self.text


def playbook_units(book: Playbook, root: Path | None = None) -> Iterator[Unit]:
    """Every translatable string of a playbook, in reading order."""
    file = display_path(book.path, root)

    def unit(ident: str, text: str, comment: str, *where: str | int) -> Unit:
        return Unit(f"{book.id}.{ident}", text, comment, (file, book.line_of(*where)))

    what = f"Playbook “{book.title}”"
    yield unit("title", book.title, f"{what}: title", "title")
    yield unit("summary", book.summary, f"{what}: one-sentence summary", "summary")
    for field, label in (("audience", "who runs it"), ("when", "run this play when …")):
        for n, text in enumerate(getattr(book, field), 1):
            yield unit(f"{field}.{n}", text, f"{what}: {label}", field, n - 1)
    if book.intro:
        yield from _markdown("intro", book.intro, f"{what}: introduction", unit)
    for i, item in enumerate(book.items):
        about = f"{what}, {item.kind} “{item.title}”"
        yield unit(f"{item.id}.title", item.title, f"{about}: title", "items", i, "title")
        yield from _markdown(f"{item.id}.body", item.body, f"{about}: text", unit, "items", i, "body")
        for n, action in enumerate(item.actions, 1):
            hint = f"{about}: action. {ACTION_HINT}"
            yield unit(f"{item.id}.actions.{n}", action, hint, "items", i, "actions", n - 1)
        for n, example in enumerate(item.examples, 1):
            yield unit(
                f"{item.id}.examples.{n}",
                example,
                f"{about}: example",
                "items",
                i,
                "examples",
                n - 1,
            )
    for i, fact in enumerate(book.facts):
        names = ", ".join(f"{{{name}}}" for name in fact.figures)
        comment = f"{what}: a finding. Keep {names}: the figure is inserted there, formatted."
        yield unit(f"facts.{fact.id}", fact.statement, comment, "facts", i, "statement")
    if book.closing:
        yield from _markdown("closing", book.closing, f"{what}: closing words", unit)


def _markdown(ident: str, text: str, comment: str, unit, *where) -> Iterator[Unit]:
    """One unit per paragraph, so a translator never re-translates a whole body for one edit."""
    where = where or (ident,)
    blocks = paragraphs(text)
    for n, block in enumerate(blocks, 1):
        note = f"{comment} (paragraph {n} of {len(blocks)}, Markdown)"
        yield unit(f"{ident}.{n}", block, note, *where)


def ui_units() -> Iterator[Unit]:
    for text in UI_TEXTS:
        comment = f"Interface: {text.comment}" if text.comment else "Interface"
        yield Unit(text.id, text.text, comment, None, text.plural)


def all_units(books: Iterable[Playbook], root: Path | None = None) -> list[Unit]:
    units = [u for book in books for u in playbook_units(book, root)]
    return [*units, *ui_units()]


def template(units: Iterable[Unit], revision: dt.date) -> Catalog:
    """The POT catalog. Dates come from the content revision so output is reproducible."""
    stamp = dt.datetime.combine(revision, dt.time(), tzinfo=dt.timezone.utc)
    catalog = Catalog(
        project=PROJECT,
        version=__version__,
        copyright_holder="crkb contributors",
        msgid_bugs_address="https://github.com/crkb/crkb/issues",
        creation_date=stamp,
        revision_date=stamp,
        fuzzy=False,
    )
    for u in units:
        catalog.add(
            u.msgid,
            context=u.id,
            locations=[u.reference] if u.reference else [],
            auto_comments=[u.comment],
        )
    return catalog


def revision_of(books: Iterable[Playbook]) -> dt.date:
    return max((b.updated for b in books), default=dt.date(2026, 1, 1))


def po_bytes(catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, **options)
    return buffer.getvalue()
