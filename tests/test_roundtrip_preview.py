"""The local preview as a translator uses it: it warns, shows ids on demand, follows the typography.

Every build here is of a copy of the project's own playbooks and catalogs, with
the PDF checklists switched off (`- crkb: checklists: false`) to stay fast.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from babel import Locale
from browser_support import chromium, needs_chromium, serving
from crkb.locales import i18n_languages, site_config
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from roundtrip_helpers import (
    BREAKERS,
    REPO,
    all_locales,
    catalog,
    complete_locales,
    entries,
    entry_block,
    locales,
    real_project,
    shown,
)

UNSAFE = {name: BREAKERS[name] for name in ("broken bold", "translated placeholder", "raw html tag")}


def _build(root: Path, site: Path, strict: bool = True) -> Path:
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=strict))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project's own content, built strictly: (project, site)."""
    root = real_project(tmp_path_factory.mktemp("preview") / "project")
    return root, _build(root, root.parent / "site")


def _prefix(root: Path, locale: str) -> str:
    """The folder a locale's pages are published under ('' for the default language)."""
    for lang in i18n_languages(site_config(root / "mkdocs.yml")):
        if lang["locale"] == locale:
            return "" if lang.get("default") else f"{locale}/"
    raise AssertionError(locale)


def _page(root: Path, site: Path, locale: str, book: str):
    return html.fromstring((site / _prefix(root, locale) / "playbooks" / book / "index.html").read_bytes())


def _units(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Playbook id -> its (msgctxt, English) units, from the template."""
    books: dict[str, list[tuple[str, str]]] = {}
    for e in entries(root / "locales" / "crkb.pot"):
        if not e.msgctxt.startswith(("ui.", "topic.")):  # interface and section names: not on the page
            books.setdefault(e.msgctxt.split(".")[0], []).append((e.msgctxt, e.msgid))
    return books


def _texts(root: Path, locale: str) -> dict[str, str]:
    """msgctxt -> the text readers of this locale see: the translation (an outdated one too, shown
    under the outdated banner), or the English it falls back to."""
    english = {e.msgctxt: e.msgid for e in entries(root / "locales" / "crkb.pot")}
    if locale not in locales(root):
        return english
    shown_text = {e.msgctxt: e.msgstr for e in entries(catalog(root, locale)) if e.msgstr}
    return {ctx: shown_text.get(ctx) or text for ctx, text in english.items()}


def _words(markdown: str) -> set[str]:
    """The words of a string as a reader sees them: no link targets, no {placeholders}, no markup."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"\{[a-z_]+\}", " ", text)
    return set(re.findall(r"\w+", text.lower()))


def _holds(text: str, words: set[str]) -> bool:
    """Every word occurs in the text (as a substring: a figure is glued to its unit, as in "5krát")."""
    lowered = " ".join(text.lower().split())
    return all(word in lowered for word in words)


# --- ids for translators ------------------------------------------------------------------------


def test_each_translatable_block_carries_its_id_for_the_preview(built: tuple[Path, Path]) -> None:
    root, site = built
    for locale in all_locales(root):
        texts = _texts(root, locale)
        for book, units in _units(root).items():
            page = _page(root, site, locale, book)
            holders: dict[str, list] = {}
            for element in page.xpath("//*[@data-crkb-id]"):
                for ident in element.get("data-crkb-id").split():
                    holders.setdefault(ident, []).append(element)
            for msgctxt, _ in units:
                assert msgctxt in holders, f"{locale} {book}: no element with data-crkb-id={msgctxt!r}"
                want = _words(texts[msgctxt])
                held = [el.text_content() for el in holders[msgctxt] if _holds(el.text_content(), want)]
                assert held, (locale, msgctxt, "the element with this id does not hold its text")
                size = len(re.findall(r"\w+", texts[msgctxt]))
                assert min(len(re.findall(r"\w+", h)) for h in held) <= 2 * size + 8, (
                    locale,
                    msgctxt,
                    "the id marks a container, not the block of this string",
                )


# --- headings follow the locale's typography --------------------------------------------------------


def _item_heading_prefixes(root: Path, site: Path, locale: str) -> list[str]:
    """For every item heading of every playbook page: the text before the item's title."""
    texts = _texts(root, locale)
    prefixes = []
    for book, units in _units(root).items():
        page = _page(root, site, locale, book)
        headings = [
            "".join(h.xpath("text()|*[not(contains(@class, 'headerlink'))]//text()")) for h in page.xpath("//h2")
        ]
        for msgctxt, _ in units:
            if not re.fullmatch(rf"{re.escape(book)}\.[a-z0-9-]+\.title", msgctxt):
                continue
            title = " ".join(texts[msgctxt].split())
            (heading,) = [h for h in (" ".join(x.split()) for x in headings) if h.endswith(title)]
            prefixes.append(heading[: -len(title)])
    assert prefixes, f"{locale}: no item headings found"
    return prefixes


def _dash_locales(root: Path) -> list[str]:
    """The locales CONTRIBUTING's typography rule gives the en dash, found by their CLDR English names."""
    rule = re.search(r"Typography:(.*?)(?:\n\n|$)", (REPO / "CONTRIBUTING.md").read_text("utf-8"), re.DOTALL)
    assert rule, "CONTRIBUTING.md has no Typography rule"
    clauses = [" ".join(c.split()) for c in rule.group(1).split(";") if "en dash" in c]
    source = all_locales(root)[0]  # CONTRIBUTING is written in the source language
    return [
        code
        for code in all_locales(root)
        if any(Locale.parse(code).get_display_name(source) in clause for clause in clauses)
    ]


def test_item_headings_use_the_dash_contributing_prescribes(built: tuple[Path, Path]) -> None:
    root, site = built
    dashed = _dash_locales(root)
    assert dashed, "CONTRIBUTING names no language for the en dash"
    for locale in dashed:
        for prefix in _item_heading_prefixes(root, site, locale):
            assert re.search(r"\s\u2013\s$", prefix) and "\u2014" not in prefix, (locale, prefix)


SEPARATORS = [" · ", " / ", " :: ", " • ", " ~ ", " » ", " | "]


def test_item_headings_use_the_separator_the_locale_profile_sets(tmp_path: Path) -> None:
    """The separator is the profile's `dash` in locales/<code>/locale.yml."""
    chosen = dict(zip(all_locales(REPO), SEPARATORS))
    root = real_project(tmp_path / "project")
    for code, separator in chosen.items():
        profile = root / "locales" / code / "locale.yml"
        text = profile.read_text(encoding="utf-8") if profile.is_file() else ""
        text = re.sub(r"^dash:.*\n", "", text, flags=re.MULTILINE)
        profile.write_text(text + f"dash: {json.dumps(separator, ensure_ascii=False)}\n", encoding="utf-8")
    site = _build(root, tmp_path / "site", strict=False)
    for locale, separator in chosen.items():
        for prefix in _item_heading_prefixes(root, site, locale):
            assert prefix.endswith(separator), (locale, separator, prefix)


# --- the preview warns: strict builds fail, others log, both with file and line ----------------------


def _cited_in_range(text: str, locale: str, first: int, last: int) -> bool:
    found = re.findall(re.escape(shown(locale)) + r":(\d+)", text)
    return any(first <= int(n) <= last for n in found)


@pytest.mark.parametrize("scenario", UNSAFE)
def test_strict_build_fails_on_a_catalog_error_and_names_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, scenario: str
) -> None:
    root = real_project(tmp_path / "project")
    locale = complete_locales(root)[0]
    path = catalog(root, locale)
    msgctxt, _, _ = UNSAFE[scenario](path)
    first, last = entry_block(path, msgctxt).msgstr[0]
    caplog.set_level(logging.INFO)
    with pytest.raises(MkDocsException) as failed:
        _build(root, tmp_path / "site", strict=True)
    said = caplog.text + str(failed.value)
    assert _cited_in_range(said, locale, first, last), (scenario, first, last, said[-2000:])


