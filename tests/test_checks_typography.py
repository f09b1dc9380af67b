"""`typography`: each rule reads the locale's profile or CLDR, so each test picks a locale by them."""

from __future__ import annotations

import pytest
from babel.numbers import format_percent

from tests.checks_support import context, found, glossary_of, profile_where, profiles

LOCALES = profiles()
YO = profile_where(lambda p: glossary_of(p).yo == "always")


def problems(profile, translation: str, english: str = "Say it", glossary=None) -> list[str]:
    ctx = context(profile, [("a.t", english, translation)], glossary)
    return [f"{p.message} → {p.fix}" for p in found(ctx, "typography")]


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_the_locales_own_quotes_pass_and_others_are_flagged(profile) -> None:
    opening, closing = profile.settings.quotes
    assert problems(profile, f"Say {opening}x{closing} now") == []
    foreign = next(q for q in '"«»„“”' if q not in profile.settings.quotes)
    [message] = problems(profile, f"Say {foreign}x{foreign} now")
    assert foreign in message


def test_unpaired_quotes_are_flagged() -> None:
    profile = profile_where(lambda p: p.settings.quotes[0] != p.settings.quotes[1])
    opening, _ = profile.settings.quotes
    [message] = problems(profile, f"Say {opening}x now")
    assert "pair" in message


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_no_break_and_double_spaces_are_flagged(profile) -> None:
    assert any("U+00A0" in m for m in problems(profile, "a\u00a0b"))
    assert any("two spaces" in m for m in problems(profile, "a  b"))


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_the_dash_follows_the_profile(profile) -> None:
    style = profile.settings.dash
    other = "—" if style.strip() == "–" else "–"
    assert problems(profile, f"one{style}two") == []
    assert problems(profile, f"one {other} two") != []
    assert problems(profile, "one - two") != []


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_percent_spacing_follows_cldr_with_a_plain_space(profile) -> None:
    right = format_percent(0.2, locale=profile.code).replace("\u00a0", " ")
    wrong = right.replace(" ", "") if " " in right else right.replace("%", " %")
    assert problems(profile, f"x {right} y") == []
    [message] = problems(profile, f"x {wrong} y")
    assert right in message


def test_a_unit_glued_to_its_figure_is_flagged() -> None:
    profile = LOCALES[0]
    symbol = min(profile.figures.symbols, key=len)
    assert any(symbol in m for m in problems(profile, f"in 30{symbol}"))
    assert problems(profile, f"in 30 {symbol}") == []


def test_forbidden_marks_and_sentence_marks_come_from_the_profile() -> None:
    profile = profile_where(lambda p: bool(p.settings.forbidden_marks and p.settings.sentence_marks))
    end = profile.settings.sentence_marks[0]
    word = "բառ"  # any word in the locale's script
    for mark in profile.settings.forbidden_marks:
        assert any(mark in m for m in problems(profile, f"{word}{mark} {word}{end}", "Word. Word."))
    assert problems(profile, f"{word} {word}{end}", "Word word.") == []
    assert any("ends with" in m for m in problems(profile, f"{word} {word}.", "Word word."))
    assert problems(profile, f"{word} {word}", "Word word") == []  # a title has no full stop


def test_yo_always_flags_a_word_the_dictionary_spells_with_yo() -> None:
    [message] = problems(YO, "Спросите ее имя")
    assert "«ее»" in message and "«её»" in message
    assert problems(YO, "Спросите её имя") == []


def test_yo_always_leaves_words_spelled_both_ways() -> None:
    assert problems(YO, "Все клиенты и всё прочее") == []


def test_yo_always_uses_the_glossarys_own_words() -> None:
    listed = glossary_of(YO).yo_words[0]
    [message] = problems(YO, listed.replace("ё", "е"))
    assert listed in message


def test_yo_never_flags_every_yo() -> None:
    never = glossary_of(YO).model_copy(update={"yo": "never"})
    [message] = problems(YO, "Спросите её имя", glossary=never)
    assert "«её»" in message and "«ее»" in message


def test_without_a_policy_one_word_written_both_ways_is_flagged() -> None:
    unset = glossary_of(YO).model_copy(update={"yo": None})
    ctx = context(YO, [("a.t", "One", "Спросите её имя"), ("b.t", "Two", "Спросите ее имя")], unset)
    [problem] = found(ctx, "typography")
    assert problem.msgctxt == "b.t" and "yo: always or yo: never" in problem.message


def test_placeholders_links_and_code_are_not_read() -> None:
    profile = LOCALES[0]
    text = 'See [the "guide"](https://example.org/a  b?x=1 "t") and `a  "b"` for {share}'
    assert problems(profile, text) == []
