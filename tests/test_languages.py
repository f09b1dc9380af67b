"""Languages grow through pull requests: a new or half-done language builds, shows what is
missing or outdated, and `crkb status` says when it can be marked complete.

The language in progress is the one of the fixture catalog (tests/fixtures/languages/),
added with `crkb locale add`; the others are read from the configuration.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.pofile import read_po
from babel.numbers import format_percent
from conftest import FIXTURES, REPO
from crkb.catalogs import read_catalog
from crkb.diff import Change, word_changes, word_diff
from crkb.locales import locales_from, translated_locales
from crkb.project import Project
from crkb.render.escape import plain
from crkb.render.pages import Options, Writer, site_pages
from crkb.site import SiteData
from crkb.status import Outdated
from crkb.ui import UI_TEXTS
from languages_project import NEW, PARTIAL, build_site, cli, in_progress_project, set_status
from lxml import html

ENGLISH = {text.id: text.text for text in UI_TEXTS}
CLEAN = FIXTURES / "catalogs" / "cs-clean.po"


def _fixture() -> dict[str, object]:
    """The fixture's entries by id, read as crkb reads them (with `#| msgid`, which Babel skips)."""
    return {m.context: m for m in read_catalog(PARTIAL, NEW) if m.id}


FIXTURE = _fixture()
STALE = next(m for m in FIXTURE.values() if m.fuzzy)  # the entry whose English changed since


@pytest.fixture(scope="module")
def zero(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): the language just added, nothing translated yet."""
    root = in_progress_project(tmp_path_factory.mktemp("zero") / "project")
    return root, build_site(root, root.parent / "site")


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): the language about 30 % translated, one string outdated."""
    root = in_progress_project(tmp_path_factory.mktemp("partial") / "project", PARTIAL)
    return root, build_site(root, root.parent / "site")


def page(site: Path, path: str, code: str = NEW) -> html.HtmlElement:
    prefix = "" if code == locales_from(REPO / "mkdocs.yml")[0] else f"{code}/"
    return html.fromstring((site / prefix / path / "index.html").read_bytes())


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().replace("\u00a0", " ").split())


def share_of(root: Path, code: str) -> float:
    result = cli(root, "status", "--format", "json")
    assert result.exit_code == 0, result.output
    return next(d["percent"] for d in json.loads(result.output)["locales"] if d["locale"] == code) / 100


def percent(share: float, code: str) -> str:
    return " ".join(format_percent(share, locale=code).replace("\u00a0", " ").split())


def banner(doc: html.HtmlElement, kind: str) -> html.HtmlElement:
    found = doc.xpath(f'//article//div[contains(@class, "admonition") and contains(@class, "{kind}")]')
    assert len(found) == 1, f"expected one {kind} banner, found {len(found)}"
    return found[0]


def by_id(doc: html.HtmlElement, ident: str) -> html.HtmlElement:
    (element,) = doc.xpath(f'.//*[@data-crkb-id="{ident}"]')
    return element


# --- a language just added: English marked as English, under an English banner ------------------


def test_a_language_at_0_percent_builds_in_english_marked_as_english(zero: tuple[Path, Path]) -> None:
    root, site = zero
    source = locales_from(root / "mkdocs.yml")[0]
    doc = page(site, "playbooks/greet-by-name")
    assert doc.get("lang") == NEW
    strings = doc.xpath("//article//*[@data-crkb-id]")
    assert strings, "the page shows no string of the playbook"
    assert {element.get("lang") for element in strings} == {source}


def test_the_banner_of_a_brand_new_language_is_english_marked_english_with_0_percent(zero: tuple[Path, Path]) -> None:
    """Its banner strings are not translated yet either: they fall back like every string."""
    root, site = zero
    source = locales_from(root / "mkdocs.yml")[0]
    info = banner(page(site, "playbooks/greet-by-name"), "info")
    assert ENGLISH["ui.banner.untranslated-title"] in text(info)
    assert by_id(info, "ui.banner.untranslated").get("lang") == source
    assert percent(0, NEW) in text(info)
    (link,) = info.xpath(".//a")
    assert link.get("href").endswith("CONTRIBUTING.md")  # "help translate"


