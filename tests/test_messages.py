"""Extraction: stable ids, one unit per paragraph, reproducible template bytes."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from crkb.catalogs import extract
from crkb.messages import playbook_units
from crkb.model import load_playbook
from crkb.project import Project


def test_units_get_ids_from_their_place_and_paragraphs_are_split(project: Path) -> None:
    book = load_playbook(project / "playbooks" / "greet-by-name.yml")
    units = {u.id: u for u in playbook_units(book, project)}
    assert units["greet-by-name.learn-names.actions.2"].text == "Greet returning customers by name"
    assert units["greet-by-name.intro.2"].text == "People notice when you *remember* them."
    assert units["greet-by-name.learn-names.body.2"].text == "- Write it down\n- Use it next time"
    assert units["greet-by-name.facts.trust"].text.startswith("{share}")
    assert units["greet-by-name.learn-names.actions.2"].reference == (
        "playbooks/greet-by-name.yml",
        29,
    )


def test_editing_one_string_changes_only_that_unit(project: Path) -> None:
    path = project / "playbooks" / "greet-by-name.yml"
    before = {u.id: u.text for u in playbook_units(load_playbook(path), project)}
    path.write_text(path.read_text().replace("Ask once, then remember.", "Ask once."))
    after = {u.id: u.text for u in playbook_units(load_playbook(path), project)}
    assert before.keys() == after.keys()
    assert {k for k in before if before[k] != after[k]} == {"greet-by-name.learn-names.body.1"}


def test_template_has_context_reference_and_translator_comment(project: Path) -> None:
    extract(Project(project))
    with (project / "locales" / "crkb.pot").open("rb") as handle:
        pot = read_po(handle)
    message = pot.get("Greet returning customers by name", context="greet-by-name.learn-names.actions.2")
    assert message is not None
    assert message.locations == [("playbooks/greet-by-name.yml", 29)]
    assert "Checklist line: imperative, verb first" in " ".join(message.auto_comments)
    plural = pot.get(("{count} tip", "{count} tips"), context="ui.count.tip")
    assert plural is not None


def test_extracting_twice_gives_the_same_bytes(project: Path) -> None:
    first = extract(Project(project))
    data = first.path.read_bytes()
    second = extract(Project(project))
    assert first.changed and not second.changed
    assert second.path.read_bytes() == data
