"""What changed in the English of a string, word by word: for `crkb check` and the status page.

A translator updating an outdated string needs the few words that changed, not
two long paragraphs to compare by eye. `word_changes` gives the change as
plain data (runs of words: kept, removed, added, and a gap where a long kept
run is elided); each reader renders it its own way: `word_diff` as text for
the terminal, render/pages.py as <del>/<ins> for the site.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import NamedTuple

CONTEXT = 4  # kept words shown on each side of a change


class Change(StrEnum):
    KEPT = "kept"
    REMOVED = "removed"
    ADDED = "added"
    GAP = "gap"  # kept words left out


class Run(NamedTuple):
    change: Change
    words: str


def word_changes(old: str, new: str, context: int = CONTEXT) -> list[Run]:
    """The runs of words from old to new; long kept runs keep `context` words on each side."""
    a, b = old.split(), new.split()
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.extend(_kept(a[i1:i2], first=not runs, last=i2 == len(a) and j2 == len(b), context=context))
            continue
        if i2 > i1:
            runs.append(Run(Change.REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(Run(Change.ADDED, " ".join(b[j1:j2])))
    return runs


def _kept(words: list[str], first: bool, last: bool, context: int) -> list[Run]:
    if len(words) <= 2 * context:
        return [Run(Change.KEPT, " ".join(words))]
    head = [] if first else [Run(Change.KEPT, " ".join(words[:context]))]
    tail = [] if last else [Run(Change.KEPT, " ".join(words[-context:]))]
    return [*head, Run(Change.GAP, "…"), *tail]


_TEXT = {
    Change.KEPT: "{}",
    Change.REMOVED: "[-{}-]",
    Change.ADDED: "{{+{}+}}",
    Change.GAP: "{}",
}


def word_diff(old: str, new: str, context: int = CONTEXT) -> str:
    """The change as one line of text: [-removed-]{+added+}, long kept runs elided with …."""
    return " ".join(_TEXT[run.change].format(run.words) for run in word_changes(old, new, context))
