"""Checks on the English itself, run by `crkb validate`: safety, and the checklist design rules.

The English reaches all five languages, so the rules that protect the site from a
translation apply to it too. The checklist rules follow "A Checklist for
Checklists" (Boorman/Gawande): short lines that start with a verb, and a
checklist that fits one page in every language.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..markup import hygiene_reasons, unsafe_reasons
from ..problems import Severity
from ..units import Unit
from . import Finding, Source, source_check

MAX_ACTION_CHARS = 90
# Words that cannot start an imperative line. A heuristic: it cannot know every
# noun, so "Customers …" passes unless listed.
NOT_VERBS = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "our", "your", "their", "my", "his", "her",
        "its", "we", "you", "they", "it", "i", "every", "each", "all", "some", "any", "no", "if", "when",
        "while", "before", "after", "because", "so", "and", "or", "but", "for", "to", "in", "on", "at",
        "with", "by", "from", "of", "about", "as", "customer", "customers", "staff", "team", "always",
        "never", "often", "sometimes",
    }
)  # fmt: skip
VERBS_IN_LY = frozenset({"reply", "apply", "rely", "supply", "multiply", "comply", "tally", "rally"})


@source_check("unsafe")
def unsafe(src: Source, unit: Unit) -> Iterator[Finding]:
    for reason in unsafe_reasons(unit.text):
        yield Finding(reason, "remove it: playbooks carry no HTML, scripts or outside images")


@source_check("hygiene")
def hygiene(src: Source, unit: Unit) -> Iterator[Finding]:
    for reason in hygiene_reasons(unit.text):
        yield Finding(reason, "retype the word; delete invisible characters")


def _is_action(unit: Unit) -> bool:
    return len(unit.where) >= 4 and unit.where[0] == "items" and unit.where[2] == "actions"


@source_check("checklist-length")
def checklist_length(src: Source, unit: Unit) -> Iterator[Finding]:
    if _is_action(unit) and len(unit.text) > MAX_ACTION_CHARS:
        yield Finding(
            f"an action of {len(unit.text)} characters; a checklist line should fit {MAX_ACTION_CHARS}",
            "shorten it",
            severity=Severity.WARNING,
        )


@source_check("checklist-verb")
def checklist_verb(src: Source, unit: Unit) -> Iterator[Finding]:
    if not _is_action(unit):
        return
    words = unit.text.split()
    first = words[0].strip(".,:;\"'“”").lower() if words else ""
    looks_adverb = first.endswith("ly") and first not in VERBS_IN_LY
    if first in NOT_VERBS or looks_adverb or first.endswith("ing"):
        yield Finding(
            f"starts with “{first}”; a checklist line starts with a verb",
            "begin with what to do: Ask, Check, Log …",
            severity=Severity.WARNING,
        )


@source_check("checklist-fit")
def checklist_fit(src: Source, unit: Unit) -> Iterator[Finding]:
    """Reported once per playbook, at its title, for every locale whose checklist runs past a page."""
    if unit.where != ("title",):
        return
    for (locale, playbook), pages in sorted(src.page_counts.items()):
        if playbook == unit.group and pages > 1:
            yield Finding(
                f"the printed checklist takes {pages} pages in {locale}; it must fit one",
                "mark fewer actions `checklist: true`, or shorten them",
            )


@source_check("review")
def review(src: Source, unit: Unit) -> Iterator[Finding]:
    """Reported once per playbook, at its title, when its review is overdue (a warning; --strict fails)."""
    found = src.reviews.get(unit.group)
    if unit.where != ("title",) or found is None or found.due() >= src.today:
        return
    yield Finding(
        f"the review was due on {found.due().isoformat()} (last reviewed {found.reviewed.isoformat()}, "
        f"every {found.every_months} months)",
        "review the playbook with its owner, then set review.reviewed to today's date",
        severity=Severity.WARNING,
    )
