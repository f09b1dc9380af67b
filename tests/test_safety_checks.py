"""`crkb check` and `crkb validate` report every attempt of issue 9, at the file and line to fix.

Translations: the project's catalogs are first filled so that `crkb check`
passes, then one entry of one locale gets the attack; the check must fail and
name that catalog at a line of that entry. English: the fixture playbook gets
the attack in one field; `crkb validate` must exit 1 naming the playbook at a
line of that field. Classes 3, 5, 6 and 7 of the issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_project import (
    CATALOG,
    assert_no_traceback,
    crkb,
    entry_lines,
    fill_catalogs,
    locales,
    make_project,
    native_word,
    playbook_data,
    reported_lines,
    translate,
    write_playbook,
    yaml_lines,
)

ENGLISH = playbook_data()
BODY = ENGLISH["items"][0]["body"].split("\n\n")[0].strip()  # one paragraph, no link, no list


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    return root


def check_reports(root: Path, locale: str, context: str, result=None) -> None:
    """`crkb check` fails and names the locale's catalog at a line of the entry."""
    result = result or crkb(root, "check")
    assert_no_traceback(result)
    assert result.exit_code != 0, f"crkb check passed:\n{result.output}"
    shown = CATALOG.format(locale=locale)
    lines = reported_lines(result.output, shown)
    wanted = entry_lines(root, locale, context)
    assert any(line in wanted for line in lines), (
        f"no problem reported at {shown}:{wanted.start}-{wanted.stop - 1}:\n{result.output}"
    )


def validate_reports(root: Path, playbook: Path, needle: str) -> None:
    """`crkb validate` exits 1 and names the playbook at a line of the field holding needle."""
    result = crkb(root, "validate")
    assert_no_traceback(result)
    assert result.exit_code == 1, f"crkb validate passed:\n{result.output}"
    lines = reported_lines(result.output, f"playbooks/{playbook.name}")
    wanted = yaml_lines(playbook, needle)
    assert any(line in wanted for line in lines), (
        f"no problem reported at {playbook.name}:{wanted.start}-{wanted.stop - 1}:\n{result.output}"
    )


def translated_body(root: Path, addition: str) -> tuple[str, str]:
    """Translate the body paragraph in the first locale, plus addition; return (locale, msgctxt)."""
    locale = locales(root)[0]
    text = f"{BODY} {native_word(locale)}{addition}"
    return locale, translate(root, locale, BODY, text)


def english_body(root: Path, text: str) -> Path:
    data = playbook_data()
    data["items"][0]["body"] = data["items"][0]["body"].replace(BODY, text, 1)
    return write_playbook(root, data)


# --- 3. URLs: whitespace in the scheme, entities, remote images ---------------------------

HOSTILE_URLS = {
    "newline-in-scheme": "[x](java\nscript:alert(1))",
    "tab-in-scheme": "[x](java\tscript:alert(1))",
    "entity-colon": "[x](javascript&#58;alert(1))",
    "remote-image": "![x](https://evil.example/a.png)",
    "remote-image-with-spaces": "![x]( https://evil.example/a.png )",
    "remote-image-with-newline": "![x](https:\n//evil.example/a.png)",
}


