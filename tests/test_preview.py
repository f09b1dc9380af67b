"""The translator's preview loop: a save reloads only what it changed, and `crkb serve` builds
the source language plus the chosen ones. Counts reads, localizations and rendered pages;
never times anything (speed is measured in bench/)."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner
from crkb import catalogs as po_io
from crkb import yamlfile
from crkb.catalogs import catalog_bytes, read_catalog
from crkb.cli import main
from crkb.locales import source_locale, translated_locales
from crkb.preview import Preview
from crkb.project import Project
from crkb.search.indexes import INDEX
from crkb.site import SiteLoader
from crkb.sync import update

from tests.conftest import make_project

FIRST = "greet-by-name"


@pytest.fixture
def two_books(tmp_path: Path) -> Path:
    """The good fixture playbook twice (two ids, one topic), with catalogs from `crkb update`."""
    (tmp_path / "project").mkdir()
    root = make_project(tmp_path / "project", checklists=False)
    text = (root / "playbooks" / f"{FIRST}.yml").read_text(encoding="utf-8")
    (root / "playbooks" / "greet-again.yml").write_text(text.replace(f"id: {FIRST}", "id: greet-again"), "utf-8")
    update(Project(root))
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Each file parsed, by name: a catalog by its locale, a playbook by its file name."""
    counted: Counter = Counter()
    read_catalog_bytes, read_yaml_bytes = po_io.read_input, yamlfile.read_input

    def catalog(path, *args, **kwargs):
        counted[Path(path).parent.parent.name] += 1
        return read_catalog_bytes(path, *args, **kwargs)

    def yaml(path, *args, **kwargs):
        counted[Path(path).name] += 1
        return read_yaml_bytes(path, *args, **kwargs)

    monkeypatch.setattr(po_io, "read_input", catalog)
    monkeypatch.setattr(yamlfile, "read_input", yaml)
    return counted


def translate_title(root: Path, locale: str, text: str) -> None:
    """Give the first playbook's title a translation in one catalog, as a translator's save would."""
    path = Project(root).catalog(locale)
    catalog: Catalog = read_catalog(path, locale)
    message = next(m for m in catalog if m.context == f"{FIRST}.title")
    message.string = text
    path.write_bytes(catalog_bytes(catalog))


def test_a_reload_with_nothing_saved_reads_nothing_and_returns_the_same_data(two_books: Path, reads: Counter) -> None:
    loader = SiteLoader(Project(two_books))
    first = loader.load()
    reads.clear()
    assert loader.load() is first
    assert not [name for name in reads if name != "mkdocs.yml" and not name.endswith("locale.yml")]


def test_saving_a_catalog_reads_and_localizes_only_that_language(two_books: Path, reads: Counter) -> None:
    loader = SiteLoader(Project(two_books))
    before = loader.load()
    one, *others = translated_locales(two_books / "mkdocs.yml")
    translate_title(two_books, one, "Title in the catalog")
    reads.clear()
    loader.localized.clear()
    after = loader.load()
    assert reads[one] == 1 and not any(reads[code] for code in others)
    assert not [name for name in reads if name.endswith(".yml") and name.startswith("greet")]
    assert loader.localized == [one]
    assert after.inputs is before.inputs
    book = next(b for b in after.locale(one).playbooks if b["id"] == FIRST)
    assert book["title"].text == "Title in the catalog"
    assert all(after.locale(code) is before.locale(code) for code in others)


def test_saving_a_playbook_reads_only_it_and_localizes_every_language(two_books: Path, reads: Counter) -> None:
    loader = SiteLoader(Project(two_books))
    loader.load()
    reads.clear()
    loader.localized.clear()
    path = two_books / "playbooks" / "greet-again.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "summary: Again.", 1), "utf-8")
    data = loader.load()
    assert reads["greet-again.yml"] == 1 and reads[f"{FIRST}.yml"] == 0
    assert not any(reads[code] for code in translated_locales(two_books / "mkdocs.yml"))
    assert loader.localized == [loc.code for loc in data.locales]


