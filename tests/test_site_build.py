"""The whole site builds strictly, with every playbook page in every language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from crkb.locales import locales_from
from crkb.project import Project
from crkb.site import Site

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site() -> Site:
    return Site.load(Project(REPO))


def page_text(site_dir: Path, locale: str, path: str) -> str:
    prefix = "" if locale == "en" else f"{locale}/"
    return (site_dir / prefix / path / "index.html").read_text(encoding="utf-8")


def visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text))


@pytest.mark.slow
def test_every_playbook_page_exists_with_its_title_and_actions(site_dir: Path, site: Site) -> None:
    for locale in locales_from(REPO / "mkdocs.yml"):
        for book in site.localized(locale):
            page = page_text(site_dir, locale, f"playbooks/{book.id}")
            text = " ".join(visible(page).split())
            assert f'<html lang="{locale}"' in page
            assert " ".join(book.title.split()) in text
            for item in book.items:
                for action in item.actions:
                    assert " ".join(action.split()) in text, (locale, book.id, action)


@pytest.mark.slow
def test_home_and_about_exist_in_every_language(site_dir: Path) -> None:
    for locale in locales_from(REPO / "mkdocs.yml"):
        prefix = "" if locale == "en" else f"{locale}/"
        assert (site_dir / prefix / "index.html").is_file()
        assert (site_dir / prefix / "about" / "index.html").is_file()


@pytest.mark.slow
def test_pages_reference_no_external_host(site_dir: Path) -> None:
    pattern = re.compile(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1|localhost)[^"]+"')
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = [m.group(0) for m in pattern.finditer(text) if 'rel="canonical"' not in m.group(0)]
        scripts = [x for x in loads if x.startswith("src=")]
        assert not scripts, (page, scripts)
        assert "fonts.googleapis.com" not in text


@pytest.mark.slow
def test_each_playbook_page_links_its_checklist_in_the_readers_language(site_dir: Path, site: Site) -> None:
    for locale in locales_from(REPO / "mkdocs.yml"):
        prefix = "" if locale == "en" else f"{locale}/"
        download = site.localizers[locale].ui("ui.playbook.download")
        for book in site.books:
            page = page_text(site_dir, locale, f"playbooks/{book.id}")
            assert f'href="../../checklists/{book.id}.pdf"' in page
            assert download in html.unescape(page)
            pdf = site_dir / prefix / "checklists" / f"{book.id}.pdf"
            assert pdf.read_bytes().startswith(b"%PDF")
        assert (site_dir / prefix / "checklists" / "trainer-pack.pdf").is_file()


@pytest.mark.slow
def test_downloads_page_lists_every_checklist_and_the_trainer_pack(site_dir: Path, site: Site) -> None:
    for locale in locales_from(REPO / "mkdocs.yml"):
        page = page_text(site_dir, locale, "downloads")
        assert 'href="../checklists/trainer-pack.pdf"' in page
        for book in site.localized(locale):
            assert f'href="../checklists/{book.id}.pdf"' in page
            assert " ".join(book.title.split()) in " ".join(visible(page).split())


@pytest.mark.slow
def test_translation_status_page_shows_each_languages_share(site_dir: Path, site: Site) -> None:
    from babel.numbers import format_percent

    for locale in locales_from(REPO / "mkdocs.yml"):
        text = " ".join(visible(page_text(site_dir, locale, "status")).split())
        loc = site.localizers[locale]
        assert loc.ui("ui.status.title") in text
        for other in site.locales:
            assert loc.language(other) in text
        total_row = text[text.index(loc.ui("ui.status.total")) :]
        full = " ".join(format_percent(1, locale=locale).split())  # no-break spaces folded like the text
        assert total_row.count(full) == len(site.locales)
