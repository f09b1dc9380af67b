"""`crkb check` as a translator meets it: the line to edit, the span, the fix; English edits do not block.

Each scenario starts from a copy of the project's own catalogs (clean for
`crkb check`) and changes one thing, in a locale taken from mkdocs.yml.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import polib
import pytest
from roundtrip_helpers import (
    BREAKERS,
    catalog,
    cited_lines,
    cli,
    commit_all,
    edit_last_word,
    entries,
    entry_block,
    first_entry,
    insert_line_at,
    insert_line_before,
    locales,
    long_paragraphs,
    msgfmt_errors,
    nplurals,
    real_project,
    set_msgstr,
    shown,
)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    return real_project(tmp_path / "project")


def _problems(result) -> list[dict]:
    data = json.loads(result.stdout)
    return data["problems"]


def _reports(output: str) -> list[str]:
    """Each reported problem as printed: its `error:`/`warning:` line and any lines under it."""
    blocks: list[str] = []
    for line in output.splitlines():
        if re.match(r"(error|warning): ", line):
            blocks.append(line)
        elif blocks and line.startswith((" ", "\t", "fix:")):
            blocks[-1] += "\n" + line
    return blocks


def _reports_with(output: str, *needles: str) -> list[str]:
    return [block for block in _reports(output) if all(n in block for n in needles)]


def _cited(block: str, locale: str) -> list[int]:
    """The line numbers a report cites for the catalog, on its first line."""
    return cited_lines(block.splitlines()[0], locale)


# --- one problem, pointed at the msgstr line, with its span ----------------------------------


@pytest.mark.parametrize("scenario", BREAKERS)
def test_problem_points_at_the_msgstr_line_and_names_the_span(real: Path, scenario: str) -> None:
    locale = locales(real)[0]
    path = catalog(real, locale)
    msgctxt, code, span = BREAKERS[scenario](path)
    first, last = entry_block(path, msgctxt).msgstr[0]
    result = cli(real, "check", "--locale", locale)
    assert result.exit_code == 1, result.output
    reported = _reports_with(result.output, f"[{code}]", msgctxt)
    assert reported, result.output
    cited = [n for block in reported for n in _cited(block, locale)]
    assert cited and all(first <= n <= last for n in cited), (
        f"{scenario}: cited line(s) {cited}, the msgstr is on line(s) {first}-{last}\n{reported}"
    )
    assert all(span in block for block in reported), (span, reported)


def test_every_problem_carries_a_one_line_fix(real: Path) -> None:
    locale = locales(real)[0]
    path = catalog(real, locale)
    for breaker in BREAKERS.values():
        breaker(path)
    data = cli(real, "check", "--locale", locale, "--format", "json")
    problems = _problems(data)
    assert len(problems) >= len(BREAKERS)
    for problem in problems:
        fix = problem.get("fix")
        assert isinstance(fix, str) and fix.strip() and "\n" not in fix, problem
    reports = _reports(cli(real, "check", "--locale", locale).output)
    assert len(reports) >= len(BREAKERS)
    for block in reports:
        assert re.search(r"^\s*fix: \S", block, re.MULTILINE), block


def _plural_locale(root: Path) -> tuple[str, polib.POFile]:
    for locale in locales(root):
        po = polib.pofile(str(catalog(root, locale)))
        if nplurals(po) >= 2:
            return locale, po
    pytest.skip("no locale in mkdocs.yml has more than one plural form")


def test_plural_problem_names_the_form_and_the_numbers_it_is_used_for(real: Path) -> None:
    locale, po = _plural_locale(real)
    path = catalog(real, locale)
    entry = next(e for e in po if e.msgid_plural and not e.obsolete)
    set_msgstr(path, entry.msgctxt, "", form=1)
    rule = gettext.c2py(re.search(r"plural\s*=\s*(.+?);?\s*$", po.metadata["Plural-Forms"]).group(1))
    numbers = [n for n in range(200) if rule(n) == 1][:3]
    line = entry_block(path, entry.msgctxt).msgstr[1][0]
    result = cli(real, "check", "--locale", locale)
    assert result.exit_code == 1
    (reported,) = _reports_with(result.output, "[plural]", entry.msgctxt)
    assert "msgstr[1]" in reported, reported
    message = reported.split(entry.msgctxt, 1)[1]  # after the location and the id
    assert set(numbers) <= {int(x) for x in re.findall(r"(?<![\d.,])\d+(?![.,]?\d)", message)}, (
        numbers,
        reported,
    )
    assert _cited(reported, locale) == [line], reported


def test_wrong_plural_forms_header_is_named_in_words_a_translator_can_act_on(real: Path) -> None:
    locale, po = _plural_locale(real)
    path = catalog(real, locale)
    text = path.read_text(encoding="utf-8")
    forms = nplurals(po)
    header_line = next(i for i, line in enumerate(text.splitlines(), 1) if '"Plural-Forms:' in line)
    path.write_text(text.replace(f"nplurals={forms};", f"nplurals={forms - 1};", 1), encoding="utf-8")
    result = cli(real, "check", "--locale", locale)
    assert result.exit_code == 1
    assert "num_plurals" not in result.output, result.output
    reported = _reports_with(result.output, "Plural-Forms")
    assert reported, result.output
    assert any(header_line in _cited(block, locale) for block in reported), (header_line, reported)


# --- stale strings: a word-level diff, the change at the end visible --------------------------


def _edit_end_of_a_long_paragraph(root: Path) -> tuple[str, str, str, str]:
    msgctxt, book, english = long_paragraphs(root)[0]
    removed, new = edit_last_word(book, english, "tremendously")
    return msgctxt, english, new, removed


@pytest.mark.parametrize("updated", [False, True], ids=["before-update", "after-update"])
def test_stale_string_shows_a_word_diff_with_the_change_at_the_end(real: Path, updated: bool) -> None:
    msgctxt, old, new, removed = _edit_end_of_a_long_paragraph(real)
    if updated:
        assert cli(real, "update").exit_code == 0
    locale = locales(real)[-1]
    result = cli(real, "check", "--locale", locale)
    reported = _reports_with(result.output, "[stale]", msgctxt)
    assert reported, result.output
    (block,) = reported
    assert re.search(rf"\b{removed}\b", block) and "tremendously" in block, block
    assert old not in result.output and new not in result.output, "the long unchanged text is repeated"
    first, last = entry_block(catalog(real, locale), msgctxt).msgstr[0]
    cited = _cited(block, locale)
    assert cited and all(first <= n <= last for n in cited), (first, last, block)


# --- comment lines are checked like every other line ------------------------------------------

BROKEN_COMMENTS = [
    '#| msgid "Meeting expectations is not enough. A supermarket shopper, a hotel',  # unclosed quote
    "#| msgid Meeting expectations is not enough",  # no quotes
    '#| msgid "Meeting expectations" is not enough"',  # text after the string
    '#| "guest or any buyer comes with expectations"',  # continuation without msgid
    "#, fuzy",  # a misspelt flag: the translator meant fuzzy, every tool ignores it
]


@pytest.mark.parametrize("comment", BROKEN_COMMENTS)
def test_broken_comment_line_is_a_syntax_error_on_its_line(real: Path, comment: str) -> None:
    locale = locales(real)[0]
    path = catalog(real, locale)
    entry = first_entry(path, lambda e: e.occurrences and not e.msgid_plural and not e.flags)
    line = insert_line_before(path, f'msgctxt "{entry.msgctxt}"', comment)
    if comment.startswith("#|"):
        assert msgfmt_errors(path), "the scenario should be broken for GNU gettext too"
    result = cli(real, "check", "--locale", locale)
    assert result.exit_code == 1, result.output
    assert line in cited_lines(result.output, locale), (line, result.output)


# --- English changes do not block: --changed-since REF ----------------------------------------


def _add_action(root: Path) -> None:
    """Append one checklist line to the first item that has actions: a string no catalog has."""
    for book in sorted((root / "playbooks").glob("*.yml")):
        lines = book.read_text(encoding="utf-8").split("\n")
        for start in (i + 1 for i, line in enumerate(lines) if line == "    actions:"):
            end = start
            while lines[end].startswith(("      - ", "        ")):  # an action, or its `checklist:` line
                end += 1
            if sum(line.startswith("      - ") for line in lines[start:end]) < 9:  # at most nine actions
                lines.insert(end, "      - Thank the customer by name before they leave the shop")
                book.write_text("\n".join(lines), encoding="utf-8")
                return
    raise AssertionError("no playbook item with room for one more action")


@pytest.fixture
def repo(real: Path) -> tuple[Path, str]:
    """The project as a git repository; returns it and the commit a pull request starts from."""
    return real, commit_all(real, "main")


def _check_json(root: Path, *args: str) -> tuple[int, list[dict]]:
    result = cli(root, "check", "--format", "json", *args)
    assert "Traceback" not in result.output
    return result.exit_code, _problems(result)


def test_english_edit_passes_with_changed_since_and_reports_what_it_made_stale_as_warnings(
    repo: tuple[Path, str],
) -> None:
    root, base = repo
    _edit_end_of_a_long_paragraph(root)
    _add_action(root)
    commit_all(root, "English: edit a paragraph, add an action")
    code, problems = _check_json(root, "--changed-since", base)
    assert code == 0, [p for p in problems if p["severity"] == "error"]
    for locale in locales(root):
        mine = {(p["code"], p["severity"]) for p in problems if p["path"] == shown(locale)}
        assert ("stale", "warning") in mine and ("missing", "warning") in mine, (locale, mine)
    assert cli(root, "check", "--changed-since", base).exit_code == 0


def test_english_edit_still_fails_a_plain_check(repo: tuple[Path, str]) -> None:
    root, _ = repo
    _edit_end_of_a_long_paragraph(root)
    code, problems = _check_json(root)
    assert code == 1
    assert {p["path"] for p in problems if p["code"] == "stale" and p["severity"] == "error"} == {
        shown(loc) for loc in locales(root)
    }


def test_translator_pull_request_is_strict_for_the_locale_it_touches(repo: tuple[Path, str]) -> None:
    root, _ = repo
    _edit_end_of_a_long_paragraph(root)  # main already has an English edit nobody translated yet
    base = commit_all(root, "English: edit a paragraph")
    touched, *others = locales(root)
    path = catalog(root, touched)
    entry = entries(path)[0]
    insert_line_at(path, entry_block(path, entry.msgctxt).first, "# reviewed by a translator")
    commit_all(root, "Translation: review one string")
    code, problems = _check_json(root, "--changed-since", base)
    assert code == 1
    stale = {(p["path"], p["severity"]) for p in problems if p["code"] == "stale"}
    assert (shown(touched), "error") in stale, stale
    for locale in others:
        assert (shown(locale), "warning") in stale and (shown(locale), "error") not in stale, (locale, stale)


def test_changed_since_an_unknown_ref_is_a_usage_error(repo: tuple[Path, str]) -> None:
    root, _ = repo
    result = cli(root, "check", "--changed-since", "no-such-branch")
    assert result.exit_code == 2, result.output
    assert "no-such-branch" in result.output and "Traceback" not in result.output


def test_changed_since_outside_a_git_repository_is_a_clear_error(real: Path) -> None:
    result = cli(real, "check", "--changed-since", "main")
    assert result.exit_code == 2, result.output
    assert "git" in result.output.lower() and "Traceback" not in result.output
