"""Localisation: translations are used, stale ones marked, missing ones fall back to English marked as English."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.numbers import format_percent
from conftest import GOOD, REPO
from crkb.locales import load_profiles
from crkb.localize import Localizer, Shown, localize_playbook
from crkb.model import load_playbook
from crkb.units import playbook_units

BOOK = GOOD / "greet-by-name.yml"


def profiles():
    found = load_profiles(REPO / "mkdocs.yml", REPO / "locales")
    return found[0], found[1:]


def catalog_with(locale: str, strings: dict[str, str], fuzzy: frozenset[str] = frozenset()) -> Catalog:
    english = {u.id: u.text for u in playbook_units(load_playbook(BOOK))}
    catalog = Catalog(locale=locale)
    for ident, text in strings.items():
        catalog.add(english[ident], text, context=ident, flags={"fuzzy"} if ident in fuzzy else ())
    return catalog


def localized(strings: dict[str, str], fuzzy: frozenset[str] = frozenset()) -> tuple[str, dict]:
    source, translated = profiles()
    profile = translated[0]
    loc = Localizer(profile, source, catalog_with(profile.code, strings, fuzzy))
    return profile.code, localize_playbook(load_playbook(BOOK), loc.phrase)


def test_a_translation_replaces_the_english_and_a_stale_one_is_shown_marked_stale() -> None:
    code, book = localized(
        {"greet-by-name.title": "Titul", "greet-by-name.learn-names.actions.1": "Akce"},
        fuzzy=frozenset({"greet-by-name.learn-names.actions.1"}),
    )
    assert (book["title"].text, book["title"].lang, book["title"].shown) == ("Titul", code, Shown.TRANSLATED)
    action = book["items"][0]["actions"][0]["text"]
    assert (action.text, action.shown) == ("Akce", Shown.STALE)


def test_a_missing_translation_falls_back_to_english_marked_as_english() -> None:
    source, _ = profiles()
    _, book = localized({})
    summary = book["summary"]
    assert summary.shown is Shown.FALLBACK
    assert summary.lang == source.code
    assert summary.text == "Regulars who are greeted by name come back."


def test_markdown_fields_become_their_paragraphs() -> None:
    _, book = localized({})
    assert [p.text for p in book["intro"]] == ["Names matter.", "People notice when you *remember* them."]
    assert len(book["items"][0]["body"]) == 2


def test_a_translation_that_would_break_the_page_is_not_used() -> None:
    _, book = localized({"greet-by-name.facts.trust": "{podíl} věří přátelům"})
    assert book["facts"][0]["statement"].shown is Shown.FALLBACK


def test_figures_are_formatted_with_each_locales_cldr_rules() -> None:
    source, translated = profiles()
    for profile in [source, *translated]:
        loc = Localizer(profile, source, None)
        book = localize_playbook(load_playbook(BOOK), loc.phrase)
        assert book["facts"][0]["statement"].values["share"] == format_percent(0.92, locale=profile.code)
