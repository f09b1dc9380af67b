"""The one walker: stable ids, one unit per paragraph, every field placed back where it came from."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from crkb.model import load_playbook
from crkb.project import Project
from crkb.sync import extract
from crkb.units import Kind, playbook_units


def test_units_get_ids_from_their_place_and_paragraphs_are_split(project: Path) -> None:
    book = load_playbook(project / "playbooks" / "greet-by-name.yml")
    units = {u.id: u for u in playbook_units(book, "playbooks/greet-by-name.yml")}
    assert units["greet-by-name.learn-names.actions.2"].text == "Greet returning customers by name"
    assert units["greet-by-name.intro.2"].text == "People notice when you *remember* them."
    assert units["greet-by-name.learn-names.body.2"].text == "- Write it down\n- Use it next time"
    assert units["greet-by-name.facts.trust"].text.startswith("{share}")
    assert units["greet-by-name.review.owner"].text == "Shop manager"
    assert units["greet-by-name.learn-names.actions.2"].reference == ("playbooks/greet-by-name.yml", 34)
    assert units["greet-by-name.intro.2"].kind is Kind.MARKDOWN
    assert units["greet-by-name.title"].kind is Kind.TEXT


def test_editing_one_string_changes_only_that_unit(project: Path) -> None:
    path = project / "playbooks" / "greet-by-name.yml"
    before = {u.id: u.text for u in playbook_units(load_playbook(path))}
    path.write_text(path.read_text().replace("Ask once, then remember.", "Ask once."))
    after = {u.id: u.text for u in playbook_units(load_playbook(path))}
    assert before.keys() == after.keys()
    assert {k for k in before if before[k] != after[k]} == {"greet-by-name.learn-names.body.1"}


def test_template_has_context_reference_and_translator_comment(project: Path) -> None:
    extract(Project(project))
    with (project / "locales" / "crkb.pot").open("rb") as handle:
        pot = read_po(handle)
    message = pot.get("Greet returning customers by name", context="greet-by-name.learn-names.actions.2")
    assert message is not None
    assert message.locations == [("playbooks/greet-by-name.yml", 34)]
    assert "Checklist line: imperative, verb first" in " ".join(message.auto_comments)
    assert pot.get(("{count} tip", "{count} tips"), context="ui.count.tip") is not None
    assert pot.get("Service", context="topic.service.title") is not None


def test_extracting_twice_gives_the_same_bytes(project: Path) -> None:
    first = extract(Project(project))
    data = first.path.read_bytes()
    second = extract(Project(project))
    assert first.changed and not second.changed
    assert second.path.read_bytes() == data


def test_the_template_names_crkb_not_the_babel_version(project: Path) -> None:
    extract(Project(project))
    text = (project / "locales" / "crkb.pot").read_text(encoding="utf-8")
    assert '"Generated-By: crkb\\n"' in text
    assert "Babel" not in text
