"""The command line as a user meets it: exit codes, messages, help, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from crkb.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def command_names() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {name}" in result.output or f"Usage: crkb {name}" in result.output
    assert len(result.output.splitlines()) > 3


def test_version_is_printed() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("crkb, version ")


def test_validate_passes_on_good_playbooks(project: Path) -> None:
    result = run("--root", str(project), "validate")
    assert result.exit_code == 0, result.output
    assert "1 playbook(s) valid" in result.output


def test_validate_reports_file_line_and_exits_1_without_traceback(project: Path, bad_playbook) -> None:
    bad_playbook("too-many-actions")
    bad_playbook("duplicate-key")
    result = run("--root", str(project), "validate")
    assert result.exit_code == 1
    assert "playbooks/too-many-actions.yml:33:7: [schema] items[0].actions" in result.output
    assert "playbooks/duplicate-key.yml:4:1: [duplicate-key]" in result.output
    assert "2 error(s)" in result.output
    assert "Traceback" not in result.output


def test_extract_refuses_bad_playbooks_and_writes_nothing(project: Path, bad_playbook) -> None:
    bad_playbook("bad-syntax")
    result = run("--root", str(project), "extract")
    assert result.exit_code == 1
    assert "bad-syntax.yml:4:8" in result.output
    assert not (project / "locales" / "crkb.pot").exists()


def test_update_creates_catalogs_then_reports_them_unchanged(project: Path, translated: list[str]) -> None:
    first = run("--root", str(project), "update")
    assert first.exit_code == 0, first.output
    second = run("--root", str(project), "update")
    for locale in translated:
        assert f"locales/{locale}/LC_MESSAGES/crkb.po: updated" in first.output
        assert f"locales/{locale}/LC_MESSAGES/crkb.po: unchanged" in second.output


def test_update_rejects_a_locale_the_site_does_not_have(project: Path) -> None:
    result = run("--root", str(project), "update", "--locale", "xx")
    assert result.exit_code == 2
    assert "unknown locale 'xx' (known: " in result.output


def test_broken_catalog_is_reported_with_file_and_line(project: Path, translated: list[str]) -> None:
    assert run("--root", str(project), "update").exit_code == 0
    po = project / "locales" / translated[-1] / "LC_MESSAGES" / "crkb.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    result = run("--root", str(project), "update")
    assert result.exit_code == 1
    assert f"locales/{translated[-1]}/LC_MESSAGES/crkb.po:" in result.output
    assert "Traceback" not in result.output


def test_schema_is_written_from_the_model_and_names_every_field(project: Path) -> None:
    import json

    result = run("--root", str(project), "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads((project / "playbooks" / "schema.json").read_text())
    assert {"id", "title", "items", "facts", "checklist"} <= set(schema["properties"])
    assert schema["$defs"]["Item"]["properties"]["actions"]["maxItems"] == 9


def test_validate_warns_where_a_checklist_breaks_the_design_rules(project: Path) -> None:
    book = project / "playbooks" / "greet-by-name.yml"
    long_line = "Greet " + "every single returning customer " * 4
    text = book.read_text().replace("      - Greet returning customers by name", f"      - {long_line.strip()}")
    book.write_text(text.replace("      - Ask a regular's name", "      - Always ask a regular's name"))
    result = run("--root", str(project), "validate", "--no-layout")
    assert result.exit_code == 0, result.output
    assert (
        "greet-by-name.yml:34:9: [checklist-length] greet-by-name.learn-names.actions.2: an action of 133"
        in result.output
    )
    assert (
        "greet-by-name.yml:33:9: [checklist-verb] greet-by-name.learn-names.actions.1: starts with “always”"
        in result.output
    )
    assert "1 playbook(s) valid (2 warning(s))" in result.output
    assert "fix: " in result.output


def test_validate_holds_the_english_to_the_safety_rules(project: Path) -> None:
    book = project / "playbooks" / "greet-by-name.yml"
    hostile = "Names [matter](java\n  script:alert(1)) <b>a</b> \u202e."
    book.write_text(book.read_text().replace("Names matter.", hostile))
    result = run("--root", str(project), "validate", "--no-layout")
    assert result.exit_code == 1, result.output
    assert "greet-by-name.yml:20:8: [unsafe]" in result.output
    assert "[hygiene]" in result.output
    assert "javascript: is not an allowed link" in result.output


def test_validate_warns_when_a_review_is_overdue_and_strict_fails(project: Path) -> None:
    book = project / "playbooks" / "greet-by-name.yml"
    book.write_text(book.read_text().replace("reviewed: 2026-11-01", "reviewed: 2020-01-01"))
    relaxed = run("--root", str(project), "validate", "--no-layout")
    assert relaxed.exit_code == 0 and "[review]" in relaxed.output and "was due on 2020-07-01" in relaxed.output
    assert run("--root", str(project), "validate", "--no-layout", "--strict").exit_code == 1
