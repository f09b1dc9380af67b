"""WCAG 2.1 AA on the built site, in headless Chromium: axe-core on every kind of page in
every language and both colour schemes, the keyboard, the accessibility tree, the 404 pages.

The site is served as GitHub Pages serves it: a missing address gets the root 404.html
with status 404. One browser for the module; one page per colour scheme, reused.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import NEEDS_CHROMIUM, QuietHandler, chromium, serving
from test_browser import LOCALES, prefix

pytestmark = NEEDS_CHROMIUM
SCHEMES = ("light", "dark")
FAILING = ("critical", "serious")
# The palette only changes colours, so in the dark scheme only axe's colour rules of WCAG AA
# can find more: text contrast (1.4.3) and links told apart by colour alone (1.4.1).
COLOUR_RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
ALL_RULES = {"resultTypes": ["violations"]}


class _PagesHandler(QuietHandler):
    """A static host like GitHub Pages: a missing file gets the site's root 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[str]:
    with serving(site_dir, _PagesHandler) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def tabs(browser) -> Iterator[dict[str, object]]:
    """One page per colour scheme, as the reader's system asks for it (prefers-color-scheme),
    with axe-core (as axe-playwright-python bundles it) loaded into every page they open."""
    axe = pytest.importorskip("axe_playwright_python.base")
    contexts = {s: browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=s) for s in SCHEMES}
    for context in contexts.values():
        context.add_init_script(script=axe.AXE_SCRIPT)
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.fixture
def page(tabs):
    """The light page, back on a fresh state (no search open, no focus) for a keyboard test."""
    tab = tabs["light"]
    tab.goto("about:blank")
    return tab


def page_kinds(site_data, site_dir: Path) -> dict[str, str]:
    """Every kind of page, by the path of one of its kind under a language's prefix."""
    source = site_data.source
    kinds = {
        "home": "",
        "topic": f"topics/{source.topics[0]['id']}/",
        "playbook": f"playbooks/{source.playbooks[0]['id']}/",
        "downloads": "downloads/",
        "status": "status/",
        "about": "about/",
        "404": "no-such-page/",
    }
    return {kind: path for kind, path in kinds.items() if kind == "404" or (site_dir / path / "index.html").is_file()}


KINDS = ("home", "topic", "playbook", "downloads", "status", "about", "404")
RESULTS: dict[tuple[str, str], dict[str, dict[str, int]]] = {}  # (locale, kind) → scheme → impact → count
IMPACTS = ("critical", "serious", "moderate", "minor")


class _AxeSummary:
    """A pytest plugin printing the violations found per page in the terminal summary."""

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not RESULTS:
            return
        terminalreporter.write_sep("-", "axe-core violations per page, critical/serious/moderate/minor")
        terminalreporter.write_line("(light: every rule; dark: the colour rules)")
        for (locale, kind), schemes in RESULTS.items():
            found = "  ".join(
                f"{scheme} " + "/".join(str(counts.get(level, 0)) for level in IMPACTS)
                for scheme, counts in schemes.items()
            )
            terminalreporter.write_line(f"{locale:6} {kind:10} {found}")


@pytest.fixture(scope="module", autouse=True)
def axe_summary(request) -> None:
    """Print the counts at the end of the run, whether the tests pass or not."""
    if not request.config.pluginmanager.has_plugin("crkb-axe-summary"):
        request.config.pluginmanager.register(_AxeSummary(), "crkb-axe-summary")


def open_page(tab, url: str, lang: str) -> None:
    """Open url and wait until the page in `lang` is there (a 404 goes on to its language's page)."""
    tab.goto(url, wait_until="load")
    tab.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=20_000)
    tab.wait_for_load_state("load")


