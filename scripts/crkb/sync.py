"""Keeping the catalogs in step with the English: the template, merging, new catalogs.

All through Babel's catalog API. Merging is context-aware: a string whose id
(msgctxt) stays but whose English changed becomes fuzzy and keeps the English
its translation was made from (`#| msgid`), so the translator sees exactly what
changed. `update` writes every catalog or none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from . import __version__
from .catalogs import catalog_bytes, read_catalog
from .fileio import Transaction, write_atomic
from .inputs import load_inputs
from .locales import LocaleProfile, load_profiles
from .problems import Problem, ProblemsFound, display_path
from .project import Project
from .units import Unit

PROJECT = "crkb"


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool


def template(units: list[Unit], revision: dt.date) -> Catalog:
    """The POT catalog. Dates come from the content revision so output is reproducible."""
    stamp = dt.datetime.combine(revision, dt.time(), tzinfo=dt.UTC)
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
        catalog.add(u.msgid, context=u.id, locations=[u.reference] if u.reference else [], auto_comments=[u.comment])
    return catalog


def build_template(project: Project) -> Catalog:
    inputs = load_inputs(project)
    revision = max((b.updated for b in inputs.books), default=dt.date(2026, 1, 1))
    return template(inputs.units, revision)


def extract(project: Project) -> Written:
    pot = build_template(project)
    changed = write_atomic(project.template, catalog_bytes(pot, previous=False, obsolete=False))
    return Written(project.template, changed)


def new_catalog(profile: LocaleProfile, pot: Catalog) -> Catalog:
    """A catalog for a new language: header from Babel/CLDR, plural forms from its profile."""
    catalog = Catalog(
        locale=profile.code,
        project=pot.project,
        version=pot.version,
        copyright_holder=pot.copyright_holder,
        msgid_bugs_address=pot.msgid_bugs_address,
        creation_date=pot.creation_date,
        revision_date=pot.creation_date,
        fuzzy=False,
    )
    catalog.mime_headers = [("Plural-Forms", profile.plural_forms)]
    catalog.last_translator = "crkb translators <translators@crkb.invalid>"
    catalog.language_team = f"{profile.english_name} <{profile.code}@li.org>"
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
    """The old translation under the new English, fuzzy; plural-ness follows the new English."""
    new = msg.clone()
    old_forms = list(old.string) if isinstance(old.string, (list, tuple)) else [old.string]
    new.string = tuple(old_forms) if isinstance(msg.id, (list, tuple)) else old_forms[0]
    new.flags = set(old.flags) | {"fuzzy"}
    new.user_comments = list(old.user_comments)
    return new


def _has_text(string: str | tuple[str, ...]) -> bool:
    return any(string) if isinstance(string, (list, tuple)) else bool(string)


def update(project: Project, locales: list[str] | None = None) -> list[Written]:
    """Re-extract the template and merge it into each catalog: all files change, or none."""
    pot = build_template(project)
    profiles = [p for p in load_profiles(project.mkdocs_yml, project.locales, project.root) if not p.source]
    chosen = [p for p in profiles if locales is None or p.code in locales]
    merged = []
    for profile in chosen:  # read and merge everything before writing anything
        path = project.catalog(profile.code)
        exists = path.is_file() or path.is_symlink()
        catalog = read_catalog(path, profile.code, project.root) if exists else new_catalog(profile, pot)
        merged.append((path, catalog_bytes(merge(catalog, pot))))
    transaction = Transaction()
    template_bytes = catalog_bytes(pot, previous=False, obsolete=False)
    results = [Written(project.template, transaction.write(project.template, template_bytes))]
    results += [Written(path, transaction.write(path, data)) for path, data in merged]
    try:
        transaction.commit()
    except OSError as err:
        where = display_path(Path(err.filename), project.root) if err.filename else "a catalog"
        message = f"cannot write: {err.strerror or err}; no catalog was changed"
        raise ProblemsFound([Problem(where, 0, 0, "unwritable", message)]) from None
    return results
