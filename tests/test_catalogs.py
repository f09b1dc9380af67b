"""`crkb update`: new strings untranslated, changed ones fuzzy, removed ones obsolete; files always valid."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from crkb.catalogs import catalog_bytes, read_catalog
from crkb.locales import load_profiles
from crkb.problems import ProblemsFound
from crkb.project import Project
from crkb.sync import update

MSGFMT = shutil.which("msgfmt")


def _translate_all(path: Path, locale: str) -> None:
    catalog = read_catalog(path, locale)
    for message in catalog:
        if message.id:
            if isinstance(message.id, tuple):
                forms = [message.id[min(i, 1)] for i in range(catalog.num_plurals)]
                message.string = tuple(f"[{locale}] {s}" for s in forms)
            else:
                message.string = f"[{locale}] {message.id}"
    path.write_bytes(catalog_bytes(catalog))


def test_new_catalogs_get_the_header_their_profile_decides(project: Path, translated: list[str]) -> None:
    proj = Project(project)
    update(proj)
    profiles = {p.code: p for p in load_profiles(proj.mkdocs_yml, proj.locales)}
    for locale in translated:
        catalog = read_catalog(proj.catalog(locale), locale)
        assert catalog.plural_forms == profiles[locale].plural_forms
        assert str(catalog.locale) == locale


def test_update_on_an_up_to_date_tree_changes_no_byte(project: Path) -> None:
    update(Project(project))
    catalogs = sorted((project / "locales").rglob("*.po*"))
    before = {p: p.read_bytes() for p in catalogs}
    results = update(Project(project))
    assert not any(r.changed for r in results)
    assert {p: p.read_bytes() for p in catalogs} == before


def test_changed_english_becomes_fuzzy_with_previous_msgid_in_every_locale(
    project: Path, translated: list[str]
) -> None:
    proj = Project(project)
    update(proj)
    for locale in translated:
        _translate_all(proj.catalog(locale), locale)
    book = project / "playbooks" / "greet-by-name.yml"
    book.write_text(book.read_text().replace("Learn the names", "Learn every name"))
    update(proj)
    for locale in translated:
        catalog = read_catalog(proj.catalog(locale), locale)
        changed = catalog.get("Learn every name", context="greet-by-name.learn-names.title")
        assert changed.fuzzy
        assert changed.previous_id == ["Learn the names"]
        assert changed.string == f"[{locale}] Learn the names"
        assert not catalog.get("Greet customers by name", context="greet-by-name.title").fuzzy
        assert '#| msgid "Learn the names"' in proj.catalog(locale).read_text()
    assert not any(r.changed for r in update(proj))
    book.write_text(book.read_text().replace("Learn every name", "Learn all names"))
    update(proj)
    again = read_catalog(proj.catalog(translated[0]), translated[0])
    assert again.get("Learn all names", context="greet-by-name.learn-names.title").previous_id == ["Learn the names"]


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")
def test_a_long_wrapped_previous_english_stays_valid_for_msgfmt(project: Path, translated: list[str]) -> None:
    proj = Project(project)
    book = project / "playbooks" / "greet-by-name.yml"
    long = "Ask once, then remember. " * 8 + 'A "quoted" word and a back\\\\slash.'
    book.write_text(book.read_text().replace("Ask once, then remember.", long))
    update(proj)
    for locale in translated:
        _translate_all(proj.catalog(locale), locale)
    book.write_text(book.read_text().replace(long, "Ask once."))
    for _ in range(3):
        update(proj)
    for locale in translated:
        result = subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(proj.catalog(locale))], capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        catalog = read_catalog(proj.catalog(locale), locale)
        entry = catalog.get("Ask once.", context="greet-by-name.learn-names.body.1")
        assert entry.previous_id == [long]


def test_removed_string_becomes_obsolete_and_changed_one_fuzzy(project: Path, translated: list[str]) -> None:
    proj = Project(project)
    update(proj)
    locale = translated[0]
    _translate_all(proj.catalog(locale), locale)
    book = project / "playbooks" / "greet-by-name.yml"
    example = next(line for line in book.read_text().splitlines() if "café owner" in line)
    text = book.read_text().replace(f"    examples:\n{example}\n", "")
    book.write_text(text.replace("summary: Regulars", "summary: Loyal regulars"))
    update(proj)
    catalog = read_catalog(proj.catalog(locale), locale)
    assert {m.context for m in catalog.obsolete.values()} == {"greet-by-name.learn-names.examples.1"}
    summary = catalog.get("Loyal regulars who are greeted by name come back.", context="greet-by-name.summary")
    assert summary.fuzzy


def test_update_writes_every_catalog_or_none(project: Path, translated: list[str]) -> None:
    proj = Project(project)
    update(proj)
    before = {loc: proj.catalog(loc).read_bytes() for loc in translated}
    book = project / "playbooks" / "greet-by-name.yml"
    book.write_text(book.read_text().replace("Learn the names", "Learn every name"))
    blocked = proj.catalog(translated[-1])
    blocked.unlink()
    blocked.mkdir()  # a folder where the catalog should be: that one cannot be written
    with pytest.raises(ProblemsFound):
        update(proj)
    for locale in translated[:-1]:
        assert proj.catalog(locale).read_bytes() == before[locale]
