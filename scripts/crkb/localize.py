"""A playbook plus a locale's catalog → the same playbook in that language.

Renderers work on the result and never touch gettext. A string that is
missing, fuzzy or unsafe falls back to English; `crkb check` reports why.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, read_po

from .locales import SOURCE_LOCALE, format_day, format_figure, language_name
from .markup import fill, fill_markdown, unsafe_reasons
from .model import Fact, Item, Playbook, paragraphs
from .problems import Problem, ProblemsFound, display_path
from .ui import UI_TEXTS

_UI = {text.id: text for text in UI_TEXTS}


def read_catalog(path: Path, locale: str, root: Path | None = None) -> Catalog:
    """Read a PO file with Babel, turning every failure into a Problem with file:line."""
    shown = display_path(path, root)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale, abort_invalid=True)
    except PoFileError as err:
        line = getattr(err, "lineno", 0) or 0
        raise ProblemsFound([Problem(shown, line, 0, "syntax", str(err))]) from err
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", str(err))]) from err
    for message in (*catalog, *catalog.obsolete.values()):
        _restore_previous_id(message)
    return catalog


def _restore_previous_id(message: Message) -> None:
    """Babel reads `#| msgid` lines as user comments; give them back their meaning."""
    previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not previous:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    fields: dict[str, list[str]] = {}
    current = None
    for line in previous:
        keyword, _, rest = line.partition(" ")
        if keyword in {"msgid", "msgid_plural", "msgctxt"}:
            current = fields.setdefault(keyword, [])
            line = rest
        if current is not None:
            current.append(line.strip())
    ids = [denormalize("\n".join(fields[k])) for k in ("msgid", "msgid_plural") if k in fields]
    message.previous_id = ids


class Localizer:
    """Everything a renderer needs to speak one language."""

    def __init__(self, locale: str, catalog: Catalog | None = None) -> None:
        self.locale = locale
        self.catalog = catalog

    @cached_property
    def _strings(self) -> dict[tuple[str, str], str | tuple[str, ...]]:
        if self.catalog is None or self.locale == SOURCE_LOCALE:
            return {}
        found = {}
        for message in self.catalog:
            if not message.id or message.fuzzy or not message.context:
                continue
            source = message.id[0] if isinstance(message.id, tuple) else message.id
            if _usable(message.string):
                found[(message.context, source)] = message.string
        return found

    @cached_property
    def _plural(self) -> Callable[[int], int]:
        expr = self.catalog.plural_expr if self.catalog else "(n != 1)"
        return gettext.c2py(expr)

    def has(self, ident: str, english: str) -> bool:
        """Whether readers see this string translated (not missing, fuzzy or unsafe)."""
        return self.locale == SOURCE_LOCALE or (ident, english) in self._strings

    def text(self, ident: str, english: str) -> str:
        found = self._strings.get((ident, english))
        return found if isinstance(found, str) else english

    def ui(self, ident: str, **fields: str) -> str:
        return fill(self.text(ident, _UI[ident].text), fields)

    def ui_md(self, ident: str, **fields: str) -> str:
        """Like ui(), for Markdown: the translated text is escaped, fields must already be safe."""
        return fill_markdown(self.text(ident, _UI[ident].text), fields)

    def count(self, ident: str, n: int) -> str:
        source = _UI[ident]
        forms = self._strings.get((ident, source.text))
        if isinstance(forms, tuple):
            index = min(self._plural(n), len(forms) - 1)
            chosen = forms[index]
        else:
            chosen = source.text if n == 1 else (source.plural or source.text)
        return fill(chosen, {"count": self.number(n)})

    def number(self, n: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.locale)

    def language(self, code: str) -> str:
        return language_name(code, self.locale)

    def date(self, day: dt.date) -> str:
        return format_day(day, self.locale)

    def statement(self, fact: Fact) -> str:
        """A fact's sentence with its figures formatted for this locale (already escaped)."""
        figures = {name: format_figure(fig, self.locale) for name, fig in fact.figures.items()}
        return fill_markdown(fact.statement, figures)


def _usable(string: str | tuple[str, ...]) -> bool:
    strings = string if isinstance(string, tuple) else (string,)
    return all(s and not unsafe_reasons(s) for s in strings)


def localize(book: Playbook, loc: Localizer) -> Playbook:
    """The playbook with every translatable string in loc's language."""

    def t(ident: str, text: str) -> str:
        return loc.text(f"{book.id}.{ident}", text)

    def md(ident: str, text: str | None) -> str | None:
        if text is None:
            return None
        return "\n\n".join(t(f"{ident}.{n}", p) for n, p in enumerate(paragraphs(text), 1))

    def item(it: Item) -> Item:
        return it.model_copy(
            update={
                "title": t(f"{it.id}.title", it.title),
                "body": md(f"{it.id}.body", it.body),
                "actions": [t(f"{it.id}.actions.{n}", a) for n, a in enumerate(it.actions, 1)],
                "examples": [t(f"{it.id}.examples.{n}", e) for n, e in enumerate(it.examples, 1)],
            }
        )

    return book.model_copy(
        update={
            "title": t("title", book.title),
            "summary": t("summary", book.summary),
            "audience": [t(f"audience.{n}", a) for n, a in enumerate(book.audience, 1)],
            "when": [t(f"when.{n}", w) for n, w in enumerate(book.when, 1)],
            "intro": md("intro", book.intro),
            "items": [item(it) for it in book.items],
            "facts": [
                f.model_copy(update={"statement": t(f"facts.{f.id}", f.statement)}) for f in book.facts
            ],
            "closing": md("closing", book.closing),
        }
    )
