"""How far each language is: translated, stale and missing strings, per playbook and in total.

One computation for `crkb status`, `crkb check`'s summary, the status page and
the in-progress banners, on the predicates of `translations.py`. Each stale
string also keeps the English it was translated from, so the status page can
show the translator what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from .translations import State, find_message, messages_by_context, previous_english, state, usable
from .units import Unit

INTERFACE = "ui"  # the group of interface strings; shown as "interface" everywhere


@dataclass
class Counts:
    translated: int = 0
    stale: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.stale + self.missing

    @property
    def share(self) -> float:
        """Translated share, 0..1, floored to whole percent: 329/330 is 99 %, never 100 %."""
        if not self.total:
            return 1.0
        return (100 * self.translated // self.total) / 100

    def add(self, other: Counts) -> None:
        self.translated += other.translated
        self.stale += other.stale
        self.missing += other.missing


@dataclass(frozen=True)
class Outdated:
    """A stale string: its id, the English its translation was made from (if known), the English now."""

    id: str
    previous: str | None
    current: str


@dataclass
class LocaleStatus:
    locale: str
    complete: bool  # the profile's status: complete, or in progress
    groups: dict[str, Counts] = field(default_factory=dict)
    readable: bool = True
    outdated: list[Outdated] = field(default_factory=list)  # in the order of the units

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.groups.values():
            total.add(counts)
        return total


def locale_status(locale: str, complete: bool, units: list[Unit], catalog: Catalog | None) -> LocaleStatus:
    """Counts per group (playbook id, topics, interface) for one locale's catalog."""
    result = LocaleStatus(locale, complete, readable=catalog is not None)
    by_context = messages_by_context(catalog) if catalog is not None else {}
    for unit in units:
        counts = result.groups.setdefault(unit.group, Counts())
        message = find_message(catalog, unit, by_context) if catalog is not None else None
        found = state(unit, message)
        if found is State.TRANSLATED and usable(unit, message):
            counts.translated += 1
        elif found is State.STALE:
            counts.stale += 1
            result.outdated.append(Outdated(unit.id, previous_english(unit, message), unit.text))
        else:
            counts.missing += 1
    return result


def group_label(group: str) -> str:
    return "interface" if group == INTERFACE else group
