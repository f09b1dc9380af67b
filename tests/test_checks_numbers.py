"""`numbers`: a figure typed in the English is in the translation as CLDR writes it."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal, format_percent

from tests.checks_support import context, found, profiles

LOCALES = profiles()


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_cldr_form_with_plain_spaces_passes(profile) -> None:
    percent = plain(format_percent(0.2, locale=profile.code))
    decimal = plain(format_decimal(2.5, locale=profile.code))
    grouped = plain(format_decimal(1000, locale=profile.code))
    english = "20% of 1,000 buyers rate it 2.5 stars; it opened in 2020."
    ctx = context(profile, [("a.fact", english, f"{percent} · {grouped} · {decimal} · 2020")])
    assert found(ctx, "numbers") == []


@pytest.mark.parametrize("profile", LOCALES, ids=lambda p: p.code)
def test_percent_spaced_the_other_way_is_an_error(profile) -> None:
    right = plain(format_percent(0.2, locale=profile.code))
    wrong = right.replace(" ", "") if " " in right else right.replace("%", " %")
    ctx = context(profile, [("a.fact", "20% of buyers", f"{wrong} x")])
    [problem] = found(ctx, "numbers")
    assert f"“{right}”" in problem.message and problem.msgctxt == "a.fact"


def test_english_decimal_point_where_the_locale_writes_a_comma_is_an_error() -> None:
    profile = next(p for p in LOCALES if format_decimal(2.5, locale=p.code) != "2.5")
    [problem] = found(context(profile, [("a.fact", "Rated 2.5 stars", "2.5 x")]), "numbers")
    assert format_decimal(2.5, locale=profile.code) in problem.message


def test_a_lost_figure_is_an_error_and_placeholders_do_not_count() -> None:
    profile = LOCALES[0]
    ctx = context(
        profile, [("a.fact", "{share} of 12 shops", "{share} x"), ("b.fact", "{share} of shops", "{share} x")]
    )
    problems = found(ctx, "numbers")
    assert [p.msgctxt for p in problems] == ["a.fact"]
    assert "“12”" in problems[0].message
