"""Search keys, folding and the per-language indexes (scripts/crkb/search/)."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

import pytest
from crkb.locales import locales_from, source_locale, translated_locales
from crkb.problems import ProblemsFound
from crkb.project import Project
from crkb.search import site_languages
from crkb.search.glossary import Concept, read_concepts
from crkb.search.indexes import Language, split_entries, with_keys
from crkb.search.keys import Keys
from crkb.search.reduce import Surface, reducer_for
from crkb.search.text import fold, words
from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
MKDOCS_YML = REPO / "mkdocs.yml"
MARKUP = set("<>&\"'=/")


def test_folding_removes_the_accents_of_letters() -> None:
    assert fold("Stížnost ZĽAVU Ôsmy") == "stiznost zlavu osmy"
    assert fold("всерьёз Ёлка") == "всерьез елка"


def test_folding_keeps_the_short_i_a_letter_of_its_own() -> None:
    assert fold("Йогурт майка") == "йогурт майка"


def test_folding_never_turns_a_compatibility_character_into_markup() -> None:
    """≮ ≠ ≯ decompose into < = > and a combining mark: the mark is not a letter's, so it stays."""
    assert fold("a≮b≠c≯d") == "a≮b≠c≯d"
    assert fold("<\u0338") == "≮"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_folding_adds_no_markup_character(text: str) -> None:
    folded = fold(text)
    for char in MARKUP:
        assert folded.count(char) <= text.lower().count(char)


def test_words_split_at_hyphens_and_keep_armenian_words_whole() -> None:
    assert words("Чек-лист, 92 % a ինչո՞ւ") == ["чек", "лист", "a", "ինչու"]


@pytest.mark.parametrize("locale", translated_locales(MKDOCS_YML))
def test_a_word_with_the_lemma_of_a_terms_wording_has_its_term_as_key(locale: str) -> None:
    concepts = read_concepts(Project(REPO).glossary(locale), "glossary.yml")
    keys = Keys(Surface(), concepts)
    lemmas = Counter(w.lower() for c in concepts for w in set(c.wordings))
    checked = 0
    for concept in concepts:
        term_words = [w for w in words(concept.term) if w in {x.lower() for x in concept.wordings}]
        for wording in concept.wordings:
            if lemmas[wording.lower()] > 1 or not term_words:
                continue  # a wording two terms share decides nothing
            assert keys.key(wording.lower()) == fold(term_words[0]), (concept.term, wording)
            checked += 1
    assert checked, f"{locale}: no single-word wording to check"


@pytest.mark.parametrize("locale", translated_locales(MKDOCS_YML))
def test_every_synonym_of_the_glossary_leads_to_its_term(locale: str) -> None:
    concepts = read_concepts(Project(REPO).glossary(locale), "glossary.yml")
    synonyms = [(s, c) for c in concepts for s in c.synonyms]
    assert synonyms, f"{locale}: the glossary lists no synonyms"
    keys = Keys(reducer_for(locale), concepts)
    table = keys.table()["synonyms"]
    for synonym, concept in synonyms:
        phrase = " ".join(keys.key(w) for w in words(synonym) if len(w) > 2)
        term = " ".join(dict.fromkeys(keys.key(w) for w in words(concept.term) if len(w) > 2))
        assert phrase == term or table.get(phrase) == term, (synonym, concept.term)


def test_synonyms_that_are_not_a_list_of_words_are_an_error_naming_the_line(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.yml"
    glossary.write_text(
        "language: xx\nterms:\n- en: complaint\n  term: stížnost\n  synonyms: reklamace\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemsFound) as raised:
        read_concepts(glossary, glossary.name)
    problem = raised.value.problems[0]
    assert (problem.path, problem.line) == (glossary.name, 5)
    assert "synonyms" in problem.message


def test_a_wording_two_terms_share_decides_nothing() -> None:
    concepts = [Concept("sleva", ("sleva", "akce")), Concept("výprodej", ("výprodej", "akce"))]
    keys = Keys(Surface(), concepts)
    assert keys.key("akce") == "akce"  # both terms have it: it stays itself
    assert keys.key("sleva") == "sleva" and keys.key("výprodej") == "vyprodej"


def test_keys_repeat_at_most_three_times_and_count_the_rest_as_it_comes() -> None:
    keys = Keys(Surface(), [])
    assert keys.of("Sleva, sleva, SLEVA, sleva a sleva.") == "a sleva sleva sleva"


def test_entries_go_to_the_language_whose_pages_they_are_on() -> None:
    languages = [Language("en", "", ()), Language("cs", "cs/", ())]
    entries = [{"location": ""}, {"location": "cs/playbooks/a/#x"}, {"location": "playbooks/a/"}]
    split = split_entries(entries, languages)
    assert [e["location"] for e in split["en"]] == ["", "playbooks/a/"]
    assert [e["location"] for e in split["cs"]] == ["cs/playbooks/a/#x"]


def test_key_fields_hold_letters_only_whatever_the_page_text() -> None:
    hostile = html.escape("≮script≯ <img src=x onerror=alert(1)> &lt;b&gt; ＜svg＞ ‹a›")
    doc = with_keys([{"location": "x/", "title": hostile, "text": hostile}], Keys(Surface(), []))[0]
    for field in ("keys", "title_keys"):
        assert not MARKUP & set(doc[field]), doc[field]
        assert all(w.isalnum() for w in doc[field].split())


def test_site_languages_are_those_of_mkdocs_yml_with_their_folders() -> None:
    languages = site_languages(Project(REPO), MKDOCS_YML)
    assert [lang.locale for lang in languages] == locales_from(MKDOCS_YML)
    for lang in languages:
        assert lang.prefix == ("" if lang.locale == source_locale(MKDOCS_YML) else f"{lang.locale}/")
        assert lang.concepts


@pytest.mark.slow
def test_each_language_gets_its_own_index_and_materials_file_keeps_no_documents(site_dir: Path) -> None:
    merged = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert merged["docs"] == []
    others = tuple(f"{loc}/" for loc in translated_locales(MKDOCS_YML))
    for locale in locales_from(MKDOCS_YML):
        index = json.loads((site_dir / "search" / locale / "index.json").read_text(encoding="utf-8"))
        table = json.loads((site_dir / "search" / locale / "words.json").read_text(encoding="utf-8"))
        assert index["docs"] and {"forms", "marks", "synonyms", "keys"} <= set(table)
        for doc in index["docs"]:
            location = doc["location"]
            assert (
                location.startswith(f"{locale}/")
                if locale != source_locale(MKDOCS_YML)
                else not location.startswith(others)
            )
            assert not MARKUP & set(doc.get("keys", "") + doc.get("title_keys", ""))
