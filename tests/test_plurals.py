"""Counts on pages take the right plural form in each language, by the rule in its profile."""

from __future__ import annotations

import gettext

import pytest
from crkb.checks.catalog import plural_examples
from crkb.localize import Shown


def test_every_language_picks_the_form_its_plural_rule_names(site_data) -> None:
    for loc in site_data.locales:
        forms, rule = loc.interface.plurals["ui.count.tip"]
        if forms[0].shown is Shown.FALLBACK:
            continue
        choose = gettext.c2py(rule)
        for n in (0, 1, 2, 3, 5, 11, 21, 22, 25, 101):
            expected = forms[min(choose(n), len(forms) - 1)].text
            assert loc.interface.count("ui.count.tip", n).text == expected, (loc.code, n)


def test_each_plural_form_is_used_by_some_number(site_data) -> None:
    for loc in site_data.locales:
        examples = plural_examples(loc.profile.plural_forms, loc.profile.nplurals)
        assert all(examples), (loc.code, examples)


@pytest.mark.parametrize("n", [1, 2, 5])
def test_english_fallback_counts_use_english_rules(site_data, n: int) -> None:
    source = site_data.source
    phrase = source.interface.count("ui.count.action", n)
    assert phrase.text == ("{count} action" if n == 1 else "{count} actions")
    assert phrase.values["count"] == str(n)
