"""`glossary` by lemma: a term in any form is found, a look-alike word is not the term."""

from __future__ import annotations

from pathlib import Path

import pytest
from crkb import lemmas
from crkb.glossary import load_glossary
from crkb.locales import translated_locales

from tests.checks_support import context, found, glossary_of, profile_where

RU = profile_where(lambda p: bool(glossary_of(p).yo))  # the fixture glossary with Cyrillic terms


def warnings(rows) -> list[str]:
    return [p.msgctxt for p in found(context(RU, rows), "glossary")]


def test_a_term_is_found_in_any_form_on_both_sides() -> None:
    assert warnings([("a.t", "Thank your customers", "Поблагодарите своих клиентов")]) == []


def test_a_missing_term_is_a_warning_naming_it() -> None:
    [problem] = found(context(RU, [("a.t", "Thank your customers", "Поблагодарите покупателей")]), "glossary")
    assert "“customer”" in problem.message and "“клиент”" in problem.message


def test_a_word_that_only_starts_like_the_term_does_not_pass() -> None:
    # «точно» starts like «точка»: a stem matched it, a lemma does not.
    assert warnings([("a.t", "Map each touchpoint", "Точно опишите контакт")]) == ["a.t"]
    assert warnings([("b.t", "Map each touchpoint", "Опишите каждую точку контакта")]) == []


def test_a_form_listed_in_the_glossary_counts_as_the_term() -> None:
    assert warnings([("a.t", "Customers complain", "Клиенты жалуются")]) == []


def test_a_term_inside_a_longer_term_is_not_required_on_its_own() -> None:
    # "customer service" is agreed as «сервис»; "customer" within it needs no «клиент».
    assert warnings([("a.t", "Good customer service", "Хороший сервис")]) == []
    assert warnings([("b.t", "Good customer service for every customer", "Хороший сервис для всех")]) == ["b.t"]


def test_the_glossary_corrects_a_lemma_the_lemmatizer_gets_wrong() -> None:
    profile = profile_where(lambda p: bool(glossary_of(p).lemmas))
    glossary = glossary_of(profile)
    word, _ = next(iter(glossary.lemmas.items()))
    rows = [("a.t", "Profitability matters", f"{word} x")]
    assert found(context(profile, rows, glossary), "glossary") == []
    assert len(found(context(profile, rows, glossary.model_copy(update={"lemmas": {}})), "glossary")) == 1


def test_lemmas_are_remembered_so_the_next_run_needs_no_dictionary(tmp_path, monkeypatch) -> None:
    cache = tmp_path / "lemmas.json"
    first = lemmas.Lemmatizer(RU.code, cache)
    assert first.lemmas("клиентами") == ["клиент"]
    first.save()
    assert cache.is_file()

    def no_dictionary(language: str):
        raise AssertionError("the dictionary was loaded")

    monkeypatch.setattr(lemmas, "_simplemma", no_dictionary)
    assert lemmas.Lemmatizer(RU.code, cache).lemmas("Клиентами") == ["клиент"]
    with pytest.raises(AssertionError):
        lemmas.Lemmatizer(RU.code, cache).lemma("новое")


def test_every_glossary_of_the_project_loads_in_the_lemma_format() -> None:
    repo = Path(__file__).resolve().parent.parent
    for code in translated_locales(repo / "mkdocs.yml"):
        glossary = load_glossary(repo / "locales" / code / "glossary.yml", repo)
        assert glossary.language == code
        assert all(term.en and term.term for term in glossary.terms)
