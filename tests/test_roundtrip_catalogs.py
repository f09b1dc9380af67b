"""`crkb update` writes catalogs every gettext tool reads alike, after any number of English edits.

Readers: GNU msgfmt -c (validity), GNU msgcat (a rewrite that must read back the
same), polib (Poedit-style tools), translate-toolkit (what Weblate uses) and Babel.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roundtrip_helpers import (
    READERS,
    assert_readers_agree,
    catalog,
    cli,
    entries,
    fixture_project,
    locale_files,
    locales,
    msgfmt_errors,
    read_polib,
)

pytestmark = pytest.mark.skipif(not (shutil.which("msgfmt") and shutil.which("msgcat")), reason="needs GNU gettext")

BOOK = "playbooks/thank-you-notes.yml"
# English edits near the END of long wrapped paragraphs: one plain, one with a
# backslash path and an accent, one with quotes and non-ASCII names.
EDITS = [
    ("with a discount code attached to it at the very end.", "with a voucher stapled to it at the very end."),
    ("a café's name with an accent.", "a café's name with a cedilla, like François."),
    ("the person and the place in one breath.", 'the person and the "place" in one breath \\o/.'),
]


def _english(root: Path) -> dict[str, str]:
    return {e.msgctxt: e.msgid for e in entries(root / "locales" / "crkb.pot")}


def _edit(root: Path, old: str, new: str) -> None:
    book = root / BOOK
    text = book.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    book.write_text(text.replace(old, new), encoding="utf-8")


def _update(root: Path) -> None:
    result = cli(root, "update")
    assert result.exit_code == 0, result.output


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    return fixture_project(tmp_path / "project")


def test_fresh_translated_catalogs_are_read_alike_by_every_reader(translated: Path) -> None:
    _update(translated)  # rewritten by crkb, as after any translator's save
    for locale in locales(translated):
        seen = assert_readers_agree(catalog(translated, locale))
        assert seen and not any(s.fuzzy for s in seen.values())


def test_catalogs_stay_valid_for_every_reader_after_english_edits(translated: Path) -> None:
    for old, new in EDITS:
        _edit(translated, old, new)
    _update(translated)
    for locale in locales(translated):
        seen = assert_readers_agree(catalog(translated, locale))
        assert sum(s.fuzzy for s in seen.values()) == len(EDITS)


def test_previous_msgid_is_exactly_the_old_english_in_every_reader(translated: Path) -> None:
    before = _english(translated)
    for old, new in EDITS:
        _edit(translated, old, new)
    _update(translated)
    changed = {ctx for ctx, text in _english(translated).items() if before.get(ctx) != text}
    assert len(changed) == len(EDITS)
    wrong = []
    for locale in locales(translated):
        path = catalog(translated, locale)
        for name, reader in READERS.items():
            try:
                view = reader(path)
            except (OSError, ValueError, AssertionError) as err:
                wrong.append(f"{path.name} [{locale}] {name}: cannot read: {err}")
                continue
            for (ctx, _), seen in view.items():
                if ctx in changed and seen.previous != (before[ctx],):
                    wrong.append(f"[{locale}] {name} {ctx}: previous msgid {seen.previous!r}")
    assert not wrong, "\n".join(wrong)


def test_second_update_after_an_english_edit_changes_no_byte(translated: Path) -> None:
    for old, new in EDITS:
        _edit(translated, old, new)
    _update(translated)
    before = locale_files(translated)
    _update(translated)
    after = locale_files(translated)
    changed = [str(p.relative_to(translated)) for p in before if after.get(p) != before[p]]
    assert not changed, f"a second `crkb update` rewrote {changed}"


def test_string_edited_twice_keeps_the_english_its_translation_was_made_from(translated: Path) -> None:
    before = _english(translated)
    old, new = EDITS[0]
    _edit(translated, old, new)
    _update(translated)
    _edit(translated, new, new.replace("voucher", "coupon"))
    _update(translated)
    (ctx,) = {c for c, text in _english(translated).items() if before.get(c) != text}
    for locale in locales(translated):
        seen = assert_readers_agree(catalog(translated, locale))
        (entry,) = [s for (c, _), s in seen.items() if c == ctx]
        assert entry.fuzzy and entry.previous == (before[ctx],), (locale, entry)


# --- the property: any sequence of English edits keeps every catalog valid ------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßčřžôäñçøåяжщЁыաբգդեզ"
_MARKS = ['"', "'", "\\", "\\\\", '\\"', '"\\']  # quotes and backslashes, alone and in escape-like pairs
_MARKS += list("“”„«»…—–,.:!?")
_word = st.text(alphabet=_LETTERS, min_size=1, max_size=14)
_token = st.one_of(_word, _word, _word, st.sampled_from(_MARKS), st.just("\n"))


def _sentence(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.tuples(_word, st.lists(_token, min_size=min_size, max_size=max_size)).map(
        lambda parts: " ".join([parts[0], *parts[1]])
    )


# short, or long enough to wrap (several times) at 79 columns
_TEXT = st.one_of(_sentence(0, 6), _sentence(25, 70))


def _paragraph(text: str) -> str:
    """One Markdown paragraph: single line breaks stay, blank lines (a new paragraph) do not."""
    return re.sub(r"\n\s*\n", "\n", text).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _set_title(data: dict, text: str) -> None:
    data["title"] = _one_line(text)


def _set_summary(data: dict, text: str) -> None:
    data["summary"] = _one_line(text)


def _set_paragraph(field: str, index: int):
    def edit(data: dict, text: str) -> None:
        blocks = re.split(r"\n[ \t]*\n", data[field].strip())
        blocks[index] = _paragraph(text)
        data[field] = "\n\n".join(blocks) + "\n"

    return edit


def _set_item(item: int, field: str, index: int):
    def edit(data: dict, text: str) -> None:
        target = data["items"][item]
        if field == "body":
            blocks = re.split(r"\n[ \t]*\n", target["body"].strip())
            blocks[index] = _paragraph(text)
            target["body"] = "\n\n".join(blocks) + "\n"
        else:
            target[field][index] = _one_line(text)

    return edit


EDITORS = [
    _set_title,
    _set_summary,
    _set_paragraph("intro", 0),
    _set_paragraph("intro", 1),
    _set_paragraph("closing", 0),
    _set_item(0, "body", 0),
    _set_item(0, "body", 1),
    _set_item(0, "actions", 1),
    _set_item(0, "examples", 0),
    _set_item(1, "body", 0),
]
_STEPS = st.lists(st.tuples(st.sampled_from(range(len(EDITORS))), _TEXT), min_size=1, max_size=4)


def _translations(path: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """msgctxt -> (the English a translation was made from, the translation), from polib."""
    return {ctx: (ids, seen.msgstr) for (ctx, ids), seen in read_polib(path).items() if any(seen.msgstr)}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(steps=_STEPS)
def test_any_sequence_of_english_edits_keeps_every_catalog_valid_for_every_reader(steps) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = fixture_project(Path(tmp) / "project")
        _update(root)
        made_from = {loc: _translations(catalog(root, loc)) for loc in locales(root)}
        for editor, text in steps:
            book = root / BOOK
            data = yaml.safe_load(book.read_text(encoding="utf-8"))
            EDITORS[editor](data, text)
            book.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
            _update(root)
            for loc, original in made_from.items():
                seen = assert_readers_agree(catalog(root, loc))
                for (ctx, ids), entry in seen.items():
                    if ctx not in original:
                        continue
                    source, translation = original[ctx]
                    if ids != source:
                        assert entry.fuzzy, (loc, ctx, "English changed but the entry is not fuzzy")
                    if entry.fuzzy:
                        assert entry.previous == source, (loc, ctx, entry.previous, source)
                        assert entry.msgstr == translation, (loc, ctx)
        before = locale_files(root)
        _update(root)
        assert locale_files(root) == before, "a last `crkb update` changed the catalogs"
        for loc in locales(root):
            assert not msgfmt_errors(catalog(root, loc))
