"""Counts on pages take the right plural form in each language, from the real catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from crkb.localize import Localizer, read_catalog

REPO = Path(__file__).resolve().parent.parent


def localizer(locale: str) -> Localizer:
    if locale == "en":
        return Localizer("en")
    return Localizer(locale, read_catalog(REPO / "locales" / locale / "LC_MESSAGES" / "crkb.po", locale))


@pytest.mark.parametrize(
    ("locale", "one", "two", "five"),
    [
        ("en", "1 tip", "2 tips", "5 tips"),
        ("cs", "1 tip", "2 tipy", "5 tipů"),
        ("sk", "1 tip", "2 tipy", "5 tipov"),
        ("ru", "1 совет", "2 совета", "5 советов"),
        ("hy", "1 խորհուրդ", "2 խորհուրդ", "5 խորհուրդ"),
    ],
)
def test_counts_use_the_languages_plural_forms(locale: str, one: str, two: str, five: str) -> None:
    loc = localizer(locale)
    assert [loc.count("ui.count.tip", n) for n in (1, 2, 5)] == [one, two, five]


def test_russian_uses_the_few_form_for_22_and_many_for_11() -> None:
    loc = localizer("ru")
    assert loc.count("ui.count.tip", 22) == "22 совета"
    assert loc.count("ui.count.tip", 11) == "11 советов"
