"""Bad input ends in a clear error naming the file, never a traceback (issue 9's list).

Every test here feeds one input from the issue to the command a contributor or
CI would run, and asserts what the user sees: the exit status, no traceback,
the file named, and nothing half-written or leaked.
"""

from __future__ import annotations

import importlib.util
import os
import re
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from safety_project import (
    CATALOG,
    SAFETY,
    assert_no_traceback,
    build_site,
    catalog,
    crkb,
    entry_lines,
    fill_catalogs,
    html_pages,
    locales,
    make_project,
    native_word,
    playbook_data,
    reported_lines,
    translate,
    write_playbook,
)

DEEP = 900  # under libyaml's own limit of 1000 levels, far over Python's recursion limit
SECRET = "ZQXJ-7731-WVKB"
UNDRAWABLE = "𐀀𐀁"  # Linear B: in none of the shipped fonts


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    return root


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every catalog's bytes, to prove a failed command changed none of them."""
    return {path: path.read_bytes() for path in sorted((root / "locales").rglob("*.po")) if path.is_file()}


# --- YAML: alias expansion and depth -------------------------------------------------------


def _limit_memory() -> None:
    limit = 1536 * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_yaml_alias_bomb_is_refused_quickly_naming_the_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", SAFETY / "billion-laughs.yml")
    package = Path(importlib.util.find_spec("crkb").origin).resolve().parent
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "crkb", "--root", str(root), "validate"],
            capture_output=True,
            text=True,
            timeout=20,
            preexec_fn=_limit_memory,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("crkb validate was still expanding the aliases after 20 s")
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Traceback" not in output and "MemoryError" not in output, output[-2000:]
    assert "billion-laughs.yml" in output


def test_deeply_nested_playbook_is_an_error_naming_the_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "playbooks" / "deep.yml").write_text(f"id: deep\naudience: {'[' * DEEP}{']' * DEEP}\n")
    result = crkb(root, "validate")
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert reported_lines(result.output, "playbooks/deep.yml"), result.output


def glossary_of(root: Path) -> Path:
    return root / "locales" / locales(root)[0] / "glossary.yml"


def test_deeply_nested_glossary_is_an_error_naming_the_file(project: Path) -> None:
    glossary_of(project).write_text(f"terms: {'[' * DEEP}{']' * DEEP}\n", encoding="utf-8")
    result = crkb(project, "check")
    assert_no_traceback(result)
    assert result.exit_code != 0
    assert "glossary.yml" in result.output


WRONG_TYPES = {
    "en-stem-is-a-number": "terms:\n  - en: customer\n    en_stem: 5\n    term: x\n    stems: [x]\n",
    "stems-is-a-number": "terms:\n  - en: customer\n    en_stem: custom\n    term: x\n    stems: 5\n",
    "term-lacks-its-stems": "terms:\n  - en: customer\n    en_stem: custom\n    term: x\n",
}