def _counts(violations: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    return counts


def _failing(scheme: str, violations: list[dict]) -> list[str]:
    return [
        f"{scheme}: {v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in FAILING
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_no_critical_or_serious_violation(
    tabs, server: str, site_data, site_dir: Path, locale: str, kind: str
) -> None:
    """Both schemes at once: axe runs in each scheme's page while the other's runs too."""
    path = page_kinds(site_data, site_dir).get(kind)
    if path is None:
        pytest.skip(f"the site has no {kind} page")
    for scheme, tab in tabs.items():
        open_page(tab, f"{server}/{prefix(locale)}{path}", locale)
        assert tab.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        options = COLOUR_RULES if scheme == "dark" else ALL_RULES
        tab.evaluate("options => { window.crkbAxe = axe.run(document, options); }", options)
    failing = []
    for scheme, tab in tabs.items():
        violations = tab.evaluate("window.crkbAxe")["violations"]
        RESULTS.setdefault((locale, kind), {})[scheme] = _counts(violations)
        failing += _failing(scheme, violations)
    assert not failing, "\n".join(failing)


def banner_project(root: Path) -> str:
    """The fixture project with its clean catalog one string short and one string stale,
    every translated language in progress: its playbook page shows both banners."""
    from babel.messages.pofile import read_po
    from conftest import FIXTURES, make_project
    from crkb.catalogs import catalog_bytes
    from crkb.locales import translated_locales

    make_project(root, checklists=False)
    for code in translated_locales(root / "mkdocs.yml"):
        profile = root / "locales" / code / "locale.yml"
        profile.write_text(profile.read_text(encoding="utf-8").replace("status: complete", "status: in-progress"))
    with (FIXTURES / "catalogs" / "cs-clean.po").open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id and m.context and ".actions." in m.context]
    messages[0].string = ""  # untranslated: shown in English
    messages[1].flags.add("fuzzy")  # stale: its English changed
    target = root / "locales" / str(catalog.locale) / "LC_MESSAGES" / "crkb.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(catalog_bytes(catalog))
    return str(catalog.locale)


def test_axe_finds_no_critical_or_serious_violation_in_the_banners(tabs, tmp_path_factory) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("banners")
    locale = banner_project(root)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    with serving(root / "site", _PagesHandler) as base:
        url = f"{base}/{prefix(locale)}playbooks/greet-by-name/"
        failing = []
        for scheme, tab in tabs.items():
            open_page(tab, url, locale)
            assert tab.locator(".admonition.info, .admonition.warning").count() == 2  # untranslated, outdated
            violations = tab.evaluate("o => axe.run(document, o)", COLOUR_RULES if scheme == "dark" else ALL_RULES)
            RESULTS.setdefault((locale, "banners"), {})[scheme] = _counts(violations["violations"])
            failing += _failing(scheme, violations["violations"])
        assert not failing, "\n".join(failing)


# --- The keyboard --------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const shown = e.matches('.md-option') ? e.nextElementSibling : e;  // Material's palette radio: its label
  const style = getComputedStyle(shown), box = shown.getBoundingClientRect();
  return {tag: e.tagName, cls: String(e.className), href: e.getAttribute('href'), lang: e.hreflang || '',
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
          seen: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
          name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60)};
}"""


def tab_until(page, wanted, limit: int = 60) -> dict:
    """Press Tab until `wanted(focused)` holds; the focused element's description."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"not reached with {limit} presses of Tab")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_tab_stop_skips_to_the_content(page, server: str, site_data, locale: str) -> None:
    book = site_data.source.playbooks[0]["id"]
    open_page(page, f"{server}/{prefix(locale)}playbooks/{book}/", locale)
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert "md-skip" in skip["cls"] and skip["seen"] and skip["name"]
    page.keyboard.press("Enter")
    assert page.evaluate("decodeURIComponent(location.hash)") == skip["href"]
    page.keyboard.press("Tab")  # the next stop is in the page's text, past header and navigation
    assert page.evaluate("!!document.activeElement.closest('article')")


def test_every_tab_stop_shows_where_the_focus_is(page, server: str, site_data) -> None:
    """Every element the keyboard reaches is on screen and drawn with an outline."""
    book = site_data.source.playbooks[0]["id"]
    open_page(page, f"{server}/{prefix(LOCALES[-1])}playbooks/{book}/", LOCALES[-1])
    stops, unseen = 0, []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY" or (stops and "md-skip" in focused["cls"]):
            break  # round the whole page
        stops += 1
        if not (focused["seen"] and focused["outline"] != "none" and focused["width"] >= 1):
            unseen.append(focused)
    assert stops > 20  # header, navigation, text and footer were all walked
    assert not unseen, unseen


@pytest.mark.parametrize(("source", "target"), list(zip(LOCALES, LOCALES[1:] + LOCALES[:1])))
def test_the_language_switcher_works_from_the_keyboard(page, server: str, site_data, source: str, target: str) -> None:
    book = site_data.source.playbooks[0]["id"]
    open_page(page, f"{server}/{prefix(source)}playbooks/{book}/", source)
    link = tab_until(page, lambda focused: focused["lang"] == target and "md-select__link" in focused["cls"])
    assert link["seen"], "the language list opens when the keyboard reaches it"
    page.keyboard.press("Enter")
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=target)
    assert urlsplit(page.url).path == f"/{prefix(target)}playbooks/{book}/"


