"""The whole site builds strictly, with every playbook page in every language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.numbers import format_percent
from crkb.render.escape import plain
from crkb.site import LocaleSite, SiteData


def prefix(loc: LocaleSite) -> str:
    return "" if loc.profile.source else f"{loc.code}/"


def page_text(site_dir: Path, loc: LocaleSite, path: str) -> str:
    return (site_dir / prefix(loc) / path / "index.html").read_text(encoding="utf-8")


def visible(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).replace("\u00a0", " ").split())


def words(phrase, **values: str) -> str:
    return " ".join(plain(phrase.text, {**phrase.values, **values}).replace("\u00a0", " ").split())


@pytest.mark.slow
def test_every_playbook_page_exists_with_its_title_and_every_action(site_dir: Path, site_data: SiteData) -> None:
    for loc in site_data.locales:
        for book in loc.playbooks:
            page = page_text(site_dir, loc, f"playbooks/{book['id']}")
            text = visible(page)
            assert f'<html lang="{loc.code}"' in page
            assert words(book["title"]) in text
            for item in book["items"]:
                for action in item["actions"]:
                    assert words(action["text"]) in text, (loc.code, book["id"], action["text"].text)


@pytest.mark.slow
def test_home_topics_and_about_exist_in_every_language(site_dir: Path, site_data: SiteData) -> None:
    for loc in site_data.locales:
        assert (site_dir / prefix(loc) / "index.html").is_file()
        assert (site_dir / prefix(loc) / "about" / "index.html").is_file()
        for topic in loc.topics:
            assert words(topic["title"]) in visible(page_text(site_dir, loc, f"topics/{topic['id']}"))


@pytest.mark.slow
def test_pages_load_nothing_from_another_host(site_dir: Path) -> None:
    pattern = re.compile(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1|localhost)[^"]+"')
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = [m.group(0) for m in pattern.finditer(text) if 'rel="canonical"' not in m.group(0)]
        assert not [x for x in loads if x.startswith("src=")], page
        assert "fonts.googleapis.com" not in text


@pytest.mark.slow
def test_each_playbook_page_links_its_checklist_in_the_readers_language(site_dir: Path, site_data: SiteData) -> None:
    for loc in site_data.locales:
        download = words(loc.interface("ui.playbook.download"))
        for book in site_data.inputs.books:
            page = page_text(site_dir, loc, f"playbooks/{book.id}")
            assert f'href="../../checklists/{book.id}.pdf"' in page
            assert download in visible(page)
            assert (site_dir / prefix(loc) / "checklists" / f"{book.id}.pdf").read_bytes().startswith(b"%PDF")
        assert (site_dir / prefix(loc) / "checklists" / "trainer-pack.pdf").is_file()


@pytest.mark.slow
def test_downloads_page_lists_every_checklist_and_the_trainer_pack(site_dir: Path, site_data: SiteData) -> None:
    for loc in site_data.locales:
        page = page_text(site_dir, loc, "downloads")
        assert 'href="../checklists/trainer-pack.pdf"' in page
        for book in loc.playbooks:
            assert f'href="../checklists/{book["id"]}.pdf"' in page
            assert words(book["title"]) in visible(page)


@pytest.mark.slow
def test_translation_status_page_shows_each_languages_share(site_dir: Path, site_data: SiteData) -> None:
    for loc in site_data.locales:
        text = visible(page_text(site_dir, loc, "status"))
        assert words(loc.interface("ui.status.title")) in text
        for other in site_data.locales:
            assert loc.languages[other.code] in text
        total_row = text[text.index(words(loc.interface("ui.status.total"))) :]
        for other in site_data.locales:
            share = " ".join(format_percent(other.status.total.share, locale=loc.code).replace("\u00a0", " ").split())
            assert share in total_row


@pytest.mark.slow
def test_a_string_shown_in_english_on_a_translated_page_is_marked_english(site_dir: Path, site_data: SiteData) -> None:
    from crkb.localize import Shown

    for loc in site_data.locales[1:]:
        for book in loc.playbooks:
            if book["title"].shown is Shown.FALLBACK:
                page = page_text(site_dir, loc, f"playbooks/{book['id']}")
                assert f'data-crkb-id="{book["title"].id}" lang="{site_data.source.code}"' in page
