"""Search on the built site in headless Chromium, a query of each kind in each language.

The queries come from the public query set (bench/search/queries.yml): for every
language of mkdocs.yml, the first query of each kind, typed key by key as staff would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import complete_locales
from crkb.locales import locales_from
from crkb.project import Project
from crkb.search import site_languages
from crkb.search.text import fold

from bench.search.browser import CHROMIUM, Browser
from bench.search.run import Query, load_queries

REPO = Path(__file__).resolve().parent.parent
KINDS = ("dictionary", "inflected", "accent-free", "synonym", "ranking")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"),
]
PREFIX = {lang.locale: lang.prefix for lang in site_languages(Project(REPO), REPO / "mkdocs.yml")}


def first_of_each_kind() -> list[Query]:
    chosen: dict[tuple[str, str], Query] = {}
    for q in load_queries(REPO / "mkdocs.yml"):
        if q.kind in KINDS:
            chosen.setdefault((q.locale, q.kind), q)
    return list(chosen.values())


@pytest.fixture(scope="module")
def searcher(site_dir: Path) -> Iterator[Browser]:
    pytest.importorskip("playwright.sync_api")
    with Browser(site_dir) as browser:
        yield browser


def results(searcher: Browser, query: Query) -> list[str]:
    searcher.open(PREFIX[query.locale])
    found = searcher.search(query.query)
    assert found.ms is not None, f"no results shown for {query.query!r}"
    return found.pages


@pytest.mark.parametrize("query", first_of_each_kind(), ids=lambda q: f"{q.locale}-{q.kind}")
def test_a_query_finds_its_playbook_among_the_first_three_in_the_pages_language(
    searcher: Browser, query: Query
) -> None:
    pages = results(searcher, query)
    prefix = PREFIX[query.locale]
    others = tuple(p for p in PREFIX.values() if p and p != prefix)
    assert all(p.startswith(prefix) and not p.startswith(others) for p in pages), pages
    target = f"{prefix}playbooks/{query.expect}/"
    assert target in pages[: 1 if query.kind == "ranking" else 3], (query.query, pages[:3])


def test_every_translated_language_has_a_query_of_every_kind() -> None:
    """English has no glossary synonyms; a script without accents needs no accent-free query."""
    have = {(q.locale, q.kind) for q in first_of_each_kind()}
    for locale in complete_locales():  # a language in progress has no queries yet
        needed = (
            {"dictionary", "inflected", "ranking"} if locale == locales_from(REPO / "mkdocs.yml")[0] else set(KINDS)
        )
        accented = any(fold(q.query) != q.query.lower() for q in load_queries() if q.locale == locale)
        if not accented and locale != locales_from(REPO / "mkdocs.yml")[0]:
            needed.discard("accent-free")
        assert {k for loc, k in have if loc == locale} >= needed, locale


@pytest.mark.parametrize("locale", complete_locales())
def test_search_requests_nothing_from_other_hosts(searcher: Browser, locale: str) -> None:
    query = next(q for q in first_of_each_kind() if q.locale == locale)
    results(searcher, query)
    assert searcher.hosts == {"127.0.0.1"}


@pytest.mark.parametrize("locale", complete_locales())
def test_the_page_found_highlights_the_forms_it_uses(searcher: Browser, locale: str) -> None:
    """A section found through a word's dictionary form marks the forms the page uses, also
    those that do not begin with the query (which Material alone would leave unmarked)."""
    queries = [q for q in load_queries() if q.locale == locale and q.kind in ("dictionary", "synonym")]
    unmarked_by_prefix = False
    for query in queries:
        results(searcher, query)
        links = searcher.page.eval_on_selector_all(
            "a.md-search-result__link[href*='#']", "links => links.map(a => a.href)"
        )
        if not links:
            continue
        marks = searcher.highlighted(links[0])
        assert marks, (query.query, links[0])
        if any(not fold(m).startswith(fold(query.query)) for m in marks):
            unmarked_by_prefix = True
            break
    assert unmarked_by_prefix, f"{locale}: no query marked a form that does not begin with it"


@pytest.mark.parametrize("locale", complete_locales())
def test_a_page_listed_for_its_sections_still_highlights_the_words_found(searcher: Browser, locale: str) -> None:
    """Material gives the page's own link an empty `?h=` when only its sections matched:
    clicking the page's title must mark the words all the same."""
    query = next(q for q in first_of_each_kind() if q.locale == locale and q.kind == "dictionary")
    results(searcher, query)
    pages = searcher.page.eval_on_selector_all(
        "a.md-search-result__link:not([href*='#'])", "links => links.map(a => a.href)"
    )
    assert pages, query.query
    assert all(parse_qs(urlparse(href).query).get("h") for href in pages), pages
    assert searcher.highlighted(pages[0]), (query.query, pages[0])


def test_the_browser_folds_queries_as_the_index_was_folded(searcher: Browser) -> None:
    """search.js's fold() against text.py's, on letters of every site language and on symbols."""
    script = (REPO / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    start = script.index("function fold(text)")
    source = script[start : script.index('return out.normalize("NFC");', start)] + 'return out.normalize("NFC"); }'
    samples = [
        "Stížnost ZĽAVU Ôsmy",
        "всерьёз Ёлка Йод",
        "Բողոքները",
        "a≮b≠c≯",
        "q\u0303 e\u0301",
        "ǅ ﬁ ﹤ İ",
    ]
    folded = searcher.page.evaluate(f"samples => samples.map({source})", samples)
    assert folded == [fold(s) for s in samples]
