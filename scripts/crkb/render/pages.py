"""Localized playbooks → Markdown pages for MkDocs, one set per locale.

Every string that comes from YAML or a catalog goes through `safe_md`, so a
translation can add Markdown emphasis but never HTML, script or attributes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..localize import Localizer
from ..markup import escape_text
from ..model import Playbook


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crkb.render", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown; escaping is done by safe_md
    )
    env.filters["safe_md"] = escape_text
    env.filters["one_line"] = lambda text: " ".join(str(text).split())
    return env


ENV = _environment()


def item_counts(book: Playbook, loc: Localizer) -> str:
    """'3 keys', '3 reasons · 5 tips': in the reader's plural forms."""
    kinds = Counter(item.kind for item in book.items)
    return " · ".join(loc.count(f"ui.count.{kind}", n) for kind, n in kinds.items())


def playbook_page(book: Playbook, loc: Localizer, pdf: str | None = None) -> str:
    counts = f"{item_counts(book, loc)} · " + loc.count(
        "ui.count.action", sum(len(i.actions) for i in book.items)
    )
    return ENV.get_template("playbook.md.j2").render(book=book, loc=loc, counts=counts, pdf=pdf)


def home_page(books: list[Playbook], loc: Localizer) -> str:
    pairs = [(book, item_counts(book, loc)) for book in books]
    return ENV.get_template("home.md.j2").render(books=pairs, loc=loc)


def about_page(books: list[Playbook], loc: Localizer) -> str:
    return ENV.get_template("about.md.j2").render(books=books, loc=loc)


def downloads_page(books: list[Playbook], loc: Localizer) -> str:
    return ENV.get_template("downloads.md.j2").render(books=books, loc=loc)


def status_page(loc: Localizer, locales: list[str], rows: list[tuple[str, list[float]]]) -> str:
    """A table of translated shares: one row per playbook (or the interface), one column per language."""
    from babel.numbers import format_percent

    cells = [
        (label, [format_percent(share, locale=loc.locale) for share in shares]) for label, shares in rows
    ]
    return ENV.get_template("status.md.j2").render(loc=loc, locales=locales, rows=cells)


def site_pages(
    books: list[Playbook],
    loc: Localizer,
    status: list[tuple[str, list[float]]],
    locales: list[str],
    with_pdfs: bool = True,
) -> Iterator[tuple[Path, str]]:
    """(path relative to docs/, Markdown) for every generated page of one locale."""
    suffix = f".{loc.locale}.md"
    yield Path("index" + suffix), home_page(books, loc)
    for book in books:
        pdf = f"../checklists/{book.id}.pdf" if with_pdfs else None
        yield Path("playbooks") / f"{book.id}{suffix}", playbook_page(book, loc, pdf)
    if with_pdfs:
        yield Path("downloads" + suffix), downloads_page(books, loc)
    yield Path("status" + suffix), status_page(loc, locales, status)
    yield Path("about" + suffix), about_page(books, loc)