@pytest.mark.parametrize("text", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_glossary_with_wrong_types_is_an_error_naming_file_and_line(project: Path, text: str) -> None:
    glossary_of(project).write_text(text, encoding="utf-8")
    result = crkb(project, "check")
    assert_no_traceback(result)
    assert result.exit_code != 0
    assert reported_lines(result.output, "glossary.yml"), result.output


# --- crkb update ---------------------------------------------------------------------------


def make_singular(root: Path, locale: str) -> str:
    """Rewrite the first plural entry of a catalog as a singular one, as a careless edit would."""
    path = catalog(root, locale)
    with path.open("rb") as handle:
        context = next(m.context for m in read_po(handle) if isinstance(m.id, tuple))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    span = entry_lines(root, locale, context)
    entry = [line for line in lines[span.start - 1 : span.stop - 1] if not line.startswith("msgid_plural")]
    entry = [line.replace("msgstr[0]", "msgstr") for line in entry if not re.match(r"msgstr\[[1-9]", line)]
    path.write_text("".join(lines[: span.start - 1] + entry + lines[span.stop - 1 :]), encoding="utf-8")
    return context


def test_update_on_a_plural_entry_made_singular_restores_it_for_review_or_names_the_catalog(
    project: Path,
) -> None:
    """Either a clear error naming the catalog with nothing rewritten, or (crkb's choice) the entry
    back in its plural shape, its translation kept and marked fuzzy for the translator to review."""
    locale = locales(project)[0]
    context = make_singular(project, locale)
    before = snapshot(project)
    result = crkb(project, "update")
    assert_no_traceback(result)
    if result.exit_code != 0:
        assert CATALOG.format(locale=locale) in result.output
        assert snapshot(project) == before, "a failed update rewrote catalogs"
        return
    with catalog(project, locale).open("rb") as handle:
        entry = next(m for m in read_po(handle) if m.context == context)
    assert isinstance(entry.id, tuple) and entry.fuzzy and entry.string[0]


def _read_only_folder(path: Path) -> None:
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.access(path.parent, os.W_OK):
        path.parent.chmod(0o755)
        pytest.skip("this user can write to read-only folders (root): permissions are not enforced")


def _folder_in_the_way(path: Path) -> None:
    path.unlink()
    (path / "in-the-way").mkdir(parents=True)


@pytest.mark.parametrize("block", [_read_only_folder, _folder_in_the_way], ids=["read-only", "folder"])
def test_update_writes_no_catalog_when_one_cannot_be_written(project: Path, block) -> None:
    data = playbook_data()
    data["summary"] = "Regulars who hear their name come back."  # every catalog now needs an update
    write_playbook(project, data)
    last = catalog(project, locales(project)[-1])  # written last: the others would go first
    block(last)
    try:
        before = snapshot(project)
        result = crkb(project, "update")
        after = snapshot(project)
    finally:
        last.parent.chmod(0o755)
    assert_no_traceback(result)
    assert result.exit_code != 0
    assert CATALOG.format(locale=locales(project)[-1]) in result.output
    assert after == before, "update rewrote some catalogs before failing on another"


# --- Files that point outside the project ------------------------------------------------------


def _outside_catalog(project: Path, outside: Path) -> tuple[Path, Path]:
    link = catalog(project, locales(project)[0])
    target = outside / "crkb.po"
    target.write_text(f"# {SECRET}\n" + link.read_text(encoding="utf-8"), encoding="utf-8")
    return link, target


def _outside_glossary(project: Path, outside: Path) -> tuple[Path, Path]:
    target = outside / "glossary.yml"
    term = f"  - en: customer\n    en_stem: customer\n    term: {SECRET}\n    stems: [{SECRET}]\n"
    target.write_text(f"# {SECRET}\nterms:\n{term}", encoding="utf-8")
    return glossary_of(project), target


def _outside_playbook(project: Path, outside: Path) -> tuple[Path, Path]:
    data = playbook_data()
    data["id"], data["summary"] = "linked", f"{SECRET} regulars come back."
    (outside / "playbooks").mkdir()
    return project / "playbooks" / "linked.yml", write_playbook(outside, data)


SECRET_TEXTS = {
    # what each reader would echo back today: a Babel error, a YAML snippet, a field name
    "catalog": f'msgid "{SECRET}\n',
    "glossary": f"password: {SECRET}\n  {SECRET}: x\n",
    "playbook": f"{SECRET}: x\n",
}
KINDS = {"catalog": _outside_catalog, "glossary": _outside_glossary, "playbook": _outside_playbook}


@pytest.mark.parametrize("content", ["valid", "secret"])
@pytest.mark.parametrize("kind", KINDS)
def test_symlink_outside_the_project_is_refused_without_printing_the_target(
    project: Path, tmp_path: Path, kind: str, content: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    link, target = KINDS[kind](project, outside)
    if content == "secret":
        target.write_text(SECRET_TEXTS[kind], encoding="utf-8")
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    result = crkb(project, "validate" if kind == "playbook" else "check")
    assert_no_traceback(result)
    assert result.exit_code != 0, f"the link {link.name} was followed:\n{result.output}"
    assert link.relative_to(project).as_posix() in result.output or str(link) in result.output
    assert SECRET[:4] not in result.output, "the target's content was printed"


# --- crkb checklists, crkb locale add ---------------------------------------------------------


def test_checklists_out_is_relative_to_the_working_folder(project: Path, tmp_path: Path, monkeypatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = crkb(project, "checklists", "--out", "some/relative/dir", "--locale", locales(project)[0])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    pdfs = list((work / "some" / "relative" / "dir").rglob("*.pdf"))
    assert pdfs and all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)
    assert not (project / "some").exists()


@pytest.mark.slow
def test_locale_add_pt_br_is_refused_clearly_or_then_builds(project: Path) -> None:
    config = (project / "mkdocs.yml").read_bytes()
    result = crkb(project, "locale", "add", "pt_BR")
    assert_no_traceback(result)
    if result.exit_code != 0:
        assert "pt_BR" in result.output
        assert (project / "mkdocs.yml").read_bytes() == config
        assert not (project / "locales" / "pt_BR").exists()
        return
    built = build_site(project, project.parent / "site")
    assert built.error is None, f"the new language breaks the build: {built.error!r}"
    assert len(list(html_pages(built.site))) > 0


# --- What reaches the terminal -----------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\x08\x08\r"
_OWN_STYLES = re.compile(r"\x1b\[(?:0|1|2|3[0-7]|9[0-7])m")  # what click.style writes for our colours
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # C0 but newline, DEL, C1


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_a_msgctxt_never_reach_the_terminal(project: Path, fmt: str) -> None:
    locale = locales(project)[0]
    path = catalog(project, locale)
    with path.open("rb") as handle:
        context = next(m.context for m in read_po(handle) if m.id and m.context)
    text = path.read_text(encoding="utf-8")
    hostile = text.replace(f'msgctxt "{context}"', f'msgctxt "{context}{ESCAPES}"', 1)
    path.write_text(hostile, encoding="utf-8")
    result = crkb(project, "check", "--format", fmt, color=True)
    assert_no_traceback(result)
    assert result.exit_code != 0
    raw = _CONTROLS.findall(_OWN_STYLES.sub("", result.output))
    assert not raw, f"control characters reach the terminal: {sorted(set(raw))}"
    assert reported_lines(result.output, CATALOG.format(locale=locale)), result.output


# --- Playbook files --------------------------------------------------------------------------


def test_yaml_extension_playbook_is_loaded_or_named(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    data = playbook_data()
    data["id"], data["title"] = "thank-for-waiting", "Thank customers for waiting"
    write_playbook(root, data, "thank-for-waiting.yaml")
    result = crkb(root, "validate")
    assert_no_traceback(result)
    if result.exit_code != 0:
        assert "thank-for-waiting.yaml" in result.output
        return
    assert crkb(root, "extract").exit_code == 0
    with (root / "locales" / "crkb.pot").open("rb") as handle:
        assert data["title"] in {m.id for m in read_po(handle)}, "the .yaml playbook was skipped silently"


# --- Text the PDFs cannot show -----------------------------------------------------------------


def test_undrawable_character_in_an_english_checklist_line_is_an_error_naming_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    data = playbook_data()
    action = f"Greet returning customers by name {UNDRAWABLE}"
    data["items"][0]["actions"][1] = action
    playbook = write_playbook(root, data)
    result = crkb(root, "checklists", "--out", str(tmp_path / "pdf"), "--locale", locales(root)[0])
    assert_no_traceback(result)
    assert result.exit_code != 0, "the PDF would show blank boxes without a word"
    named = UNDRAWABLE in result.output or action in result.output
    assert named or reported_lines(result.output, playbook.name), result.output


def test_undrawable_character_in_a_translated_checklist_line_is_an_error_naming_it(
    project: Path, tmp_path: Path
) -> None:
    locale = locales(project)[0]
    action = playbook_data()["items"][0]["actions"][1]
    context = translate(project, locale, action, f"{action} {native_word(locale)} {UNDRAWABLE}")
    result = crkb(project, "checklists", "--out", str(tmp_path / "pdf"), "--locale", locale)
    assert_no_traceback(result)
    assert result.exit_code != 0, "the PDF would show blank boxes without a word"
    named = UNDRAWABLE in result.output or context in result.output
    assert named or reported_lines(result.output, CATALOG.format(locale=locale)), result.output