def test_a_table_wider_than_the_screen_scrolls_from_the_keyboard(page, server: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    try:
        open_page(page, f"{server}/{prefix(LOCALES[0])}status/", LOCALES[0])
        wrap = tab_until(page, lambda focused: "md-typeset__scrollwrap" in focused["cls"])
        assert wrap["seen"] and wrap["outline"] != "none"
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("document.activeElement.scrollLeft > 0", timeout=5_000)  # scrolls smoothly
        assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def a_word_of_its_own(site_dir: Path, locale: str) -> str:
    """A frequent word of the language's own search index (each language has its own index,
    so its results are all in the page's language)."""
    index = json.loads((site_dir / "search" / locale / "index.json").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    for doc in index["docs"]:
        counts.update(w.lower() for w in re.findall(r"[^\W\d_]{6,}", doc["title"] + " " + doc["text"]))
    return max(sorted(counts), key=lambda word: counts[word])


@pytest.mark.parametrize("locale", LOCALES)
def test_search_works_from_the_keyboard(page, server: str, site_dir: Path, locale: str) -> None:
    open_page(page, f"{server}/{prefix(locale)}", locale)
    page.wait_for_load_state("networkidle")
    tab_until(page, lambda focused: "md-search__input" in focused["cls"])
    page.keyboard.type(a_word_of_its_own(site_dir, locale), delay=20)
    page.keyboard.press("End")  # non-Latin letters are typed without key events
    page.wait_for_selector(".md-search-result__item:not([hidden])", timeout=10_000)
    page.keyboard.press("ArrowDown")
    result = page.evaluate(FOCUSED)
    assert "md-search-result__link" in result["cls"] and result["seen"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.startswith(f"/{prefix(locale)}")
    assert page.evaluate("document.documentElement.lang") == locale


# --- What a screen reader is given ---------------------------------------------------


def _text(node: dict, nodes: dict[str, dict]) -> str:
    if node.get("role", {}).get("value") == "StaticText":
        return node.get("name", {}).get("value", "")
    return "".join(_text(nodes[c], nodes) for c in node.get("childIds", []) if c in nodes)


def _normal(text: str) -> str:
    return " ".join(text.split())  # no-break spaces (Czech and Slovak typography) read as spaces


@pytest.mark.parametrize("locale", LOCALES)
def test_the_accessibility_tree_reads_each_action_by_its_text(page, server: str, site_data, locale: str) -> None:
    """Chromium's own accessibility tree: actions are list items with their text, no form control."""
    loc = site_data.locale(locale)
    book = loc.playbooks[0]
    open_page(page, f"{server}/{prefix(locale)}playbooks/{book['id']}/", locale)
    cdp = page.context.new_cdp_session(page)
    every = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    # An ignored node (a <span lang="en"> around a string shown in English) still passes its text on.
    nodes = {k: n for k, n in every.items() if not n.get("ignored")}
    cdp.detach()
    roles = [n.get("role", {}).get("value") for n in nodes.values()]
    items = {_normal(_text(n, every)) for n in nodes.values() if n.get("role", {}).get("value") == "listitem"}
    actions = [_normal(action["text"].text) for item in book["items"] for action in item["actions"]]
    assert actions
    assert "checkbox" not in roles
    assert [a for a in actions if a not in items] == []
    dialogs = [n for n in nodes.values() if n.get("role", {}).get("value") == "dialog"]
    assert dialogs and all(d.get("name", {}).get("value") for d in dialogs)


# --- The 404 page --------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_a_missing_page_answers_in_its_languages_404(page, server: str, site_data, locale: str) -> None:
    loc = site_data.locale(locale)
    response = page.goto(f"{server}/{prefix(locale)}playbooks/no-such-playbook/")
    assert response is not None and response.status == 404
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=locale, timeout=20_000)
    assert _normal(page.locator("article h1").inner_text()) == _normal(loc.interface("ui.notfound.title").text)
    home = page.locator("article a").first
    assert _normal(home.inner_text()) == _normal(loc.interface("ui.notfound.home").text)
    home.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/{prefix(locale)}"
    assert page.evaluate("document.documentElement.lang") == locale


def test_a_missing_page_outside_every_language_folder_stays_on_the_root_404(page, server: str) -> None:
    page.goto(f"{server}/no-such-folder/no-such-page/", wait_until="networkidle")
    assert urlsplit(page.url).path == "/no-such-folder/no-such-page/"
    assert page.evaluate("document.documentElement.lang") == LOCALES[0]