def test_a_changed_translation_makes_again_only_the_playbook_pages_that_show_it(
    two_books: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crkb import rendercache
    from crkb.render.pages import Options

    made: Counter = Counter()
    make = rendercache.playbook_page

    def counting(book, loc, options, page):
        made[(loc.code, book["id"])] += 1
        return make(book, loc, options, page)

    monkeypatch.setattr(rendercache, "playbook_page", counting)
    one = translated_locales(two_books / "mkdocs.yml")[0]
    translate_title(two_books, one, "First wording")
    loader, pages = SiteLoader(Project(two_books)), rendercache.RenderedPages()
    before = pages.pages(loader.load(), Options())
    made.clear()
    translate_title(two_books, one, "Second wording")
    after = pages.pages(loader.load(), Options())
    assert made == Counter({(one, FIRST): 1})  # the share did not change: no banner to update elsewhere
    assert "Second wording" in after[f"playbooks/{FIRST}.{one}.md"]
    assert after[f"playbooks/greet-again.{one}.md"] == before[f"playbooks/greet-again.{one}.md"]


def test_only_limits_the_languages_loaded_to_the_source_and_those(two_books: Path) -> None:
    one = translated_locales(two_books / "mkdocs.yml")[0]
    data = SiteLoader(Project(two_books), [one]).load()
    assert [loc.code for loc in data.locales] == [data.source.code, one]


def languages_source(root: Path) -> str:
    return source_locale(root / "mkdocs.yml")


def pages(*titles: str) -> dict[str, str]:
    """Pages of one section, a top-level page, and a page in another language, with these titles."""
    return {
        "index.en.md": "---\ntitle: Home\n---\n",
        "topics/t.en.md": "---\ntitle: Topic\n---\n",
        "playbooks/a.en.md": f"---\ntitle: {titles[0]}\n---\nbody",
        "playbooks/b.en.md": f"---\ntitle: {titles[1]}\n---\n",
        "playbooks/c.en.md": "---\ntitle: C\n---\n",
        "playbooks/a.cs.md": "---\ntitle: A cs\n---\n",
    }


NAV = ["index.md", {"T": ["topics/t.md", "playbooks/a.md", "playbooks/b.md"]}, {"U": ["playbooks/c.md"]}]


def test_a_preview_renders_first_everything_then_only_what_changed() -> None:
    preview = Preview()
    assert preview.plan(pages("A", "B"), NAV, "shell") == set(pages("A", "B"))
    preview.done()
    changed = pages("A", "B") | {"playbooks/a.en.md": "---\ntitle: A\n---\nnew body"}
    assert preview.plan(changed, NAV, "shell") == {"playbooks/a.en.md"}
    preview.done()
    assert preview.plan(changed, NAV, "shell") == set() and preview.modified == set()


def test_a_changed_title_renders_its_section_and_neighbours_in_its_language_only() -> None:
    preview = Preview()
    preview.plan(pages("A", "B"), NAV, "shell")
    preview.done()
    marked = preview.plan(pages("A", "B2"), NAV, "shell")
    assert marked == {"topics/t.en.md", "playbooks/a.en.md", "playbooks/b.en.md", "playbooks/c.en.md"}
    assert preview.titles["playbooks/b.en.md"] == "B2"


def test_a_changed_navigation_renders_every_page() -> None:
    preview = Preview()
    preview.plan(pages("A", "B"), NAV, "shell")
    preview.done()
    assert preview.plan(pages("A", "B"), NAV, "another shell") == set(pages("A", "B"))


def test_search_entries_of_pages_not_rendered_again_are_kept_per_language() -> None:
    preview = Preview()
    first = [{"location": "a/", "text": "1"}, {"location": "a/#x", "text": "2"}, {"location": "b/", "text": "3"}]
    assert preview.keep_search("en", first) == first
    again = preview.keep_search("en", [{"location": "a/", "text": "new"}])
    assert again == [{"location": "a/", "text": "new"}, {"location": "b/", "text": "3"}]
    assert preview.keep_search("cs", []) == []


def test_serve_help_says_what_it_builds() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--locale" in result.output and "--dev-addr" in result.output
    assert "source language" in result.output


def test_serve_refuses_an_unknown_locale_before_starting_anything(two_books: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(two_books), "serve", "--locale", "xx"])
    assert result.exit_code == 2
    assert "unknown locale 'xx'" in result.output


@pytest.mark.slow
def test_a_preview_rebuild_renders_only_the_pages_a_catalog_save_changed(
    two_books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crkb serve`'s loop in process: mkdocs serve --dirty with CRKB_LOCALES, one save, one rebuild."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    one = translated_locales(two_books / "mkdocs.yml")[0]
    monkeypatch.setenv("CRKB_LOCALES", one)
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # static-i18n reads --dirty from here
    site = tmp_path / "site"
    rendered: list[str] = []
    render_page = mkdocs_build._build_page

    def counting(page, *args, **kwargs):
        if page.file.is_modified():
            rendered.append(page.file.src_uri)
        return render_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", counting)

    def build() -> None:
        config = load_config(str(two_books / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            mkdocs_build.build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        finally:
            config.plugins.on_shutdown()  # MkDocs keeps the plugin for the next test's build

    build()
    built_first = len(rendered)
    languages = {p.name for p in site.iterdir() if p.is_dir() and len(p.name) == 2}
    rendered.clear()
    translate_title(two_books, one, "Preview title")
    build()
    page = (site / one / "playbooks" / FIRST / "index.html").read_text(encoding="utf-8")
    assert languages == {one}
    assert "Preview title" in page
    assert rendered and all(f".{one}." in uri or uri.startswith("status.") for uri in rendered)  # shares
    assert len(rendered) < built_first
    for language, prefix in ((languages_source(two_books), ""), (one, f"{one}/")):
        index = (site / "search" / language / INDEX).read_text(encoding="utf-8")
        assert f'"{prefix}playbooks/greet-again/' in index  # a page not rendered again is still found
    shutil.rmtree(site)