# --- a language about 30 % done: its words where translated, English marked English elsewhere ---


def test_a_language_at_30_percent_shows_its_translations_and_english_marked_english(
    partial: tuple[Path, Path],
) -> None:
    root, site = partial
    source = locales_from(root / "mkdocs.yml")[0]
    doc = page(site, "playbooks/greet-by-name")
    title = by_id(doc, "greet-by-name.title")
    assert text(title) == FIXTURE["greet-by-name.title"].string and title.get("lang") is None
    fallback = by_id(doc, "greet-by-name.learn-names.body.2")
    assert fallback.get("lang") == source and fallback.tag == "div"  # a whole paragraph block
    untranslated = [e for e in doc.xpath("//article//*[@data-crkb-id]") if e.get("data-crkb-id") not in FIXTURE]
    assert untranslated and all(e.get("lang") == source for e in untranslated)


def test_the_in_progress_banner_is_in_the_readers_language_with_the_share_done(partial: tuple[Path, Path]) -> None:
    root, site = partial
    share = share_of(root, NEW)
    assert 0.2 <= share <= 0.4, share  # the fixture is about 30 % of the project
    info = banner(page(site, "playbooks/greet-by-name"), "info")
    assert FIXTURE["ui.banner.untranslated-title"].string in text(info)
    assert by_id(info, "ui.banner.untranslated").get("lang") is None
    assert percent(share, NEW) in text(info)
    assert FIXTURE["ui.banner.help"].string in text(info)


def test_an_outdated_string_shows_the_outdated_banner_linking_the_english_page(partial: tuple[Path, Path]) -> None:
    root, site = partial
    path = "playbooks/greet-by-name"
    warning = banner(page(site, path), "warning")
    assert FIXTURE["ui.banner.outdated-title"].string in text(warning)
    (link,) = warning.xpath(".//a")
    source = locales_from(root / "mkdocs.yml")[0]
    target = urljoin(f"https://site/{NEW}/{path}/", link.get("href"))
    assert target == f"https://site/{path}/"
    assert page(site, path, source).get("lang") == source
    assert by_id(page(site, path), STALE.context).text_content() == STALE.string  # still shown


def test_a_page_without_outdated_strings_has_no_outdated_banner(partial: tuple[Path, Path]) -> None:
    _, site = partial
    doc = page(site, "")
    assert not doc.xpath('//article//div[contains(@class, "admonition") and contains(@class, "warning")]')


# --- the status page and `crkb status`: the share, the state, what changed ----------------------


def test_status_page_shows_the_share_and_state_of_the_language_in_progress(partial: tuple[Path, Path]) -> None:
    root, site = partial
    doc = page(site, "status")
    rows = {text(row[0]): [text(cell) for cell in row[1:]] for row in doc.xpath("//article//table//tr[td]")}
    headers = [text(th) for th in doc.xpath("//article//table//th")][1:]
    data = SiteData.load(Project(root))
    column = headers.index(data.locale(NEW).languages[NEW])
    loc = data.locale(NEW)
    total = rows[text_of(loc.interface("ui.status.total"))]
    assert total[column] == percent(share_of(root, NEW), NEW)
    state = rows[text_of(loc.interface("ui.status.state"))]
    assert state[column] == text_of(loc.interface("ui.status.in-progress"))


def text_of(phrase) -> str:
    return " ".join(phrase.text.split())


