"""The English model plus a locale's catalog → the same content in that language, as plain data.

Every string becomes a `Phrase`: the text to show, the language it is in (the
English stands in, marked as English, where a translation is missing or cannot
be shown), its state, and its figures already formatted for the reader. The
localized playbook is the playbook's own data (`model_dump`) with each
translatable value replaced by its Phrase, put in place by the walker's `where`;
a Markdown field becomes a list of paragraph Phrases. Renderers work on this and
never touch gettext.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from babel.messages.catalog import Catalog

from .locales import LocaleProfile, format_day, format_figure, format_number, language_name
from .model import Playbook, Topics
from .translations import State, find_message, forms, messages_by_context, state, usable
from .units import Kind, Unit, Where, playbook_units, topic_units, ui_units


class Shown(StrEnum):
    """What a reader sees for one string."""

    SOURCE = "source"  # the English page
    TRANSLATED = "translated"
    STALE = "stale"  # a translation of an earlier English: shown, with the outdated banner
    FALLBACK = "fallback"  # the English, on a translated page


@dataclass(frozen=True)
class Phrase:
    """One string as shown: its text, language and state, and values for its {fields}."""

    id: str
    text: str
    kind: Kind
    lang: str
    shown: Shown
    values: dict[str, str] = field(default_factory=dict, compare=False)

    def with_values(self, **values: str) -> Phrase:
        return replace(self, values={**self.values, **values})


@dataclass(frozen=True)
class Interface:
    """The interface strings of one locale, resolved; a plural string keeps its forms and rule."""

    locale: str
    phrases: dict[str, Phrase]
    plurals: dict[str, tuple[tuple[Phrase, ...], str]]  # id → (forms, C plural expression)

    def __call__(self, ident: str, **values: str) -> Phrase:
        return self.phrases[ident].with_values(**values)

    def count(self, ident: str, n: int) -> Phrase:
        chosen, expr = self.plurals[ident]
        index = _plural_rule(expr)(n) if len(chosen) > 1 else 0
        return chosen[min(index, len(chosen) - 1)].with_values(count=format_number(n, self.locale))


@lru_cache(maxsize=16)
def _plural_rule(expression: str) -> Callable[[int], int]:
    """A catalog's plural expression as a function; parsed once, not at every count."""
    return gettext.c2py(expression)


def _rule(profile: LocaleProfile) -> str:
    return profile.plural_forms.split("plural=", 1)[1].strip().rstrip(";")


class Localizer:
    """Resolves units against one catalog; the source locale resolves to the English."""

    def __init__(self, profile: LocaleProfile, source: LocaleProfile, catalog: Catalog | None) -> None:
        self.profile = profile
        self.source = source
        self.catalog = catalog
        self._by_context = messages_by_context(catalog) if catalog is not None else {}

    def phrase(self, unit: Unit) -> Phrase:
        values = {name: format_figure(fig, self.profile.code) for name, fig in unit.figures.items()}
        return self._resolve(unit, values)[0]

    def _resolve(self, unit: Unit, values: dict[str, str]) -> tuple[Phrase, tuple[str, ...]]:
        english = (unit.text, unit.plural) if unit.plural else (unit.text,)
        if self.profile.source:
            return Phrase(unit.id, unit.text, unit.kind, self.source.code, Shown.SOURCE, values), english
        message = find_message(self.catalog, unit, self._by_context) if self.catalog is not None else None
        if usable(unit, message):
            shown = Shown.STALE if state(unit, message) is State.STALE else Shown.TRANSLATED
            strings = forms(message)
            return Phrase(unit.id, strings[0], unit.kind, self.profile.code, shown, values), strings
        return Phrase(unit.id, unit.text, unit.kind, self.source.code, Shown.FALLBACK, values), english

    def interface(self) -> Interface:
        phrases, plurals = {}, {}
        for unit in ui_units():
            phrase, strings = self._resolve(unit, {})
            phrases[unit.id] = phrase
            if unit.plural:
                # English forms (on the English page, or standing in) are chosen by English's rule
                english = phrase.shown in (Shown.SOURCE, Shown.FALLBACK)
                rule = _rule(self.source if english else self.profile)
                plurals[unit.id] = (tuple(replace(phrase, text=s) for s in strings), rule)
        return Interface(self.profile.code, phrases, plurals)


def localize_playbook(book: Playbook, phrase: Callable[[Unit], Phrase]) -> dict[str, Any]:
    """The playbook's data with every translatable value replaced by its Phrase."""
    tree = book.model_dump()
    for unit in playbook_units(book):
        _place(tree, unit.where, phrase(unit))
    for item, number in zip(tree["items"], book.item_numbers(), strict=True):
        item["number"] = number
    return tree


def localize_topics(topics: Topics, phrase: Callable[[Unit], Phrase]) -> list[dict[str, Any]]:
    tree = topics.model_dump()
    for unit in topic_units(topics):
        _place(tree, unit.where, phrase(unit))
    return tree["topics"]


def _place(tree: dict[str, Any], where: Where, phrase: Phrase) -> None:
    *path, last = where
    parent: Any = tree
    for step in path[:-1]:
        parent = parent[step]
    if path:
        container = parent[path[-1]]
        if isinstance(container, str):  # a Markdown field: becomes its list of paragraphs
            container = parent[path[-1]] = []
    else:
        container = tree
    if isinstance(container, list):
        if isinstance(last, int) and last < len(container):
            container[last] = phrase
        else:
            container.append(phrase)
    else:
        container[last] = phrase


def dates(book: Playbook, locale: str) -> dict[str, str]:
    """The playbook's dates as the reader writes them."""
    return {
        "updated": format_day(book.updated, locale),
        "reviewed": format_day(book.review.reviewed, locale),
        "due": format_day(book.review.due(), locale),
    }


def language_names(codes: Iterable[str], in_locale: str) -> dict[str, str]:
    return {code: language_name(code, in_locale) for code in codes}
