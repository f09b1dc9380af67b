"""The 404 page in the reader's language: one per configured language.

mkdocs-static-i18n builds the site once per language into one folder, and every
build renders the theme's 404.html to the same file, so the last language built
would be every reader's. Instead, the source language's 404 page stays at the
root and each other language's goes to its own folder (`ru/404.html`), in that
language and linking to that language's home. A server that serves only the
root 404 page (GitHub Pages) shows the root one for any missing address: its
script, docs/assets/javascripts/not-found.js, sends a reader whose address is
under a language's folder on to that language's page.

Material prints what overrides/404.html is given without escaping: the texts
come from the catalogs, so they are escaped here and the body is cleaned with
the same allow-list as every other page.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from ..fileio import write_atomic
from ..localize import Phrase
from ..site import LocaleSite
from .escape import html_text
from .sanitize import clean

TEMPLATE = "404.html"


def home_path(site_url: str, link: str) -> str:
    """The absolute path of a language's home: the site's path, then the language's link ("/ru/")."""
    return urlsplit(site_url or "/").path.rstrip("/") + "/" + link.strip("/") + ("/" if link.strip("/") else "")


def language_folder(link: str) -> str:
    """The folder a language is built into, from its link ("/ru/" → "ru"; the source's "/" → "")."""
    return link.strip("/")


def page_context(loc: LocaleSite, home: str) -> dict[str, str]:
    """The 404 page's title and body for one language, safe to print as they are."""
    title = loc.interface("ui.notfound.title")
    text = loc.interface("ui.notfound.text")
    link = loc.interface("ui.notfound.home")
    body = (
        f"<h1{_lang(title, loc)}>{html_text(title.text)}</h1>\n"
        f"<p{_lang(text, loc)}>{html_text(text.text)}</p>\n"
        f'<p><a href="{html.escape(home, quote=True)}"{_lang(link, loc)}>{html_text(link.text)}</a></p>\n'
    )
    return {"title": html_text(title.text), "body": clean(body)}


def _lang(phrase: Phrase, loc: LocaleSite) -> str:
    """`lang` of a phrase standing in for a missing translation (as the other pages mark it)."""
    return f' lang="{html.escape(phrase.lang, quote=True)}"' if phrase.lang != loc.code else ""


def place(output: str, site_dir: Path, folder: str) -> str:
    """Write a language's 404 page to its folder; what MkDocs itself writes to the root.

    The source language (folder "") keeps the root page; for the others the page
    is written here and MkDocs is handed nothing, so it leaves the root alone.
    """
    if not folder:
        return output
    write_atomic(site_dir / folder / TEMPLATE, output.encode("utf-8"))
    return ""
