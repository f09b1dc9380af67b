"""What Material draws around the content, in the reader's language and safe whatever a
catalog says: the 404 page of each language and the colour scheme toggle's name."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO
from crkb.locales import locales_from
from crkb.localize import Interface
from crkb.mkdocs_plugin import toggle_names
from crkb.render.notfound import home_path, page_context
from crkb.site import LocaleSite, SiteData

LOCALES = locales_from(REPO / "mkdocs.yml")
HOSTILE = '"><script>alert(1)</script><img src=https://evil.example/x onerror=alert(2)>'


def prefix(code: str) -> str:
    return "" if code == LOCALES[0] else f"{code}/"


def with_texts(loc: LocaleSite, **texts: str) -> LocaleSite:
    """The locale with some interface strings replaced (ids with dots written as __)."""
    phrases = dict(loc.interface.phrases)
    for key, text in texts.items():
        ident = key.replace("__", ".")
        phrases[ident] = replace(phrases[ident], text=text)
    return replace(loc, interface=Interface(loc.interface.locale, phrases, loc.interface.plurals))


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_each_language_has_its_own_404_page_linking_its_home(site_dir: Path, site_data: SiteData, locale: str) -> None:
    loc = site_data.locale(locale)
    page = (site_dir / prefix(locale) / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{locale}"' in page
    title = html.escape(loc.interface("ui.notfound.title").text)
    assert f"<title>{title} - " in page
    assert f">{title}</h1>" in page
    assert f'<a href="{home_path(site_data.site_url, "/" + prefix(locale))}"' in page
    assert 'src="/assets/javascripts/not-found.js"' in page


def test_the_404_page_shows_hostile_translations_as_text(site_data: SiteData) -> None:
    loc = with_texts(
        site_data.locale(LOCALES[-1]),
        ui__notfound__title=HOSTILE,
        ui__notfound__text=HOSTILE,
        ui__notfound__home=HOSTILE,
    )
    context = page_context(loc, '/x/"onmouseover="alert(3)/')
    for value in context.values():
        assert "<script" not in value and "<img" not in value and '"onmouseover' not in value
    assert html.escape(HOSTILE) in context["title"]
    assert context["body"].count("&lt;script&gt;") == 3


def test_home_path_keeps_the_sites_own_folder() -> None:
    assert home_path("https://example.com/kb/", "/ru/") == "/kb/ru/"
    assert home_path("https://example.com/kb", "/") == "/kb/"
    assert home_path("", "/") == "/"


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_colour_toggle_is_named_in_the_pages_language(site_dir: Path, site_data: SiteData, locale: str) -> None:
    loc = site_data.locale(locale)
    page = (site_dir / prefix(locale) / "index.html").read_text(encoding="utf-8")
    for ident in ("ui.palette.dark", "ui.palette.light"):
        assert f'aria-label="{html.escape(loc.interface(ident).text)}"' in page


def test_the_toggle_names_say_where_they_lead_and_are_escaped(site_data: SiteData) -> None:
    palette = [
        {"scheme": "default", "toggle": {"icon": "a", "name": "x"}},
        {"scheme": "slate", "toggle": {"icon": "b", "name": "y"}},
    ]
    loc = with_texts(site_data.source, ui__palette__dark=HOSTILE, ui__palette__light="Light")
    names = toggle_names(palette, loc)
    assert names[0] == {"toggle": {"icon": "a", "name": html.escape(HOSTILE)}}  # light → dark
    assert names[1] == {"toggle": {"icon": "b", "name": "Light"}}