def test_status_page_shows_the_word_diff_of_each_outdated_string(partial: tuple[Path, Path]) -> None:
    root, site = partial
    doc = page(site, "status")
    data = SiteData.load(Project(root))
    name = data.locale(NEW).languages[NEW].lower()
    heading = next(h for h in doc.xpath("//article//h3") if (h.text or "").strip().lower() == name)
    (entry,) = heading.xpath("following-sibling::ul[1]/li")
    assert text(entry.xpath("code")[0]) == STALE.context
    runs = word_changes(STALE.previous_id[0], STALE.id)
    assert [text(e) for e in entry.xpath(".//ins")] == [r.words for r in runs if r.change is Change.ADDED]
    assert [text(e) for e in entry.xpath(".//del")] == [r.words for r in runs if r.change is Change.REMOVED]
    source = locales_from(root / "mkdocs.yml")[0]
    assert entry.xpath(f'.//span[@lang="{source}"]'), "the English is marked as English"


def test_check_shows_the_word_diff_of_the_stale_string_and_missing_ones_as_warnings(
    partial: tuple[Path, Path],
) -> None:
    root, _ = partial
    result = cli(root, "check", "--locale", NEW)
    assert result.exit_code == 0, result.output  # in progress: nothing missing or stale is an error
    assert "error:" not in result.output
    stale = [line for line in result.output.splitlines() if "[stale]" in line]
    assert len(stale) == 1 and STALE.context in stale[0] and stale[0].startswith("warning:")
    assert word_diff(STALE.previous_id[0], STALE.id) in stale[0]
    assert "warning:" in result.output and "[missing]" in result.output


