"""Localisation: translations are used, figures formatted per locale, hostile text neutralised."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from crkb.localize import Localizer, localize
from crkb.model import load_playbook
from crkb.render.pages import playbook_page

GOOD = Path(__file__).parent / "fixtures" / "playbooks" / "good" / "greet-by-name.yml"


def catalog_with(locale: str, strings: dict[str, str], fuzzy: set[str] = frozenset()) -> Catalog:
    book = load_playbook(GOOD)
    english = {
        "greet-by-name.title": book.title,
        "greet-by-name.learn-names.actions.1": book.items[0].actions[0],
        "greet-by-name.facts.trust": book.facts[0].statement,
    }
    catalog = Catalog(locale=locale)
    for ident, text in strings.items():
        catalog.add(english[ident], text, context=ident, flags={"fuzzy"} if ident in fuzzy else ())
    return catalog


def test_translated_strings_replace_english_and_fuzzy_ones_do_not() -> None:
    catalog = catalog_with(
        "cs",
        {
            "greet-by-name.title": "Zdravte zákazníky jménem",
            "greet-by-name.learn-names.actions.1": "Zeptejte se",
        },
        fuzzy={"greet-by-name.learn-names.actions.1"},
    )
    book = localize(load_playbook(GOOD), Localizer("cs", catalog))
    assert book.title == "Zdravte zákazníky jménem"
    assert book.items[0].actions[0] == "Ask a regular's name and write it down"


@pytest.mark.parametrize(
    ("locale", "expected"), [("en", "92%"), ("cs", "92\xa0%"), ("hy", "92%"), ("ru", "92\xa0%")]
)
def test_figures_are_formatted_with_the_locale_rules(locale: str, expected: str) -> None:
    fact = load_playbook(GOOD).facts[0]
    assert Localizer(locale).statement(fact).startswith(expected)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[klikni](javascript:alert(1))",
        'Text{: onclick="alert(1)" }',
        "<img src=x onerror=alert(1)>",
    ],
)
def test_hostile_translation_never_reaches_the_page(hostile: str) -> None:
    catalog = catalog_with("sk", {"greet-by-name.learn-names.actions.1": hostile})
    loc = Localizer("sk", catalog)
    page = playbook_page(localize(load_playbook(GOOD), loc), loc)
    assert hostile not in page
    assert "- [ ] Ask a regular&#x27;s name" in page or "- [ ] Ask a regular's name" in page


def test_markup_in_english_source_is_escaped_on_the_page() -> None:
    book = load_playbook(GOOD).model_copy(update={"summary": "Use <b>bold</b> & {braces}"})
    page = playbook_page(book, Localizer("en"))
    assert "<b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#123;braces&#125;" in page


def test_hostile_format_fields_in_a_fact_stay_text() -> None:
    catalog = catalog_with("cs", {"greet-by-name.facts.trust": "{share} {0.__class__} {share.real}"})
    loc = Localizer("cs", catalog)
    fact = localize(load_playbook(GOOD), loc).facts[0]
    assert loc.statement(fact) == "92\xa0% &#123;0.__class__&#125; &#123;share.real&#125;"
