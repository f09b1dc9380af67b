"""One definition of each fact about a translation, shared by check, status, the site and PDFs.

- `state`: missing, stale (fuzzy, or the English changed since) or translated.
- `site_problems`: what would go wrong if the translation were shown (a lost
  placeholder, a changed link, added structure, markup, invisible characters).
- `usable`: shown to readers (translated or stale, and no site problem); else
  the English is shown in its place.
- `translated`: counted as done (translated and usable).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from functools import lru_cache

from babel.messages.catalog import Catalog, Message

from .markup import Difference, differences, hygiene_reasons, unsafe_reasons
from .units import Unit
from .workedout import WorkedOut, cache_path


class State(StrEnum):
    MISSING = "missing"
    STALE = "stale"
    TRANSLATED = "translated"


def forms(message: Message | None) -> tuple[str, ...]:
    """The translated forms of a message (one, or one per plural form)."""
    if message is None:
        return ()
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string or "",)


def state(unit: Unit, message: Message | None) -> State:
    strings = forms(message)
    if message is None or not any(strings):
        return State.MISSING
    changed = message.fuzzy or message.id != unit.msgid
    if changed:
        return State.STALE
    return State.TRANSLATED if all(strings) else State.MISSING


def previous_english(unit: Unit, message: Message | None) -> str | None:
    """The English a stale translation was made from, where the catalog says.

    Before `crkb update` the catalog's msgid is still the old English; after it,
    the entry is fuzzy and `#| msgid` keeps the old English. A fuzzy entry with
    neither (flagged by hand) has none.
    """
    if message is None:
        return None
    if message.id != unit.msgid:
        return message.id[0] if isinstance(message.id, (tuple, list)) else message.id
    previous = message.previous_id
    return previous[0] if previous else None


def pairs(unit: Unit, message: Message | None) -> Iterator[tuple[int, str, str]]:
    """(form index, English, translation) for each filled form; extra forms pair with the plural."""
    sources = (unit.text, unit.plural) if unit.plural else (unit.text,)
    for i, translation in enumerate(forms(message)):
        if translation:
            yield i, sources[min(i, len(sources) - 1)], translation


def site_problems(unit: Unit, message: Message | None) -> list[Difference]:
    """Everything that keeps a translation off the site, as differences the checks can report."""
    found: list[Difference] = []
    for _, source, translation in pairs(unit, message):
        found.extend(_pair_problems(source, translation))
    return found


def _pair_problems(source: str, translation: str) -> tuple[Difference, ...]:
    found = _WORKED_OUT.get((source, translation))
    return found if found is not None else _remembered(source, translation)


@lru_cache(maxsize=1 << 17)
def _remembered(source: str, translation: str) -> tuple[Difference, ...]:
    # Cached: `crkb check` asks once for its checks and once for the status table.
    return kept().get(source, translation)


_KEPT: list[WorkedOut] = []  # the answers of earlier runs (workedout.py), opened when first asked


def kept() -> WorkedOut:
    if not _KEPT:
        _KEPT.append(WorkedOut(_work_out, cache_path()))
    return _KEPT[0]


def save_worked_out() -> None:
    """Keep this run's answers for the next (the user's cache folder)."""
    if _KEPT:
        _KEPT[0].save()


def _work_out(source: str, translation: str) -> tuple[Difference, ...]:
    found = list(differences(source, translation))
    for reason in unsafe_reasons(translation):
        found.append(Difference("unsafe", reason, "remove it: translations carry no HTML or outside links"))
    for reason in hygiene_reasons(translation):
        found.append(Difference("hygiene", reason, "retype the word; delete invisible characters"))
    return tuple(found)


_WORKED_OUT: dict[tuple[str, str], tuple[Difference, ...]] = {}  # by the child of work_out_beside
BESIDE_MIN = 2_000  # pairs: fewer are done before a child process would have started


def work_out_beside(units: Iterable[Unit], catalogs: Iterable[Catalog]) -> None:
    """Work out the site problems of the catalogs' translations now, half of them in a child.

    Localizing a site asks for every pair, and comparing the structure of a pair renders
    both with Python-Markdown: about a second for 50 playbooks' four catalogs, before
    MkDocs can start. Where a second core can take half (beside.py), it does.
    """
    from . import beside

    units, catalogs = list(units), list(catalogs)
    if not beside.worthwhile(len(units) * len(catalogs)):
        return  # too large to fork (or no second core): localizing works each pair out
    known = kept()
    asked = {(s, t) for catalog in catalogs for s, t in catalog_pairs(units, catalog)}
    todo = sorted(pair for pair in asked if not known.knows(*pair))
    if len(todo) < BESIDE_MIN:
        return
    _, theirs = beside.in_halves(
        todo,
        lambda pairs: [known.get(*pair) for pair in pairs],  # kept here as they are worked out
        lambda pairs: {pair: _work_out(*pair) for pair in pairs},
    )
    _WORKED_OUT.update(theirs)
    for (source, translation), found in theirs.items():
        known.put(source, translation, found)


def catalog_pairs(units: Iterable[Unit], catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(English, translation) of every filled form the catalog holds for these units."""
    by_context = messages_by_context(catalog)
    for unit in units:
        for _, source, translation in pairs(unit, find_message(catalog, unit, by_context)):
            yield source, translation


def forget_worked_out() -> None:
    """Drop every pair's problems worked out so far (the inputs' memory goes back); the
    user's cache folder keeps them."""
    save_worked_out()
    _remembered.cache_clear()
    _WORKED_OUT.clear()
    _KEPT.clear()


def usable(unit: Unit, message: Message | None) -> bool:
    if state(unit, message) is State.MISSING or not all(forms(message)):
        return False
    return not site_problems(unit, message)


def translated(unit: Unit, message: Message | None) -> bool:
    return state(unit, message) is State.TRANSLATED and usable(unit, message)


def find_message(catalog, unit: Unit, by_context: dict[str | None, Message] | None = None) -> Message | None:
    """The catalog's message for a unit: by English and id, else by id (the English changed)."""
    message = catalog.get(unit.msgid, context=unit.id)
    if message is None and by_context is not None:
        message = by_context.get(unit.id)
    return message


def messages_by_context(catalog) -> dict[str | None, Message]:
    found: dict[str | None, Message] = {}
    for message in catalog:
        if message.id:
            found.setdefault(message.context, message)
    return found