@pytest.mark.parametrize("attack", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_check_reports_a_hostile_url_in_a_translation(project: Path, attack: str) -> None:
    locale, context = translated_body(project, f" {attack}")
    check_reports(project, locale, context)


ENGLISH_ATTACKS = {
    **HOSTILE_URLS,
    "javascript-link": "[x](javascript:alert(1))",
    "raw-html": "<img src=x onerror=alert(1)>",
    "attribute-list": 'remember.\n{: onclick="alert(1)" }',
}


@pytest.mark.parametrize("attack", ENGLISH_ATTACKS.values(), ids=ENGLISH_ATTACKS.keys())
def test_validate_reports_unsafe_markup_in_an_english_body(tmp_path: Path, attack: str) -> None:
    root = make_project(tmp_path / "project")
    playbook = english_body(root, f"Ask once, then {attack}")
    validate_reports(root, playbook, "body:")


# --- 6. Structure added with a single newline -------------------------------------------

NEW_STRUCTURE = {
    "heading": "\n# Read this first",
    "setext-heading-1": "\n===",
    "setext-heading-2": "\n---",
    "admonition": '\n!!! danger "Read this first"',
    "collapsible-admonition": '\n??? danger "Read this first"',
    "table": " | again\n--- | ---",
    "list": "\n- one more step",
    "fenced-code": "\n~~~\nrm -rf /\n~~~",
    "rule": "\n_ _ _",
    "html-block": "\n<div>boxed</div>",
}


@pytest.mark.parametrize("addition", NEW_STRUCTURE.values(), ids=NEW_STRUCTURE.keys())
def test_check_reports_structure_a_translation_adds_with_one_newline(project: Path, addition: str) -> None:
    locale, context = translated_body(project, addition)
    check_reports(project, locale, context)


# --- 7. Invisible and look-alike characters ------------------------------------------------

INVISIBLE = {
    "bidi-override": "\u202e",
    "bidi-embedding": "\u202b",
    "bidi-isolate": "\u2067",
    "zero-width-space": "\u200b",
    "zero-width-no-break-space": "\ufeff",
}
HOMOGLYPHS = {"o": "о", "о": "o", "a": "а", "а": "a"}  # Latin ↔ Cyrillic


def mixed_script(word: str) -> str:
    """The word with one letter swapped for a look-alike from another script."""
    for i, letter in enumerate(word):
        if letter in HOMOGLYPHS:
            return word[:i] + HOMOGLYPHS[letter] + word[i + 1 :]
    middle = len(word) // 2
    return word[:middle] + "o" + word[middle:]


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_check_reports_an_invisible_character_in_a_translation(project: Path, char: str) -> None:
    locale = locales(project)[0]
    word = native_word(locale)
    context = translate(project, locale, ENGLISH["title"], f"{ENGLISH['title']} {word[:2]}{char}{word[2:]}")
    check_reports(project, locale, context)


def test_check_reports_a_word_that_mixes_scripts_in_every_locale(project: Path) -> None:
    contexts = {}
    for locale in locales(project):
        text = f"{ENGLISH['summary']} {mixed_script(native_word(locale))}"
        contexts[locale] = translate(project, locale, ENGLISH["summary"], text)
    result = crkb(project, "check")
    for locale, context in contexts.items():
        check_reports(project, locale, context, result)


def test_check_reports_a_latin_letter_inside_a_cyrillic_word(project: Path) -> None:
    cyrillic = [loc for loc in locales(project) if "о" in native_word(loc)]
    if not cyrillic:
        pytest.skip("no locale in mkdocs.yml writes its weekdays in Cyrillic")
    locale = cyrillic[0]
    spoofed = native_word(locale).replace("о", "o", 1)  # Latin o
    context = translate(project, locale, ENGLISH["summary"], f"{ENGLISH['summary']} {spoofed}")
    check_reports(project, locale, context)


ENGLISH_INVISIBLE = {
    "bidi-override-in-title": ("title", "Greet customers \u202eby name"),
    "bidi-isolate-in-title": ("title", "Greet \u2066customers\u2069 by name"),
    "zero-width-space-in-summary": ("summary", "Regulars who are gree\u200bted by name come back."),
    "mixed-script-word-in-summary": ("summary", "Regulars who are greeted by name come b\u0430ck."),
}


@pytest.mark.parametrize(("field", "text"), ENGLISH_INVISIBLE.values(), ids=ENGLISH_INVISIBLE.keys())
def test_validate_reports_invisible_and_lookalike_characters_in_english(tmp_path: Path, field: str, text: str) -> None:
    root = make_project(tmp_path / "project")
    data = playbook_data()
    data[field] = text
    playbook = write_playbook(root, data)
    validate_reports(root, playbook, f"{field}:")


PROFILE_INVISIBLE = {
    "bidi-override-in-label-separator": 'label_separator: ":\\u202e "',
    "zero-width-space-in-dash": 'dash: " \\u200b— "',
    "bidi-isolate-in-quotes": 'quotes: ["\\u2066«", "»"]',
    "control-in-foreign-words": 'foreign: {name: Czech, words: ["a\\x1bb"]}',
}


@pytest.mark.parametrize("setting", PROFILE_INVISIBLE.values(), ids=PROFILE_INVISIBLE.keys())
def test_check_reports_an_invisible_character_in_a_locale_profile(tmp_path: Path, setting: str) -> None:
    """The profile's marks are printed on every page and checklist of the language (label_separator only there)."""
    root = make_project(tmp_path / "project")
    locale = locales(root)[0]
    profile = root / "locales" / locale / "locale.yml"
    key = setting.split(":")[0] + ":"
    lines, skipping = [], False
    for line in profile.read_text(encoding="utf-8").splitlines():  # the setting's own lines go
        skipping = line.startswith(key) or (skipping and line.startswith(" "))
        lines += [] if skipping else [line]
    profile.write_text("\n".join([*lines, setting, ""]), encoding="utf-8")
    for command in ("check", "validate"):  # validate, about the playbooks, names it too (as a warning)
        result = crkb(root, command)
        assert_no_traceback(result)
        assert command != "check" or result.exit_code != 0, f"crkb check passed:\n{result.output}"
        assert len(lines) + 1 in reported_lines(result.output, f"locales/{locale}/locale.yml"), result.output
