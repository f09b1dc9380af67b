"""The built site in headless Chromium: no outside requests, language switcher, search per language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import NEEDS_CHROMIUM, chromium, serving
from conftest import REPO
from crkb.locales import locales_from

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[str]:
    with serving(site_dir) as url:
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


LOCALES = locales_from(REPO / "mkdocs.yml")  # the source language first


def prefix(locale: str) -> str:
    return "" if locale == LOCALES[0] else f"{locale}/"


@pytest.mark.parametrize("locale", LOCALES)
def test_pages_request_nothing_from_other_hosts(page, server: str, locale: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    for path in ("", "playbooks/loyalty-keys/"):
        page.goto(f"{server}/{prefix(locale)}{path}", wait_until="networkidle")
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize(("source", "target"), list(zip(LOCALES, LOCALES[1:] + LOCALES[:1])))
def test_language_switcher_leads_to_the_same_page(page, server: str, source: str, target: str) -> None:
    page.goto(f"{server}/{prefix(source)}playbooks/service-secrets/")
    link = page.locator(f'a[hreflang="{target}"]').first
    href = link.get_attribute("href")
    page.goto(
        f"{server}/{prefix(source)}playbooks/service-secrets/{href}" if not href.startswith(("/", "http")) else href
    )
    assert page.url.rstrip("/").endswith(f"{prefix(target)}playbooks/service-secrets".rstrip("/"))
    assert page.evaluate("document.documentElement.lang") == target


def search(page, server: str, locale: str, query: str) -> list[str]:
    """Type the query key by key, as a user would: Material searches on key events, so
    setting the field's value at once (playwright's fill) is not always noticed."""
    page.goto(f"{server}/{prefix(locale)}", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")  # non-Latin letters are inserted without key events
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)
    items = page.locator(".md-search-result__item:not([hidden]) a")
    return [items.nth(i).get_attribute("href") for i in range(items.count())]


@pytest.mark.parametrize(
    ("locale", "query", "expected_page"),
    [
        ("cs", "stížnost", "loyalty-keys"),
        ("cs", "stiznost", "loyalty-keys"),
        ("sk", "sťažnosť", "loyalty-keys"),
        ("sk", "staznost", "loyalty-keys"),
        ("ru", "жалобы", "service-secrets"),
        ("ru", "всерьёз", "service-secrets"),
        ("ru", "всерьез", "service-secrets"),
        ("hy", "բողոք", "service-secrets"),
        ("en", "complaint", "loyalty-keys"),
    ],
)
def test_search_finds_words_in_the_pages_language_only(
    page, server: str, locale: str, query: str, expected_page: str
) -> None:
    hrefs = search(page, server, locale, query)
    assert any(expected_page in h for h in hrefs), hrefs
    for href in hrefs:
        absolute = urlparse(page.evaluate(f"new URL({href!r}, location.href).href")).path
        first = absolute.strip("/").split("/")[0]
        expected = locale if locale != LOCALES[0] else None
        if expected:
            assert first == expected, (query, absolute)
        else:
            assert first not in LOCALES[1:], (query, absolute)


def test_printing_a_playbook_shows_only_the_content_with_empty_boxes(page, server: str) -> None:
    page.goto(f"{server}/{prefix(LOCALES[-1])}playbooks/loyalty-keys/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".crkb-download", ".crkb-report"):
        assert not page.locator(hidden).first.is_visible(), hidden
    box = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.crkb-checklist > li'), '::before');"
        " return [s.borderTopStyle, s.borderTopColor, s.backgroundColor, parseFloat(s.width)]; })()"
    )
    style, colour, fill, width = box
    assert (style, colour, fill) == ("solid", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)") and width > 5  # an empty black box
    assert page.locator(".crkb-checklist > li").first.is_visible()
