"""What the plugin gives MkDocs, as plain data, so that a build record (buildcache.py) can hold it.

A `SitePlan` is the navigation; per language its names (site name and
description, the topics' names in the navigation, the colour toggle's name) and
its 404 page's text; the languages built; and, once made, the pages, the PDFs
and what the catalog check said. `plan_of` makes it from SiteData; `apply_plan`
puts it into MkDocs' configuration for each language's build. Every text is
escaped here: Material prints these raw.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .render import notfound
from .site import LocaleSite, SiteData

HOME_MARK = "https://crkb.invalid/home/"  # a 404 page's home link until a build knows its address


@dataclass
class SitePlan:
    nav: list
    names: dict[str, dict[str, Any]]  # "" (the site) or a locale → its names and toggle names
    loaded: list[str]  # the locales built, the source first
    not_found: dict[str, dict[str, str]] = field(default_factory=dict)  # locale → 404 title and body
    pages: dict[str, str] | None = None  # src_uri → Markdown; None until made
    pdfs: list[str] = field(default_factory=list)  # paths under the PDF cache folder
    problems: list[tuple[str, str]] = field(default_factory=list)  # (severity, line) the check logged


def plan_of(data: SiteData, pdfs: bool, palette: object) -> SitePlan:
    """Everything but the pages, the PDFs and the check, from the site's data."""
    return SitePlan(
        navigation(data, pdfs),
        language_names(data, palette),
        [loc.code for loc in data.locales],
        {loc.code: notfound.page_context(loc, HOME_MARK) for loc in data.locales},
    )


def navigation(data: SiteData, pdfs: bool) -> list:
    """Home, one section per topic (its page, then its playbooks), downloads, status, about."""
    source = data.source
    sections = []
    for topic in source.topics:
        members = [f"playbooks/{b.id}.md" for b in data.inputs.books if b.topic == topic["id"]]
        sections.append({html.escape(topic["title"].text): [f"topics/{topic['id']}/index.md", *members]})
    return ["index.md", *sections, *(["downloads.md"] if pdfs else []), "status.md", "about.md"]


def language_names(data: SiteData, palette: object) -> dict[str, dict[str, Any]]:
    """The site's names ("" key, in the source language) and each language's, with the
    topics' names in its navigation and its colour toggles' names."""
    english = {t["id"]: html.escape(t["title"].text) for t in data.source.topics}
    names: dict[str, dict[str, Any]] = {"": _names(data.source, palette)}
    for loc in data.locales:
        translations = {english[t["id"]]: html.escape(t["title"].text) for t in loc.topics}
        names[loc.code] = {**_names(loc, palette), "nav_translations": translations}
    return names


def _names(loc: LocaleSite, palette: object) -> dict[str, Any]:
    names: dict[str, Any] = {
        "site_name": html.escape(loc.interface("ui.site.name").text),
        "site_description": html.escape(loc.interface("ui.site.description").text),
    }
    if isinstance(palette, list):
        names["palette"] = toggle_names(palette, loc)
    return names


def toggle_names(palette: list, loc: LocaleSite) -> list[dict]:
    """Each colour scheme's toggle named in the reader's language by what it switches to (the
    next scheme in the list, as Material cycles), for screen readers and as its tooltip."""
    names = []
    for index, option in enumerate(palette):
        following = palette[(index + 1) % len(palette)]
        if not isinstance(option, dict) or not option.get("toggle") or not isinstance(following, dict):
            names.append({})
            continue
        ident = "ui.palette.dark" if following.get("scheme") == "slate" else "ui.palette.light"
        names.append({"toggle": {**option["toggle"], "name": html.escape(loc.interface(ident).text)}})
    return names


def apply_plan(config: MkDocsConfig, plan: SitePlan) -> None:
    """The navigation and, per language, its names; a language not loaded (CRKB_LOCALES) is
    neither built nor offered in the language switcher."""
    config.nav = plan.nav
    site = plan.names[""]
    config.site_name, config.site_description = site["site_name"], site["site_description"]
    palette = config.theme.get("palette")
    if isinstance(palette, list) and "palette" in site:
        config.theme["palette"] = [{**option, **names} for option, names in zip(palette, site["palette"])]
    i18n = config.plugins.get("i18n")
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        if language.locale not in plan.loaded:
            language.build = False
            continue
        names = plan.names[language.locale]
        language.site_name, language.site_description = names["site_name"], names["site_description"]
        language.nav_translations = names["nav_translations"]
        if "palette" in names:
            language.theme = {**(language.theme or {}), "palette": names["palette"]}


def not_found_context(plan: SitePlan, locale: str, home: str) -> dict[str, str]:
    """The 404 page's title and body for one language, its home link pointing at `home`."""
    context = dict(plan.not_found[locale])
    context["body"] = context["body"].replace(html.escape(HOME_MARK, quote=True), html.escape(home, quote=True))
    return context
