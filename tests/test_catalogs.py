"""`crkb update`: new strings untranslated, changed ones fuzzy, removed ones obsolete."""

from __future__ import annotations

from pathlib import Path

from crkb.catalogs import update
from crkb.locales import PLURAL_FORMS
from crkb.localize import read_catalog
from crkb.messages import po_bytes
from crkb.project import Project


def _read(path: Path, locale: str):
    return read_catalog(path, locale)


def _translate_all(path: Path, locale: str) -> None:
    catalog = _read(path, locale)
    for message in catalog:
        if message.id:
            message.string = (
                tuple(f"[{locale}] {s}" for s in message.id)[: catalog.num_plurals]
                if isinstance(message.id, tuple)
                else f"[{locale}] {message.id}"
            )
    path.write_bytes(po_bytes(catalog, include_previous=True))


def test_new_catalogs_get_the_decided_header(project: Path) -> None:
    update(Project(project))
    for locale in ("ru", "cs", "sk", "hy"):
        catalog = _read(Project(project).catalog(locale), locale)
        assert catalog.plural_forms == PLURAL_FORMS[locale]
        assert str(catalog.locale) == locale


def test_update_on_an_up_to_date_tree_changes_no_byte(project: Path) -> None:
    update(Project(project))
    catalogs = sorted((project / "locales").rglob("*.po*"))
    before = {p: p.read_bytes() for p in catalogs}
    results = update(Project(project))
    assert not any(r.changed for r in results)
    assert {p: p.read_bytes() for p in catalogs} == before


def test_changed_english_becomes_fuzzy_with_previous_msgid_in_every_locale(project: Path) -> None:
    proj = Project(project)
    update(proj)
    for locale in ("ru", "cs", "sk", "hy"):
        _translate_all(proj.catalog(locale), locale)
    book = project / "playbooks" / "greet-by-name.yml"
    book.write_text(book.read_text().replace("Learn the names", "Learn every name"))
    update(proj)
    for locale in ("ru", "cs", "sk", "hy"):
        catalog = _read(proj.catalog(locale), locale)
        changed = catalog.get("Learn every name", context="greet-by-name.learn-names.title")
        assert changed.fuzzy
        assert changed.previous_id == ["Learn the names"]
        assert changed.string == f"[{locale}] Learn the names"
        untouched = catalog.get("Greet customers by name", context="greet-by-name.title")
        assert not untouched.fuzzy
        assert '#| msgid "Learn the names"' in proj.catalog(locale).read_text()
    # running again keeps the previous msgid: still no byte changes
    assert not any(r.changed for r in update(proj))
    # a second edit still shows the English the translation was made from
    book.write_text(book.read_text().replace("Learn every name", "Learn all names"))
    update(proj)
    catalog = _read(proj.catalog("cs"), "cs")
    again = catalog.get("Learn all names", context="greet-by-name.learn-names.title")
    assert again.previous_id == ["Learn the names"]


def test_removed_string_becomes_obsolete_and_changed_one_fuzzy(project: Path) -> None:
    proj = Project(project)
    update(proj)
    _translate_all(proj.catalog("cs"), "cs")
    book = project / "playbooks" / "greet-by-name.yml"
    example = next(line for line in book.read_text().splitlines() if "café owner" in line)
    text = book.read_text().replace(f"    examples:\n{example}\n", "")
    book.write_text(text.replace("summary: Regulars", "summary: Loyal regulars"))
    update(proj)
    catalog = _read(proj.catalog("cs"), "cs")
    obsolete = {m.context for m in catalog.obsolete.values()}
    assert obsolete == {"greet-by-name.learn-names.examples.1"}
    summary = catalog.get(
        "Loyal regulars who are greeted by name come back.", context="greet-by-name.summary"
    )
    assert summary.fuzzy