def test_build_without_strict_warns_with_the_catalog_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = real_project(tmp_path / "project")
    locale = complete_locales(root)[-1]
    path = catalog(root, locale)
    msgctxt, _, _ = BREAKERS["raw html tag"](path)
    first, last = entry_block(path, msgctxt).msgstr[0]
    caplog.set_level(logging.INFO)
    _build(root, tmp_path / "site", strict=False)
    warnings = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert _cited_in_range(warnings, locale, first, last), (first, last, warnings)


# --- `mkdocs serve` rebuilds once: a build writes nothing where serve watches ----------------------


def _snapshot(paths: list[Path]) -> dict[Path, bytes]:
    files = {}
    for base in paths:
        for p in [base] if base.is_file() else sorted(base.rglob("*")):
            if p.is_file():
                files[p] = p.read_bytes()
    return files


def test_build_writes_nothing_into_the_folders_mkdocs_serve_watches(tmp_path: Path) -> None:
    root = real_project(tmp_path / "project")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    watched = [Path(config.docs_dir), Path(config.config_file_path), *(Path(w) for w in config.watch)]
    assert all(p.exists() for p in watched)
    before = _snapshot(watched)
    build(config)
    after = _snapshot(watched)
    written = sorted(str(p.relative_to(root)) for p in after.keys() - before.keys())
    changed = sorted(str(p.relative_to(root)) for p in before if after.get(p) != before[p])
    assert not written and not changed, f"written {written[:5]}…, changed {changed[:5]}"


# --- `?ids`: the page shows each string's id on demand (headless Chromium) ------------------------

_SHOWN_IDS = """ids => ids.map(id => {
  const el = document.querySelector(`[data-crkb-id~="${id}"]`);
  if (!el) return false;
  const generated = getComputedStyle(el, "::before").content + getComputedStyle(el, "::after").content;
  return generated.includes(id) || document.body.innerText.includes(id);
})"""


@pytest.mark.browser
@needs_chromium
def test_ids_query_parameter_shows_each_strings_id_and_only_then(built: tuple[Path, Path]) -> None:
    root, site = built
    locale = complete_locales(root)[0]
    book, units = next(iter(_units(root).items()))
    ids = [msgctxt for msgctxt, _ in units]
    with serving(site) as base, chromium() as browser:
        url = f"{base}/{_prefix(root, locale)}playbooks/{book}/"
        page = browser.new_page()
        page.goto(url + "?ids", wait_until="networkidle")
        shown_with = page.evaluate(_SHOWN_IDS, ids)
        page.goto(url, wait_until="networkidle")
        shown_without = page.evaluate(_SHOWN_IDS, ids)
    assert all(shown_with), [i for i, s in zip(ids, shown_with) if not s]
    assert not any(shown_without), [i for i, s in zip(ids, shown_without) if s]
