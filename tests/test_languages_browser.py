"""A language in progress in headless Chromium, as a reader meets it: the banner in the reader's
language, the English marked as English, the language switcher, search and the status page.

The site is built from a project where the fixture's language is about 30 % translated
(tests/languages_project.py); everything else is read from the configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.numbers import format_percent
from browser_support import NEEDS_CHROMIUM, chromium, serving
from crkb.catalogs import read_catalog
from crkb.locales import locales_from
from crkb.project import Project
from crkb.site import SiteData
from languages_project import NEW, PARTIAL, build_site, in_progress_project

pytestmark = NEEDS_CHROMIUM
TRANSLATED = {m.context: m.string for m in read_catalog(PARTIAL, NEW) if m.id and not m.fuzzy}
PAGE = "playbooks/greet-by-name/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = in_progress_project(tmp_path_factory.mktemp("browser") / "project", PARTIAL)
    return root, build_site(root, root.parent / "site")


@pytest.fixture(scope="module")
def server(built: tuple[Path, Path]) -> Iterator[str]:
    with serving(built[1]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def source(built: tuple[Path, Path]) -> str:
    return locales_from(built[0] / "mkdocs.yml")[0]


def visible(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_banner_shows_in_the_readers_language_and_english_is_marked_english(
    page, server: str, built: tuple[Path, Path]
) -> None:
    page.goto(f"{server}/{NEW}/{PAGE}")
    assert page.evaluate("document.documentElement.lang") == NEW
    banner = page.locator("article .admonition.info")
    assert banner.is_visible()
    assert TRANSLATED["ui.banner.untranslated-title"] in visible(banner.inner_text())
    share = SiteData.load(Project(built[0])).locale(NEW).status.total.share
    assert visible(format_percent(share, locale=NEW)) in visible(banner.inner_text())
    language = "el => el.closest('[lang]').getAttribute('lang')"
    fallback = page.locator('[data-crkb-id="greet-by-name.learn-names.body.2"] li').first
    assert fallback.evaluate(language) == source(built)  # what a screen reader and search go by
    title = page.locator('h1 [data-crkb-id="greet-by-name.title"]')
    assert title.inner_text() == TRANSLATED["greet-by-name.title"] and title.evaluate(language) == NEW


def test_the_outdated_banner_leads_to_the_english_page(page, server: str, built: tuple[Path, Path]) -> None:
    page.goto(f"{server}/{NEW}/{PAGE}")
    page.locator("article .admonition.warning a").click()
    page.wait_for_load_state()
    assert page.url == f"{server}/{PAGE}"
    assert page.evaluate("document.documentElement.lang") == source(built)


def test_the_language_switcher_leads_to_the_language_in_progress_and_back(
    page, server: str, built: tuple[Path, Path]
) -> None:
    page.goto(f"{server}/{PAGE}")
    page.goto(page.locator(f'a[hreflang="{NEW}"]').first.evaluate("a => a.href"))
    assert page.url == f"{server}/{NEW}/{PAGE}"
    assert page.evaluate("document.documentElement.lang") == NEW
    page.goto(page.locator(f'a[hreflang="{source(built)}"]').first.evaluate("a => a.href"))
    assert page.url == f"{server}/{PAGE}"


def search(page, server: str, query: str) -> list[str]:
    """Type the query key by key, as a reader does; the links of the results shown."""
    page.goto(f"{server}/{NEW}/", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item:not([hidden])", timeout=10_000)
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__item:not([hidden]) a")
    return [links.nth(i).evaluate("a => new URL(a.href).pathname") for i in range(links.count())]


@pytest.mark.parametrize(
    "query",
    [
        max(TRANSLATED["greet-by-name.learn-names.actions.1"].split(), key=len),  # a word of the translation
        "recommendations",  # a word of the English shown where nothing is translated yet
    ],
)
def test_search_in_the_language_in_progress_finds_its_pages(page, server: str, query: str) -> None:
    found = search(page, server, query)
    assert f"/{NEW}/{PAGE}" in found, (query, found)
    assert all(path.startswith(f"/{NEW}/") for path in found), found  # only the reader's language


def test_the_status_page_shows_the_share_of_the_language_in_progress(
    page, server: str, built: tuple[Path, Path]
) -> None:
    data = SiteData.load(Project(built[0]))
    loc = data.locale(NEW)
    page.goto(f"{server}/{NEW}/status/")
    headers = [visible(h) for h in page.locator("article table th").all_inner_texts()]
    column = headers.index(loc.languages[NEW])
    total = page.locator("article table tr", has_text=visible(loc.interface("ui.status.total").text))
    cells = [visible(c) for c in total.locator("td").all_inner_texts()]
    assert cells[column] == visible(format_percent(loc.status.total.share, locale=NEW))
    diff = page.locator("article li", has=page.locator("ins"))
    assert diff.count() == 1 and diff.locator("code").inner_text().startswith("greet-by-name.")
    decoration = diff.locator("del, ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert decoration in ("line-through", "underline")
