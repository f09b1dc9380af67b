"""The built site is the boundary (issue 9): nothing a playbook or a translation says goes live.

Each test builds a small project with MkDocs after putting one attack into a
translation (every translated locale) or into the English playbook, then reads
every page and every search-index entry with the inspector in unsafe_html.py.
A hostile English playbook may also be refused by the build, but only cleanly:
a MkDocs error that names the playbook, never a crash.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from safety_project import (
    Built,
    build_site,
    fill_catalogs,
    html_pages,
    locales,
    make_project,
    native_word,
    own_hosts,
    playbook_data,
    site_violations,
    translate_everywhere,
    write_playbook,
)
from unsafe_html import linked_hosts

pytestmark = pytest.mark.slow

ENGLISH = playbook_data()
BODY = ENGLISH["items"][0]["body"].split("\n\n")[0].strip()  # the first paragraph of the first item


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose catalogs are complete and pass `crkb check`."""
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    return root


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


def build(root: Path, **options) -> Built:
    return build_site(root, root.parent / "site", **options)


def assert_nothing_live(root: Path, built: Built) -> None:
    assert not built.crashed, f"the build crashed: {built.error!r}"
    assert built.site is not None, f"a hostile translation must not stop the build: {built.error!r}"
    found = site_violations(built.site, own_hosts(root))
    assert not found, "\n".join(found[:20])


def assert_nothing_live_or_refused(root: Path, built: Built, playbook: Path, logs) -> None:
    """For a hostile English playbook: a safe site, or a clean refusal naming the playbook."""
    assert not built.crashed, f"the build crashed: {built.error!r}"
    if built.site is None:
        assert playbook.name in f"{built.error}\n{logs.text}", "the refusal must name the playbook"
        return
    found = site_violations(built.site, own_hosts(root))
    assert not found, "\n".join(found[:20])


def english_with(root: Path, change) -> Path:
    """Write the fixture playbook after change(data) edits it; the catalogs stay as they were."""
    data = playbook_data()
    change(data)
    return write_playbook(root, data)


def set_body(text: str):
    def change(data: dict) -> None:
        data["items"][0]["body"] = data["items"][0]["body"].replace(BODY, text, 1)

    return change


def set_field(field: str, text: str):
    def change(data: dict) -> None:
        data[field] = text

    return change


# --- 1. Attribute breakout ------------------------------------------------------------

BREAKOUTS = {
    "site-name": ("ui.site.name", 'Shop" onmouseover="alert(1)" x="'),
    "site-description": (
        "ui.site.description",
        'Help" http-equiv="refresh" content="0;url=https://evil.example/',
    ),
    "title": (ENGLISH["title"], 'Greet" onfocus="alert(2)" autofocus="'),
    "summary": (ENGLISH["summary"], "Regulars' onmouseover='alert(3)' x=\" onclick=\"alert(4)"),
}


@pytest.mark.parametrize(("key", "text"), BREAKOUTS.values(), ids=BREAKOUTS.keys())
def test_quote_in_a_translation_cannot_break_out_of_an_attribute(project: Path, key: str, text: str) -> None:
    translate_everywhere(project, key, text)
    assert_nothing_live(project, build(project))


@pytest.mark.parametrize("field", ["title", "summary"])
def test_quote_in_an_english_title_or_summary_cannot_break_out_of_an_attribute(project: Path, field: str, logs) -> None:
    attack = 'Greet" onfocus="alert(1)" autofocus=" x" http-equiv="refresh" content="0;url=https://evil.example/'
    playbook = english_with(project, set_field(field, attack))
    assert_nothing_live_or_refused(project, build(project), playbook, logs)


# --- 2. Search folding ---------------------------------------------------------------

FOLDS_INTO_MARKUP = "≮img src=x onerror=alert(1)≯ ≮script≯alert(2)≮/script≯"


def test_search_folding_never_turns_a_translation_into_markup(project: Path) -> None:
    translate_everywhere(project, BODY, f"{BODY} {FOLDS_INTO_MARKUP}")
    assert_nothing_live(project, build(project))


def test_search_folding_never_turns_english_into_markup(project: Path, logs) -> None:
    playbook = english_with(project, set_body(f"{BODY} {FOLDS_INTO_MARKUP}"))
    assert_nothing_live_or_refused(project, build(project), playbook, logs)


# --- 3. Whitespace inside a URL, and remote images -----------------------------------

LIVE_URLS = {
    "newline-in-javascript-scheme": "[x](java\nscript:alert(1))",
    "remote-image": "![x](https://evil.example/a.png)",
    "remote-image-with-spaces": "![x]( https://evil.example/a.png )",
    "remote-image-with-newline": "![x](https:\n//evil.example/a.png)",
}


@pytest.mark.parametrize("attack", LIVE_URLS.values(), ids=LIVE_URLS.keys())
def test_url_in_a_translation_never_becomes_a_live_link_or_remote_image(project: Path, attack: str) -> None:
    translate_everywhere(project, BODY, f"{BODY} {attack}")
    assert_nothing_live(project, build(project))


@pytest.mark.parametrize("attack", LIVE_URLS.values(), ids=LIVE_URLS.keys())
def test_url_in_an_english_body_never_becomes_a_live_link_or_remote_image(project: Path, attack: str, logs) -> None:
    playbook = english_with(project, set_body(f"{BODY} {attack}"))
    assert_nothing_live_or_refused(project, build(project), playbook, logs)


