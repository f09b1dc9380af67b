"""The gettext side: write the template, merge it into every catalog, start new ones.

All through Babel's catalog API. Merging is context-aware: a string whose id
(msgctxt) stays but whose English changed becomes fuzzy and keeps the previous
English (`#| msgid`), so the translator sees exactly what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from .fileio import write_atomic
from .locales import plural_forms, translated_locales
from .localize import read_catalog
from .messages import all_units, po_bytes, revision_of, template
from .model import load_playbooks
from .problems import ProblemsFound, Severity
from .project import Project


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool


def build_template(project: Project) -> Catalog:
    books, problems = load_playbooks(project.playbooks, project.root)
    if errors := [p for p in problems if p.severity is Severity.ERROR]:
        raise ProblemsFound(errors)
    return template(all_units(books, project.root), revision_of(books))


def extract(project: Project) -> Written:
    pot = build_template(project)
    changed = write_atomic(project.template, po_bytes(pot))
    return Written(project.template, changed)


def new_catalog(locale: str, pot: Catalog) -> Catalog:
    """A catalog for a new language: header from Babel/CLDR, plural forms as decided."""
    catalog = Catalog(
        locale=locale,
        project=pot.project,
        version=pot.version,
        copyright_holder=pot.copyright_holder,
        msgid_bugs_address=pot.msgid_bugs_address,
        creation_date=pot.creation_date,
        revision_date=pot.creation_date,
        fuzzy=False,
    )
    catalog.mime_headers = [("Plural-Forms", plural_forms(locale))]
    catalog.last_translator = "crkb translators <translators@crkb.invalid>"
    catalog.language_team = f"{catalog.locale.get_display_name('en')} <LL@li.org>".replace("LL", locale)
    return catalog


def merge(catalog: Catalog, pot: Catalog) -> Catalog:
    """Babel's update, with changed strings matched by msgctxt instead of by similarity."""
    previous = {m.context: m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    by_context = {m.context: m for m in catalog if m.id and m.context}
    for msg in pot:
        old = by_context.get(msg.context) if msg.id else None
        if old is None or old.id == msg.id:
            continue
        catalog.delete(old.id, context=old.context)
        if _has_text(old.string):
            # a string changed twice keeps the English its translation was made from
            if not (old.fuzzy and old.previous_id):
                previous[msg.context] = [old.id] if isinstance(old.id, str) else list(old.id)
            catalog[msg.id] = _carried_over(msg, old)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    for message in catalog:
        if message.id and message.fuzzy and message.context in previous:
            message.previous_id = previous[message.context]
    return catalog


def _carried_over(msg: Message, old: Message) -> Message:
    new = msg.clone()
    new.string = old.string
    new.flags = set(old.flags) | {"fuzzy"}
    new.user_comments = list(old.user_comments)
    return new


def _has_text(string: str | tuple[str, ...]) -> bool:
    return any(string) if isinstance(string, tuple) else bool(string)


def update(project: Project, locales: list[str] | None = None) -> list[Written]:
    """Re-extract the template and merge it into each catalog (creating missing ones)."""
    pot = build_template(project)
    results = [Written(project.template, write_atomic(project.template, po_bytes(pot)))]
    for locale in locales or translated_locales(project.mkdocs_yml):
        path = project.catalog(locale)
        catalog = read_catalog(path, locale, project.root) if path.is_file() else new_catalog(locale, pot)
        merged = merge(catalog, pot)
        data = po_bytes(merged, include_previous=True, ignore_obsolete=False)
        results.append(Written(path, write_atomic(path, data)))
    return results
