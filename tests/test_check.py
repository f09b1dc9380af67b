"""`crkb check`: each kind of problem, injected into a clean catalog, is reported precisely.

The clean fixture (fixtures/catalogs/cs-clean.po) is a complete catalog of the
fixture playbook; its language comes from its own header, never from this file.
Every scenario below changes one thing in a copy of it and expects the problem at
the line of the msgstr a translator edits.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import FIXTURES, REPO
from crkb.cli import main

CLEAN = FIXTURES / "catalogs" / "cs-clean.po"
with CLEAN.open("rb") as _handle:
    LOCALE = str(read_po(_handle).locale)
PO = f"locales/{LOCALE}/LC_MESSAGES/crkb.po"


@pytest.fixture
def cs_project(project: Path) -> Path:
    po = project / PO
    po.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CLEAN, po)
    shutil.copy(REPO / "locales" / LOCALE / "glossary.yml", project / "locales" / LOCALE)
    return project


def run_check(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), "check", "--locale", LOCALE, *args])


def msgstr_line(project: Path, msgctxt: str) -> int:
    lines = (project / PO).read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgctxt "{msgctxt}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


def inject(project: Path, old: str, new: str) -> int:
    """Replace old by new in the catalog; return the line the change starts on."""
    po = project / PO
    text = po.read_text(encoding="utf-8")
    assert old in text, old
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_clean_catalog_passes_with_no_problem(cs_project: Path) -> None:
    result = run_check(cs_project)
    assert result.exit_code == 0, result.output
    assert "100% (" in result.output
    assert "error:" not in result.output and "warning:" not in result.output


SCENARIOS = [
    # (code, old text, new text, expected message part, msgctxt)
    (
        "missing",
        'msgstr "Naučte se jména"',
        'msgstr ""',
        "untranslated",
        "greet-by-name.learn-names.title",
    ),
    (
        "stale",
        'msgctxt "greet-by-name.learn-names.title"',
        '#, fuzzy\n#| msgid "Learn names"\nmsgctxt "greet-by-name.learn-names.title"',
        "English changed: Learn {+the+} names",
        "greet-by-name.learn-names.title",
    ),
    (
        "unchanged",
        'msgstr "Naučte se jména"',
        'msgstr "Learn the names"',
        "is the English text",
        "greet-by-name.learn-names.title",
    ),
    (
        "placeholder",
        'msgstr "{share} spotřebitelů',
        'msgstr "{podil} spotřebitelů',
        "missing {share}",
        "greet-by-name.facts.trust",
    ),
    (
        "markup",
        '"funguje](https://example.org/cards))."',
        '"funguje](https://evil.example/cards))."',
        "link targets differ",
        "greet-by-name.learn-names.examples.1",
    ),
    (
        "markup",
        'msgstr "Lidé si všimnou, když si je *pamatujete*."',
        'msgstr "Lidé si všimnou, když si je pamatujete."',
        "bold/italic spans: English has 1",
        "greet-by-name.intro.2",
    ),
    (
        "markup",
        '"- Zapište si ho\\n"',
        '"Zapište si ho\\n"',
        "where the English has a list",
        "greet-by-name.learn-names.body.2",
    ),
    (
        "unsafe",
        'msgstr "Naučte se jména"',
        'msgstr "Naučte se jména<script>alert(1)</script>"',
        "raw HTML",
        "greet-by-name.learn-names.title",
    ),
    (
        "unsafe",
        '"funguje](https://example.org/cards))."',
        '"funguje](javascript:alert(1)))."',
        "javascript: is not an allowed link",
        "greet-by-name.learn-names.examples.1",
    ),
    (
        "language",
        'msgstr "Naučte se jména"',
        'msgstr "Naučte sa mená zákazníkov"',
        "looks like Slovak",
        "greet-by-name.learn-names.title",
    ),
    (
        "script",
        'msgstr "Naučte se jména"',
        'msgstr "Սովորեք անունները"',
        "no letters of the Latn script",
        "greet-by-name.learn-names.title",
    ),
]


@pytest.mark.parametrize(("code", "old", "new", "expected", "msgctxt"), SCENARIOS)
def test_injected_problem_is_reported_with_file_line_code_and_exit_1(
    cs_project: Path, code: str, old: str, new: str, expected: str, msgctxt: str
) -> None:
    inject(cs_project, old, new)
    result = run_check(cs_project)
    assert result.exit_code == 1, result.output
    lines = [x for x in result.output.splitlines() if f"[{code}]" in x]
    assert lines, result.output
    assert any(expected in x for x in lines), lines
    assert any(f"{PO}:{msgstr_line(cs_project, msgctxt)}: [{code}] {msgctxt}:" in x for x in lines), lines
    assert "fix: " in result.output


def test_string_added_to_a_playbook_is_missing_before_update(cs_project: Path) -> None:
    book = cs_project / "playbooks" / "greet-by-name.yml"
    book.write_text(
        book.read_text().replace(
            "      - Greet returning customers by name\n",
            "      - Greet returning customers by name\n      - Smile\n",
        )
    )
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert "[missing] greet-by-name.learn-names.actions.3: not in the catalog yet: “Smile”" in result.output
    assert "fix: run `crkb update`" in result.output


def test_wrong_plural_forms_header_is_an_error(cs_project: Path) -> None:
    polish = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);"
    inject(cs_project, "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);", polish)
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert f"[plural-forms] the header's Plural-Forms is “{polish}”" in result.output


def test_a_header_asking_for_millions_of_plural_forms_is_refused_at_its_line(cs_project: Path) -> None:
    """Babel would make every plural entry a list of that many strings: minutes, and all memory."""
    inject(cs_project, "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);", "nplurals=99999999; plural=(n%7);")
    header = next(n for n, line in enumerate((cs_project / PO).read_text().splitlines(), 1) if "Plural-Forms" in line)
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert f"{PO}:{header}:" in result.output and "asks for 99999999 forms" in result.output


def test_unfilled_plural_form_is_an_error(cs_project: Path) -> None:
    po = (cs_project / PO).read_text(encoding="utf-8")
    start = po.index('msgctxt "ui.count.tip"')
    form = po.index("msgstr[2] ", start)
    end = po.index("\n", form)
    (cs_project / PO).write_text(po[:form] + 'msgstr[2] ""' + po[end:], encoding="utf-8")
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert "[plural] ui.count.tip: msgstr[2] is empty (the form used for 0, 5, 6, 7, …)" in result.output


def test_obsolete_entry_is_a_warning_and_an_error_when_strict(cs_project: Path) -> None:
    po = cs_project / PO
    po.write_text(
        po.read_text(encoding="utf-8") + '\n#~ msgctxt "gone.title"\n#~ msgid "Gone"\n#~ msgstr "Pryč"\n',
        encoding="utf-8",
    )
    relaxed = run_check(cs_project)
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning:" in relaxed.output and "[obsolete]" in relaxed.output
    assert run_check(cs_project, "--strict").exit_code == 1


def test_glossary_term_not_used_is_a_warning(cs_project: Path) -> None:
    inject(cs_project, 'msgstr "Zaměstnanci na prodejně"', 'msgstr "Personál na prodejně"')
    result = run_check(cs_project)
    assert result.exit_code == 0
    assert "warning:" in result.output and "[glossary] greet-by-name.audience.1:" in result.output


def test_syntax_error_names_file_and_line_without_traceback(cs_project: Path) -> None:
    line = inject(cs_project, 'msgstr "Naučte se jména"', 'msgstr "Naučte se jména')
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert f"{PO}:{line}: [syntax]" in result.output or f"{PO}:{line + 1}: [syntax]" in result.output
    assert "Traceback" not in result.output


def test_duplicate_entry_is_an_error(cs_project: Path) -> None:
    po = cs_project / PO
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\nmsgctxt "greet-by-name.title"\nmsgid "Greet customers by name"\nmsgstr "Znovu"\n',
        encoding="utf-8",
    )
    result = run_check(cs_project)
    assert result.exit_code == 1
    assert "[duplicate] greet-by-name.title appears 2 times" in result.output


def test_wrong_language_header_is_an_error(cs_project: Path) -> None:
    inject(cs_project, f'"Language: {LOCALE}\\n"', '"Language: xx\\n"')
    result = run_check(cs_project)
    assert result.exit_code in (1, 2)
    assert "[header]" in result.output or "[unreadable]" in result.output
    assert "Traceback" not in result.output


def test_unreadable_catalog_exits_2(cs_project: Path) -> None:
    (cs_project / PO).write_bytes(b"\xff\xfe\x00 not a catalog")
    result = run_check(cs_project)
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    assert PO in result.output


def test_unknown_locale_is_a_usage_error(cs_project: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(cs_project), "check", "--locale", "xx"])
    assert result.exit_code == 2
    assert "unknown locale 'xx' (known: " in result.output


def test_json_output_follows_the_documented_schema(cs_project: Path) -> None:
    inject(cs_project, 'msgstr "Naučte se jména"', 'msgstr ""')
    result = run_check(cs_project, "--format", "json")
    data = json.loads(result.output)
    assert data["version"] == 2 and data["ok"] is False
    (found,) = data["locales"]
    assert found["locale"] == LOCALE and found["translated"] == found["total"] - 1 and found["missing"] == 1
    translated, total = found["groups"]["greet-by-name"]
    assert translated == total - 1
    (problem,) = data["problems"]
    assert problem["code"] == "missing" and problem["msgctxt"] == "greet-by-name.learn-names.title"
    assert problem["path"] == PO and problem["line"] == msgstr_line(cs_project, "greet-by-name.learn-names.title")
    assert problem["fix"] == "translate it"


def test_github_output_is_workflow_annotations(cs_project: Path) -> None:
    line = inject(cs_project, 'msgstr "Naučte se jména"', 'msgstr ""')
    result = run_check(cs_project, "--format", "github")
    first = result.output.splitlines()[0]
    assert first.startswith(f"::error file={PO},line={line},")
    assert "title=crkb missing::greet-by-name.learn-names.title: untranslated" in first


def test_the_projects_own_catalogs_pass() -> None:
    result = CliRunner().invoke(main, ["--root", str(REPO), "check"])
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_counts_agree_with_msgfmt_statistics() -> None:
    import re
    import subprocess

    data = json.loads(CliRunner().invoke(main, ["--root", str(REPO), "check", "--format", "json"]).output)
    for result in data["locales"]:
        out = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", result["catalog"]],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        translated = int(re.search(r"(\d+) translated message", out).group(1))
        fuzzy = re.search(r"(\d+) fuzzy translation", out)
        untranslated = re.search(r"(\d+) untranslated message", out)
        assert translated == result["translated"], (result["locale"], out)
        assert (int(fuzzy.group(1)) if fuzzy else 0) == result["stale"]
        assert (int(untranslated.group(1)) if untranslated else 0) == result["missing"]


def test_languages_checked_side_by_side_report_exactly_what_one_process_reports(tmp_path: Path) -> None:
    """`--jobs` forks a worker per language; the report must not depend on it (order included)."""
    import re
    import subprocess
    import sys

    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    shutil.copytree(REPO / "locales", root / "locales")
    for po in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):  # one problem in every language
        text = po.read_text(encoding="utf-8")
        po.write_text(re.sub(r'(?m)^(msgstr "[^"\n]+)"$', r'\1 <img src=x>"', text, count=1), encoding="utf-8")

    def report(jobs: str) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "crkb", "--root", str(root), "check", "--format", "json", "--jobs", jobs],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        )
        return done.returncode, done.stdout

    serial, parallel = report("1"), report("2")
    assert serial == parallel
    data = json.loads(serial[1])
    assert serial[0] == 1, data
    assert len({p["path"] for p in data["problems"]}) >= 2
