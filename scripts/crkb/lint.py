"""Checklist lint: warnings when a playbook breaks the design rules of a good checklist.

After "A Checklist for Checklists" (Boorman/Gawande): short lines that start
with a verb, at most nine per section (the schema enforces that one), and a
checklist that fits its page. The verb test is a heuristic on the English
source: it flags a first word that is an article, pronoun, preposition or
conjunction, or looks like an adverb (-ly) or a gerund (-ing); it cannot know
every noun, so "Customers …" passes unless listed below.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Playbook
from .problems import Problem, Severity, display_path

MAX_ACTION_CHARS = 90
NOT_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "their",
        "my",
        "his",
        "her",
        "its",
        "we",
        "you",
        "they",
        "it",
        "i",
        "every",
        "each",
        "all",
        "some",
        "any",
        "no",
        "if",
        "when",
        "while",
        "before",
        "after",
        "because",
        "so",
        "and",
        "or",
        "but",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "by",
        "from",
        "of",
        "about",
        "as",
        "customer",
        "customers",
        "staff",
        "team",
        "always",
        "never",
        "often",
        "sometimes",
    ]
)
VERBS_IN_LY = frozenset({"reply", "apply", "rely", "supply", "multiply", "comply", "tally", "rally"})


def lint_playbook(book: Playbook, root=None) -> Iterator[Problem]:
    shown = display_path(book.path, root)
    for i, item in enumerate(book.items):
        for n, action in enumerate(item.actions):
            line = book.line_of("items", i, "actions", n)
            where = f"items[{i}].actions[{n}]"
            if len(action) > MAX_ACTION_CHARS:
                yield Problem(
                    shown,
                    line,
                    0,
                    "checklist-length",
                    f"{where}: {len(action)} characters; a checklist line should fit {MAX_ACTION_CHARS}",
                    Severity.WARNING,
                )
            first = action.split()[0].strip(".,:;\"'“”").lower() if action.split() else ""
            looks_adverb = first.endswith("ly") and first not in VERBS_IN_LY
            if first in NOT_VERBS or looks_adverb or first.endswith("ing"):
                yield Problem(
                    shown,
                    line,
                    0,
                    "checklist-verb",
                    f"{where}: starts with “{first}”; start a checklist line with a verb",
                    Severity.WARNING,
                )


def lint_fit(pages: dict[str, int], books: list[Playbook], root=None) -> Iterator[Problem]:
    """One warning per English checklist that needs more than one page."""
    for book in books:
        if pages.get(book.id, 1) > 1:
            yield Problem(
                display_path(book.path, root),
                book.line_of("items"),
                0,
                "checklist-fit",
                f"the printed checklist takes {pages[book.id]} pages (A4); it breaks between "
                "sections, but fewer actions would fit one page",
                Severity.WARNING,
            )