# --- 4. Plain-text contexts: navigation, header, footer, downloads -------------------

CODE_IN_TITLE = "Greet `<img src=x onerror=alert(1)>` them"
LINK_IN_TITLE = 'Greet them](https://evil.example/ "'


def test_html_in_backticks_in_a_translated_title_stays_text_everywhere(project: Path) -> None:
    translate_everywhere(project, ENGLISH["title"], CODE_IN_TITLE)
    assert_nothing_live(project, build(project))


def test_html_in_backticks_in_an_english_title_stays_text_everywhere(project: Path, logs) -> None:
    playbook = english_with(project, set_field("title", CODE_IN_TITLE))
    assert_nothing_live_or_refused(project, build(project), playbook, logs)


@pytest.fixture
def project_with_pdfs(tmp_path: Path) -> Path:
    """With checklists on, so the downloads page lists every playbook by title."""
    root = make_project(tmp_path / "project", checklists=True)
    fill_catalogs(root)
    return root


def assert_no_link_to(site: Path, host: str) -> None:
    bad = [str(page.relative_to(site)) for page, text in html_pages(site) if host in linked_hosts(text)]
    assert not bad, f"links to {host} on: {', '.join(bad)}"


def test_translated_title_cannot_rewrite_the_links_around_it(project_with_pdfs: Path) -> None:
    translate_everywhere(project_with_pdfs, ENGLISH["title"], LINK_IN_TITLE)
    built = build(project_with_pdfs)
    assert_nothing_live(project_with_pdfs, built)
    assert_no_link_to(built.site, "evil.example")


def test_english_title_cannot_rewrite_the_links_around_it(project_with_pdfs: Path, logs) -> None:
    playbook = english_with(project_with_pdfs, set_field("title", LINK_IN_TITLE))
    built = build(project_with_pdfs)
    assert_nothing_live_or_refused(project_with_pdfs, built, playbook, logs)
    if built.site is not None:
        assert_no_link_to(built.site, "evil.example")


# --- 5. English is the source of every language --------------------------------------


def test_javascript_link_in_an_english_body_is_live_in_no_language(project: Path, logs) -> None:
    playbook = english_with(project, set_body("Ask once, then [remember](javascript:alert(1))."))
    assert_nothing_live_or_refused(project, build(project), playbook, logs)


# --- Valid text shows as written -------------------------------------------------------


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("¶", " ").split())


def pages_titled(site: Path, title: str) -> list[tuple[Path, str]]:
    """Pages whose first <h1> reads title."""
    found = []
    for page, text in html_pages(site):
        h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", text, re.S)
        if h1 and _text(h1.group(1)) == title:
            found.append((page, text))
    return found


def assert_shown_as_written(site: Path, title: str, summary: str) -> None:
    pages = pages_titled(site, title)
    assert pages, f"no page has the heading {title!r}"
    for page, text in pages:
        head = re.search(r"<title>(.*?)</title>", text, re.S)
        assert head and _text(head.group(1)).startswith(title), (page, head and head.group(1))
        article = re.search(r"<article\b.*?</article>", text, re.S)
        body = _text(article.group(0) if article else text)
        assert summary in body, page
        assert "title:" not in body and "description:" not in body, f"raw front matter on {page}"


def test_emoji_in_an_english_title_and_summary_shows_as_written(project: Path) -> None:
    title, summary = "Greet customers 😀 by name", "🎉 Regulars who are greeted by name come back."

    def change(data: dict) -> None:
        data["title"], data["summary"] = title, summary

    english_with(project, change)
    built = build(project)
    assert built.site is not None, built.error
    assert_shown_as_written(built.site, title, summary)


def test_emoji_in_a_translated_title_and_summary_shows_as_written(project: Path) -> None:
    translate_everywhere(project, ENGLISH["title"], "😀 Greet")
    translate_everywhere(project, ENGLISH["summary"], "🎉 come back")
    built = build(project)
    assert built.site is not None, built.error
    for locale in locales(project):
        word = native_word(locale)
        assert_shown_as_written(built.site, f"{word} 😀 Greet", f"{word} 🎉 come back")


# --- PDFs inside the MkDocs build ---------------------------------------------------------

UNDRAWABLE = "𐀀𐀁"  # Linear B: in none of the shipped fonts


def test_undrawable_character_in_a_translation_stops_the_build_naming_it(project_with_pdfs: Path, logs) -> None:
    action = ENGLISH["items"][0]["actions"][0]
    context = translate_everywhere(project_with_pdfs, action, f"{action} {UNDRAWABLE}")
    built = build(project_with_pdfs, strict=True)
    assert not built.crashed, f"the build crashed: {built.error!r}"
    assert built.site is None, "the PDFs would show blank boxes without a word"
    said = f"{built.error}\n{logs.text}"
    assert UNDRAWABLE in said or context in said or re.search(r"crkb\.po:\d+", said), said[-2000:]


def test_checklist_failure_inside_the_build_is_a_clean_error(project_with_pdfs: Path, logs) -> None:
    data = playbook_data()
    data["id"] = "trainer-pack"  # the name every locale's trainer pack takes
    playbook = write_playbook(project_with_pdfs, data)
    built = build(project_with_pdfs)
    assert not built.crashed, f"the build crashed: {built.error!r}"
    if built.site is None:
        assert playbook.name in f"{built.error}\n{logs.text}", "the error must name the playbook"
