"""Each translation's site problems, kept across runs in the user's cache folder: the same answers,
worked out once per version of the code that judges them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from crkb import translations, wordcache, workedout
from crkb.markup import Difference
from crkb.workedout import WorkedOut

HOSTILE = ("Say [hello](https://example.org).", "Řekněte [ahoj](javascript:alert(1)) <img src=x onerror=alert(1)>")
FINE = ("Greet every customer.", "Pozdravte každého zákazníka.")


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache folder, and a process that has opened no kept answers yet."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("CRKB_CACHE_DIR", str(folder))
    monkeypatch.setattr(translations, "_KEPT", [])
    translations._remembered.cache_clear()
    yield folder
    translations._remembered.cache_clear()


def next_run(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What a new process finds: only the file. Returns the pairs it works out itself."""
    monkeypatch.setattr(translations, "_KEPT", [])
    translations._remembered.cache_clear()
    worked: list[tuple[str, str]] = []
    real = translations._work_out
    monkeypatch.setattr(translations, "_work_out", lambda s, t: worked.append((s, t)) or real(s, t))
    return worked


def test_answers_kept_by_one_run_are_the_next_runs_answers_without_working_them_out(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = {pair: translations._pair_problems(*pair) for pair in (HOSTILE, FINE)}
    assert {d.code for d in first[HOSTILE]} >= {"markup", "unsafe"} and first[FINE] == ()
    translations.save_worked_out()
    worked = next_run(monkeypatch)
    assert {pair: translations._pair_problems(*pair) for pair in (HOSTILE, FINE)} == first
    assert worked == []


def test_a_change_to_the_judging_code_starts_a_new_file_and_removes_the_old(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translations._pair_problems(*HOSTILE)
    translations.save_worked_out()
    [old] = user_cache.glob("worked-out-*.json")
    monkeypatch.setattr(workedout, "code_digest", lambda: "0123456789abcdef")
    worked = next_run(monkeypatch)
    assert translations._pair_problems(*HOSTILE) == translations._work_out(*HOSTILE)
    assert worked[0] == HOSTILE
    translations.save_worked_out()
    assert [p.name for p in user_cache.glob("worked-out-*.json")] == ["worked-out-0123456789abcdef.json"]
    assert not old.exists()


@pytest.mark.parametrize("damage", ["not json", json.dumps([1, 2]), "entry"])
def test_a_damaged_file_or_entry_is_worked_out_again(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    translations._pair_problems(*HOSTILE)
    translations.save_worked_out()
    [kept] = user_cache.glob("worked-out-*.json")
    if damage == "entry":
        entries = json.loads(kept.read_text(encoding="utf-8"))
        kept.write_text(json.dumps({key: "{broken" for key in entries}), encoding="utf-8")
    else:
        kept.write_text(damage, encoding="utf-8")
    worked = next_run(monkeypatch)
    assert translations._pair_problems(*HOSTILE) == translations._work_out(*HOSTILE) != ()
    assert worked[0] == HOSTILE


def test_answers_are_kept_as_the_differences_worked_out() -> None:
    found = (Difference("markup", "link targets differ: «x»", "keep it", span="**"),)
    assert workedout.decode(workedout.encode(found)) == found
    assert workedout.encode(()) == "" and workedout.decode("") == ()


def test_nowhere_to_keep_them_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = WorkedOut(translations._work_out, None)
    assert kept.get(*HOSTILE) == translations._work_out(*HOSTILE)
    kept.save()


@pytest.mark.parametrize(
    "stored",
    ["[]", '"garbage"', '{"a": 1}', "[[1, 2, 3]]", '[["x", "m", "f", ""]]', '[["markup", "", "f", ""]]', "[" * 100_000],
)
def test_an_entry_that_is_not_what_was_kept_never_reads_as_no_problem(stored: str) -> None:
    assert workedout.decode(stored) is None


def test_a_cache_folder_whose_old_files_cannot_go_costs_nothing_but_space(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (user_cache / "worked-out-0000000000000000.json").mkdir(parents=True)  # not a file: left alone
    (user_cache / "worked-out-1111111111111111.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: (_ for _ in ()).throw(PermissionError(13, "")))
    translations._pair_problems(*HOSTILE)
    translations.save_worked_out()
    assert (user_cache / "worked-out-1111111111111111.json").exists()


def test_a_user_cache_nested_past_pythons_limit_is_read_as_empty(user_cache: Path) -> None:
    user_cache.mkdir(parents=True)
    deep = user_cache / "worked-out-deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert wordcache._read(deep, str) == {}
