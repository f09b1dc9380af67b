"""`crkb find` (from a sentence on the page to its entry) and `crkb status` (progress to trust)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from roundtrip_helpers import (
    catalog,
    cli,
    entries,
    entry_block,
    first_entry,
    locales,
    real_project,
    set_msgstr,
    shown,
)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    return real_project(tmp_path / "project")


# --- crkb find --------------------------------------------------------------------------------


def _po_string(line: str) -> str:
    return polib.unescape(line[line.index('"') + 1 : line.rindex('"')])


def _phrase_across_a_wrap(path: Path, field: str) -> tuple[str, str]:
    """(msgctxt, phrase) where the phrase runs across a line break of the entry's msgid or msgstr."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry in entries(path):
        text = entry.msgstr if field == "msgstr" else entry.msgid
        if entry.msgid_plural or "\n" in text or len(text) < 160:
            continue
        block = entry_block(path, entry.msgctxt)
        start = block.msgstr[0][0] if field == "msgstr" else block.msgctxt + 1
        parts = [_po_string(lines[start - 1])]
        for line in lines[start:]:
            if not line.startswith('"'):
                break
            parts.append(_po_string(line))
        if len(parts) < 3 or "".join(parts) != text:
            continue
        wrap = len(parts[0]) + len(parts[1])  # the break between the first two lines of text
        begin = text.rfind(" ", 0, wrap - 12) + 1
        end = text.find(" ", wrap + 12)
        return entry.msgctxt, text[begin : end if end > 0 else len(text)]
    raise AssertionError(f"no wrapped {field} in {path}")


def test_find_locates_a_translated_phrase_across_po_line_wraps_in_any_case(real: Path) -> None:
    for locale in locales(real):
        path = catalog(real, locale)
        msgctxt, phrase = _phrase_across_a_wrap(path, "msgstr")
        assert not any(phrase in line for line in path.read_text(encoding="utf-8").splitlines())
        result = cli(real, "find", phrase.upper())
        assert result.exit_code == 0, (locale, phrase, result.output)
        block = entry_block(path, msgctxt)
        hits = [
            line
            for line in result.output.splitlines()
            if msgctxt in line
            and any(block.first <= int(n) <= block.last for n in re.findall(re.escape(shown(locale)) + r":(\d+)", line))
        ]
        assert hits, (locale, phrase, block, result.output)


def test_find_locates_an_english_phrase_across_po_line_wraps(real: Path) -> None:
    pot = real / "locales" / "crkb.pot"
    msgctxt, phrase = _phrase_across_a_wrap(pot, "msgid")
    assert not any(phrase in line for line in pot.read_text(encoding="utf-8").splitlines())
    result = cli(real, "find", phrase.lower())
    assert result.exit_code == 0, (phrase, result.output)
    assert any(
        msgctxt in line and re.search(r"\S+\.(?:po|pot|yml):\d+", line) for line in result.output.splitlines()
    ), result.output


def test_find_without_a_match_exits_1_and_says_so(real: Path) -> None:
    result = cli(real, "find", "no such words zqxj anywhere")
    assert result.exit_code == 1, result.output
    assert "no such words zqxj anywhere" in result.output and "Traceback" not in result.output


# --- crkb status ------------------------------------------------------------------------------


def _blank_one(path: Path) -> str:
    entry = first_entry(path, lambda e: not e.msgid_plural and e.msgctxt.count(".") >= 2)
    set_msgstr(path, entry.msgctxt, "")
    return entry.msgctxt


def _status_json(root: Path, *args: str):
    result = cli(root, "status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _dicts(data) -> list[dict]:
    """Every mapping anywhere in a JSON document."""
    if isinstance(data, dict):
        return [data, *(d for v in data.values() for d in _dicts(v))]
    if isinstance(data, list):
        return [d for v in data for d in _dicts(v)]
    return []


def _per_locale(data) -> dict[str, dict]:
    return {d["locale"]: d for d in _dicts(data) if isinstance(d.get("locale"), str)}


def test_status_floors_shares_so_one_missing_string_is_never_100_percent(real: Path) -> None:
    for locale in locales(real):
        _blank_one(catalog(real, locale))  # 1 of ~330 missing: 99.7 %, which rounds to 100
    result = cli(real, "status")
    totals = [line for line in result.output.splitlines() if "total" in line.lower()]
    assert totals, result.output
    for line in totals:
        assert not re.search(r"\b100(?:[.,]0+)?\s?%", line), line


def test_status_shows_stale_and_missing_separately(real: Path) -> None:
    locale = locales(real)[0]
    path = catalog(real, locale)
    _blank_one(path)
    po = polib.pofile(str(path), wrapwidth=79)
    stale = next(e for e in po if e.msgstr and not e.obsolete and e.msgctxt.count(".") >= 2)
    stale.flags.append("fuzzy")
    po.save(str(path))
    header = next(line for line in cli(real, "status").output.splitlines() if line.strip())
    assert {"missing", "stale"} <= set(header.lower().split()), header
    row = _per_locale(_status_json(real, "--locale", locale))[locale]
    assert (row.get("missing"), row.get("stale")) == (1, 1), row


def test_status_locale_option_limits_it_to_that_locale(real: Path) -> None:
    locale, *others = locales(real)
    result = cli(real, "status", "--locale", locale)
    assert result.exit_code == 0, result.output
    words = set(result.output.split())
    assert locale in words and not words & set(others), result.output
    assert set(_per_locale(_status_json(real, "--locale", locale))) == {locale}


def test_status_exits_non_zero_on_a_catalog_with_a_syntax_error(real: Path) -> None:
    locale = locales(real)[-1]
    path = catalog(real, locale)
    entry = first_entry(path, lambda e: not e.msgid_plural and e.msgctxt.count(".") >= 2)
    line = entry_block(path, entry.msgctxt).msgstr[0][0]
    text = path.read_text(encoding="utf-8").splitlines()
    text[line - 1] = text[line - 1].rstrip('"')  # an unclosed quote
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = cli(real, "status")
    assert result.exit_code != 0, result.output
    assert shown(locale) in result.output and "Traceback" not in result.output


def test_interface_rows_have_the_same_name_in_the_table_and_in_json(real: Path) -> None:
    playbooks = {p.stem for p in (real / "playbooks").glob("*.yml")} - {"topics"}  # topics.yml: the sections
    table = cli(real, "status")
    labels = set(table.output.split())  # row or column labels, whichever way the table is laid out
    documents = {
        "status --format json": _status_json(real),
        "check --format json": json.loads(cli(real, "check", "--format", "json").stdout),
    }
    for name, data in documents.items():
        rows = [d for d in _dicts(data) if playbooks <= d.keys()]
        assert rows, f"{name}: no per-playbook rows"
        for row in rows:
            others = set(row) - playbooks - {"total"}
            assert others and others <= labels, (name, others, sorted(labels))
