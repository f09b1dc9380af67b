"""Reviewers per language: `crkb locale add` leaves a CODEOWNERS line to claim, `crkb reviewers`
says whom a change should ask, and the review-request workflow asks them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from crkb.cli import main
from crkb.locales import translated_locales
from crkb.reviewers import owners, reviews, touched_locales, unclaimed_comment

NEW = "pl"  # a language to add; the test makes sure the site does not list it yet


def run(project: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["--root", str(project), *args], input=stdin)


@pytest.fixture
def added(project: Path) -> Path:
    assert NEW not in translated_locales(project / "mkdocs.yml")
    result = run(project, "locale", "add", NEW)
    assert result.exit_code == 0, result.output
    return project


def test_locale_add_writes_a_commented_codeowners_line_for_the_languages_folder(added: Path) -> None:
    lines = (added / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    (line,) = [x for x in lines if f"/locales/{NEW}/" in x]
    assert line.startswith("#")  # left commented until someone claims it
    assert owners("\n".join(lines), NEW) == []


def test_locale_add_keeps_the_other_codeowners_lines_and_adds_its_own_once(project: Path) -> None:
    codeowners = project / ".github" / "CODEOWNERS"
    codeowners.parent.mkdir()
    codeowners.write_text(f"* @maintainer\nlocales/{NEW}/ @early-bird", encoding="utf-8")  # no final newline
    assert run(project, "locale", "add", NEW).exit_code == 0
    text = codeowners.read_text(encoding="utf-8")
    assert text.startswith("* @maintainer\n")
    assert text.count(f"locales/{NEW}/") == 1  # the language already had a line: none added
    assert owners(text, NEW) == ["early-bird"]


def test_an_uncommented_line_names_the_reviewers_and_the_last_line_wins() -> None:
    text = "\n".join(
        [
            "* @maintainer",
            "/locales/de/ @anna",
            "# /locales/uk/ @uk-reviewers   # uncomment and name the reviewers of this language",
            "/locales/de/** @ben @crkb/german   # the German team",
            "locales/cs/ someone@example.org @cyril",
        ]
    )
    assert owners(text, "de") == ["ben", "crkb/german"]
    assert owners(text, "uk") == []  # commented: nobody has claimed it
    assert owners(text, "cs") == ["cyril"]  # an e-mail address cannot be asked on GitHub
    assert owners(text, "sk") == []  # the catch-all line is no reviewer of a language


def test_a_change_asks_the_reviewers_of_each_language_folder_it_touches() -> None:
    paths = ["locales/de/LC_MESSAGES/crkb.po", "./locales/uk/glossary.yml", "playbooks/a.yml", "locales/crkb.pot"]
    assert touched_locales(paths, ["cs", "de", "uk"]) == ["de", "uk"]
    found = reviews("/locales/de/ @anna @ben\n", paths, ["cs", "de", "uk"], author="Anna")
    assert [(r.locale, r.reviewers) for r in found] == [("de", ("ben",)), ("uk", ())]  # never the author
    comment = unclaimed_comment(found)
    assert "Ukrainian (`uk`)" in comment and "German" not in comment and "CODEOWNERS" in comment
    assert unclaimed_comment(found[:1]) == ""


def test_reviewers_command_gives_whom_to_request_and_the_comment_as_json(added: Path) -> None:
    codeowners = added / ".github" / "CODEOWNERS"
    other = translated_locales(added / "mkdocs.yml")[0]
    codeowners.write_text(codeowners.read_text(encoding="utf-8") + f"/locales/{other}/ @reviewer-one\n")
    changed = f"locales/{other}/LC_MESSAGES/crkb.po\nlocales/{NEW}/LC_MESSAGES/crkb.po\nREADME.md\n"
    result = run(added, "reviewers", "--files", "-", "--author", "someone", "--format", "json", stdin=changed)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reviewers"] == ["reviewer-one"]
    assert [d["locale"] for d in data["locales"]] == [other, NEW]
    assert f"(`{NEW}`)" in data["comment"] and f"(`{other}`)" not in data["comment"]


def test_reviewers_command_says_when_a_change_touches_no_language(project: Path) -> None:
    result = run(project, "reviewers", "--files", "-", stdin="playbooks/a.yml\n")
    assert result.exit_code == 0 and "touches no language" in result.output


def test_reviewers_command_needs_to_know_the_change(project: Path) -> None:
    result = run(project, "reviewers")
    assert result.exit_code == 2 and "--changed-since" in result.output and "Traceback" not in result.output


# --- the workflow ------------------------------------------------------------------------------


def _review_workflow() -> dict:
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = [s for job in flow["jobs"].values() for s in job.get("steps", [])]
        if any("crkb reviewers" in s.get("run", "") for s in steps):
            return flow
    raise AssertionError("no workflow runs `crkb reviewers`")


def test_a_workflow_requests_the_reviewers_of_the_languages_a_pull_request_touches() -> None:
    flow = _review_workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "pull_request_target" in triggers  # it may comment on pull requests from forks
    assert flow["permissions"]["pull-requests"] == "write"
    steps = [s for job in flow["jobs"].values() for s in job.get("steps", [])]
    script = "\n".join(s.get("run", "") for s in steps)
    assert "gh pr edit" in script and "--add-reviewer" in script and "gh pr comment" in script
    # It runs the base branch's code with a write token: it must never check out the pull request.
    for step in steps:
        if str(step.get("uses", "")).startswith("actions/checkout"):
            assert "ref" not in (step.get("with") or {}), step
    assert "head" not in script.replace("--head", "")
    command = next(line for line in script.splitlines() if "crkb reviewers" in line)
    args = command.split("crkb ", 1)[1].split(">")[0].replace('"', "").split()
    assert CliRunner().invoke(main, [*args[:1], "--help"]).exit_code == 0
    for option in (a for a in args if a.startswith("--")):
        assert option in CliRunner().invoke(main, ["reviewers", "--help"]).output, option


def test_contributing_explains_how_to_claim_a_language() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "Reviewers for each language" in text and ".github/CODEOWNERS" in text