def test_status_page_lists_the_first_outdated_strings_and_counts_the_rest(
    partial: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 500 playbooks a language can have thousands of stale strings: the page stays short."""
    root, _ = partial
    data = SiteData.load(Project(root))
    listed = site_pages(data, Options(pdfs=False))[Path(f"status.{NEW}.md")]
    assert "<code>" in listed and 'data-crkb-id="ui.status.more"' not in listed
    monkeypatch.setattr("crkb.render.pages.OUTDATED_SHOWN", 0)
    counted = site_pages(data, Options(pdfs=False))[Path(f"status.{NEW}.md")]
    assert "<code>" not in counted and 'data-crkb-id="ui.status.more"' in counted


def test_a_change_in_markup_shows_as_text_on_the_status_page(partial: tuple[Path, Path]) -> None:
    """The English is untrusted like any input: its markup is shown, never rendered."""
    root, _ = partial
    data = SiteData.load(Project(root))
    writer = Writer(data.locale(NEW), Options(pdfs=False))
    shown = writer.outdated(Outdated("a.b", "Ask <b>once</b>", "Ask <script>x</script> **twice**"), "en")
    assert "<script" not in shown and "<b>" not in shown and "**" not in shown
    assert shown.count("<del>") == 1 and shown.count("<ins>") == 1


# --- promotion: an in-progress language at 100 % is offered `status: complete` -------------------


@pytest.fixture
def finished(project: Path) -> tuple[Path, str]:
    """A project whose fixture catalog is complete, its language marked in progress."""
    with CLEAN.open("rb") as handle:
        code = str(read_po(handle).locale)
    target = Project(project).catalog(code)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CLEAN, target)
    shutil.copy(REPO / "locales" / code / "glossary.yml", target.parent.parent)
    set_status(project, code, "in-progress")
    return project, code


def test_status_offers_promotion_once_a_language_in_progress_is_complete(finished: tuple[Path, str]) -> None:
    root, code = finished
    result = cli(root, "status", "--locale", code)
    assert result.exit_code == 0, result.output
    assert f"{code} is fully translated: set `status: complete` in locales/{code}/locale.yml" in result.output
    data = SiteData.load(Project(root), only=[code])
    ready = data.locale(code).interface("ui.status.ready")
    status_page = site_pages(data, Options(pdfs=False))[Path(f"status.{code}.md")]
    assert f'data-crkb-id="{ready.id}"' in status_page
    set_status(root, code, "complete")
    assert "is fully translated" not in cli(root, "status", "--locale", code).output


def test_status_offers_no_promotion_before_100_percent(partial: tuple[Path, Path]) -> None:
    root, _ = partial
    assert "is fully translated" not in cli(root, "status", "--locale", NEW).output
    markdown = site_pages(SiteData.load(Project(root)), Options(pdfs=False))[Path(f"status.{NEW}.md")]
    assert 'data-crkb-id="ui.status.ready"' not in markdown


# --- a language listed in mkdocs.yml without a catalog -------------------------------------------


def test_a_language_without_a_catalog_is_shown_in_english_marked_english_with_the_banner(project: Path) -> None:
    code = translated_locales(project / "mkdocs.yml")[0]
    source = locales_from(project / "mkdocs.yml")[0]
    assert not Project(project).catalog(code).exists()
    data = SiteData.load(Project(project), only=[code])
    assert data.locale(code).status.total.share == 0
    markdown = site_pages(data, Options(pdfs=False))[Path("playbooks") / f"greet-by-name.{code}.md"]
    ids = re.findall(r'data-crkb-id="([^"]+)"( lang="([^"]+)")?', markdown)
    assert ids and all(lang == source for _, _, lang in ids)
    assert '!!! info "' in markdown and 'data-crkb-id="ui.banner.untranslated"' in markdown


def test_check_names_a_complete_language_without_a_catalog_as_an_error(project: Path) -> None:
    code = translated_locales(project / "mkdocs.yml")[0]
    set_status(project, code, "complete")
    result = cli(project, "check", "--locale", code)
    assert result.exit_code == 1, result.output
    assert re.search(rf"^error: .*{code}/LC_MESSAGES/crkb\.po.*\[missing\] {code} has no catalog", result.output, re.M)
    assert f"crkb update -l {code}" in result.output


def test_check_warns_of_a_language_in_progress_without_a_catalog(project: Path) -> None:
    code = translated_locales(project / "mkdocs.yml")[0]
    set_status(project, code, "in-progress")
    result = cli(project, "check", "--locale", code)
    assert result.exit_code == 0, result.output
    assert re.search(rf"^warning: .*\[missing\] {code} has no catalog", result.output, re.M)


def test_status_shows_a_language_without_a_catalog_at_0_percent(project: Path) -> None:
    code = translated_locales(project / "mkdocs.yml")[0]
    result = cli(project, "status", "--locale", code)
    assert result.exit_code == 0, result.output
    assert re.search(rf"^{code}\s.*\b0%$", result.output, re.M), result.output
    assert f"{code} has no catalog yet: `crkb update -l {code}` creates it" in result.output


# --- the word diff ------------------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_and_elides_long_unchanged_runs() -> None:
    old = "one two three four five six seven eight nine ten eleven twelve in Louisville"
    new = "one two three four five six seven eight nine ten eleven twelve bound for Louisville"
    assert word_diff(old, new) == "… nine ten eleven twelve [-in-] {+bound for+} Louisville"
    assert word_changes("Learn names", "Learn the names") == [
        (Change.KEPT, "Learn"),
        (Change.ADDED, "the"),
        (Change.KEPT, "names"),
    ]


# --- the language count is read from the configuration, never written down ---------------------

NUMBERS = "one two three four five six seven eight nine ten eleven twelve".split()


@pytest.mark.parametrize("name", ["README.md", "pyproject.toml", "scripts/crkb/__init__.py"])
def test_no_document_states_a_number_of_languages(name: str) -> None:
    """A count written down goes stale with the next `crkb locale add`; the about page counts itself."""
    found = re.findall(rf"\b(\d+|{'|'.join(NUMBERS)})[ -]languages?\b", (REPO / name).read_text(encoding="utf-8"), re.I)
    assert not found, f"{name} states a number of languages: {found}"


@pytest.mark.slow
def test_about_page_counts_the_languages_of_the_configuration(site_dir: Path, site_data: SiteData) -> None:
    count = len(locales_from(REPO / "mkdocs.yml"))
    for loc in site_data.locales:
        phrase = loc.interface.count("ui.count.language", count)
        about = text(page(site_dir, "about", loc.code))
        assert " ".join(plain(phrase.text, phrase.values).replace("\u00a0", " ").split()) in about, loc.code
